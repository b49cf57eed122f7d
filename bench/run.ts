// Runs the benchmarks: `npm run bench` runs all, `npm run bench -- api incidents` runs some.
// Each prints its own figures. PostgreSQL figures need FIREBREAK_TEST_PG_URL (a notice says when skipped).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const all = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !all.includes(w));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${all.join(', ')}`);
  process.exit(2);
}
if (!process.env.FIREBREAK_TEST_PG_URL) {
  console.log('NOTICE: FIREBREAK_TEST_PG_URL is unset: PostgreSQL figures are skipped.');
}
for (const name of wanted.length ? wanted : all) {
  console.log(`\n## ${name}`);
  const mod = (await import(path.join(dir, `${name}.bench.ts`))) as { default: () => Promise<void> };
  await mod.default();
}
process.exit(0);
