import { expect } from 'chai';
import { startPublicSystem, type PublicSystem } from './public-system.js';

describe('per-IP limits of the public API', () => {
  let system: PublicSystem;

  before(async () => {
    system = await startPublicSystem('ratelimits', { env: { PUBLIC_READS_PER_MINUTE: '12', PUBLIC_WRITES_PER_MINUTE: '3' } });
  });
  after(async () => system?.close());

  it('answers 429 problem+json with Retry-After past the write limit, and past the limit of all requests', async () => {
    const post = () => fetch(`${system.url}/api/v1/public/holds`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect((await Promise.all([post(), post(), post()])).map((r) => r.status)).to.deep.equal([401, 401, 401]);
    const limited = await post();
    expect(limited.status).to.equal(429);
    expect(limited.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(Number(limited.headers.get('retry-after'))).to.be.within(1, 60);
    expect((await limited.json()).type).to.equal('urn:rantevou:problem:rate-limited');

    const read = () => fetch(`${system.url}/api/v1/public/stores`);
    const reads = [];
    for (let i = 0; i < 8; i++) reads.push((await read()).status);
    expect(reads).to.deep.equal([200, 200, 200, 200, 200, 200, 200, 200]);
    const last = await read();
    expect(last.status).to.equal(429);
    expect((await fetch(`${system.url}/api/v1/public/manage/${'x'.repeat(43)}`)).status).to.equal(429);
    expect((await fetch(`${system.url}/api/v1/public/auth/login?origin=https://www.gov.gr.example`)).status).to.equal(429);
  });
});
