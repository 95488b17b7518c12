/**
 * Whether a Greek tax id (ΑΦΜ) is well formed: nine digits whose last is the check digit
 * (the first eight weighted by 2^8 … 2^1, sum mod 11, mod 10). All zeros is refused.
 */
export function isValidAfm(afm: string): boolean {
  if (!/^\d{9}$/.test(afm) || afm === '000000000') return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(afm[i]) * 2 ** (8 - i);
  return (sum % 11) % 10 === Number(afm[8]);
}
