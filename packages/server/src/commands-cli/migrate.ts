import type { Command } from 'commander';
import { migrateToLatest } from '../core/db/migrate.js';
import { openReachableDatabase } from '../runtime/database.js';
import { configFrom, serverAction } from './run.js';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending database migrations and exit (serve also does this at start-up)')
    .action(
      serverAction(async () => {
        const database = await openReachableDatabase(configFrom());
        try {
          const applied = await migrateToLatest(database.db);
          process.stdout.write(
            applied.length
              ? `Applied ${applied.length} migration(s) to ${database.describe}:\n${applied.map((m) => `  ${m}`).join('\n')}\n`
              : `${database.describe} is up to date.\n`,
          );
        } finally {
          await database.close();
        }
      }),
    );
}
