import { hashSecret, newSecret } from '../auth/secrets.js';
import { inTimeTransaction } from '../booking/booking-core.js';
import { recordFreed } from '../booking/claim-time.js';
import { localDateOf } from '../domain/local-day.js';
import { AppError, notFound } from '../http/app-error.js';
import { bookingName } from '../public/citizen-name.js';
import { lastPublicDay } from '../public/public-availability.js';
import { citizenActor, type Citizen } from '../public/public-settings.js';
import { waitlistLinkOf, type WaitlistDeps } from './waitlist-offers.js';
import { waitlistQueries } from './waitlist.queries.js';
import type { JoinWaitlistInput } from './waitlist.schema.js';

const LINK = /^[A-Za-z0-9_-]{20,100}$/;
const LINK_GONE = 'Ο σύνδεσμος δεν ισχύει: έχετε ήδη αποχωρήσει από τη λίστα αναμονής ή ο σύνδεσμος αντικαταστάθηκε από νεότερο email.';

/** The hash a link's secret is stored as, or 404 for something that cannot be one. */
export function linkHashOf(token: string): string {
  if (!LINK.test(token)) throw notFound(LINK_GONE);
  return hashSecret(token);
}

/**
 * Puts a signed-in citizen on the KEP's waitlist for a procedure and mode between two local dates
 * (from today to the public horizon). One live entry per citizen per KEP and procedure (the unique
 * index; a second answers 409). The name is the one the booking would take (the identity
 * provider's, when it gave one). Answers the link (to see and leave the entry) and the place in line.
 */
export async function joinWaitlist(deps: WaitlistDeps, citizen: Citizen, input: JoinWaitlistInput, baseUrl: string) {
  const em = deps.orm.em.fork();
  const now = deps.now();
  const facts = await waitlistQueries.joinFacts(em, input.storeId, input.procedureId, input.mode);
  if (!facts) throw new AppError(404, 'not-found', 'Το ΚΕΠ δεν βρέθηκε ή δεν δέχεται ραντεβού μέσω διαδικτύου.');
  const errors: { path: string; message: string }[] = [];
  if (!facts.procedure) errors.push({ path: 'procedureId', message: 'Η διαδικασία δεν προσφέρεται σε αυτό το ΚΕΠ.' });
  else if (input.mode === 'video' && !facts.procedure.video_eligible) errors.push({ path: 'mode', message: 'Η διαδικασία δεν εξυπηρετείται με βιντεοκλήση.' });
  if (facts.queues === 0) errors.push({ path: 'mode', message: input.mode === 'video' ? 'Το ΚΕΠ δεν προσφέρει ραντεβού με βιντεοκλήση.' : 'Το ΚΕΠ δεν προσφέρει ραντεβού δια ζώσης μέσω διαδικτύου.' });
  const today = localDateOf(now.getTime(), facts.time_zone);
  const last = lastPublicDay(facts.time_zone, deps.rules.horizonDays, now);
  if (input.from < today) errors.push({ path: 'from', message: 'Η ημερομηνία «από» δεν μπορεί να είναι στο παρελθόν.' });
  if (input.to > last) errors.push({ path: 'to', message: `Ραντεβού κλείνονται έως ${deps.rules.horizonDays} ημέρες μπροστά.` });
  if (errors.length) throw new AppError(400, 'validation', 'Ελέγξτε τα πεδία που σημειώνονται.', { errors });
  const name = bookingName(citizen, input);
  const token = newSecret();
  const entry = await waitlistQueries
    .insert(em, {
      storeId: input.storeId,
      procedureId: input.procedureId,
      mode: input.mode,
      from: input.from,
      to: input.to,
      citizenSub: citizen.sub,
      email: input.email,
      firstName: name.firstName,
      lastName: name.lastName,
      taxId: citizen.taxId ?? null,
      language: input.language,
      baseUrl,
      linkHash: hashSecret(token),
      now,
      actor: citizenActor(citizen),
    })
    .catch((err: unknown) => {
      if ((err as { code?: string })?.code === '23505') {
        throw new AppError(409, 'waitlist-already', 'Είστε ήδη στη λίστα αναμονής αυτού του ΚΕΠ για αυτή τη διαδικασία. Για άλλες ημερομηνίες, αποχωρήστε πρώτα με τον σύνδεσμο που λάβατε.');
      }
      throw err;
    });
  return {
    id: entry.id,
    status: 'waiting' as const,
    // The count was read with the insert, which it does not see yet.
    position: entry.ahead + 1,
    from: input.from,
    to: input.to,
    linkUrl: waitlistLinkOf(baseUrl, token),
    offerMinutes: deps.rules.waitlistOfferMinutes,
  };
}

/** Leaves the list by the link (from the join, or any offer email): a held offer goes back to the next in line. 404 once left. */
export async function leaveWaitlist(deps: WaitlistDeps, token: string): Promise<void> {
  const linkHash = linkHashOf(token);
  const left = await inTimeTransaction(deps.orm, deps, async (em, changed) => {
    const result = await waitlistQueries.leave(em, linkHash, deps.now());
    if (result.storeId && result.zone) recordFreed(changed, { id: result.storeId, time_zone: result.zone }, result.freed);
    return result.left;
  });
  if (!left) throw notFound(LINK_GONE);
}

/** The entry a link shows: what it waits for and the offer while it lasts; 404 for an unknown link. */
export async function waitlistEntryView(deps: WaitlistDeps, token: string, lang: 'el' | 'en') {
  const row = await waitlistQueries.byLink(deps.orm.em.fork(), linkHashOf(token));
  if (!row) throw notFound(LINK_GONE);
  const now = deps.now().getTime();
  const live = row.status === 'offered' && row.offer_until && row.offer_starts_at && row.ends_at && new Date(row.offer_until).getTime() > now;
  return {
    status: row.status === 'offered' && !live ? ('expired' as const) : row.status,
    storeName: row.store_name,
    zone: row.time_zone,
    procedure: lang === 'en' ? row.procedure_name_en : row.procedure_name,
    mode: row.mode,
    from: row.date_from,
    to: row.date_to,
    offer: live ? { startsAt: new Date(row.offer_starts_at!).toISOString(), endsAt: new Date(row.ends_at!).toISOString(), until: new Date(row.offer_until!).toISOString() } : null,
  };
}
