import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * A phone number in E.164 form (`+306912345678`), read as Greek unless it carries its own country
 * code; null when it is not a possible number (Greek mobiles are 69…, landlines 2…, both ten digits).
 */
export function normalisePhone(input: string): string | null {
  const parsed = parsePhoneNumberFromString(input, 'GR');
  return parsed?.isValid() ? parsed.number : null;
}
