import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { VIDEO_ALERT_MINUTES } from '../domain/video-room.js';
import { registerOpenApiPaths, registerStoreSetting } from '../http/openapi.js';
import { z } from '../http/zod-openapi.js';
import { VideoRoomView } from './video-room-view.js';

/**
 * `PUT /stores/:storeId/video-room`: after how many minutes without a started call the KEP is
 * alerted about a citizen waiting in the video waiting room.
 */
export const VideoRoomSettingsBody = z
  .object({
    alertMinutes: z
      .number({ error: 'Συμπληρώστε μετά από πόσα λεπτά αναμονής ειδοποιείται το ΚΕΠ.' })
      .int('Τα λεπτά είναι ακέραιος αριθμός.')
      .min(VIDEO_ALERT_MINUTES.min, `Τα λεπτά είναι τουλάχιστον ${VIDEO_ALERT_MINUTES.min}.`)
      .max(VIDEO_ALERT_MINUTES.max, `Τα λεπτά είναι το πολύ ${VIDEO_ALERT_MINUTES.max}.`)
      .openapi({ description: 'Minutes after the later of the start and the citizen’s «Περιμένω» (default 5)' }),
  })
  .strict()
  .openapi('VideoRoomSettings', { example: { alertMinutes: 5 } });

/** What the rebooking offer answers. */
const RoomRebooking = z
  .object({
    rebookUrl: z.string().nullable().openapi({ description: 'The "book again first in line" link (`attendance.rebookUrl`, else the plugin’s priority endpoint); null when the plugin does not know where it is reached' }),
    validUntil: z.iso.datetime(),
  })
  .openapi('VideoRoomRebooking');

function register(registry: OpenAPIRegistry, problem: (description: string) => object): void {
  const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
  const Token = z.object({ token: z.string().openapi({ description: 'The waiting-room token of the email’s video link (64 hex digits)' }) });
  const Lang = z.object({ lang: z.enum(['el', 'en']).optional() });
  const limited = { 429: problem('Too many requests from this IP; see Retry-After') };
  registry.registerPath({
    method: 'get',
    path: '/api/v1/public/video/{token}',
    summary: 'The video waiting room of the email’s video link: a browser gets the page (Greek, or `lang=en`), other clients this JSON, which the page polls. No sign-in: the token is the credential',
    request: { params: Token, query: Lang },
    responses: { 200: json(VideoRoomView, 'The room'), 404: problem('Unknown token (a browser gets a page saying so)'), ...limited },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/public/video/{token}/events',
    summary: 'The room’s live events as server-sent events (this appointment’s only: its «Περιμένω», its late-start alert, the call’s start; ids only), on each of which the page reads the room again',
    request: { params: Token },
    responses: { 200: { description: 'The stream', content: { 'text/event-stream': { schema: z.string() } } }, 404: problem('Unknown token'), ...limited },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/public/video/{token}/waiting',
    summary: '«Περιμένω»: records that the citizen waits (the first time only, audited) and tells the KEP’s screens; from 10 minutes before the start until the end',
    request: { params: Token, query: Lang },
    responses: { 200: json(VideoRoomView, 'Waiting'), 404: problem('Unknown token'), 409: problem('`not-waiting-time`: too early, or the appointment is over or cancelled'), ...limited },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/public/video/{token}/rebook',
    summary: 'Book again first in line: a priority token (as the apology for a missed appointment gives), offered 10 minutes after the late-start alert while nobody started the call',
    request: { params: Token },
    responses: { 200: json(RoomRebooking, 'The link'), 404: problem('Unknown token'), 409: problem('`rebook-not-offered`, or `priority-used`'), ...limited },
  });
  registerStoreSetting(registry, problem, {
    path: '/api/v1/stores/{storeId}/video-room',
    schema: VideoRoomSettingsBody,
    read: 'The KEP’s video waiting room settings: minutes without a started call before the alert (any staff member of the KEP)',
    write: 'Set the minutes before the video late-start alert (store administrator; 1–60, audited as store.video_room)',
  });
}

registerOpenApiPaths(register);
