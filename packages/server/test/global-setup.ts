/** Prints, once per run, which databases the suite covers, so a skipped PostgreSQL is never silent. */
export default function setup(): void {
  if (process.env.FIREBREAK_TEST_PG_URL) {
    process.stdout.write('\n[firebreak] integration suites run on SQLite and PostgreSQL\n');
  } else if (process.env.FIREBREAK_REQUIRE_PG === '1') {
    process.stdout.write(
      '\n[firebreak] FIREBREAK_REQUIRE_PG=1 but FIREBREAK_TEST_PG_URL is unset: PostgreSQL suites will FAIL\n',
    );
  } else {
    process.stdout.write(
      '\n[firebreak] NOTICE: PostgreSQL suites SKIPPED (set FIREBREAK_TEST_PG_URL=postgres://… to run them)\n',
    );
  }
}
