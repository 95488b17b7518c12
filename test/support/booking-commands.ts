import type { MikroORM } from '@mikro-orm/core';
import fc from 'fast-check';
import type { CitizenClient } from '../public/public-system.js';
import type { StaffClient } from './staff-client.js';
import { day } from './test-days.js';

/** Quarter hours per booking window: few, so that the commands of a batch collide. */
export const PATHS_SLOTS = 4;

/**
 * What one command of the all-paths property asks. Targets are indexes into what the run has made
 * so far (taken modulo its length); a queue is 0 or 1 (public) or 2 (private).
 */
export type Command =
  | { kind: 'staff-book'; queue: number; slot: number; minutes: number; email: boolean }
  | { kind: 'staff-move'; target: number; slot: number; queue: number | undefined }
  | { kind: 'staff-cancel'; target: number }
  | { kind: 'citizen-hold'; citizen: number; slot: number; book: boolean }
  | { kind: 'citizen-book'; target: number }
  | { kind: 'citizen-move'; target: number; slot: number }
  | { kind: 'citizen-cancel'; target: number; as: 'link' | 'owner' | 'other' }
  | { kind: 'queue-toggle'; queue: number; decision: 'keep' | 'cancel' | 'move' | 'none' };

/** One batch of commands, sent at once; then, perhaps, time passes: past a hold's 5 minutes, or a cool-down's 10 too. */
export interface Batch {
  commands: Command[];
  minutesPassing: number;
}

/**
 * The runs of the property: a few batches of commands over {@link PATHS_SLOTS} quarter hours and
 * three queues, mostly bookings and holds (so that there is something to move and cancel), now
 * and then a change of a queue.
 */
export function batchesOf(citizens: number): fc.Arbitrary<Batch[]> {
  const slot = fc.nat(PATHS_SLOTS - 1);
  const queue = fc.constantFrom(0, 1, 2);
  const target = fc.nat(40);
  const kind = <K extends Command['kind']>(k: K) => fc.constant(k);
  const command: fc.Arbitrary<Command> = fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: kind('staff-book'), queue, slot, minutes: fc.constantFrom(15, 30), email: fc.boolean() }) },
    { weight: 2, arbitrary: fc.record({ kind: kind('staff-move'), target, slot, queue: fc.option(queue, { nil: undefined }) }) },
    { weight: 2, arbitrary: fc.record({ kind: kind('staff-cancel'), target }) },
    { weight: 4, arbitrary: fc.record({ kind: kind('citizen-hold'), citizen: fc.nat(citizens - 1), slot, book: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ kind: kind('citizen-book'), target }) },
    { weight: 2, arbitrary: fc.record({ kind: kind('citizen-move'), target, slot }) },
    { weight: 2, arbitrary: fc.record({ kind: kind('citizen-cancel'), target, as: fc.constantFrom('link', 'owner', 'other') }) },
    { weight: 1, arbitrary: fc.record({ kind: kind('queue-toggle'), queue, decision: fc.constantFrom('keep', 'cancel', 'move', 'none') }) },
  );
  const batch = fc.record({ commands: fc.array(command, { minLength: 3, maxLength: 10 }), minutesPassing: fc.constantFrom(0, 0, 0, 6, 11) });
  return fc.array(batch, { minLength: 2, maxLength: 6 });
}

/** The parts of the system the commands go through: the real HTTP API, as staff and as citizens. */
export interface Paths {
  url: string;
  orm: MikroORM;
  operator: StaffClient;
  admin: StaffClient;
  citizens: CitizenClient[];
  storeId: string;
  procedureId: string;
  /** Two public queues and a private one, all in person. */
  queues: string[];
}

/** An appointment the run made, as of the start of the batch; an online one with its manage token and citizen. */
export interface Known {
  id: string;
  version: number;
  status: string;
  token?: string;
  owner?: number;
}

/** What the run knows when a batch starts. */
export interface BatchState {
  window: { day: string; hour: number };
  known: readonly Known[];
  holds: readonly { id: string; citizen: number }[];
  /** Whether each of the three queues is active. */
  active: readonly boolean[];
}

/** One HTTP answer: its problem code, and whether the API promises it for the command. */
export interface Answer {
  status: number;
  code: string | null;
  body: Record<string, unknown> & { detail?: string; nextFreeSlots?: unknown };
  expected: boolean;
}

/** A command and what its answers say it wrote: audit events, emails (if the appointment has an address), rows. */
export interface Outcome {
  label: string;
  answers: Answer[];
  audit: [entityId: string, action: string][];
  mail: [appointmentId: string, kind: string][];
  created: string[];
  known: Known[];
  holds: { id: string; citizen: number }[];
}

/**
 * The booking window of the `run`-th run: one hour (08:00–19:00) of the working days after the
 * pinned day (test-days.ts), from `day(2)` on (past the public minimum notice), so that no run sees
 * another's appointments.
 */
export function bookingWindow(run: number): { day: string; hour: number } {
  return { day: day(2 + Math.floor(run / 12)), hour: 8 + (run % 12) };
}

/** Sends one command through the API and reads what it did from its answers alone. */
export async function runCommand(paths: Paths, state: BatchState, c: Command): Promise<Outcome> {
  const out: Outcome = { label: JSON.stringify(c), answers: [], audit: [], mail: [], created: [], known: [], holds: [] };
  const at = (slot: number) => {
    const minutes = state.window.hour * 60 + slot * 15;
    return `${state.window.day}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  };
  const answer = async (res: Response, ok: number, refusals: string[]) => {
    const text = await res.text();
    const body = text ? JSON.parse(text) : {};
    const code = typeof body.type === 'string' ? body.type.replace('urn:rantevou:problem:', '') : null;
    const a: Answer = { status: res.status, code, body, expected: res.status === ok || refusals.includes(`${res.status} ${code}`) };
    out.answers.push(a);
    return res.status === ok ? body : null;
  };
  const pick = <T>(items: readonly T[], i: number): T | undefined => items[i % Math.max(items.length, 1)];
  const staffRows = state.known.filter((k) => k.status !== 'gone');
  const online = state.known.filter((k) => k.token);

  switch (c.kind) {
    case 'staff-book': {
      const res = await paths.operator.post(`/api/v1/stores/${paths.storeId}/appointments`, {
        firstName: 'Ελένη', lastName: 'Ρήγα', startsAt: at(c.slot), durationMinutes: c.minutes, queueId: paths.queues[c.queue],
        ...(c.email ? { email: 'eleni@example.gr' } : {}),
      });
      const a = await answer(res, 201, ['409 slot-taken', '409 queue-inactive', '409 outside-hours']);
      if (a) {
        out.audit.push([a.id, 'appointment.create']);
        out.mail.push([a.id, 'appointment.confirmation']);
        out.created.push(a.id);
        out.known.push({ id: a.id, version: a.version, status: a.status });
      }
      return out;
    }
    case 'staff-move': {
      const t = pick(staffRows, c.target);
      if (!t) return out;
      const res = await patchAs(paths, paths.operator, `/api/v1/appointments/${t.id}`, {
        startsAt: at(c.slot), version: t.version, ...(c.queue === undefined ? {} : { queueId: paths.queues[c.queue] }),
      });
      const a = await answer(res, 200, ['409 slot-taken', '409 queue-inactive', '409 outside-hours', '409 cancelled', '412 stale']);
      // The same time and queue again changes nothing: the version stays and nothing is written.
      if (a && a.version !== t.version) {
        out.audit.push([t.id, 'appointment.update']);
        out.mail.push([t.id, 'appointment.change']);
      }
      return out;
    }
    case 'staff-cancel': {
      const t = pick(staffRows, c.target);
      if (!t) return out;
      const a = await answer(await paths.operator.post(`/api/v1/appointments/${t.id}/cancel`, { reason: 'Δοκιμή' }), 200, ['409 cancelled', '412 stale']);
      if (a) cancelled(out, t.id);
      return out;
    }
    case 'citizen-hold': {
      const citizen = paths.citizens[c.citizen]!;
      const wanted = { storeId: paths.storeId, startsAt: at(c.slot), mode: 'in_person', procedureId: paths.procedureId };
      const res = await citizen.post('/api/v1/public/holds', wanted);
      // 400: both public queues are closed, so the KEP offers no in-person time online at all.
      const held = await answer(res, 201, ['409 slot-taken', '400 validation']);
      if (!held) return out;
      out.audit.push([held.holdId, 'appointment.hold']);
      out.created.push(held.holdId);
      if (c.book) await book(paths, out, { id: held.holdId, citizen: c.citizen }, answer);
      else out.holds.push({ id: held.holdId, citizen: c.citizen });
      return out;
    }
    case 'citizen-book': {
      const h = pick(state.holds, c.target);
      if (h) await book(paths, out, h, answer);
      return out;
    }
    case 'citizen-move': {
      const t = pick(online, c.target);
      if (!t) return out;
      const res = await paths.citizens[0]!.post(`/api/v1/public/manage/${t.token}/move`, { startsAt: at(c.slot) });
      if (await answer(res, 200, ['409 slot-taken', '409 cancelled', '409 not-changeable'])) {
        out.audit.push([t.id, 'appointment.update']);
        out.mail.push([t.id, 'appointment.change']);
      }
      return out;
    }
    case 'citizen-cancel': {
      const t = pick(online, c.target);
      if (!t) return out;
      const who = paths.citizens[(t.owner! + (c.as === 'other' ? 1 : 0)) % paths.citizens.length]!;
      const res = c.as === 'link' ? await who.post(`/api/v1/public/manage/${t.token}/cancel`) : await who.post(`/api/v1/public/me/appointments/${t.id}/cancel`);
      // Another citizen's appointment does not exist for them: 404, never 200.
      if (c.as === 'other') await answer(res, 404, []);
      else if (await answer(res, 200, ['409 cancelled'])) cancelled(out, t.id);
      return out;
    }
    case 'queue-toggle': {
      const id = paths.queues[c.queue]!;
      const activate = !state.active[c.queue];
      const decision = activate || c.decision === 'none' ? {}
        : c.decision === 'cancel' ? { onFutureAppointments: 'cancel', cancelReason: 'Ο υπάλληλος λείπει.' }
        : c.decision === 'move' ? { onFutureAppointments: 'move', moveToQueueId: paths.queues[(c.queue + 1) % 3] }
        : { onFutureAppointments: 'keep' };
      const res = await patchAs(paths, paths.admin, `/api/v1/stores/${paths.storeId}/queues/${id}`, { active: activate, ...decision });
      const refusals = c.decision === 'none' ? ['409 future-appointments'] : c.decision === 'move' ? ['409 cannot-move', '400 validation'] : [];
      const a = await answer(res, 200, activate ? [] : refusals);
      if (!a) return out;
      out.audit.push([id, 'queue.update']);
      const settled = a.futureAppointments as { decision: string | null; appointmentIds: string[] };
      for (const appointmentId of settled.appointmentIds) {
        if (settled.decision === 'cancel') cancelled(out, appointmentId);
        // The time stays, so the citizen is not written to.
        if (settled.decision === 'move') out.audit.push([appointmentId, 'appointment.move']);
      }
      return out;
    }
  }
}

/** Books a citizen's hold: the confirmation email, and the manage link for later moves and cancels. */
async function book(
  paths: Paths,
  out: Outcome,
  hold: { id: string; citizen: number },
  answer: (res: Response, ok: number, refusals: string[]) => Promise<Record<string, string> | null>,
) {
  const res = await paths.citizens[hold.citizen]!.post(
    '/api/v1/public/bookings',
    { holdId: hold.id, firstName: 'Άννα', lastName: 'Κ.', email: `citizen${hold.citizen}@citizen.example.gr`, language: 'el' },
    { 'idempotency-key': crypto.randomUUID() },
  );
  const booked = await answer(res, 201, ['404 hold-not-found', '409 hold-expired']);
  if (!booked) return;
  out.audit.push([hold.id, 'appointment.create']);
  out.mail.push([hold.id, 'appointment.confirmation']);
  out.known.push({ id: hold.id, version: 0, status: 'booked', token: booked.manageUrl!.split('/').pop()!, owner: hold.citizen });
}

function cancelled(out: Outcome, id: string) {
  out.audit.push([id, 'appointment.cancel']);
  out.mail.push([id, 'appointment.cancellation']);
}

/** A staff PATCH with the session's CSRF token. */
export function patchAs(paths: Pick<Paths, 'url'>, client: StaffClient, path: string, body: unknown): Promise<Response> {
  return client.browser.fetch(`${paths.url}${path}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', 'x-csrf-token': client.csrfToken },
    body: JSON.stringify(body),
  });
}
