// Greek to Latin after ELOT 743, digraphs first so «ου» is one sound, not «o»+«y».
const DIGRAPHS: [string, string][] = [
  ['ου', 'ou'], ['αυ', 'av'], ['ευ', 'ev'], ['ηυ', 'iv'], ['μπ', 'mp'], ['ντ', 'nt'], ['γγ', 'ng'], ['γκ', 'gk'], ['γχ', 'nch'], ['γξ', 'nx'],
];
const LETTERS: Record<string, string> = {
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm', ν: 'n', ξ: 'x', ο: 'o',
  π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o',
};
// Then spellings people use for the same sound collapse on both sides, so «Μπακογιάννης», «bakogiannis»
// and «mpakogiannhs» meet. Applied to stored names and to queries alike.
const LOOSE: [RegExp, string][] = [
  [/mp/g, 'b'], [/nt/g, 'd'], [/(ng|gk|gg)/g, 'g'], [/ph/g, 'f'], [/(ch|ks)/g, 'x'], [/(?<!t)h/g, 'i'],
  [/w/g, 'o'], [/y/g, 'i'], [/ou/g, 'u'], [/(oi|ei)/g, 'i'], [/ai/g, 'e'], [/([a-z])\1/g, '$1'],
];

/**
 * The form a name is searched by: lower case, no accents or diaeresis, final sigma as sigma,
 * Greek transliterated to Latin (ELOT 743) and common Greeklish spellings folded together.
 * `searchKey('Παπαδόπουλος') === searchKey('papadopoulos') === searchKey('ΠΑΠΑΔΟΠΟΥΛΟΣ')`.
 */
export function searchKey(text: string): string {
  let s = text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  for (const [greek, latin] of DIGRAPHS) s = s.replaceAll(greek, latin);
  s = s.replace(/[α-ω]/g, (c) => LETTERS[c] ?? c).replace(/ς/g, 's');
  for (const [pattern, replacement] of LOOSE) s = s.replace(pattern, replacement);
  return s.replace(/[^a-z0-9]+/g, ' ').trim();
}

/** The search terms of a query: each must appear in the name for a match. */
export function searchTerms(query: string): string[] {
  return searchKey(query).split(' ').filter((t) => t.length > 0);
}
