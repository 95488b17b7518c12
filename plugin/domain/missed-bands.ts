/**
 * How bad a KEP's share of appointments missed by staff is, in a few bands, so that 1.3 % and
 * 31.3 % never look alike. The bands are the report's one scale of badness: the badges, marked rows
 * and legend of `<kep-reports>` and of the printable report all read them from here (pure, so the
 * widget bundles it too).
 */

/** `none`: nothing missed; `low`, `medium`, `high`: below 2 %, 2 % to below 5 %, 5 % and over. */
export type MissedBand = 'none' | 'low' | 'medium' | 'high';

/** The lower bound of each band above `none`, as a share (0.02 = 2 %), in the order of the bands. */
export const BAND_FLOORS = { low: 0, medium: 0.02, high: 0.05 } as const;

/** The band of a missed-by-staff rate; `null` (no appointment ended in the period) has none. */
export function missedBand(rate: number | null): MissedBand | null {
  if (rate === null) return null;
  if (rate <= 0) return 'none';
  if (rate >= BAND_FLOORS.high) return 'high';
  if (rate >= BAND_FLOORS.medium) return 'medium';
  return 'low';
}

/**
 * The sign each band carries besides its colour (never colour alone): a word (in the messages) and
 * this shape, which reads in greyscale and for colour-blind eyes too.
 */
export const BAND_ICONS: Record<MissedBand, string> = { none: '✓', low: '●', medium: '◆', high: '▲' };
