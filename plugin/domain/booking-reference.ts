/**
 * The characters of a booking reference: digits and capital Latin letters without those read or typed
 * as one another (0/O, 1/I/L). The database draws references from the same 31 (see the migration
 * Migration20261206000000_booking_reference), six of them, shown in two groups: "K7P-4MX".
 */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

const TYPED = new RegExp(`^[${REFERENCE_ALPHABET}]{6}$`);

/**
 * The reference a person typed, in its stored form ("K7P-4MX"), or null when the text cannot be one.
 * Case, the dash and spaces do not matter ("k7p4mx", "K7P 4MX"). Text with a character the alphabet
 * leaves out (0, O, 1, I, L) is not a reference, so most names never look like one.
 */
export function referenceFromQuery(text: string): string | null {
  const compact = text.replace(/[\s-]+/g, '').toUpperCase();
  if (!TYPED.test(compact)) return null;
  return `${compact.slice(0, 3)}-${compact.slice(3)}`;
}
