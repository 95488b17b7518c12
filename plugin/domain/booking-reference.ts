/**
 * The characters of a booking reference: digits and capital Latin letters without those read or typed
 * as one another (0/O, 1/I/L). The database draws references from the same 31 (see the migration
 * Migration20261206000000_booking_reference), six of them, shown in two groups: "K7P-4MX".
 */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

const TYPED = new RegExp(`^[${REFERENCE_ALPHABET}]{6}$`);

/**
 * Greek capitals that look like the Latin letters of a reference. A citizen reading "K7P-4MX" off a
 * phone with the Greek keyboard on types Κ, Ρ, Μ, Χ: the same shapes, other code points. Only
 * look-alikes are mapped, never keyboard positions (the P key gives Π there, the R key Ρ), since a
 * person copies what they see. Lower case arrives here upper-cased (κ → Κ).
 */
const LOOK_ALIKES: Record<string, string> = {
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Κ: 'K', Μ: 'M', Ν: 'N', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
};

/** Dashes a phone or a word processor puts for "-" (hyphen, non-breaking hyphen, figure, en and em dash, minus), and the underscore. */
const DASHES = /[\u2010-\u2015\u2212_]/g;

/**
 * The reference a person typed or a scanner read (the staff search, a kiosk's arrival), in its stored
 * form ("K7P-4MX"), or null when the text cannot be one. Case, spaces, any dash, accents (Ά) and Greek
 * look-alike letters do not matter ("k7p4mx", "K7P 4MX", "Κ7Ρ–4ΜΧ"). Text with a character the
 * alphabet leaves out (0, O, 1, I, L, or anything else) is not a reference, so most names never look like one.
 */
export function referenceFromTyped(text: string): string | null {
  const compact = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[ΑΒΕΖΗΚΜΝΡΤΥΧ]/g, (ch) => LOOK_ALIKES[ch]!)
    .replace(DASHES, '-')
    .replace(/[\s-]+/g, '');
  if (!TYPED.test(compact)) return null;
  return `${compact.slice(0, 3)}-${compact.slice(3)}`;
}
