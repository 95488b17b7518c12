import { z } from '../http/zod-openapi.js';
import { text } from '../schemas/text.js';
import { DELIVERY_STATUSES, WEBHOOK_EVENT_TYPES, WEBHOOK_SCOPES, WEBHOOK_STATUSES } from './webhook-events.js';

const EventType = z
  .enum(WEBHOOK_EVENT_TYPES, { error: `Άγνωστο γεγονός· επιτρέπονται: ${WEBHOOK_EVENT_TYPES.join(', ')}.` })
  .openapi({ description: 'An appointment event (see README «Webhooks»)' });
const Events = z
  .array(EventType, { error: 'Επιλέξτε τα γεγονότα που θα λαμβάνει η διεύθυνση.' })
  .min(1, 'Επιλέξτε τουλάχιστον ένα γεγονός.')
  .max(WEBHOOK_EVENT_TYPES.length, 'Κάθε γεγονός μία φορά.')
  .transform((events) => [...new Set(events)]);
const Scope = z
  .enum(WEBHOOK_SCOPES, { error: 'Το εύρος δεδομένων είναι «ids» (μόνο αναγνωριστικά, ώρες, ΚΕΠ, κατάσταση) ή «contact» (και όνομα, email, τηλέφωνο).' })
  .openapi({ description: '`ids`: ids, times, KEP, status, mode, source, booking reference — no personal data; `contact`: also the citizen’s name, email and phone' });

/** `POST …/webhooks`: a receiver's URL, the events it wants and how much of the citizen it may get. */
export const CreateWebhookBody = z
  .object({
    url: text('line', { required: 'Συμπληρώστε τη διεύθυνση (https://…).', max: 2000, tooLong: 'Η διεύθυνση είναι πολύ μεγάλη (έως 2000 χαρακτήρες).' }),
    events: Events,
    scope: Scope.default('ids'),
    description: text('line', { max: 200, tooLong: 'Η περιγραφή είναι έως 200 χαρακτήρες.' }).optional(),
    language: z.enum(['el', 'en'], { error: 'Η γλώσσα του email είναι «el» ή «en».' }).default('el').openapi({ description: 'The language of the email to the owner when the subscription is paused' }),
  })
  .strict()
  .openapi('CreateWebhook');

/** `PATCH …/webhooks/:webhookId`: pause or resume, or change the events or scope. */
export const UpdateWebhookBody = z
  .object({
    status: z.enum(WEBHOOK_STATUSES, { error: 'Η κατάσταση είναι «active» ή «paused».' }).optional(),
    events: Events.optional(),
    scope: Scope.optional(),
    description: text('line', { max: 200, tooLong: 'Η περιγραφή είναι έως 200 χαρακτήρες.' }).nullable().optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'Δεν ζητήσατε καμία αλλαγή.')
  .openapi('UpdateWebhook');

/** A subscription as the API answers it: never its secret. */
export const WebhookView = z
  .object({
    id: z.uuid(),
    storeId: z.uuid().nullable().openapi({ description: 'The KEP; null: every KEP (the directorate’s)' }),
    url: z.string(),
    events: z.array(EventType),
    scope: Scope,
    description: z.string().nullable(),
    status: z.enum(WEBHOOK_STATUSES),
    failingSince: z.string().nullable().openapi({ description: 'The first failure of a run of failures; a day of them pauses the subscription' }),
    pausedAt: z.string().nullable(),
    pausedReason: z.enum(['failing', 'manual']).nullable(),
    createdAt: z.string(),
  })
  .openapi('Webhook');

/** The answer of a creation: the one time the secret is shown. */
export const CreatedWebhook = WebhookView.extend({
  secret: z.string().openapi({ description: 'The signing secret (`whsec_…`), shown this once', example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }),
}).openapi('CreatedWebhook');

export const WebhookList = z.object({ items: z.array(WebhookView) }).openapi('WebhookList');

export const DeliveryView = z
  .object({
    id: z.uuid(),
    eventId: z.uuid().openapi({ description: 'The event; `webhook-id` is `msg_` and this id' }),
    type: EventType,
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    lastDurationMs: z.number().int().nullable(),
    createdAt: z.string(),
    firstAttemptAt: z.string().nullable(),
    lastAttemptAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    replayOf: z.uuid().nullable(),
    replayable: z.boolean().openapi({ description: 'The body sent is still kept (for the retention days), so it can be sent again' }),
  })
  .openapi('WebhookDelivery');

export const DeliveryListQuery = z
  .object({
    page: z.coerce.number({ error: 'Η σελίδα είναι αριθμός από 1.' }).int().min(1).default(1),
    pageSize: z.coerce.number({ error: 'Το μέγεθος σελίδας είναι αριθμός έως 100.' }).int().min(1).max(100).default(25),
  })
  .strict();

export const DeliveryList = z.object({ items: z.array(DeliveryView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }).openapi('WebhookDeliveryList');
