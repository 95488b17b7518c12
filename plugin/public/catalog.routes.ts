import { Router } from 'express';
import { StoreProcedure } from '../db/store-procedure.entity.js';
import type { Procedure } from '../db/procedure.entity.js';
import { searchTerms, searchKey } from '../domain/search-key.js';
import { addDays } from '../domain/local-day.js';
import { todayIn } from '../domain/local-time.js';
import { notFound } from '../http/app-error.js';
import { pathId } from '../http/store-access.js';
import { lastPublicDay, mergeQueues } from './public-availability.js';
import { priorityGrant } from '../priority/priority-rebooking.js';
import { publicQueries, type PublicStoreRow } from './public-queries.js';
import type { PublicDeps } from './public-settings.js';
import type { UnmetDemand } from './unmet-demand.js';
import { LangQuery, PublicAvailabilityQuery, StoreSearchQuery } from './public.schema.js';

/** KEPs change rarely: the search list is read once per this many ms per instance. */
const STORE_LIST_TTL_MS = 30_000;
/** The most KEPs one search answers. */
const MAX_STORES = 50;

/**
 * The public catalogue: KEPs that take online bookings, the procedures each offers, and their free
 * public slots. No sign-in; everything here is public information.
 */
export function catalogRoutes(deps: PublicDeps, unmet: UnmetDemand): Router {
  const router = Router();
  const { orm, rules } = deps;
  let cached: { at: number; rows: (PublicStoreRow & { key: string })[] } | null = null;

  router.get('/stores', async (req, res) => {
    const { q } = StoreSearchQuery.parse(req.query);
    if (!cached || Date.now() - cached.at > STORE_LIST_TTL_MS) {
      const rows = await publicQueries.stores(orm.em);
      cached = { at: Date.now(), rows: rows.map((r) => ({ ...r, key: ` ${searchKey(`${r.municipality} ${r.name} ${r.address}`)} ` })) };
    }
    // Each word must begin a word of the municipality, name or address (where the town is written in the
    // nominative), accents and case aside; a longer word may differ in its last letter, as Greek
    // endings do: «Ηράκλειο» finds «Ηρακλείου», «Αθήνα» finds «Αθηναίων».
    const terms = (q ? searchTerms(q) : []).map((t) => (t.length >= 5 ? t.slice(0, -1) : t));
    const found = cached.rows.filter((r) => terms.every((t) => r.key.includes(` ${t}`))).slice(0, MAX_STORES);
    res.set('Cache-Control', 'public, max-age=60').json(found.map(({ key: _key, ...store }) => store));
  });

  router.get('/stores/:storeId/procedures', async (req, res) => {
    const storeId = pathId(req.params.storeId);
    const { lang } = LangQuery.parse(req.query);
    if (!(await publicQueries.store(orm.em, storeId))) throw notFound('Το ΚΕΠ δεν βρέθηκε ή δεν δέχεται ραντεβού μέσω διαδικτύου.');
    const offered = await orm.em.find(StoreProcedure, { store: storeId, procedure: { active: true } }, { populate: ['procedure'] });
    const items = offered
      .map((o) => o.procedure as Procedure)
      .map((p) => ({ id: p.id, name: p.nameIn(lang), videoEligible: p.videoEligible, alternative: p.alternativeIn(lang), bring: p.bringIn(lang) }))
      .sort((a, b) => a.name.localeCompare(b.name, lang));
    res.set('Cache-Control', 'public, max-age=60').json(items);
  });

  router.get('/stores/:storeId/availability', async (req, res) => {
    const storeId = pathId(req.params.storeId);
    const q = PublicAvailabilityQuery.parse(req.query);
    const found = await publicQueries.storeWithQueues(orm.em, storeId);
    if (!found) throw notFound('Το ΚΕΠ δεν βρέθηκε ή δεν δέχεται ραντεβού μέσω διαδικτύου.');
    const { store } = found;
    const now = deps.now();
    const priority = (await priorityGrant(orm.em, q.priorityToken, store.id, now)) != null;
    const today = todayIn(store.timeZone, now);
    const from = q.from && q.from > today ? q.from : today;
    const last = lastPublicDay(store.timeZone, rules.horizonDays, now);
    const wanted = q.to ?? addDays(from, 13);
    const to = wanted < last ? wanted : last;
    const queues = to >= from ? found.queues.filter((x) => x.mode === q.mode) : [];
    // From the cache of the queues' days (availability-cache.ts). A signed-in citizen's own hold is free
    // to them (back at the time step, the time they hold is still offered).
    const exceptHolder = req.citizen?.sub;
    const free = queues.length ? await deps.availability.freeSlots(orm.em, { store, queues, from, to, rules, priority, now, exceptHolder }) : [];
    // Free of cost when the answer has a time within the unmet-demand days: it looks at nothing else.
    const search = { store, queues, mode: q.mode, procedureId: q.procedureId ?? null, searchId: q.searchId ?? null, now, exceptHolder };
    if (to >= from) await unmet.afterSearch(orm.em, search, from, to, free);
    const days = mergeQueues(free);
    res.set('Cache-Control', 'no-store').json({ from, to: to >= from ? to : from, days });
  });

  return router;
}
