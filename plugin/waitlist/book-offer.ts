import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { citizenBookingQueries } from '../db/citizen-booking.queries.js';
import { searchKey } from '../domain/search-key.js';
import { VIDEO_TOKEN_BYTES, videoLinkFor } from '../domain/video-link.js';
import { AppError, notFound } from '../http/app-error.js';
import { auditSnapshot } from '../booking/appointment-view.js';
import { inTimeTransaction } from '../booking/booking-core.js';
import { bookingAnswer } from '../public/bookings.js';
import { assertBelowCitizenLimit } from '../public/citizen-limit.js';
import { newManageLink } from '../public/manage-links.js';
import { citizenActor } from '../public/public-settings.js';
import { linkHashOf } from './waitlist-entries.js';
import type { WaitlistDeps } from './waitlist-offers.js';
import { waitlistQueries } from './waitlist.queries.js';

/**
 * Books the time an offer holds, by the link of the offer email (no sign-in: the link's secret is
 * the citizen's, as a manage link is): the held row becomes the appointment, so nobody can take the
 * time in between, with the name, email and ΑΦΜ the entry kept, its confirmation email and manage
 * link, and the entry 'booked'. The citizen's limit of future appointments still applies. One
 * transaction under the citizen's and the queue's locks (see `waitlistQueries.lockOffer`).
 */
export async function bookOffer(deps: WaitlistDeps & { videoLinkTemplate: string }, token: string) {
  const linkHash = linkHashOf(token);
  const body = await inTimeTransaction(deps.orm, deps, async (em) => {
    const now = deps.now();
    const o = await waitlistQueries.lockOffer(em, linkHash, now);
    if (!o) throw await whyNoOffer(em, linkHash);
    if (o.status !== 'offered' || new Date(o.held_until).getTime() <= now.getTime()) throw offerLapsed();
    const max = deps.rules.maxFutureAppointmentsPerCitizen;
    if (o.future >= max) await assertBelowCitizenLimit(em, o.citizen_sub, max, o.hold_id, now);
    const store = o.store_json;
    const videoLink = o.mode === 'video' ? videoLinkFor(deps.videoLinkTemplate, randomBytes(VIDEO_TOKEN_BYTES)) : null;
    const manage = newManageLink(o.base_url, deps.rules, now);
    const result = bookingAnswer({
      id: o.hold_id,
      reference: o.reference,
      storeName: store.name,
      startsAt: o.starts_at,
      endsAt: o.ends_at,
      mode: o.mode,
      procedure: o.procedure_json ? (o.language === 'en' ? o.procedure_json.name_en : o.procedure_json.name) : o.procedure,
      videoLink,
      baseUrl: o.base_url,
      manageUrl: manage.url,
    });
    const set = {
      firstName: o.first_name,
      lastName: o.last_name,
      email: o.email,
      phone: null,
      businessName: null,
      businessTaxId: null,
      taxId: o.tax_id,
      language: o.language,
      citizenSub: o.citizen_sub,
      videoLink,
      searchKey: `${searchKey(o.first_name)} ${searchKey(o.last_name)}`.slice(0, 300),
    };
    const after = auditSnapshot({
      ...set,
      queue: { id: o.queue_id },
      startsAt: new Date(o.starts_at),
      endsAt: new Date(o.ends_at),
      procedure: o.procedure,
      notes: null,
      mode: o.mode,
      status: 'booked',
      source: 'online',
      cancelledReason: null,
    });
    const written = await citizenBookingQueries.bookHeld(em, {
      holdId: o.hold_id,
      set,
      audit: { actor: citizenActor({ sub: o.citizen_sub }), after: { ...after, citizenSub: o.citizen_sub, videoLink, waitlist: true } },
      manage,
    });
    if (!written) throw offerLapsed();
    await waitlistQueries.markBooked(em, o.id, now);
    // A hold becoming a booking takes no time from anyone: the availability already counted it.
    return result;
  });
  deps.afterChange();
  return body;
}

const offerLapsed = () =>
  new AppError(409, 'offer-expired', 'Ο χρόνος για να κλείσετε την ώρα που κρατήθηκε για εσάς έληξε και η ώρα δόθηκε στον επόμενο της λίστας. Θα σας ειδοποιήσουμε αν ελευθερωθεί άλλη.');

/**
 * Why a link names no offer to book: an unknown link (404), one already booked, one still waiting, or
 * one whose offer lapsed (409). Read in the booking's transaction: PGlite has one connection.
 */
async function whyNoOffer(em: EntityManager, linkHash: string): Promise<AppError> {
  const row = await waitlistQueries.byLink(em, linkHash);
  if (!row || row.status === 'left') return notFound('Ο σύνδεσμος δεν ισχύει ή έχει αντικατασταθεί από νεότερο email.');
  if (row.status === 'booked') return new AppError(409, 'waitlist-booked', 'Έχετε ήδη κλείσει αυτή την ώρα: δείτε το email επιβεβαίωσης.');
  if (row.status === 'waiting') return new AppError(409, 'no-offer', 'Δεν έχει ελευθερωθεί ακόμη ώρα για εσάς. Θα σας στείλουμε email μόλις ελευθερωθεί.');
  return offerLapsed();
}
