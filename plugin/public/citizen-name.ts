import { AppError } from '../http/app-error.js';
import type { Citizen } from './public-settings.js';

/** The name an online booking is made under. */
export interface BookingName {
  firstName: string;
  lastName: string;
}

const same = (a: string, b: string) => a.normalize('NFC').replace(/\s+/g, ' ').trim() === b.normalize('NFC').replace(/\s+/g, ' ').trim();

/**
 * The name of a citizen's booking. When the identity provider said the given and family names
 * (TaxisNet does), they are the name: a body may leave them out, and one naming someone else is
 * refused (400), so that nobody books under another's name with their own sign-in. A provider that
 * gave only a display name leaves the name to the body, as before.
 */
export function bookingName(citizen: Citizen, body: { firstName?: string | undefined; lastName?: string | undefined }): BookingName {
  if (citizen.givenName && citizen.familyName) {
    const errors = [];
    if (body.firstName !== undefined && !same(body.firstName, citizen.givenName)) {
      errors.push({ path: 'firstName', message: 'Το όνομα είναι αυτό του λογαριασμού σας στον πάροχο ταυτότητας και δεν αλλάζει εδώ.' });
    }
    if (body.lastName !== undefined && !same(body.lastName, citizen.familyName)) {
      errors.push({ path: 'lastName', message: 'Το επώνυμο είναι αυτό του λογαριασμού σας στον πάροχο ταυτότητας και δεν αλλάζει εδώ.' });
    }
    if (errors.length) throw new AppError(400, 'name-from-identity', 'Το ραντεβού κλείνεται στο όνομα του λογαριασμού σας.', { errors });
    return { firstName: citizen.givenName, lastName: citizen.familyName };
  }
  const errors = [];
  if (!body.firstName) errors.push({ path: 'firstName', message: 'Συμπληρώστε το όνομα.' });
  if (!body.lastName) errors.push({ path: 'lastName', message: 'Συμπληρώστε το επώνυμο.' });
  if (errors.length) throw new AppError(400, 'validation', 'Ελέγξτε τα πεδία που σημειώνονται.', { errors });
  return { firstName: body.firstName!, lastName: body.lastName! };
}
