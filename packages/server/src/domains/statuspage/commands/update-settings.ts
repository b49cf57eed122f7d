import { type StatusPageSettings, UpdateStatusPageSettingsInput } from '@firebreak/shared';
import { isTimeZone } from '../../../core/config.js';
import type { AppContext } from '../../../core/context.js';
import { invalidField } from '../../../core/errors.js';
import { upsertSettings } from '../settings.repo.js';
import { loadSettings, presentSettings } from '../settings.service.js';
import { type Editor, requireMay } from '../statuspage.policy.js';
import { parse } from './inputs.js';
import { changePage } from './page-change.js';

/** Changes the page's name, logo, colours, time zone, own host name or support link. */
export async function updateStatusPageSettings(
  ctx: AppContext,
  by: Editor,
  input: UpdateStatusPageSettingsInput,
): Promise<StatusPageSettings> {
  requireMay(by, 'configure', 'change the status page settings');
  const data = parse(UpdateStatusPageSettingsInput, input);
  if (data.timeZone !== undefined && !isTimeZone(data.timeZone)) {
    throw invalidField('timeZone', `"${data.timeZone}" is not an IANA time zone name`);
  }
  return changePage(ctx, 'settings', async (c) => {
    const current = await loadSettings(c.trx, ctx);
    const row = {
      ...current,
      name: data.name ?? current.name,
      logo_url: data.logoUrl === undefined ? current.logo_url : data.logoUrl,
      brand_color: data.brandColor ?? current.brand_color,
      background_color: data.backgroundColor ?? current.background_color,
      text_color: data.textColor ?? current.text_color,
      time_zone: data.timeZone ?? current.time_zone,
      status_host: data.statusHost === undefined ? current.status_host : data.statusHost,
      support_url: data.supportUrl === undefined ? current.support_url : data.supportUrl,
      updated_at: c.now,
    };
    await upsertSettings(c.trx, row);
    return presentSettings(row);
  });
}
