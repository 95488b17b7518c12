/**
 * Where an appointment is in its life. Only `cancelled` frees its slot. `held` is a slot kept for a
 * few minutes while a citizen books online (or kept back after a cancellation): it occupies the slot
 * like a booking, lapses by itself at `heldUntil`, and is no appointment for staff lists.
 */
export const APPOINTMENT_STATUSES = ['booked', 'arrived', 'served', 'cancelled', 'no_show', 'missed_by_staff', 'held'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** How the appointment was agreed. */
export const APPOINTMENT_SOURCES = ['phone', 'email', 'walk_in', 'online'] as const;
export type AppointmentSource = (typeof APPOINTMENT_SOURCES)[number];
