// The second run of `npm test` (`npm run test:pglite`): the suites of schedule, booking, staff
// appointments, public booking and attendance against PGlite, the embedded default's database
// (TEST_DATABASE=pglite makes the test systems start the plugin on it, with the very same
// migrations; Redis and the external identity provider stay as in the PostgreSQL run). Any value
// that PGlite reads or computes differently from PostgreSQL fails here.
const base = require('../.mocharc.json');

module.exports = {
  ...base,
  require: ['test/support/pglite-run.ts'],
  spec: ['test/queues/**/*.test.ts', 'test/appointments/**/*.test.ts', 'test/booking/**/*.test.ts', 'test/public/**/*.test.ts', 'test/attendance/**/*.test.ts', 'test/arrivals/**/*.test.ts', 'test/webhooks/**/*.test.ts', 'test/calls/**/*.test.ts', 'test/live/**/*.test.ts',
    // The waitlist: its offer pass and the offer's booking on the one connection (a read outside the booking's transaction hung there).
    'test/waitlist/**/*.test.ts',
    // Unmet demand's counters and nearby KEPs, and the report's waiting figures (their SQL: nulls not distinct, percentile_disc, grouping sets).
    'test/reports/unmet-demand.test.ts', 'test/reports/waiting-report.test.ts',
    // The staff journeys in the browser; the citizen journeys run on the embedded default already.
    'test/journeys/operator.journey.test.ts', 'test/journeys/store-admin.journey.test.ts', 'test/journeys/supervisor.journey.test.ts'],
  // Left out on purpose, each for a reason that PGlite cannot share:
  ignore: [
    // Races between several PostgreSQL sessions (pg clients holding row locks while the API books):
    // PGlite has one connection, so these races cannot happen on it.
    'test/appointments/booking-races.test.ts',
    // Same kind: a citizen's hold waits on a queue row locked by a second session while staff deactivate it.
    'test/public/staff-changes.test.ts',
    // Scans the raw tables with its own pg client on the PostgreSQL URL (to do: through the ORM, then on both).
    'test/attendance/retention.test.ts',
    // Compares PostgreSQL and PGlite itself, in the PostgreSQL run already.
    'test/attendance/report-summary.test.ts',
    // No database behaviour (CORS headers of the widget files); it opens PostgreSQL directly.
    'test/public/widget-cors.test.ts',
  ],
};
