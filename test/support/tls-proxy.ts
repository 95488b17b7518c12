import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Browser } from './browser.js';

/** The header a test sets to say which address the proxy saw a client come from. */
export const CLIENT_ADDRESS_HEADER = 'x-test-client-address';

/**
 * A TLS-terminating reverse proxy as it reaches the host: a real HTTP hop on 127.0.0.1 that keeps the
 * `Host` header and adds `X-Forwarded-Proto: https` and `X-Forwarded-For` with the client's address
 * (all test clients are 127.0.0.1, so a test names the address in {@link CLIENT_ADDRESS_HEADER}).
 * The TLS of the browser-to-proxy leg is not played: {@link TlsTerminatedBrowser} speaks plain HTTP
 * to the proxy for `https://` URLs.
 */
export interface TlsProxy {
  readonly port: number;
  /** The origin the browser sees: `https://127.0.0.1:<port>`. */
  readonly origin: string;
  /** Where to forward; set once the host has started (the host needs the proxy's origin first). */
  target: number;
  close(): Promise<void>;
}

export async function startTlsProxy(): Promise<TlsProxy> {
  const proxy: { target: number } = { target: 0 };
  const server: Server = createServer((req, res) => {
    const headers = { ...req.headers };
    const client = (headers[CLIENT_ADDRESS_HEADER] as string | undefined) ?? req.socket.remoteAddress ?? '';
    delete headers[CLIENT_ADDRESS_HEADER];
    headers['x-forwarded-for'] = [headers['x-forwarded-for'], client].filter(Boolean).join(', ');
    headers['x-forwarded-proto'] = 'https';
    const upstream = request({ host: '127.0.0.1', port: proxy.target, method: req.method, path: req.url, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(proxy, {
    port,
    origin: `https://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/**
 * A {@link Browser} behind the TLS proxy: `https://` URLs of the proxy are fetched over plain HTTP
 * from it, and every `Set-Cookie` line is kept so a test can read its attributes.
 */
export class TlsTerminatedBrowser extends Browser {
  readonly setCookies: string[] = [];

  constructor(readonly proxy: TlsProxy) {
    super();
  }

  override async fetch(url: URL | string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    if (target.origin === this.proxy.origin) target.protocol = 'http:';
    const res = await super.fetch(target, init);
    this.setCookies.push(...res.headers.getSetCookie());
    return res;
  }
}
