/**
 * The widgets' stream client (widget/shared/live-stream.ts) against the plugin's own stream writer
 * (plugin/live/sse.ts) over real HTTP: events arrive, a stream the server ends comes back by itself
 * and catches up with one poll, a refused stream is not retried and the screen polls instead, and
 * close() ends it all. Node runs the widget's code as a browser would: fetch and web streams.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import express from 'express';
import { inProcessLiveEvents, type LiveEvent, type LiveEvents } from '../../plugin/live/live-events.js';
import { sendEvents } from '../../plugin/live/sse.js';
import { openLiveStream, type LiveStream } from '../../widget/shared/live-stream.js';

const STORE = '7f1c2c5e-8a43-4d55-9c67-0f5f7b2d9a10';
const event = (n: number): LiveEvent => ({ kind: 'called', storeId: STORE, number: n, queueName: 'Κύρια ουρά', at: new Date(2027, 0, 11, 9, n).toISOString() });

/** Waits for `ready()` (as a person waits for a screen), at most `ms`. */
async function until(ready: () => boolean, what: string, ms = 10_000): Promise<void> {
  for (let waited = 0; !ready(); waited += 20) {
    if (waited > ms) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the widgets’ live stream client, against the plugin’s stream', function () {
  this.timeout(30_000);
  let server: Server;
  let base: string;
  let live: LiveEvents;
  let listening = 0;
  let requests = 0;
  let refuse = false;
  let stream: LiveStream | null = null;

  before(async () => {
    live = inProcessLiveEvents();
    const counted: LiveEvents = {
      ...live,
      subscribe(storeId, listener, closed) {
        listening++;
        const stop = live.subscribe(storeId, listener, closed);
        return () => (listening--, stop());
      },
    };
    const app = express();
    app.get('/events', (req, res) => {
      requests++;
      if (refuse) return void res.status(401).type('application/problem+json').json({ title: 'Συνδεθείτε' });
      sendEvents(req, res, { storeId: STORE, live: counted, maxAgeMs: Number(req.query.maxAgeMs ?? 60_000) });
    });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    stream?.close();
    stream = null;
    refuse = false;
    await until(() => listening === 0, 'the server let go of the stream');
  });
  after(async () => {
    await live.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('delivers each event; a stream the server ends comes back by itself and polls once to catch up', async () => {
    const received: LiveEvent[] = [];
    let polls = 0;
    // The server ends each stream after about 400 ms, as it does after 5 minutes.
    stream = openLiveStream({ url: `${base}/events?maxAgeMs=500`, onEvent: (e) => received.push(e), onPoll: () => polls++, pollMs: 60_000 });
    await until(() => listening === 1, 'connected');
    const first = requests;
    live.publish(event(1));
    await until(() => received.length === 1, 'the first event');
    expect(received).to.deep.equal([event(1)]);
    expect(polls, 'no poll while connected').to.equal(0);

    await until(() => requests > first && listening === 1, 'connected again after the server ended the stream');
    await until(() => polls === 1, 'one poll on reconnecting');
    live.publish(event(2));
    await until(() => received.length === 2, 'the second event, on the new stream');
    expect(received).to.deep.equal([event(1), event(2)]);
  });

  it('does not retry a refused stream (401) and polls every pollMs instead', async () => {
    refuse = true;
    const before = requests;
    let polls = 0;
    stream = openLiveStream({ url: `${base}/events`, onEvent: () => expect.fail('no event'), onPoll: () => polls++, pollMs: 50 });
    await until(() => polls >= 5, 'five polls');
    expect(requests - before, 'one request, no retries').to.equal(1);
  });

  it('close() ends the stream on the server and calls nothing after', async () => {
    let calls = 0;
    stream = openLiveStream({ url: `${base}/events`, onEvent: () => calls++, onPoll: () => calls++, pollMs: 50 });
    await until(() => listening === 1, 'connected');
    stream.close();
    calls = 0;
    await until(() => listening === 0, 'the server saw the client go');
    live.publish(event(3));
    await new Promise((r) => setTimeout(r, 200));
    expect(calls).to.equal(0);
  });
});
