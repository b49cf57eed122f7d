import type { Migration } from 'kysely';
import * as m20261123_001_foundation from './2026-11-23-001-foundation.js';
import * as m20261123_010_incidents from './2026-11-23-010-incidents.js';
import * as m20261123_020_oncall from './2026-11-23-020-oncall.js';
import * as m20261123_030_paging from './2026-11-23-030-paging.js';
import * as m20261123_031_paging_notices from './2026-11-23-031-paging-notices.js';
import * as m20261123_040_alerts from './2026-11-23-040-alerts.js';
import * as m20261123_050_statuspage from './2026-11-23-050-statuspage.js';
import * as m20261123_060_postmortems from './2026-11-23-060-postmortems.js';
import * as m20261123_070_audit from './2026-11-23-070-audit.js';
import * as m20261123_080_chat from './2026-11-23-080-chat.js';
import * as m20261123_090_analytics from './2026-11-23-090-analytics.js';
import * as m20261123_100_incident_perf from './2026-11-23-100-incident-perf.js';
import * as m20261123_110_analytics_private from './2026-11-23-110-analytics-private.js';
import * as m20261123_120_timeline_retraction from './2026-11-23-120-timeline-retraction.js';
import * as m20261123_130_webhook_signing_keys from './2026-11-23-130-webhook-signing-keys.js';
import * as m20261123_140_analytics_fast_reads from './2026-11-23-140-analytics-fast-reads.js';
import * as m20261123_150_alert_event_chain from './2026-11-23-150-alert-event-chain.js';

/** Every migration, in order. Names are date-prefixed and never change once released. */
export const migrations: Record<string, Migration> = {
  '2026-11-23-001-foundation': m20261123_001_foundation,
  '2026-11-23-010-incidents': m20261123_010_incidents,
  '2026-11-23-020-oncall': m20261123_020_oncall,
  '2026-11-23-030-paging': m20261123_030_paging,
  '2026-11-23-040-alerts': m20261123_040_alerts,
  '2026-11-23-050-statuspage': m20261123_050_statuspage,
  '2026-11-23-060-postmortems': m20261123_060_postmortems,
  '2026-11-23-070-audit': m20261123_070_audit,
  '2026-11-23-080-chat': m20261123_080_chat,
  '2026-11-23-090-analytics': m20261123_090_analytics,
  '2026-11-23-100-incident-perf': m20261123_100_incident_perf,
  '2026-11-23-110-analytics-private': m20261123_110_analytics_private,
  '2026-11-23-120-timeline-retraction': m20261123_120_timeline_retraction,
  '2026-11-23-031-paging-notices': m20261123_031_paging_notices,
  '2026-11-23-130-webhook-signing-keys': m20261123_130_webhook_signing_keys,
  '2026-11-23-140-analytics-fast-reads': m20261123_140_analytics_fast_reads,
  '2026-11-23-150-alert-event-chain': m20261123_150_alert_event_chain,
};
