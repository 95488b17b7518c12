import { Router, type Request } from 'express';
import { Appointment } from '../db/appointment.entity.js';
import { notFound } from '../http/app-error.js';
import { pathId } from '../http/store-access.js';
import { cancelOnline, moveOnline } from './change-citizen-appointment.js';
import { requireCitizen } from './citizen-auth.js';
import { toCitizenView } from './citizen-view.js';
import { appointmentByManageToken } from './manage-links.js';
import { MANAGE_PAGE_CSS, MANAGE_PAGE_SCRIPT, pageAsset, sendManagePage, wantsHtml } from './manage-page.js';
import { baseUrlOf } from './public-urls.js';
import { citizenActor, type PublicDeps } from './public-settings.js';
import { MoveBody } from './public.schema.js';

/** The most appointments `GET /public/me/appointments` lists. */
const MY_LIMIT = 100;

/**
 * A citizen's own appointments: signed in (`/public/me/appointments`), or through the link in their
 * email (`/public/manage/:token`). Another citizen's appointment answers 404, like one that does not
 * exist.
 */
export function citizenAppointmentRoutes(deps: PublicDeps): Router {
  const router = Router();
  const { orm, now } = deps;

  router.get('/me/appointments', async (req, res) => {
    const citizen = requireCitizen(req);
    const items = await orm.em.find(
      Appointment,
      { citizenSub: citizen.sub, status: { $ne: 'held' } },
      { populate: ['store'], orderBy: { startsAt: 'desc', id: 'asc' }, limit: MY_LIMIT },
    );
    res.set('Cache-Control', 'no-store').json(items.map((a) => toCitizenView(a, now(), baseUrlOf(req, deps.publicUrl))));
  });

  router.post('/me/appointments/:id/cancel', async (req, res) => {
    const citizen = requireCitizen(req);
    const id = pathId(req.params.id);
    const own = await orm.em.count(Appointment, { id, citizenSub: citizen.sub, status: { $ne: 'held' } });
    if (!own) throw notFound('Το ραντεβού δεν βρέθηκε.');
    const a = await cancelOnline(deps, id, { actor: citizenActor(citizen) });
    deps.afterChange();
    res.set('Cache-Control', 'no-store').json(toCitizenView(a, now(), baseUrlOf(req, deps.publicUrl)));
  });

  // The assets of the plain manage page (see manage-page.ts), before the `:token` route.
  router.get('/manage-page.js', pageAsset('application/javascript', MANAGE_PAGE_SCRIPT));
  router.get('/manage-page.css', pageAsset('text/css', MANAGE_PAGE_CSS));

  router.get('/manage/:token', async (req, res) => {
    if (wantsHtml(req)) {
      // The email's link opened in a browser: the page, never JSON (a dead link gets a polite page).
      const token = String(req.params.token ?? '');
      const valid = (await appointmentByManageToken(orm.em, token, now())) !== null;
      sendManagePage(res, { token, valid, apiBase: baseUrlOf(req, deps.publicUrl), lang: req.query.lang === 'en' ? 'en' : 'el' });
      return;
    }
    const a = await byToken(req);
    res.vary('Accept');
    res.set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' }).json(toCitizenView(a, now(), baseUrlOf(req, deps.publicUrl)));
  });

  router.post('/manage/:token/cancel', async (req, res) => {
    const a = await cancelOnline(deps, (await byToken(req)).id, { actor: 'manage-link' });
    deps.afterChange();
    res.set('Cache-Control', 'no-store').json(toCitizenView(a, now(), baseUrlOf(req, deps.publicUrl)));
  });

  router.post('/manage/:token/move', async (req, res) => {
    const { startsAt } = MoveBody.parse(req.body ?? {});
    const a = await moveOnline(deps, (await byToken(req)).id, startsAt, { actor: 'manage-link' });
    deps.afterChange();
    res.set('Cache-Control', 'no-store').json(toCitizenView(a, now(), baseUrlOf(req, deps.publicUrl)));
  });

  async function byToken(req: Request): Promise<Appointment> {
    const a = await appointmentByManageToken(orm.em, String(req.params.token ?? ''), now());
    if (!a) throw notFound('Ο σύνδεσμος δεν ισχύει ή έχει λήξει.');
    return a;
  }

  return router;
}
