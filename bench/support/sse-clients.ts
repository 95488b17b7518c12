/**
 * The live bench's screens, in a process of their own (so that the server's memory per connection is
 * measured alone): opens `count` server-sent event streams, tells the parent when all are connected,
 * and for each event stamps its receipt (`performance.timeOrigin + performance.now()`, comparable
 * across processes on one machine) by the event's `at`, reporting a round once every stream has it.
 *
 * Started by bench/live.bench.ts with fork(); the parent sends { streams: [{ url, headers, count, label }] }.
 */
import { request, type IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import { createParser } from 'eventsource-parser';

interface StreamGroup {
  url: string;
  headers: Record<string, string>;
  count: number;
  label: string;
}

/** What the parent hears: all connected; each round's receipts per label; a failure. */
export type ClientMessage =
  | { kind: 'connected'; streams: number }
  | { kind: 'round'; at: string; received: Record<string, number[]> }
  | { kind: 'failed'; error: string };

const send = (m: ClientMessage) => process.send!(m);
/** Per event `at`: the receipts of each label's streams. */
const rounds = new Map<string, Record<string, number[]>>();
let total = 0;
const perLabel = new Map<string, number>();

function open(group: StreamGroup): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(group.url, { headers: { accept: 'text/event-stream', ...group.headers } }, (res: IncomingMessage) => {
      if (res.statusCode !== 200) return reject(new Error(`${group.label}: HTTP ${res.statusCode}`));
      res.setEncoding('utf8');
      let first = true;
      const parser = createParser({
        onEvent: (message) => {
          const stamp = performance.timeOrigin + performance.now();
          const { at, kind } = JSON.parse(message.data) as { at: string; kind: string };
          if (kind !== 'called') return;
          const round = rounds.get(at) ?? {};
          rounds.set(at, round);
          (round[group.label] ??= []).push(stamp);
          const got = Object.values(round).reduce((n, list) => n + list.length, 0);
          if (got === total) {
            rounds.delete(at);
            send({ kind: 'round', at, received: round });
          }
        },
      });
      res.on('data', (chunk: string) => {
        parser.feed(chunk);
        if (first) {
          first = false;
          resolve();
        }
      });
      res.on('end', () => send({ kind: 'failed', error: `${group.label}: a stream ended` }));
    });
    req.on('error', reject);
    req.end();
  });
}

process.on('message', async (m: { streams: StreamGroup[] }) => {
  try {
    for (const g of m.streams) {
      total += g.count;
      perLabel.set(g.label, g.count);
    }
    // A few hundred at a time: the server's accept queue and the session reads, not a thundering herd.
    const all = m.streams.flatMap((g) => Array.from({ length: g.count }, () => g));
    for (let i = 0; i < all.length; i += 200) await Promise.all(all.slice(i, i + 200).map(open));
    send({ kind: 'connected', streams: total });
  } catch (err) {
    send({ kind: 'failed', error: String(err) });
  }
});
