import type { Appointment } from '../db/appointment.entity.js';
import { systemClock } from '../domain/clock.js';
import { videoRoomUrl } from '../domain/video-room.js';
import type { z } from '../http/zod-openapi.js';
import type { CitizenAppointmentView } from './public.schema.js';

type CitizenStatus = z.infer<typeof CitizenAppointmentView>['status'];

/**
 * An appointment as its citizen sees it. Built field by field from an allow-list: staff data (who
 * created or changed it, notes, the queue, the version) never reaches the public API.
 * `store` must be loaded; `now` is the plugin's clock; `baseUrl` where the plugin is reached (its video waiting room).
 */
export function toCitizenView(a: Appointment, now: Date, baseUrl: string): z.infer<typeof CitizenAppointmentView> {
  const videoLink = a.status === 'booked' ? (a.videoLink ?? null) : null;
  return {
    id: a.id,
    reference: a.reference,
    storeId: a.store.id,
    storeName: a.store.name,
    address: `${a.store.address}`,
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    mode: a.mode,
    procedure: a.procedure ?? null,
    videoLink,
    videoRoomUrl: videoLink ? videoRoomUrl(baseUrl, videoLink) : null,
    status: a.status as CitizenStatus,
    canChange: canChange(a, now),
  };
}

/**
 * A citizen may cancel or move an appointment that is booked and has not started at `now`. The
 * default lasts only until the booking paths pass the plugin's clock (issue 14); then it is required.
 */
export function canChange(a: Appointment, now: Date = systemClock()): boolean {
  return a.status === 'booked' && a.startsAt.getTime() > now.getTime();
}
