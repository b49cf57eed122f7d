import { type Command, InvalidArgumentError } from 'commander';
import { startupBanner } from '../runtime/banner.js';
import { startFirebreak } from '../runtime/start.js';
import { superviseProcess } from '../runtime/supervise.js';
import { configFrom, serverAction } from './run.js';

type ServeOptions = { demo?: boolean; port?: number; host?: string };

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Run the server: API, web UI, status page, inbound integrations and the scheduler')
    .option('--demo', 'fill an empty database with a demo organisation (people, teams, services, incidents)')
    .option('--port <port>', 'port to listen on (overrides FIREBREAK_PORT, default 8080)', port)
    .option('--host <address>', 'address to listen on (overrides FIREBREAK_HOST, default 127.0.0.1)')
    .addHelpText(
      'after',
      `
On first start an administrator (admin@localhost) is created and a one-time sign-in link is printed.
Ctrl-C (SIGINT) or SIGTERM stops gracefully: in-flight requests finish, scheduled jobs are released.
Press Ctrl-C twice to exit at once. Run \`firebreak doctor\` if it does not start.`,
    )
    .action(
      serverAction(async (options: ServeOptions) => {
        const config = configFrom({ FIREBREAK_PORT: options.port?.toString(), FIREBREAK_HOST: options.host });
        const firebreak = await startFirebreak(config, { demo: options.demo });
        superviseProcess(firebreak.stop, firebreak.ctx.log);
        process.stdout.write(`${startupBanner(firebreak)}\n`);
      }),
    );
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be a port number, 0–65535');
  return n;
}
