import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { expect } from 'chai';
import { createDemoGsis, loadDemoGsisPeople, type DemoGsisClient, type DemoGsisPerson } from '../../../examples/demo-gsis/demo-gsis.js';
import type { Browser } from '../../support/browser.js';

/** The GSIS stand-in on its own port; `clients` may be filled in once the system's URL is known. */
export async function startGsisStandIn(kind: 'staff' | 'citizens', extraPeople: DemoGsisPerson[] = []) {
  const app = express();
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const clients: DemoGsisClient[] = [];
  const path = kind === 'staff' ? '/oauth2servergov' : '/oauth2server';
  const gsis = createDemoGsis({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}/`, title: 'GSIS (test)', clients, people: [...loadDemoGsisPeople()[kind], ...extraPeople] });
  app.use(path, gsis.router);
  return {
    gsis,
    clients,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Follows the sign-in to the stand-in's picker page and picks `userid`; returns the stand-in's redirect back to us (not followed). */
export async function pickAtGsis(browser: Browser, loginUrl: string, userid: string): Promise<URL> {
  const picker = await browser.follow(loginUrl);
  expect(picker.res.status).to.equal(200);
  const html = await picker.res.text();
  const form = new RegExp(`<form method="post" action="authorize">(.*?)name="userid" value="${userid}">`).exec(html);
  expect(form, 'the picker offers the person').to.not.equal(null);
  const fields = new URLSearchParams({ userid });
  const own = form![1]!.slice(Math.max(0, form![1]!.lastIndexOf('<form')));
  for (const m of own.matchAll(/name="([^"]+)" value="([^"]*)"/g)) if (m[1] !== 'userid') fields.set(m[1]!, m[2]!.replaceAll('&amp;', '&').replaceAll('&quot;', '"'));
  const posted = await browser.fetch(new URL('authorize', picker.url), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: fields });
  expect(posted.status).to.equal(303);
  return new URL(posted.headers.get('location')!);
}
