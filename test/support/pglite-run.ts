import { migratedPglite, TEST_DATABASE } from './test-database.js';

/**
 * Root hooks of the PGlite run (test/pglite.mocharc.cjs): the migrated cluster every test database
 * copies is made once before the first test, under a timeout of its own (PGlite's initdb and the
 * migrations take long on a busy machine), so no test's `before` pays for it.
 */
export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    if (TEST_DATABASE !== 'pglite') throw new Error('The PGlite run needs TEST_DATABASE=pglite (npm run test:pglite).');
    this.timeout(180_000);
    await migratedPglite();
  },
};
