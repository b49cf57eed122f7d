import { SEVERITY_RANK, worseSeverity } from '@firebreak/shared';
import type { Insertable } from 'kysely';
import type { AppContext } from '../../../core/context.js';
import type { Executor } from '../../../core/db/database.js';
import { newId } from '../../../core/ids.js';
import { enqueueJob, type NewJob } from '../../../core/scheduler/enqueue.js';
import {
  type AlertEventsTable,
  type AlertGroupRow,
  type AlertRow,
  declareJobKey,
  flapSettleKey,
  JOB_DECLARE,
  JOB_FLAP_SETTLE,
  JOB_PAGE_GROUP,
  JOB_SYNC_PAGE,
  pageJobKey,
} from '../alerts.model.js';
import {
  findAlertsByKeys,
  getGroupsByIds,
  insertAlertEvents,
  listAlertsOfGroup,
  listOpenGroupsOfService,
  servicesInMaintenance,
  updateRetriggered,
  upsertAlerts,
  upsertGroups,
} from '../alerts.repo.js';
import type { InboundAlert } from '../inbound/event.js';
import type { IntegrationConfig } from '../integration-config.js';
import { groupingKey, recentFlips } from './grouping.js';
import { freshKnowledge, type IngestMemory, type KnownAlerts } from './memory.js';

/** What writing alerts needs of the app: an ingest thread has these, and its memory. */
export type CommitContext = Pick<AppContext, 'db' | 'dialect' | 'clock' | 'events'> & { memory?: IngestMemory };

/** Job priorities: a page for an alert group runs before routine work due at the same time. */
const PRIORITY_PAGE = 95;
const PRIORITY_SYNC = 85;

const keyOf = (integrationId: string, dedupKey: string) => `${integrationId}\u0000${dedupKey}`;

/**
 * The alerts and groups one transaction touches, held in memory and written back in a few bulk
 * statements by `flush`. Every change of alert state goes through here — inbound events (ingest)
 * and people (acknowledge, resolve) alike — so dedup, grouping, flapping and paging rules live in
 * one place. Paging itself happens in jobs written by `flush` in the same transaction.
 *
 * @example
 * await ctx.db.transaction().execute(async (trx) => {
 *   const ws = new AlertWorkspace(trx, ctx, ctx.clock.now());
 *   await ws.loadByKeys([{ config, dedupKey: 'disk-full' }]);
 *   await ws.applyEvent(config, alert);
 *   await ws.flush();
 * });
 */
export class AlertWorkspace {
  private readonly byKey: Map<string, AlertRow>;
  private readonly alertsById: Map<string, AlertRow>;
  private readonly groups: Map<string, AlertGroupRow>;
  private readonly servicesLoaded: Set<string>;
  private readonly maintenance = new Map<string, boolean>();
  private readonly dirtyAlerts = new Set<AlertRow>();
  /** Alerts only re-triggered (no state change): written by a narrower, cheaper statement. */
  private readonly retriggered = new Set<AlertRow>();
  private readonly dirtyGroups = new Set<AlertGroupRow>();
  private readonly events: Insertable<AlertEventsTable>[] = [];
  private readonly jobs: NewJob[] = [];
  /** Domain events to emit once the transaction committed. */
  readonly afterCommit: (() => void)[] = [];
  created = 0;
  updated = 0;

  /** `known`: what an earlier transaction left (the ingest thread's memory); by default, nothing. */
  constructor(
    private readonly trx: Executor,
    private readonly ctx: CommitContext,
    readonly now: number,
    known: KnownAlerts = freshKnowledge(),
  ) {
    this.byKey = known.byKey;
    this.alertsById = known.byId;
    this.groups = known.groups;
    this.servicesLoaded = known.servicesLoaded;
  }

  /** Loads the open (and recently resolved) alerts these events may refer to, in one query. */
  async loadByKeys(all: { config: IntegrationConfig; dedupKey: string }[]): Promise<void> {
    const pairs = all.filter((p) => !this.byKey.has(keyOf(p.config.row.id, p.dedupKey)));
    if (pairs.length === 0) return;
    const integrationIds = [...new Set(pairs.map((p) => p.config.row.id))];
    const longestWindow = Math.max(...pairs.map((p) => p.config.flapWindowMs));
    const rows = await findAlertsByKeys(
      this.trx,
      integrationIds,
      pairs.map((p) => p.dedupKey),
      this.now - longestWindow,
    );
    for (const row of rows) {
      const key = keyOf(row.integration_id, row.dedup_key);
      const known = this.byKey.get(key);
      // The open alert wins; among resolved ones, the latest.
      if (
        !known ||
        (known.status === 'resolved' &&
          (row.status !== 'resolved' || (row.resolved_at ?? 0) > (known.resolved_at ?? 0)))
      ) {
        this.byKey.set(key, row);
      }
      this.alertsById.set(row.id, row);
    }
  }

  /** Adds alerts loaded by id (people acting on them). */
  track(rows: AlertRow[]): void {
    for (const row of rows) {
      if (this.alertsById.has(row.id)) continue;
      this.alertsById.set(row.id, row);
      if (row.status !== 'resolved') this.byKey.set(keyOf(row.integration_id, row.dedup_key), row);
    }
  }

  trackGroups(rows: AlertGroupRow[]): AlertGroupRow[] {
    return rows.map((row) => {
      const known = this.groups.get(row.id);
      if (known) return known;
      this.groups.set(row.id, row);
      return row;
    });
  }

  /**
   * Applies one inbound event. Answers the alert's id, or null for an acknowledge/resolve of
   * no open alert (dropped, as PagerDuty does).
   */
  async applyEvent(config: IntegrationConfig, event: InboundAlert): Promise<string | null> {
    let alert = this.byKey.get(keyOf(config.row.id, event.dedupKey));
    if (alert && alert.last_hash === event.hash) return alert.id; // a retry: nothing new
    const reopenable = alert?.status === 'resolved' && (alert.resolved_at ?? 0) >= this.now - config.flapWindowMs;
    if (alert?.status === 'resolved' && !reopenable) alert = undefined;
    if (event.action === 'trigger') {
      if (!alert) return this.open(config, event);
      if (alert.status === 'resolved') return this.reopen(config, alert, event);
      return this.retrigger(config, alert, event);
    }
    if (!alert || alert.status === 'resolved') return null;
    this.recordEvent(alert, event);
    if (event.action === 'acknowledge') await this.acknowledgeAlert(alert, null);
    else await this.resolveAlert(alert, null, config);
    return alert.id;
  }

  /** Someone (or an acknowledge event) is on it: the alert and its group are acknowledged. */
  async acknowledgeAlert(alert: AlertRow, userId: string | null): Promise<boolean> {
    if (alert.status !== 'triggered') return false;
    alert.status = 'acknowledged';
    alert.acknowledged_at = this.now;
    this.dirtyAlerts.add(alert);
    const group = await this.groupOf(alert);
    if (group?.status === 'triggered') this.markGroupAcknowledged(group, userId);
    return true;
  }

  /**
   * The alert is over. Its group resolves with its last open alert — unless the alert is flapping:
   * then the group stays open until the alert has stayed resolved for the flap window.
   */
  async resolveAlert(alert: AlertRow, userId: string | null, config?: IntegrationConfig): Promise<boolean> {
    if (alert.status === 'resolved') return false;
    if (config) this.flip(alert, config);
    alert.status = 'resolved';
    alert.resolved_at = this.now;
    this.dirtyAlerts.add(alert);
    const group = await this.groupOf(alert);
    if (!group || group.status === 'resolved') return true;
    group.open_count = Math.max(0, group.open_count - 1);
    group.updated_at = this.now;
    this.dirtyGroups.add(group);
    if (group.open_count > 0) return true;
    if (alert.flapping && config) this.settleLater(group, this.now + config.flapWindowMs, config.flapWindowMs);
    else this.markGroupResolved(group, userId);
    return true;
  }

  /** Resolves a group held open by a flapping alert once it has been quiet until `at`. */
  settleLater(group: AlertGroupRow, at: number, windowMs: number): void {
    this.jobs.push({
      kind: JOB_FLAP_SETTLE,
      payload: { groupId: group.id, windowMs },
      runAt: at,
      dedupeKey: flapSettleKey(group.id),
    });
  }

  /** Acknowledges a group and every triggered alert in it. */
  async acknowledgeGroup(group: AlertGroupRow, userId: string | null): Promise<boolean> {
    if (group.status !== 'triggered') return false;
    this.track(await listAlertsOfGroup(this.trx, group.id, ['triggered']));
    for (const alert of this.alertsById.values()) {
      if (alert.group_id === group.id && alert.status === 'triggered') {
        alert.status = 'acknowledged';
        alert.acknowledged_at = this.now;
        this.dirtyAlerts.add(alert);
      }
    }
    this.markGroupAcknowledged(group, userId);
    return true;
  }

  /** Resolves a group and every alert still open in it. */
  async resolveGroup(group: AlertGroupRow, userId: string | null): Promise<boolean> {
    if (group.status === 'resolved') return false;
    this.track(await listAlertsOfGroup(this.trx, group.id, ['triggered', 'acknowledged']));
    for (const alert of this.alertsById.values()) {
      if (alert.group_id === group.id && alert.status !== 'resolved') {
        alert.status = 'resolved';
        alert.resolved_at = this.now;
        this.dirtyAlerts.add(alert);
      }
    }
    group.open_count = 0;
    this.markGroupResolved(group, userId);
    return true;
  }

  /** Writes everything that changed, then the jobs, in the caller's transaction. */
  async flush(): Promise<void> {
    // Groups first: new alerts refer to them.
    if (this.dirtyGroups.size) await upsertGroups(this.trx, this.ctx.dialect, [...this.dirtyGroups]);
    if (this.dirtyAlerts.size) await upsertAlerts(this.trx, this.ctx.dialect, [...this.dirtyAlerts]);
    const retriggered = [...this.retriggered].filter((a) => !this.dirtyAlerts.has(a));
    if (retriggered.length) await updateRetriggered(this.trx, this.ctx.dialect, retriggered);
    if (this.events.length) await insertAlertEvents(this.trx, this.ctx.dialect, this.events);
    for (const job of this.jobs) await enqueueJob(this.trx, this.ctx.clock, job);
  }

  private async open(config: IntegrationConfig, event: InboundAlert): Promise<string> {
    const maintenance = await this.inMaintenance(config.row.service_id);
    const group = await this.assignGroup(config, event, maintenance);
    const alert: AlertRow = {
      id: newId(),
      integration_id: config.row.id,
      service_id: config.row.service_id,
      group_id: group.id,
      dedup_key: event.dedupKey,
      status: 'triggered',
      severity: event.severity,
      summary: event.summary || event.dedupKey,
      source: event.source,
      component: event.component,
      source_group: event.sourceGroup,
      class_name: event.className,
      details: event.details,
      labels: event.labels ? JSON.stringify(event.labels) : null,
      annotations: event.annotations ? JSON.stringify(event.annotations) : null,
      links: JSON.stringify(event.links),
      images: JSON.stringify(event.images),
      client: event.client,
      client_url: event.clientUrl,
      format: event.format,
      event_count: 0,
      last_hash: event.hash,
      flips: '[]',
      flapping: 0,
      in_maintenance: maintenance ? 1 : 0,
      noise: null,
      noise_by: null,
      noise_at: null,
      occurred_at: event.occurredAt,
      last_event_at: this.now,
      last_event_id: null,
      acknowledged_at: null,
      resolved_at: null,
      created_at: this.now,
    };
    this.byKey.set(keyOf(alert.integration_id, alert.dedup_key), alert);
    this.alertsById.set(alert.id, alert);
    this.recordEvent(alert, event);
    this.created++;
    return alert.id;
  }

  private async reopen(config: IntegrationConfig, alert: AlertRow, event: InboundAlert): Promise<string> {
    this.flip(alert, config);
    alert.status = 'triggered';
    alert.resolved_at = null;
    alert.acknowledged_at = null;
    this.applyFields(alert, event);
    this.recordEvent(alert, event);
    const previous = await this.groupOf(alert);
    if (previous && previous.status !== 'resolved') {
      // Still held open (a flapping alert): it rejoins without paging again.
      previous.open_count++;
      previous.last_alert_at = this.now;
      previous.severity = worseSeverity(previous.severity, event.severity);
      previous.updated_at = this.now;
      this.dirtyGroups.add(previous);
    } else {
      const maintenance = await this.inMaintenance(config.row.service_id);
      const group = await this.assignGroup(config, event, maintenance);
      alert.group_id = group.id;
      alert.in_maintenance = maintenance ? 1 : 0;
    }
    return alert.id;
  }

  private async retrigger(config: IntegrationConfig, alert: AlertRow, event: InboundAlert): Promise<string> {
    const worse = SEVERITY_RANK[event.severity] > SEVERITY_RANK[alert.severity];
    this.applyFields(alert, event);
    this.recordEvent(alert, event, false);
    if (worse) {
      const group = await this.groupOf(alert);
      if (group && SEVERITY_RANK[event.severity] > SEVERITY_RANK[group.severity]) {
        group.severity = event.severity;
        group.updated_at = this.now;
        this.dirtyGroups.add(group);
        this.maybeDeclare(config, group, event);
      }
    }
    return alert.id;
  }

  /** Puts a new (or reopened) alert in a group: an open one that matches, or a new one that pages. */
  private async assignGroup(
    config: IntegrationConfig,
    event: InboundAlert,
    maintenance: boolean,
  ): Promise<AlertGroupRow> {
    const serviceId = config.row.service_id;
    const key = groupingKey(config, event);
    const windowStart = this.now - config.row.group_window_seconds * 1000;
    let match: AlertGroupRow | undefined;
    for (const group of await this.openGroupsOf(serviceId)) {
      if (key !== null ? group.group_key !== key : group.group_key !== null || group.last_alert_at < windowStart)
        continue;
      if (config.row.group_window_seconds === 0 && key === null) continue;
      if (!match || group.last_alert_at > match.last_alert_at) match = group;
    }
    if (match) {
      match.alert_count++;
      match.open_count++;
      match.last_alert_at = this.now;
      match.severity = worseSeverity(match.severity, event.severity);
      match.updated_at = this.now;
      this.dirtyGroups.add(match);
      if (!maintenance) this.maybeDeclare(config, match, event);
      return match;
    }
    const grace = config.row.grace_seconds;
    const group: AlertGroupRow = {
      id: newId(),
      service_id: serviceId,
      integration_id: config.row.id,
      group_key: key,
      title: (event.summary || event.dedupKey).slice(0, 300),
      status: 'triggered',
      severity: event.severity,
      alert_count: 1,
      open_count: 1,
      notify_state: maintenance ? 'maintenance' : 'pending',
      notify_note: maintenance
        ? 'The service was in maintenance: recorded, nobody was paged.'
        : grace > 0
          ? `Waiting ${grace} s (the grace period) before paging.`
          : 'Paging now.',
      page_id: null,
      incident_id: null,
      first_alert_at: this.now,
      last_alert_at: this.now,
      acknowledged_at: null,
      acknowledged_by: null,
      resolved_at: null,
      resolved_by: null,
      created_at: this.now,
      updated_at: this.now,
    };
    this.groups.set(group.id, group);
    this.dirtyGroups.add(group);
    if (!maintenance) {
      this.jobs.push({
        kind: JOB_PAGE_GROUP,
        payload: { groupId: group.id },
        runAt: this.now + grace * 1000,
        dedupeKey: pageJobKey(group.id),
        priority: PRIORITY_PAGE,
      });
      this.maybeDeclare(config, group, event);
    }
    this.afterCommit.push(() => this.ctx.events.emit('alert-group.opened', { groupId: group.id, serviceId }));
    return group;
  }

  private maybeDeclare(config: IntegrationConfig, group: AlertGroupRow, event: InboundAlert): void {
    const rule = config.autoIncident;
    if (!rule || group.incident_id) return;
    if (SEVERITY_RANK[event.severity] < SEVERITY_RANK[rule.minSeverity]) return;
    this.jobs.push({
      kind: JOB_DECLARE,
      payload: { groupId: group.id, integrationId: config.row.id },
      dedupeKey: declareJobKey(group.id),
      priority: PRIORITY_PAGE,
    });
  }

  private markGroupAcknowledged(group: AlertGroupRow, userId: string | null): void {
    group.status = 'acknowledged';
    group.acknowledged_at = this.now;
    group.acknowledged_by = userId;
    group.updated_at = this.now;
    this.dirtyGroups.add(group);
    if (group.page_id) this.syncPage(group);
    this.afterCommit.push(() => this.ctx.events.emit('alert-group.acknowledged', { groupId: group.id, userId }));
  }

  private markGroupResolved(group: AlertGroupRow, userId: string | null): void {
    group.status = 'resolved';
    group.resolved_at = this.now;
    group.resolved_by = userId;
    group.updated_at = this.now;
    this.dirtyGroups.add(group);
    if (group.page_id) this.syncPage(group);
    this.afterCommit.push(() => this.ctx.events.emit('alert-group.resolved', { groupId: group.id, userId }));
  }

  private syncPage(group: AlertGroupRow): void {
    this.jobs.push({ kind: JOB_SYNC_PAGE, payload: { groupId: group.id }, priority: PRIORITY_SYNC });
  }

  private flip(alert: AlertRow, config: IntegrationConfig): void {
    const flips = recentFlips(alert.flips, this.now, config.flapWindowMs, true);
    alert.flips = JSON.stringify(flips);
    alert.flapping = flips.length > config.row.flap_flips ? 1 : 0;
  }

  private applyFields(alert: AlertRow, event: InboundAlert): void {
    if (event.summary) alert.summary = event.summary;
    if (event.source) alert.source = event.source;
    alert.severity = event.severity;
    alert.component = event.component ?? alert.component;
    alert.source_group = event.sourceGroup ?? alert.source_group;
    alert.class_name = event.className ?? alert.class_name;
    alert.details = event.details ?? alert.details;
    if (event.labels) alert.labels = JSON.stringify(event.labels);
    if (event.annotations) alert.annotations = JSON.stringify(event.annotations);
    if (event.links.length) alert.links = JSON.stringify(event.links);
    if (event.images.length) alert.images = JSON.stringify(event.images);
    alert.client = event.client ?? alert.client;
    alert.client_url = event.clientUrl ?? alert.client_url;
  }

  private recordEvent(alert: AlertRow, event: InboundAlert, stateChanged = true): void {
    if (alert.event_count > 0) this.updated++;
    alert.event_count++;
    alert.last_hash = event.hash;
    alert.last_event_at = this.now;
    if (stateChanged) this.dirtyAlerts.add(alert);
    else this.retriggered.add(alert);
    const id = newId();
    this.events.push({
      id,
      alert_id: alert.id,
      prev_id: alert.last_event_id,
      action: event.action,
      summary: event.summary,
      severity: event.action === 'trigger' ? event.severity : null,
      details: event.details,
      occurred_at: event.occurredAt,
      received_at: this.now,
    });
    alert.last_event_id = id;
  }

  private async groupOf(alert: AlertRow): Promise<AlertGroupRow | undefined> {
    const known = this.groups.get(alert.group_id);
    if (known) return known;
    const [row] = this.trackGroups(await getGroupsByIds(this.trx, [alert.group_id]));
    return row;
  }

  private async openGroupsOf(serviceId: string): Promise<AlertGroupRow[]> {
    if (!this.servicesLoaded.has(serviceId)) {
      this.servicesLoaded.add(serviceId);
      this.trackGroups(await listOpenGroupsOfService(this.trx, serviceId));
    }
    return [...this.groups.values()].filter((g) => g.service_id === serviceId && g.status !== 'resolved');
  }

  private async inMaintenance(serviceId: string): Promise<boolean> {
    let known = this.maintenance.get(serviceId);
    if (known === undefined) {
      known = (await servicesInMaintenance(this.trx, [serviceId], this.now)).has(serviceId);
      this.maintenance.set(serviceId, known);
    }
    return known;
  }
}
