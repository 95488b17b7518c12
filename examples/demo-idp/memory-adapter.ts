/**
 * A tiny per-provider in-memory storage adapter for oidc-provider.
 *
 * Why not the built-in one: oidc-provider only uses its own memory adapter
 * when no adapter is configured, and then prints a "you MUST change it"
 * warning on every start. The demo IdP is *meant* to be ephemeral (restart =
 * everyone signs in again), so we supply an equivalent adapter explicitly.
 * Each call to {@link createMemoryAdapterFactory} gets its own store, so
 * several demo IdPs (e.g. in parallel tests) never share state.
 */

type Payload = Record<string, unknown> & { grantId?: string; uid?: string; userCode?: string; consumed?: number };

interface Entry {
  payload: Payload;
  /** Epoch milliseconds; undefined = no expiry. */
  expiresAt: number | undefined;
}

/** The adapter contract oidc-provider 9 calls into (one instance per model name). */
export interface OidcAdapter {
  upsert(id: string, payload: Payload, expiresIn?: number): Promise<void>;
  find(id: string): Promise<Payload | undefined>;
  findByUid(uid: string): Promise<Payload | undefined>;
  findByUserCode(userCode: string): Promise<Payload | undefined>;
  consume(id: string): Promise<void>;
  destroy(id: string): Promise<void>;
  revokeByGrantId(grantId: string): Promise<void>;
}

/**
 * Returns the `adapter` factory for the Provider configuration.
 * @param clockToleranceSeconds kept past expiry so clock skew does not drop live artefacts early.
 */
export function createMemoryAdapterFactory(clockToleranceSeconds = 15): (model: string) => OidcAdapter {
  const entries = new Map<string, Entry>();
  const byGrant = new Map<string, Set<string>>();
  const sessionByUid = new Map<string, string>();
  const byUserCode = new Map<string, string>();

  const read = (key: string): Payload | undefined => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      entries.delete(key);
      return undefined;
    }
    return entry.payload;
  };

  // Expired entries are otherwise only dropped when read; a long-running
  // `npm start` would slowly accumulate abandoned interactions and codes.
  let writesSinceSweep = 0;
  const sweep = () => {
    const now = Date.now();
    for (const [key, entry] of entries) {
      if (entry.expiresAt !== undefined && entry.expiresAt <= now) entries.delete(key);
    }
    for (const [grantId, members] of byGrant) {
      for (const member of members) if (!entries.has(member)) members.delete(member);
      if (members.size === 0) byGrant.delete(grantId);
    }
    for (const [uid, id] of sessionByUid) if (!entries.has(`Session:${id}`)) sessionByUid.delete(uid);
    for (const [code, id] of byUserCode) if (!entries.has(`DeviceCode:${id}`)) byUserCode.delete(code);
  };

  return (model: string): OidcAdapter => {
    const key = (id: string) => `${model}:${id}`;
    return {
      async upsert(id, payload, expiresIn) {
        if (++writesSinceSweep >= 200) {
          writesSinceSweep = 0;
          sweep();
        }
        const expiresAt = typeof expiresIn === 'number' ? Date.now() + (expiresIn + clockToleranceSeconds) * 1000 : undefined;
        entries.set(key(id), { payload, expiresAt });
        if (model === 'Session' && payload.uid) sessionByUid.set(payload.uid, id);
        if (payload.userCode) byUserCode.set(payload.userCode, id);
        if (payload.grantId) {
          const members = byGrant.get(payload.grantId) ?? new Set<string>();
          members.add(key(id));
          byGrant.set(payload.grantId, members);
        }
      },
      async find(id) {
        return read(key(id));
      },
      async findByUid(uid) {
        const id = sessionByUid.get(uid);
        return id === undefined ? undefined : read(key(id));
      },
      async findByUserCode(userCode) {
        const id = byUserCode.get(userCode);
        return id === undefined ? undefined : read(key(id));
      },
      async consume(id) {
        const payload = read(key(id));
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        const payload = read(key(id));
        entries.delete(key(id));
        if (payload?.uid && sessionByUid.get(payload.uid) === id) sessionByUid.delete(payload.uid);
        if (payload?.userCode) byUserCode.delete(payload.userCode);
      },
      async revokeByGrantId(grantId) {
        // Tokens and codes issued under a grant die with it (logout, code replay).
        for (const member of byGrant.get(grantId) ?? []) entries.delete(member);
        byGrant.delete(grantId);
      },
    };
  };
}
