import { VERSION } from '../http/app.js';
import type { Firebreak } from './start.js';

/**
 * What a person sees when Firebreak starts: where it is, which database it uses, and how to get in.
 * Plain text on stdout, apart from the JSON log lines.
 */
export function startupBanner(firebreak: Firebreak): string {
  const { config } = firebreak.ctx;
  const lines = [
    '',
    `Firebreak ${VERSION} is running at ${config.publicUrl}`,
    `  listening on ${firebreak.url}`,
    `  database:    ${firebreak.database.describe}`,
    `  scheduler:   ${config.runScheduler ? 'running in this process' : 'off (FIREBREAK_SCHEDULER=false)'}`,
  ];
  if (firebreak.demoSeeded.length) lines.push(`  demo data:   loaded (${firebreak.demoSeeded.join(', ')})`);
  lines.push('');
  if (firebreak.firstAdmin.created) {
    lines.push(
      `First start: sign in as ${firebreak.firstAdmin.email} with this one-time link, then set a password:`,
      '',
      `  ${firebreak.firstAdmin.signInUrl}`,
      '',
      `Lost it? Run \`firebreak user link ${firebreak.firstAdmin.email}\` for a new one.`,
    );
  } else {
    lines.push(`Sign in at ${config.publicUrl} (forgot access? run \`firebreak user link <email>\`)`);
  }
  lines.push('Press Ctrl-C to stop.', '');
  return lines.join('\n');
}
