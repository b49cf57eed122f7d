import type { StatusPageSettings } from '@firebreak/shared';
import { toIso } from '../../core/clock.js';
import type { AppContext } from '../../core/context.js';
import type { Executor } from '../../core/db/database.js';
import { getSettingsRow } from './settings.repo.js';
import { SETTINGS_ID, type SettingsRow } from './statuspage.model.js';

/** The page before anyone configured it: a neutral look, the organisation's time zone. */
export function defaultSettings(ctx: Pick<AppContext, 'config'>): SettingsRow {
  return {
    id: SETTINGS_ID,
    name: 'Status',
    logo_url: null,
    brand_color: '#1f6feb',
    background_color: '#ffffff',
    text_color: '#1f2328',
    time_zone: ctx.config.orgTimeZone,
    status_host: null,
    support_url: null,
    updated_at: 0,
  };
}

export async function loadSettings(ex: Executor, ctx: Pick<AppContext, 'config'>): Promise<SettingsRow> {
  return (await getSettingsRow(ex)) ?? defaultSettings(ctx);
}

export function presentSettings(row: SettingsRow): StatusPageSettings {
  return {
    name: row.name,
    logoUrl: row.logo_url,
    brandColor: row.brand_color,
    backgroundColor: row.background_color,
    textColor: row.text_color,
    timeZone: row.time_zone,
    statusHost: row.status_host,
    supportUrl: row.support_url,
    updatedAt: toIso(row.updated_at),
  };
}

/** The page's public address: its own host when one is set (same scheme as the public URL), else /status. */
export function pageUrl(ctx: Pick<AppContext, 'config'>, settings: Pick<SettingsRow, 'status_host'>): string {
  if (!settings.status_host) return `${ctx.config.publicUrl}/status`;
  const scheme = new URL(ctx.config.publicUrl).protocol;
  return `${scheme}//${settings.status_host}`;
}
