/** Opening intervals per ISO weekday ("1" = Monday … "7" = Sunday), as local "HH:mm" pairs. */
export type WeeklyHours = Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', [string, string][]>>;

/** The usual KEP week: Monday to Friday, 08:00–15:00. */
export const WEEKDAY_HOURS: WeeklyHours = {
  '1': [['08:00', '15:00']],
  '2': [['08:00', '15:00']],
  '3': [['08:00', '15:00']],
  '4': [['08:00', '15:00']],
  '5': [['08:00', '15:00']],
};
