import { createServer, type AddressInfo } from 'node:net';

/** A port free right now on 127.0.0.1: the kernel picks one and we let go of it at once. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}
