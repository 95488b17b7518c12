import { expect } from 'chai';
import type { ZodType } from 'zod';
import { ArrivalBody, ArrivalWindowBody, IssueDeviceBody } from '../../plugin/arrivals/arrivals.schema.js';
import { PreferencesBody } from '../../plugin/attendance/attendance-preferences.routes.js';
import { CreateProcedureBody, UpdateProcedureBody } from '../../plugin/catalogue/catalogue.schema.js';
import { OfferBody } from '../../plugin/catalogue/procedures.routes.js';
import { CancelBody, CreateAppointmentBody, StatusBody, UpdateAppointmentBody } from '../../plugin/schemas/appointment.schema.js';
import { OutboxRetryBody } from '../../plugin/schemas/outbox.schema.js';
import { CreateQueueBody, UpdateQueueBody } from '../../plugin/schemas/queue.schema.js';
import { CreateExceptionBody, UpdateExceptionBody } from '../../plugin/schemas/schedule.schema.js';
import { Appointment } from '../../plugin/db/appointment.entity.js';
import { AuditEvent } from '../../plugin/db/audit-event.entity.js';
import { Procedure } from '../../plugin/db/procedure.entity.js';
import { Queue } from '../../plugin/db/queue.entity.js';
import { ScheduleException } from '../../plugin/db/schedule-exception.entity.js';
import { BookingBody, HoldBody, MoveBody } from '../../plugin/public/public.schema.js';
import { z } from '../../plugin/http/zod-openapi.js';
import { startPublicSystem, type CitizenClient, type PublicSystem } from '../public/public-system.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { day, PINNED } from '../support/test-days.js';
import { VideoRoomSettingsBody } from '../../plugin/video-room/video-room.openapi.js';
import { CallBody, LiveQueueSettings as LiveQueueSettingsBody } from '../../plugin/calls/calls.schema.js';
import { LocationBody } from '../../plugin/location/store-location.js';
import { JoinWaitlistBody } from '../../plugin/waitlist/waitlist.schema.js';
import { CreateWebhookBody, UpdateWebhookBody } from '../../plugin/webhooks/webhooks.schema.js';

/** Every JSON request body of the API, by its name in the OpenAPI document. */
const BODIES: Record<string, ZodType> = {
  CreateAppointment: CreateAppointmentBody,
  UpdateAppointment: UpdateAppointmentBody,
  CancelAppointment: CancelBody,
  SetAppointmentStatus: StatusBody,
  StaffPreferences: PreferencesBody,
  CreateProcedure: CreateProcedureBody,
  UpdateProcedure: UpdateProcedureBody,
  OfferProcedure: OfferBody,
  OutboxRetryBody: OutboxRetryBody,
  CreateQueue: CreateQueueBody,
  UpdateQueue: UpdateQueueBody,
  CreateException: CreateExceptionBody,
  UpdateException: UpdateExceptionBody,
  PublicHoldRequest: HoldBody,
  PublicBookingRequest: BookingBody,
  PublicMoveRequest: MoveBody,
  Arrival: ArrivalBody,
  IssueDevice: IssueDeviceBody,
  ArrivalWindow: ArrivalWindowBody,
  VideoRoomSettings: VideoRoomSettingsBody,
  Call: CallBody,
  LiveQueueSettings: LiveQueueSettingsBody,
  StoreLocation: LocationBody,
  PublicWaitlistRequest: JoinWaitlistBody,
  CreateWebhook: CreateWebhookBody,
  UpdateWebhook: UpdateWebhookBody,
};

/** The fields lists show to tell people and things apart: no invisible or bidirectional characters. */
const NAMES = ['firstName', 'lastName', 'businessName', 'business.name', 'procedure', 'name', 'nameEn', 'employee.name'];

/** What a person must read: Greek, and none of zod's English. */
function expectGreek(message: string) {
  expect(message, message).to.match(/\p{Script=Greek}/u);
  expect(message, message).not.to.match(/Invalid|Unrecognized|expected|received|Too (big|small)|Required/);
}

type JsonSchema = { $ref?: string; type?: string | string[]; properties?: Record<string, JsonSchema>; items?: JsonSchema; prefixItems?: JsonSchema[]; anyOf?: JsonSchema[]; oneOf?: JsonSchema[]; allOf?: JsonSchema[] };

/** The paths of every string a body may carry, nested objects and lists included. */
function stringPaths(schema: JsonSchema, components: Record<string, JsonSchema>, path: (string | number)[] = []): (string | number)[][] {
  if (schema.$ref) return stringPaths(components[schema.$ref.split('/').pop()!]!, components, path);
  const alternatives = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (alternatives) return alternatives.flatMap((s) => stringPaths(s, components, path));
  const found: (string | number)[][] = [];
  if ([schema.type ?? []].flat().includes('string')) found.push(path);
  for (const [key, s] of Object.entries(schema.properties ?? {})) found.push(...stringPaths(s, components, [...path, key]));
  if (schema.prefixItems) schema.prefixItems.forEach((s, i) => found.push(...stringPaths(s, components, [...path, i])));
  else if (schema.items) found.push(...stringPaths(schema.items, components, [...path, 0]));
  return found;
}

/** A body with only `value` at `path` (objects made on the way; lists of two, the length of an hours pair). */
function bodyWith(path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (typeof head === 'number') return [bodyWith(rest, value), bodyWith(rest, value)];
  return { [head!]: bodyWith(rest, value) };
}

describe('text in request bodies', () => {
  let system: PublicSystem;
  let operator: StaffClient;
  let admin: StaffClient;
  let citizen: CitizenClient;
  let store: string;
  let documentBodies: Record<string, JsonSchema>;
  let components: Record<string, JsonSchema>;
  const written = async () => {
    const em = system.orm.em.fork();
    return Promise.all([em.count(Appointment), em.count(AuditEvent), em.count(Queue), em.count(ScheduleException), em.count(Procedure)]);
  };

  /** PATCH or PUT with the CSRF token, as the widgets send them. */
  const send = (client: StaffClient, method: string, path: string, body: unknown) =>
    client.browser.fetch(`${system.url}${path}`, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': client.csrfToken }, body: JSON.stringify(body) });

  before(async () => {
    const clock = new TestClock();
    clock.set(PINNED);
    system = await startPublicSystem('text-input', { redisDb: 15, clock: clock.now, env: { CATALOGUE_EDITORS: 'demo-admin-a' } });
    [operator, admin] = await Promise.all([signInAs(system.url, 'demo-operator-a'), signInAs(system.url, 'demo-admin-a')]);
    citizen = await system.citizen('text-input-citizen');
    store = system.stores.athens;
    const doc = await (await operator.get('/api/v1/openapi.json')).json();
    components = doc.components.schemas;
    documentBodies = {};
    for (const ops of Object.values<Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>(doc.paths)) {
      for (const op of Object.values(ops)) {
        const schema = op.requestBody?.content['application/json']?.schema;
        if (schema) documentBodies[schema.$ref!.split('/').pop()!] = schema;
      }
    }
  });
  after(async () => system?.close());

  describe('the one rule, on every string of every body', () => {
    it('knows every JSON body the API documents (a new body must join this list)', () => {
      expect(Object.keys(documentBodies).sort()).to.deep.equal(Object.keys(BODIES).sort());
    });

    const bad: [string, string][] = [
      ['a NUL', 'Α\u0000Β'],
      ['a lone high surrogate', 'Α\ud800Β'],
      ['a lone low surrogate', 'Α\udc00Β'],
      ['an escape (C0)', 'Α\u001bΒ'],
      ['a C1 control', 'Α\u0085Β'],
    ];
    for (const [what, value] of bad) {
      it(`refuses ${what} in every string field, with a Greek message on that field`, () => {
        let fields = 0;
        for (const [name, schema] of Object.entries(documentBodies)) {
          for (const path of stringPaths(schema, components)) {
            const result = BODIES[name]!.safeParse(bodyWith(path, value));
            const issue = result.error?.issues.find((i) => i.path.join('.') === path.join('.'));
            expect(issue, `${name}.${path.join('.')} accepted ${what}`).to.not.equal(undefined);
            expectGreek(issue!.message);
            fields++;
          }
        }
        expect(fields).to.be.greaterThan(40);
      });
    }

    it('refuses bidirectional and invisible characters in names, and keeps them out of nothing else by accident', () => {
      for (const ch of ['\u202e', '\u202a', '\u2066', '\u2069', '\u200b', '\u200e', '\u200f', '\u2060', '\u2064', '\ufeff', '\u061c']) {
        for (const [name, schema] of Object.entries(documentBodies)) {
          for (const path of stringPaths(schema, components).filter((p) => NAMES.includes(p.join('.')))) {
            const issue = BODIES[name]!.safeParse(bodyWith(path, `Σοφία${ch}Καρρά`)).error?.issues.find((i) => i.path.join('.') === path.join('.'));
            expect(issue?.message, `${name}.${path.join('.')} with U+${ch.codePointAt(0)!.toString(16)}`).to.match(/αόρατους χαρακτήρες ή χαρακτήρες κατεύθυνσης/);
          }
        }
      }
    });

    it('in notes and reasons refuses the bidi overrides and isolates, keeps joiners, and notes keep new lines and tabs', () => {
      const notes = (v: string) => CreateAppointmentBody.safeParse({ firstName: 'Α', lastName: 'Β', startsAt: `${day(1)}T09:00`, notes: v });
      expect(notes('Πρώτη γραμμή\n\tδεύτερη\r\nτρίτη').success).to.equal(true);
      expect(notes('Οικογένεια 👨\u200d👩\u200d👧').success).to.equal(true);
      expect(notes('τιμή \u202e0001').error?.issues[0]?.message).to.match(/κατεύθυνση του κειμένου/);
      expect(CancelBody.safeParse({ reason: 'λόγος \u2067κρυφό\u2069' }).success).to.equal(false);
      expect(CancelBody.safeParse({ reason: 'δύο\nγραμμές' }).error?.issues[0]?.message).to.match(/αλλαγή γραμμής/);
    });
  });

  describe('against the real system (once a 500 when PostgreSQL refused the audit JSON)', () => {
    let appointment: { id: string; version: number };

    before(async () => {
      const res = await operator.post(`/api/v1/stores/${store}/appointments`, { firstName: 'Ελένη', lastName: 'Σταματοπούλου', startsAt: `${day(2)}T09:00` });
      expect(res.status).to.equal(201);
      appointment = await res.json();
    });

    const cases: [string, () => Promise<Response>, string][] = [
      ['a cancellation reason with a lone surrogate', () => operator.post(`/api/v1/appointments/${appointment.id}/cancel`, { reason: 'Ακύρωση \ud83d' }), 'reason'],
      ['a status reason with NUL', () => operator.post(`/api/v1/appointments/${appointment.id}/status`, { status: 'booked', reason: 'λάθος\u0000' }), 'reason'],
      ['notes with NUL', () => send(operator, 'PATCH', `/api/v1/appointments/${appointment.id}`, { notes: 'σημείωση\u0000', version: appointment.version }), 'notes'],
      ['a business name with a right-to-left override', () => send(operator, 'PATCH', `/api/v1/appointments/${appointment.id}`, { businessName: 'ΑΕ\u202eΒΓ', businessTaxId: '090000045', version: appointment.version }), 'businessName'],
      ['a queue name with a lone surrogate', () => admin.post(`/api/v1/stores/${store}/queues`, { name: 'Ουρά \udfff' }), 'name'],
      ['a queue name with a zero-width space', () => admin.post(`/api/v1/stores/${store}/queues`, { name: 'Κύρια\u200bουρά' }), 'name'],
      ['an exception reason with a lone surrogate', () => admin.post(`/api/v1/stores/${store}/exceptions`, { startDate: `${day(4)}`, endDate: `${day(4)}`, reason: 'Απεργία \ud800' }), 'reason'],
      ['a procedure name with NUL', () => admin.post('/api/v1/procedures', { code: 'TXT-1', name: 'Βεβαίωση\u0000', nameEn: 'Certificate', videoEligible: true }), 'name'],
      ['a procedure English name with an isolate', () => admin.post('/api/v1/procedures', { code: 'TXT-2', name: 'Βεβαίωση', nameEn: 'Cert\u2066ificate', videoEligible: true }), 'nameEn'],
      [
        "a citizen's last name with an override",
        () => citizen.post('/api/v1/public/bookings', { holdId: crypto.randomUUID(), firstName: 'Σοφία', lastName: 'Καρ\u202eαρά', email: 'sofia@citizen.example.gr' }, { 'idempotency-key': crypto.randomUUID() }),
        'lastName',
      ],
    ];
    for (const [what, request, field] of cases) {
      it(`answers 400 problem+json in Greek on «${field}» for ${what}, and writes nothing`, async () => {
        const before = await written();
        const res = await request();
        expect(res.status, await res.clone().text()).to.equal(400);
        expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
        const problem = await res.json();
        expect(problem.errors.map((e: { path: string }) => e.path)).to.include(field);
        for (const e of problem.errors) expectGreek(e.message);
        expect(await written()).to.deep.equal(before);
      });
    }

    it('still takes the same texts without the bad character', async () => {
      const res = await operator.post(`/api/v1/appointments/${appointment.id}/cancel`, { reason: 'Ακύρωση 🙂 από τον πολίτη' });
      expect(res.status).to.equal(200);
      expect((await res.json()).cancelledReason).to.equal('Ακύρωση 🙂 από τον πολίτη');
    });
  });

  describe('validation messages', () => {
    it("words zod's own checks in Greek, with the key, the limit or the allowed values", () => {
      const message = (schema: ZodType, value: unknown) => schema.safeParse(value).error?.issues[0]?.message;
      expect(message(z.enum(['keep', 'cancel']), 'drop')).to.equal('Επιτρεπτές τιμές: «keep», «cancel».');
      expect(message(z.string().max(3), 'abcd')).to.equal('Έως 3 χαρακτήρες.');
      expect(message(z.array(z.string()).min(2), ['a'])).to.equal('Τουλάχιστον 2 στοιχεία.');
      expect(message(z.number().int().max(10), 11)).to.equal('Η τιμή πρέπει να είναι το πολύ 10.');
      expect(message(z.number().int(), 1.5)).to.equal('Αναμενόταν ακέραιος αριθμός.');
      expect(message(z.object({}).strict(), { extra: 1 })).to.equal('Άγνωστο πεδίο «extra»: αφαιρέστε το.');
      expect(message(z.uuid(), 'x')).to.equal('Μη έγκυρο αναγνωριστικό (UUID).');
      expect(message(z.object({ n: z.number() }), {})).to.equal('Συμπληρώστε αυτό το πεδίο.');
      expect(message(z.literal('yes'), 'no')).to.equal('Η τιμή πρέπει να είναι «yes».');
    });

    const uuid = () => crypto.randomUUID();
    // A sample across endpoints of what zod would word itself: unknown keys, wrong types, limits,
    // enums, formats. Each field's own message (where a schema has one) is Greek too.
    const cases: [string, () => Promise<Response>, RegExp[]][] = [
      ['an unknown key in a booking', () => operator.post(`/api/v1/stores/${store}/appointments`, { firstName: 'Α', lastName: 'Β', startsAt: `${day(3)}T09:00`, admin: true }), [/Άγνωστο πεδίο «admin»/]],
      ['two unknown keys in a citizen hold', () => citizen.post('/api/v1/public/holds', { storeId: store, startsAt: `${day(3)}T09:00`, mode: 'in_person', procedureId: uuid(), x: 1, y: 2 }), [/Άγνωστα πεδία «x», «y»/]],
      ['wrong types', () => operator.post(`/api/v1/stores/${store}/appointments`, { firstName: 5, lastName: [], startsAt: 7, durationMinutes: 'x', mode: 3 }), [/Αναμενόταν αριθμός, όχι κείμενο/]],
      ['a boolean as text and an unknown weekday', () => admin.post(`/api/v1/stores/${store}/queues`, { name: 'Ουρά', active: 'yes', weeklyHours: { '8': [] } }), [/Αναμενόταν true ή false, όχι κείμενο/, /Άγνωστο πεδίο «8»/]],
      ['a version of 0', () => send(operator, 'PATCH', `/api/v1/appointments/${uuid()}`, { version: 0 }), [/μεγαλύτερη από 0/]],
      ['a list given as text', () => send(operator, 'PUT', '/api/v1/me/preferences', { dailyListStores: 'all' }), [/Αναμενόταν λίστα, όχι κείμενο/]],
      ['a page too large', () => admin.get(`/api/v1/stores/${store}/outbox?pageSize=500`), [/το πολύ 200/]],
      ['an unknown status and enum', () => operator.post(`/api/v1/appointments/${uuid()}/status`, { status: 'gone' }), [/booked, arrived, served ή no_show/]],
      ['dates in the wrong format', () => admin.post(`/api/v1/stores/${store}/exceptions`, { startDate: '1/7/2027', endDate: '2027-13-01', reason: 'Απεργία', recursYearly: 'no' }), [/ΕΕΕΕ-ΜΜ-ΗΗ/]],
      ['an email and a queue id in the wrong format', () => send(operator, 'PATCH', `/api/v1/appointments/${uuid()}`, { email: 'citizen.example.gr', queueId: 'main' }), [/email δεν είναι έγκυρο/, /Μη έγκυρη ουρά/]],
      ['a body that is a list', () => admin.post('/api/v1/procedures', []), [/Αναμενόταν αντικείμενο, όχι λίστα/]],
    ];
    for (const [what, request, expected] of cases) {
      it(`answers 400 problem+json in Greek only for ${what}, and writes nothing`, async () => {
        const before = await written();
        const res = await request();
        expect(res.status, await res.clone().text()).to.equal(400);
        expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
        const problem = await res.json();
        expectGreek(problem.detail);
        expectGreek(problem.title);
        expect(problem.errors).to.be.an('array').that.is.not.empty;
        for (const e of problem.errors) expectGreek(e.message);
        for (const m of expected) expect(problem.errors.map((e: { message: string }) => e.message).join(' | ')).to.match(m);
        expect(await written()).to.deep.equal(before);
      });
    }
  });
});
