import type { Rantevou } from '../../../plugin/index.js';

/** The channel every instance's session cache listens on (PostgreSQL NOTIFY or Redis PUBLISH). */
export const SESSION_ENDED_CHANNEL = 'rantevou_session_ended';

/**
 * Waits until the plugin's session cache in this process has applied `count` more revocations
 * than it had when `announce` was called: the message's arrival, not a guess at how long it takes.
 */
export async function afterRevocations(rantevou: Pick<Rantevou, 'sessionCache'>, announce: () => Promise<unknown>, count = 1): Promise<void> {
  const before = rantevou.sessionCache.revocations;
  await announce();
  for (let waited = 0; rantevou.sessionCache.revocations < before + count; waited += 5) {
    if (waited > 5000) throw new Error(`the session cache applied ${rantevou.sessionCache.revocations - before} of ${count} revocations within 5 s`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
