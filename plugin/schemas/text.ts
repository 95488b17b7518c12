import { z } from '../http/zod-openapi.js';

/**
 * The one rule for text a person typed, used by every request schema (staff API, public API,
 * catalogue). Three kinds:
 * - `name`: what lists show to tell people and things apart (a person's first and last name, a
 *   business, a queue, a procedure's names, an employee's name);
 * - `line`: other one-line text (a reason, a search, an SSO subject, what to bring);
 * - `multiline`: notes and longer texts, where tab and new lines are kept.
 *
 * Refused everywhere: NUL and the other C0 controls (bar tab and new lines in `multiline`), DEL and
 * the C1 controls, and lone UTF-16 surrogates (JSON can carry `"\ud800"`; PostgreSQL refuses it, and
 * NUL, when it writes the audit JSON, which would otherwise answer 500).
 *
 * Refused in `name`: bidirectional controls and invisible characters (U+061C, U+200B–U+200F,
 * U+202A–U+202E, U+2060–U+2064, U+2066–U+2069, U+FEFF). An override (U+202E) or an invisible
 * character makes one name display as, or sort apart from, another in the staff lists.
 *
 * Refused in `line` and `multiline`: the bidirectional embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069), which can reorder what a reader sees of a reason or a note
 * ("Trojan source"). The marks (LRM, RLM, ALM) and the joiners (ZWJ, ZWNJ) stay: they change how
 * text is shaped, not what order it is read in, and emoji sequences use ZWJ.
 */
export type TextKind = 'name' | 'line' | 'multiline';

const CONTROLS: Record<TextKind, RegExp> = {
  name: /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/,
  line: /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/,
  multiline: /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/,
};
const NAME_INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
const BIDI_OVERRIDES = /[\u202a-\u202e\u2066-\u2069]/;
// Without the u flag a regular expression sees UTF-16 code units, so half a pair is visible to it
// (String.prototype.isWellFormed is ES2024, beyond the library the project compiles against).
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The Greek message for text that breaks the rule of its kind, or null when it is fine. */
export function textProblem(value: string, kind: TextKind): string | null {
  if (LONE_SURROGATE.test(value)) return 'Περιέχει χαρακτήρα που δεν είναι έγκυρος (μισό ζεύγος UTF-16). Γράψτε ξανά το κείμενο.';
  if (CONTROLS[kind].test(value)) {
    return kind === 'multiline'
      ? 'Περιέχει χαρακτήρες ελέγχου (π.χ. NUL) που δεν επιτρέπονται· επιτρέπονται μόνο αλλαγές γραμμής και tab.'
      : 'Περιέχει χαρακτήρες ελέγχου ή αλλαγή γραμμής (π.χ. NUL) που δεν επιτρέπονται.';
  }
  if (kind === 'name' && NAME_INVISIBLE.test(value)) {
    return 'Περιέχει αόρατους χαρακτήρες ή χαρακτήρες κατεύθυνσης κειμένου, που κάνουν ένα όνομα να φαίνεται σαν άλλο. Γράψτε το χωρίς αυτούς.';
  }
  if (BIDI_OVERRIDES.test(value)) return 'Περιέχει χαρακτήρες που αλλάζουν την κατεύθυνση του κειμένου και δεν επιτρέπονται.';
  return null;
}

interface TextOptions {
  /** The message for a missing or empty value; without it an empty string is accepted. */
  required?: string;
  max: number;
  tooLong: string;
}

/**
 * A text field: a string, NFC-normalised and trimmed, no longer than `max`, checked by `textProblem`.
 * The check runs on the normalised text, so what is stored is what was checked.
 */
export function text(kind: TextKind, { required, max, tooLong }: TextOptions) {
  const checked = z
    .string()
    .max(max, tooLong)
    .superRefine((s, ctx) => {
      const problem = textProblem(s, kind);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
  return z
    .string(required ? { error: required } : undefined)
    .transform((s) => s.normalize('NFC').trim())
    .pipe(required ? checked.min(1, required) : checked)
    .openapi({ type: 'string', maxLength: max });
}
