/** Where an appointment is in its life. Only `cancelled` frees its slot. */
export const APPOINTMENT_STATUSES = ['booked', 'arrived', 'served', 'cancelled', 'no_show', 'missed_by_staff'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** How the appointment was agreed. */
export const APPOINTMENT_SOURCES = ['phone', 'email', 'walk_in', 'online'] as const;
export type AppointmentSource = (typeof APPOINTMENT_SOURCES)[number];
