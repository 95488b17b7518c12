import type { Request } from 'express';
import { AppError } from './app-error.js';

/**
 * The version an edit was based on, from `If-Match: "3"` (or `W/"3"`): 3. Absent: undefined, so
 * that the caller may take `version` from the body instead, and answer 428 when neither came.
 * Anything else is a client error (400 `bad-if-match`), never read as "no precondition".
 */
export function ifMatchVersion(req: Request): number | undefined {
  const header = req.get('if-match');
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"(\d+)"$/.exec(header.trim());
  if (!match) throw new AppError(400, 'bad-if-match', 'Η κεφαλίδα If-Match πρέπει να είναι η έκδοση σε εισαγωγικά, π.χ. "3".');
  return Number(match[1]);
}
