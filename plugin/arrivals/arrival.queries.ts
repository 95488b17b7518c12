import type { EntityManager } from '@mikro-orm/core';
import { sqlEm } from '../db/sql-em.js';
import type { ArrivalWindow } from './arrival-window.js';

/** A device row, without its key hash. */
export interface DeviceRow {
  id: string;
  storeId: string;
  name: string;
  /** What its key may do: record arrivals, or show the calls on a waiting-room display. */
  kind: DeviceKind;
  createdAt: Date;
  createdBy: string;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** What a device key is for: a ticket machine or kiosk records arrivals; a waiting-room display only reads the calls. */
export type DeviceKind = 'arrivals' | 'display';

/** A ticket row. */
export interface TicketRow {
  number: number;
  day: string;
  issuedAt: Date;
}

const DEVICE_COLUMNS = `id, store_id as "storeId", name, kind, created_at as "createdAt", created_by as "createdBy", last_used_at as "lastUsedAt", revoked_at as "revokedAt"`;

const run = <T>(em: EntityManager, sql: string, params: unknown[]) => sqlEm(em).execute<T[]>(sql, params);

/** The named queries of arrival check-in: devices, tickets and a KEP's windows. Each is scoped by the KEP in its WHERE clause. */
export const arrivalQueries = {
  async insertDevice(em: EntityManager, d: { storeId: string; name: string; kind: DeviceKind; keyHash: string; createdBy: string; now: Date }): Promise<DeviceRow> {
    const [row] = await run<DeviceRow>(em, `insert into arrival_device (store_id, name, kind, key_hash, created_at, created_by) values (?, ?, ?, ?, ?, ?) returning ${DEVICE_COLUMNS}`, [
      d.storeId, d.name, d.kind, d.keyHash, d.now, d.createdBy,
    ]);
    return row!;
  },

  devices(em: EntityManager, storeId: string): Promise<DeviceRow[]> {
    return run<DeviceRow>(em, `select ${DEVICE_COLUMNS} from arrival_device where store_id = ? order by created_at, id`, [storeId]);
  },

  /** Revokes a device of this KEP (once: a second revoke leaves the first time); null when the KEP has no such device. */
  async revokeDevice(em: EntityManager, storeId: string, deviceId: string, by: string, now: Date): Promise<{ before: DeviceRow; after: DeviceRow } | null> {
    const [before] = await run<DeviceRow>(em, `select ${DEVICE_COLUMNS} from arrival_device where id = ? and store_id = ? for update`, [deviceId, storeId]);
    if (!before) return null;
    if (before.revokedAt) return { before, after: before };
    const [after] = await run<DeviceRow>(em, `update arrival_device set revoked_at = ?, revoked_by = ? where id = ? returning ${DEVICE_COLUMNS}`, [now, by, deviceId]);
    return { before, after: after! };
  },

  /**
   * The live (not revoked) device whose key has this hash, marking it used. The hash is the lookup:
   * a unique index finds it, and the secret itself is never stored or compared.
   */
  async useDevice(em: EntityManager, keyHash: string, now: Date): Promise<DeviceRow | null> {
    const [row] = await run<DeviceRow>(em, `update arrival_device set last_used_at = ? where key_hash = ? and revoked_at is null returning ${DEVICE_COLUMNS}`, [now, keyHash]);
    return row ?? null;
  },

  async window(em: EntityManager, storeId: string): Promise<ArrivalWindow> {
    const [row] = await run<ArrivalWindow>(em, `select arrival_early_minutes as "earlyMinutes", arrival_late_minutes as "lateMinutes" from store where id = ?`, [storeId]);
    return row!;
  },

  /** Sets the KEP's window; the store row's check constraints hold its limits too. */
  async setWindow(em: EntityManager, storeId: string, w: ArrivalWindow): Promise<ArrivalWindow> {
    const [row] = await run<ArrivalWindow>(
      em,
      `update store set arrival_early_minutes = ?, arrival_late_minutes = ? where id = ? returning arrival_early_minutes as "earlyMinutes", arrival_late_minutes as "lateMinutes"`,
      [w.earlyMinutes, w.lateMinutes, storeId],
    );
    return row!;
  },

  async ticket(em: EntityManager, storeId: string, appointmentId: string): Promise<TicketRow | null> {
    const [row] = await run<TicketRow>(em, `select number, to_char(day, 'YYYY-MM-DD') as day, issued_at as "issuedAt" from arrival_ticket where appointment_id = ? and store_id = ?`, [appointmentId, storeId]);
    return row ?? null;
  },

  /**
   * Takes the KEP's next number of `day` and gives it to the appointment. The counter row is
   * incremented in the caller's transaction, so concurrent arrivals queue on it and get 1, 2, 3 …
   * and a rolled-back arrival gives its number back; the unique (store, day, number) guarantees it.
   */
  async issueTicket(em: EntityManager, t: { storeId: string; appointmentId: string; day: string; by: string; now: Date }): Promise<TicketRow> {
    const [counter] = await run<{ n: number }>(
      em,
      `insert into arrival_counter (store_id, day, last_number) values (?, ?, 1)
       on conflict (store_id, day) do update set last_number = arrival_counter.last_number + 1 returning last_number as n`,
      [t.storeId, t.day],
    );
    await run(em, `insert into arrival_ticket (appointment_id, store_id, day, number, issued_at, issued_by) values (?, ?, ?, ?, ?, ?)`, [
      t.appointmentId, t.storeId, t.day, counter!.n, t.now, t.by,
    ]);
    return { number: counter!.n, day: t.day, issuedAt: t.now };
  },

  /** Locks the appointment's row, so a second arrival of the same reference waits for the first's ticket. */
  async lockAppointment(em: EntityManager, appointmentId: string): Promise<void> {
    await run(em, `select id from appointment where id = ? for update`, [appointmentId]);
  },
};
