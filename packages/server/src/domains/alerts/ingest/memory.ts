import { sql } from 'kysely';
import type { Executor } from '../../../core/db/database.js';
import type { AlertGroupRow, AlertRow } from '../alerts.model.js';
import type { IntegrationConfig } from '../integration-config.js';

/** What an `AlertWorkspace` knows of alerts and groups; fresh for each transaction unless remembered. */
export type KnownAlerts = {
  /** The alert an event with this integration and dedup key applies to. */
  byKey: Map<string, AlertRow>;
  byId: Map<string, AlertRow>;
  groups: Map<string, AlertGroupRow>;
  /** Services whose open groups are all in `groups`. */
  servicesLoaded: Set<string>;
};

export const freshKnowledge = (): KnownAlerts => ({
  byKey: new Map(),
  byId: new Map(),
  groups: new Map(),
  servicesLoaded: new Set(),
});

/** Beyond this many alerts or groups the memory starts over, so it never grows without bound. */
const MAX_ROWS = 50_000;

/**
 * What the ingest thread keeps between its transactions: the integrations, alerts and open groups
 * it loaded or wrote. Reading them again cost a fifth of its time (the same thousand alerts,
 * transaction after transaction). The memory is only right while no other connection has written
 * to the file: SQLite's `data_version` tells, and any other commit — a person acknowledging, a job,
 * a setting changed — makes it start over. A transaction that fails makes it start over too (its
 * rows were changed in memory and rolled back on disk).
 */
export class IngestMemory {
  readonly known: KnownAlerts = freshKnowledge();
  /** Integrations by `k:<key hash>` and `i:<id>`. */
  readonly integrations = new Map<string, IntegrationConfig>();
  private version: number | null = null;

  /** First thing in a transaction, under the write lock: forgets everything if someone else wrote. */
  async check(trx: Executor): Promise<void> {
    const { rows } = await sql<{ data_version: number }>`pragma data_version`.execute(trx);
    const version = rows[0]?.data_version ?? null;
    if (version === null || version !== this.version || this.known.byId.size + this.known.groups.size > MAX_ROWS)
      this.forget();
    this.version = version;
  }

  forget(): void {
    this.known.byKey.clear();
    this.known.byId.clear();
    this.known.groups.clear();
    this.known.servicesLoaded.clear();
    this.integrations.clear();
    this.version = null;
  }
}
