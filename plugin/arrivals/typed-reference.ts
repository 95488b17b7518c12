import { referenceFromQuery } from '../domain/booking-reference.js';

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
 * The reference a person typed or a scanner read, in its stored form ("K7P-4MX"), or null for junk.
 * Case, spaces, any dash, accents (Ά) and Greek look-alike letters do not matter; a character outside
 * the reference alphabet (0, O, 1, I, L, or anything else) makes it junk.
 */
export function referenceFromTyped(text: string): string | null {
  const folded = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(DASHES, '-')
    .replace(/[ΑΒΕΖΗΚΜΝΡΤΥΧ]/g, (ch) => LOOK_ALIKES[ch]!);
  return referenceFromQuery(folded);
}
