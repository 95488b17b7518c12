/**
 * A stand-in for the counter (θυρίδες) application's staff API, serving the demo roles so that
 * `npm start` derives roles over HTTP exactly as production does:
 *
 *   GET {base}/staff/{sub}   Authorization: Bearer <token>
 *     200 { "kepAssignments": [{ "kepCode": "KEP-ATH-0101", "position": "head" | "counter_lead" | "counter_staff" }],
 *           "directorate": false, "email": "…" }   (email optional)
 *     404 the person is not known; 401 without the token
 *
 * Its data can be changed while it runs (`setStaff`), as the real application changes when a person
 * moves to another KEP.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import express, { type Router } from 'express';
import type { CounterAppStaff } from '../../plugin/auth/counter-app-role-source.js';
import type { DemoSamlAccount } from '../demo-saml-idp/demo-saml-idp.js';

/** What {@link createDemoCounter} returns. */
export interface DemoCounter {
  router: Router;
  /** The bearer token the API requires. */
  token: string;
  /** Changes (or, with null, removes) a person's assignments. */
  setStaff(sub: string, staff: CounterAppStaff | null): void;
}

/** The demo people's assignments, as the counter application would list them. */
export function loadDemoCounterStaff(): Record<string, CounterAppStaff> {
  return JSON.parse(readFileSync(new URL('./staff.json', import.meta.url), 'utf8')) as Record<string, CounterAppStaff>;
}

/** Demo people who exist only in the SAML demo (a person in two KEPs, a member of the directorate). */
export function loadExtraDemoAccounts(): DemoSamlAccount[] {
  return JSON.parse(readFileSync(new URL('./extra-accounts.json', import.meta.url), 'utf8')) as DemoSamlAccount[];
}

/** Creates the stand-in; mount `router` anywhere and point the RoleSource at that URL. */
export function createDemoCounter(initial: Record<string, CounterAppStaff> = loadDemoCounterStaff(), token = randomBytes(24).toString('base64url')): DemoCounter {
  const staff = new Map(Object.entries(initial));
  const expected = Buffer.from(`Bearer ${token}`);
  const router = express.Router();
  router.get('/staff/:sub', (req, res) => {
    const sent = Buffer.from(req.get('authorization') ?? '');
    if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) return void res.status(401).json({ error: 'unauthorized' });
    const entry = staff.get(req.params.sub);
    if (!entry) return void res.status(404).json({ error: 'not_found' });
    res.set('Cache-Control', 'no-store').json(entry);
  });
  return {
    router,
    token,
    setStaff(sub, entry) {
      if (entry) staff.set(sub, entry);
      else staff.delete(sub);
    },
  };
}
