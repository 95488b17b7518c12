import type { StaffUser } from '../auth/session-data.js';
import { AppError } from '../http/app-error.js';

/**
 * The catalogue editors the directorate named (`catalogueEditors`): SSO subjects, or email
 * addresses when an entry has an `@` (compared without regard to case, as mail systems do).
 */
export interface CatalogueEditors {
  readonly subjects: ReadonlySet<string>;
  readonly emails: ReadonlySet<string>;
}

/** Reads the configured list once. */
export function catalogueEditorsFrom(entries: readonly string[]): CatalogueEditors {
  const subjects = new Set<string>();
  const emails = new Set<string>();
  for (const raw of entries) {
    const entry = raw.trim();
    if (!entry) continue;
    if (entry.includes('@')) emails.add(entry.toLowerCase());
    subjects.add(entry);
  }
  return { subjects, emails };
}

/**
 * Named by the directorate and, right now, a store administrator of some KEP. Roles are re-derived
 * from the RoleSource, so someone who leaves their KEP loses the right with their role, whatever the
 * configuration still says.
 */
export function canEditCatalogue(user: StaffUser, editors: CatalogueEditors): boolean {
  const named = editors.subjects.has(user.sub) || (user.email !== null && editors.emails.has(user.email.toLowerCase()));
  return named && user.grants.some((g) => g.role === 'store_admin');
}

/** Refuses a catalogue change by anyone but an editor (403: the catalogue itself is no secret). */
export function assertCatalogueEditor(user: StaffUser, editors: CatalogueEditors): void {
  if (!canEditCatalogue(user, editors)) {
    throw new AppError(403, 'not-catalogue-editor', 'Τον κατάλογο διαδικασιών αλλάζουν μόνο οι Διαχειριστές Καταστήματος που έχει ορίσει η Διεύθυνση.');
  }
}
