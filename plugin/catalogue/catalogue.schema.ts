import { text } from '../schemas/text.js';
import { z } from '../http/zod-openapi.js';

const GREEK_LETTER = /\p{Script=Greek}/u;

// Text as typed, NFC-normalised and trimmed (the shared rule of schemas/text.ts). Markup is kept as
// the characters it is: every reader (the widgets' Lit templates, the emails' escaping) shows it as
// text, never as HTML.

/** Optional longer text; empty means none. */
function optionalText(max: number, tooLong: string) {
  return text('multiline', { max, tooLong })
    .transform((s) => s || null)
    .nullable()
    .openapi({ type: ['string', 'null'], maxLength: max });
}

function bringList(label: string) {
  return z
    .array(text('line', { required: `Ένα στοιχείο της λίστας «${label}» είναι κενό.`, max: 300, tooLong: `Κάθε στοιχείο της λίστας «${label}» έχει έως 300 χαρακτήρες.` }), {
      error: `Η λίστα «${label}» είναι λίστα κειμένων.`,
    })
    .max(20, `Έως 20 στοιχεία στη λίστα «${label}».`);
}

const fields = {
  code: z
    .string({ error: 'Συμπληρώστε τον κωδικό.' })
    .transform((s) => s.trim().toUpperCase())
    .pipe(
      z
        .string()
        .min(1, 'Συμπληρώστε τον κωδικό.')
        .max(32, 'Ο κωδικός έχει έως 32 χαρακτήρες.')
        .regex(/^[A-Z0-9][A-Z0-9_-]*$/, 'Ο κωδικός έχει λατινικά γράμματα, ψηφία, «-» και «_», π.χ. PIST-GEN.'),
    )
    .openapi({ type: 'string', example: 'PIST-GEN' }),
  name: text('name', { required: 'Συμπληρώστε το όνομα της διαδικασίας στα ελληνικά.', max: 300, tooLong: 'Το όνομα έχει έως 300 χαρακτήρες.' })
    // An empty name has its own message already.
    .refine((s) => s === '' || GREEK_LETTER.test(s), 'Γράψτε το όνομα της διαδικασίας στα ελληνικά.')
    .openapi({ type: 'string', example: 'Έκδοση πιστοποιητικού γέννησης' }),
  nameEn: text('name', { required: 'Συμπληρώστε το όνομα της διαδικασίας στα αγγλικά.', max: 300, tooLong: 'Το αγγλικό όνομα έχει έως 300 χαρακτήρες.' }).openapi({
    type: 'string',
    example: 'Birth certificate',
  }),
  videoEligible: z.boolean({ error: 'Επιλέξτε αν η διαδικασία εξυπηρετείται με βιντεοκλήση.' }),
  alternativeText: optionalText(1000, 'Το κείμενο έχει έως 1000 χαρακτήρες.'),
  alternativeTextEn: optionalText(1000, 'Το αγγλικό κείμενο έχει έως 1000 χαρακτήρες.'),
  bring: bringList('Τι να φέρει ο πολίτης'),
  bringEn: bringList('Τι να φέρει ο πολίτης (αγγλικά)').nullable(),
};

/** The message of a procedure that video cannot serve and that says nothing about what to do instead. */
export const ALTERNATIVE_REQUIRED = 'Γράψτε τι να κάνει ο πολίτης αντί για βιντεοκλήση: να έρθει δια ζώσης, ή να στείλει τα έγγραφα με ΕΛΤΑ όπου ισχύει.';

/** The body of `POST /api/v1/procedures`. */
export const CreateProcedureBody = z
  .object({
    code: fields.code,
    name: fields.name,
    nameEn: fields.nameEn,
    videoEligible: fields.videoEligible,
    alternativeText: fields.alternativeText.optional(),
    alternativeTextEn: fields.alternativeTextEn.optional(),
    bring: fields.bring.default([]),
    bringEn: fields.bringEn.optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (!p.videoEligible && !p.alternativeText) ctx.addIssue({ code: 'custom', path: ['alternativeText'], message: ALTERNATIVE_REQUIRED });
  })
  .openapi('CreateProcedure');

export type CreateProcedureInput = z.infer<typeof CreateProcedureBody>;

/**
 * The body of `PATCH /api/v1/procedures/:id`: any subset; `active: false` retires the procedure
 * (never deleted, since appointments refer to it), `active: true` brings it back.
 */
export const UpdateProcedureBody = z
  .object({
    code: fields.code,
    name: fields.name,
    nameEn: fields.nameEn,
    videoEligible: fields.videoEligible,
    alternativeText: fields.alternativeText,
    alternativeTextEn: fields.alternativeTextEn,
    bring: fields.bring,
    bringEn: fields.bringEn,
    active: z.boolean({ error: 'Το «active» είναι true ή false.' }),
    /** The version the edit was based on, when the client cannot send `If-Match`. */
    version: z.number().int().positive(),
  })
  .partial()
  .strict()
  .openapi('UpdateProcedure');

export type UpdateProcedureInput = z.infer<typeof UpdateProcedureBody>;

/** A procedure of the catalogue as its editors see it. */
export const CatalogueProcedureView = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    nameEn: z.string(),
    videoEligible: z.boolean(),
    alternativeText: z.string().nullable(),
    alternativeTextEn: z.string().nullable(),
    bring: z.array(z.string()),
    bringEn: z.array(z.string()).nullable(),
    active: z.boolean(),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .openapi('CatalogueProcedure');

export type CatalogueProcedureView = z.infer<typeof CatalogueProcedureView>;
