import { AppointmentSchema } from './appointment.entity.js';
import { AuditEventSchema } from './audit-event.entity.js';
import { OutboxMessageSchema } from './outbox-message.entity.js';
import { QueueSchema } from './queue.entity.js';
import { ScheduleExceptionSchema } from './schedule-exception.entity.js';
import { StaffSessionSchema } from './staff-session.entity.js';
import { StoreSchema } from './store.entity.js';
import { SamlAssertionSchema } from './saml-assertion.entity.js';
import { SamlRequestSchema } from './saml-request.entity.js';
import { CitizenLoginSchema } from './citizen-login.entity.js';
import { CitizenTokenSchema } from './citizen-token.entity.js';
import { IdempotencyKeySchema } from './idempotency-key.entity.js';
import { ManageTokenSchema } from './manage-token.entity.js';
import { ProcedureSchema } from './procedure.entity.js';
import { StoreProcedureSchema } from './store-procedure.entity.js';
import { StaffPreferenceSchema } from './staff-preference.entity.js';
import { PriorityTokenSchema } from './priority-token.entity.js';
import { WebhookDeliverySchema, WebhookEventSchema, WebhookSubscriptionSchema } from '../webhooks/webhook.entities.js';

/** Every entity of the plugin, for the ORM's discovery. */
export const entities = [StoreSchema, QueueSchema, AppointmentSchema, AuditEventSchema, OutboxMessageSchema, StaffSessionSchema, ScheduleExceptionSchema, SamlRequestSchema, SamlAssertionSchema,
  ProcedureSchema, StoreProcedureSchema, CitizenLoginSchema, CitizenTokenSchema, IdempotencyKeySchema, ManageTokenSchema,
  StaffPreferenceSchema, PriorityTokenSchema, WebhookSubscriptionSchema, WebhookEventSchema, WebhookDeliverySchema];
