import type { EntityManager } from '@mikro-orm/core';
import type { Appointment } from '../db/appointment.entity.js';
import { ManageToken } from '../db/manage-token.entity.js';
import { hashSecret, newSecret } from '../auth/secrets.js';

/** How long after its creation a manage link works: past any appointment it can be moved to. */
const EXTRA_DAYS = 30;

/**
 * A new "manage your appointment" link, valid from `now` (the plugin's clock): the URL to send, and
 * what to store (only the secret's hash). The booking writes the row in its one statement.
 */
export function newManageLink(baseUrl: string, rules: { horizonDays: number; manageUrl?: string | undefined }, now: Date): { url: string; tokenHash: string; expiresAt: Date } {
  const token = newSecret();
  return {
    url: manageUrlOf(baseUrl, token, rules.manageUrl),
    tokenHash: hashSecret(token),
    expiresAt: new Date(now.getTime() + (rules.horizonDays + EXTRA_DAYS) * 86_400_000),
  };
}

/**
 * The link a citizen opens: the host's page (`template`, `{token}` replaced), or else the public
 * API's manage endpoint, which answers a browser with the plugin's own page.
 */
export function manageUrlOf(baseUrl: string, token: string, template?: string): string {
  return template ? template.replace('{token}', encodeURIComponent(token)) : `${baseUrl}/api/v1/public/manage/${token}`;
}

/** The appointment a manage token live at `now` names (with its store and queue), or null. */
export async function appointmentByManageToken(em: EntityManager, token: string, now: Date): Promise<Appointment | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const row = await em.findOne(ManageToken, { tokenHash: hashSecret(token), expiresAt: { $gt: now } }, { populate: ['appointment', 'appointment.store', 'appointment.queue'] });
  return row && row.appointment.status !== 'held' ? (row.appointment as Appointment) : null;
}
