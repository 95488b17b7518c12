import { migrateToLatest } from '../plugin/db/migrate.js';
import { openDatabase } from '../plugin/db/orm.js';

// `npm run migrate`: brings the schema up to date: PostgreSQL when DATABASE_URL is set, else the embedded PGlite in DATA_DIR.
const url = process.env.DATABASE_URL;
const orm = await openDatabase(url ? { url } : { embeddedDir: process.env.DATA_DIR ?? './data' }, { migrate: false });
const applied = await migrateToLatest(orm, { locking: Boolean(url) });
console.log(applied.length ? `Applied: ${applied.map((m) => m.name).join(', ')}` : 'The schema is up to date.');
await orm.close(true);
