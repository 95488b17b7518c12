import { DateTime } from 'luxon';
import type { StaffClient } from '../../test/support/staff-client.js';

const ZONE = 'Europe/Athens';
/** Days per availability request (the API allows up to 62). */
const AVAILABILITY_WINDOW_DAYS = 62;

/** A free time of one queue, as staff type it (`YYYY-MM-DDTHH:mm`, Athens). */
export interface Slot {
  queueId: string;
  startsAt: string;
}

/** The KEP's default queue. */
export async function queueIds(client: StaffClient, baseUrl: string, storeId: string): Promise<string> {
  const res = await client.browser.fetch(`${baseUrl}/api/v1/stores/${storeId}/queues`);
  const queues = (await res.json()) as { items: { id: string; isDefault: boolean }[] };
  const queueId = queues.items.find((q) => q.isDefault)?.id;
  if (!queueId) throw new Error('the KEP has no default queue');
  return queueId;
}

/**
 * The first `count` free slots of one queue of the KEP from `firstDay` on, as the local Athens
 * times (`YYYY-MM-DDTHH:mm`) staff type, read from the availability API before the clock starts: the
 * plugin refuses times outside the queue's hours, public holidays and closures, so the bench books
 * exactly what the KEP offers. Slots of one queue never overlap, so each booking should succeed.
 */
export async function freeSlotTimes(client: StaffClient, baseUrl: string, storeId: string, queueId: string, firstDay: string, count: number): Promise<Slot[]> {
  const json = async (path: string) => {
    const res = await client.browser.fetch(`${baseUrl}${path}`);
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const out: Slot[] = [];
  let from = DateTime.fromISO(firstDay, { zone: ZONE });
  for (let window = 0; out.length < count && window < 60; window++) {
    const to = from.plus({ days: AVAILABILITY_WINDOW_DAYS - 1 });
    const page = (await json(
      `/api/v1/stores/${storeId}/availability?queueId=${queueId}&from=${from.toISODate()}&to=${to.toISODate()}`,
    )) as { days: { slots: { queueId: string; start: string }[] }[] };
    for (const slot of page.days.flatMap((d) => d.slots)) {
      if (slot.queueId !== queueId) continue;
      const local = DateTime.fromISO(slot.start).setZone(ZONE).toFormat("yyyy-MM-dd'T'HH:mm");
      // The repeated hour of the autumn night names two instants; keep only what reads back the same.
      if (DateTime.fromISO(local, { zone: ZONE }).toMillis() === Date.parse(slot.start)) out.push({ queueId, startsAt: local });
    }
    from = to.plus({ days: 1 });
  }
  if (out.length < count) throw new Error(`only ${out.length} free slots found, ${count} needed`);
  return out.slice(0, count);
}
