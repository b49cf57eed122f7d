import type { Command } from 'commander';
import { type Config, ConfigError } from '../core/config.js';
import { formatCheck, runDoctor } from '../runtime/doctor.js';
import { configFrom, EXIT, serverAction } from './run.js';

export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description(
      'Check the installation: configuration, database reachable and migrated, data directory writable, secret key, web UI built, SMTP reachable (if configured)',
    )
    .addHelpText(
      'after',
      '\nPrints one line per check (✓ passed, ✗ failed, – skipped); exits 1 if any failed, 2 on a bad configuration.',
    )
    .action(
      serverAction(async () => {
        let config: Config;
        try {
          config = configFrom();
        } catch (err) {
          if (!(err instanceof ConfigError)) throw err;
          process.stdout.write(`✗ configuration: ${err.problems.join('; ')}\n`);
          process.exitCode = EXIT.badConfig;
          return;
        }
        process.stdout.write(`✓ configuration: valid (data directory ${config.dataDir})\n`);
        const checks = await runDoctor(config);
        for (const check of checks) process.stdout.write(`${formatCheck(check)}\n`);
        const failed = checks.filter((c) => c.status === 'fail').length;
        process.stdout.write(failed ? `\n${failed} check(s) failed.\n` : '\nAll checks passed.\n');
        if (failed) process.exitCode = EXIT.failed;
      }),
    );
}
