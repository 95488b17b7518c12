import type { MikroORM } from '@mikro-orm/core';
import { Router, type Request } from 'express';
import type { Clock } from '../domain/clock.js';
import type { LiveEvents } from '../live/live-events.js';
import { sendEvents } from '../live/sse.js';
import { pageAsset, wantsHtml } from '../public/manage-page.js';
import { baseUrlOf } from '../public/public-urls.js';
import { sendVideoRoomPage, VIDEO_ROOM_CSS, VIDEO_ROOM_SCRIPT } from './video-room-page.js';
import { toVideoRoomView } from './video-room-view.js';
import { rebookFromRoom, roomByToken, startWaiting } from './video-room.js';
import { videoRoomQueries } from './video-room.queries.js';
// Adds the waiting room's paths to the OpenAPI document.
import './video-room.openapi.js';

/** What the waiting room needs from the plugin. */
export interface VideoRoomDeps {
  orm: MikroORM;
  now: Clock;
  live: LiveEvents;
  publicUrl?: string | undefined;
  /** The apology's rebooking rules (the `attendance` option): its link template and how long a priority token lasts. */
  rebook: { rebookUrl?: string | undefined; priorityDays: number };
}

const NO_STORE = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' };

/**
 * `/public/video/:token`: the video waiting room, mounted in the public router (its CORS and per-IP
 * limits; no cookie is read). The token is the only credential: derived from the meeting link
 * (plugin/domain/video-room.ts), looked up by its hash. A browser gets the page, anything else the
 * JSON the page reads again on each event of `…/events` (server-sent, this appointment's only) and
 * every 10 seconds; `POST …/waiting` is «Περιμένω», `POST …/rebook` the offer to book again first
 * in line. An unknown token: the polite 404 page, or a 404 problem.
 */
export function videoRoomRoutes(deps: VideoRoomDeps): Router {
  const router = Router();
  const langOf = (req: Request, fallback: 'el' | 'en' = 'el'): 'el' | 'en' => (req.query.lang === 'en' ? 'en' : req.query.lang === 'el' ? 'el' : fallback);
  const token = (req: Request) => String(req.params.token ?? '');

  router.get('/video-room.js', pageAsset('application/javascript', VIDEO_ROOM_SCRIPT));
  router.get('/video-room.css', pageAsset('text/css', VIDEO_ROOM_CSS));

  router.get('/video/:token', async (req, res) => {
    if (wantsHtml(req)) {
      const row = await videoRoomQueries.byToken(deps.orm.em.fork(), token(req));
      const lang = langOf(req, row?.language ?? 'el');
      sendVideoRoomPage(res, { token: token(req), view: row ? toVideoRoomView(row, deps.now(), lang) : null, apiBase: baseUrlOf(req, deps.publicUrl), lang });
      return;
    }
    const row = await roomByToken(deps.orm, token(req));
    res.vary('Accept').set(NO_STORE).json(toVideoRoomView(row, deps.now(), langOf(req, row.language)));
  });

  // This appointment's live events only (the citizen's own «Περιμένω», the alert, the call's start): each tells the page to read the room again.
  router.get('/video/:token/events', async (req, res) => {
    const row = await roomByToken(deps.orm, token(req));
    sendEvents(req, res, { storeId: row.storeId, live: deps.live, filter: (e) => e.appointmentId === row.id });
  });

  router.post('/video/:token/waiting', async (req, res) => {
    const row = await startWaiting(deps.orm, token(req), deps.now, deps.live);
    res.set(NO_STORE).json(toVideoRoomView(row, deps.now(), langOf(req, row.language)));
  });

  router.post('/video/:token/rebook', async (req, res) => {
    const links = { rebookUrl: deps.rebook.rebookUrl, publicUrl: baseUrlOf(req, deps.publicUrl) };
    res.set(NO_STORE).json(await rebookFromRoom(deps.orm, token(req), deps.now, { priorityDays: deps.rebook.priorityDays, links }));
  });
  return router;
}
