import { AppointmentSchema } from './appointment.entity.js';
import { AuditEventSchema } from './audit-event.entity.js';
import { OutboxMessageSchema } from './outbox-message.entity.js';
import { QueueSchema } from './queue.entity.js';
import { StaffSessionSchema } from './staff-session.entity.js';
import { StoreSchema } from './store.entity.js';

/** Every entity of the plugin, for the ORM's discovery. */
export const entities = [StoreSchema, QueueSchema, AppointmentSchema, AuditEventSchema, OutboxMessageSchema, StaffSessionSchema];
