import type { Executor } from '../../core/db/database.js';
import { SETTINGS_ID, type SettingsRow, type StatusPageSettingsTable } from './statuspage.model.js';

// The page's one settings row.

export const getSettingsRow = (ex: Executor): Promise<SettingsRow | undefined> =>
  ex.selectFrom('status_page_settings').selectAll().where('id', '=', SETTINGS_ID).executeTakeFirst();

export const upsertSettings = (ex: Executor, row: StatusPageSettingsTable) =>
  ex
    .insertInto('status_page_settings')
    .values(row)
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        name: row.name,
        logo_url: row.logo_url,
        brand_color: row.brand_color,
        background_color: row.background_color,
        text_color: row.text_color,
        time_zone: row.time_zone,
        status_host: row.status_host,
        support_url: row.support_url,
        updated_at: row.updated_at,
      }),
    )
    .execute();
