import { Router } from 'express';
import { requireStaff } from '../auth/staff-session.middleware.js';
import type { MikroORM } from '@mikro-orm/core';
import { assertReader, storeIdOf } from '../http/store-access.js';
import { requireCitizen } from '../public/citizen-auth.js';
import { wantsHtml } from '../public/manage-page.js';
import { baseUrlOf } from '../public/public-urls.js';
import { bookOffer } from './book-offer.js';
import { joinWaitlist, leaveWaitlist, waitlistEntryView } from './waitlist-entries.js';
import type { WaitlistDeps, WaitlistOffers } from './waitlist-offers.js';
import { sendWaitlistPage, WAITLIST_PAGE_CSS, WAITLIST_PAGE_SCRIPT } from './waitlist-page.js';
import { waitlistQueries } from './waitlist.queries.js';
import { JoinWaitlistBody, StaffWaitlistQuery } from './waitlist.schema.js';
import { AppError } from '../http/app-error.js';
// Adds the waitlist paths to the OpenAPI document.
import './waitlist.openapi.js';

/**
 * `/public/waitlist`: a signed-in citizen joins (POST); the link (in the answer and in every offer
 * email) shows the entry (a page for a browser, JSON otherwise), books the time an offer holds
 * (POST …/book) and leaves the list (DELETE). Mounted in the public API, behind its CORS and limits.
 */
export function publicWaitlistRoutes(deps: WaitlistDeps & { videoLinkTemplate: string; publicUrl?: string | undefined }, offers: WaitlistOffers): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const citizen = requireCitizen(req);
    const input = JoinWaitlistBody.parse(req.body ?? {});
    const joined = await joinWaitlist(deps, citizen, input, baseUrlOf(req, deps.publicUrl));
    // A time may be free already (one freed since the citizen looked): the pass offers it at once.
    offers.poke();
    res.status(201).set('Cache-Control', 'no-store').json(joined);
  });

  // The page's assets, before the `:token` routes.
  router.get('/page.js', (_req, res) => {
    res.set({ 'Cache-Control': 'public, max-age=300', 'X-Content-Type-Options': 'nosniff' }).type('application/javascript').send(WAITLIST_PAGE_SCRIPT);
  });
  router.get('/page.css', (_req, res) => {
    res.set({ 'Cache-Control': 'public, max-age=300', 'X-Content-Type-Options': 'nosniff' }).type('text/css').send(WAITLIST_PAGE_CSS);
  });

  router.get('/:token', async (req, res) => {
    const token = String(req.params.token ?? '');
    const lang = req.query.lang === 'en' ? 'en' : 'el';
    if (wantsHtml(req)) {
      const found = await waitlistEntryView(deps, token, lang).catch((err: unknown) => {
        if (err instanceof AppError && err.status === 404) return null;
        throw err;
      });
      sendWaitlistPage(res, { entry: found, apiBase: baseUrlOf(req, deps.publicUrl), token, lang, leave: req.query.action === 'leave', zone: found?.zone ?? 'Europe/Athens' });
      return;
    }
    const { zone: _zone, ...view } = await waitlistEntryView(deps, token, lang);
    res.vary('Accept');
    res.set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' }).json(view);
  });

  router.post('/:token/book', async (req, res) => {
    const booked = await bookOffer(deps, String(req.params.token ?? ''));
    res.status(201).set('Cache-Control', 'no-store').json(booked);
  });

  router.delete('/:token', async (req, res) => {
    await leaveWaitlist(deps, String(req.params.token ?? ''));
    // A held offer went back: the next in line gets it.
    offers.poke();
    res.status(204).set('Cache-Control', 'no-store').end();
  });

  return router;
}

/** `GET /stores/:storeId/waitlist?from=&to=`: how many citizens wait per day and procedure, for the KEP's staff (no names). */
export function staffWaitlistRoutes(orm: MikroORM): Router {
  const router = Router({ mergeParams: true });
  router.get('/', async (req, res) => {
    const user = requireStaff(req);
    const storeId = storeIdOf(req);
    assertReader(user, storeId);
    const { from, to } = StaffWaitlistQuery.parse(req.query);
    const rows = await waitlistQueries.countsPerDay(orm.em.fork(), storeId, from, to);
    const days = new Map<string, { date: string; waiting: number; procedures: { procedureId: string; procedure: string; waiting: number }[] }>();
    for (const r of rows) {
      const day = days.get(r.date) ?? { date: r.date, waiting: 0, procedures: [] };
      day.waiting += r.waiting;
      day.procedures.push({ procedureId: r.procedure_id, procedure: r.procedure, waiting: r.waiting });
      days.set(r.date, day);
    }
    res.set('Cache-Control', 'no-store').json({ storeId, from, to, days: [...days.values()] });
  });
  return router;
}
