/** A tiny browser for HTTP-level tests: remembers cookies (honouring Path) and never auto-follows redirects. */
export class Browser {
  readonly #cookies = new Map<string, { name: string; value: string; path: string }>();

  async fetch(url: URL | string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const headers = new Headers(init.headers);
    const cookie = this.cookieHeader(target);
    if (cookie) headers.set('cookie', cookie);
    const res = await fetch(target, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) this.#store(line);
    return res;
  }

  /** The `Cookie` header this browser sends to `url` ('' for none), for a client of another process. */
  cookieHeader(url: URL | string): string {
    const target = new URL(url);
    return [...this.#cookies.values()]
      .filter((c) => target.pathname === c.path || target.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  #store(line: string): void {
    const [pair = '', ...attrs] = line.split(';').map((s) => s.trim());
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    let path = '/';
    let expired = value === '';
    for (const attr of attrs) {
      const [k = '', v = ''] = attr.split('=');
      if (k.toLowerCase() === 'path') path = v;
      if (k.toLowerCase() === 'expires' && Date.parse(v) <= Date.now()) expired = true;
      if (k.toLowerCase() === 'max-age' && Number(v) <= 0) expired = true;
    }
    const key = `${name};${path}`;
    if (expired) this.#cookies.delete(key);
    else this.#cookies.set(key, { name, value, path });
  }

  /** Follows 3xx responses until a non-redirect; returns that response and its URL. */
  async follow(url: URL | string, init?: RequestInit): Promise<{ res: Response; url: URL }> {
    let current = new URL(url);
    let res = await this.fetch(current, init);
    for (let hops = 0; res.status >= 300 && res.status < 400; hops++) {
      if (hops > 10) throw new Error('too many redirects');
      current = new URL(res.headers.get('location') ?? '', current);
      res = await this.fetch(current);
    }
    return { res, url: current };
  }
}

