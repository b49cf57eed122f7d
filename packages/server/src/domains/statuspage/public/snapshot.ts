import { createHash } from 'node:crypto';
import type { AppContext } from '../../../core/context.js';
import { unavailable } from '../../../core/errors.js';
import { INCIDENTS_CHANNEL } from '../../incidents/incidents.live.js';
import { STATUSPAGE_CHANNEL } from '../statuspage.model.js';
import { httpDate } from './format.js';
import { buildPageModel, type PageModel } from './page-model.js';
import { PgListener } from './pg-listener.js';

// The public page, its JSON, feeds and badges are served from an in-memory snapshot: the page
// model plus every rendered body, made on first use and kept until the next change. An outage's
// traffic spike is served from memory and never reaches the database; while the database is down
// the last good snapshot keeps being served.

/** Rebuilt in the background once older than this, so uptime bars roll over to a new day. */
export const MAX_AGE_MS = 60_000;
/** After a failed rebuild, requests are served the last good snapshot for this long before trying again. */
const RETRY_AFTER_FAILURE_MS = 2_000;
/** How long a request waits for a rebuild after a change before it is served the previous snapshot. */
const WAIT_FOR_CHANGE_MS = 1_000;

export type Representation = { body: Buffer; etag: string; type: string; lastModified: string; lastModifiedMs: number };

export class Snapshot {
  private readonly bodies = new Map<string, Representation>();

  constructor(readonly model: PageModel) {}

  /** The body under `key`, rendered once per snapshot; null (not kept) when `render` has nothing. */
  representation(
    key: string,
    type: string,
    render: (model: PageModel) => string | Buffer | null,
  ): Representation | null {
    const kept = this.bodies.get(key);
    if (kept) return kept;
    const rendered = render(this.model);
    if (rendered === null) return null;
    const body = typeof rendered === 'string' ? Buffer.from(rendered) : rendered;
    const lastModifiedMs = Math.floor(this.model.updatedAt / 1000) * 1000;
    const rep = {
      body,
      type,
      etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
      lastModified: httpDate(lastModifiedMs),
      lastModifiedMs,
    };
    this.bodies.set(key, rep);
    return rep;
  }
}

export class SnapshotStore {
  private snapshot: Snapshot | null = null;
  /** Counts changes seen; `have` is the count the current snapshot includes. */
  private wanted = 1;
  private have = 0;
  private building: Promise<void> | null = null;
  private failedAt = Number.NEGATIVE_INFINITY;
  private listener: PgListener | null = null;
  private unsubscribe: (() => void)[] = [];

  constructor(private readonly ctx: AppContext) {}

  /** Follows changes: this process's events, and on PostgreSQL every process's NOTIFYs. */
  async start(): Promise<void> {
    const { ctx } = this;
    this.unsubscribe.push(
      ctx.events.on('statuspage.changed', () => this.invalidate()),
      ctx.events.on('incident.changed', ({ incidentId }) => this.incidentChanged(incidentId)),
    );
    const url = ctx.config.databaseUrl;
    if (ctx.dialect === 'postgres' && url && /^postgres(ql)?:/.test(url)) {
      this.listener = new PgListener(
        url,
        [STATUSPAGE_CHANNEL, INCIDENTS_CHANNEL],
        (channel, payload) => {
          if (channel === INCIDENTS_CHANNEL && payload) this.incidentChanged(payload);
          else this.invalidate();
        },
        ctx.log,
      );
      await this.listener.start();
    }
  }

  async stop(): Promise<void> {
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
    await this.listener?.stop();
    await this.building;
  }

  /** Something shown changed: the next request waits (briefly) for a fresh snapshot. */
  invalidate(): void {
    this.wanted++;
    void this.refresh();
  }

  /** The snapshot when it is up to date, for the synchronous fast path; null sends the request the slow way. */
  ready(): Snapshot | null {
    const snap = this.snapshot;
    if (!snap || this.have < this.wanted) return null;
    if (this.ctx.clock.now() - snap.model.builtAt > MAX_AGE_MS) void this.refresh();
    return snap;
  }

  /**
   * The snapshot to serve: the current one when nothing changed; after a change, the rebuilt one
   * (or the last good one if the rebuild is slow or fails); 503 only before any snapshot existed.
   */
  async current(): Promise<Snapshot> {
    const snap = this.snapshot;
    if (snap && this.have >= this.wanted) {
      if (this.ctx.clock.now() - snap.model.builtAt > MAX_AGE_MS) void this.refresh();
      return snap;
    }
    const refreshing = this.refresh();
    if (snap) {
      await Promise.race([refreshing, delay(WAIT_FOR_CHANGE_MS)]);
      return this.snapshot ?? snap;
    }
    await refreshing;
    if (!this.snapshot) throw unavailable('The status page cannot be loaded right now; try again shortly.');
    return this.snapshot;
  }

  private incidentChanged(incidentId: string): void {
    // Only incidents behind public ones matter (one may have been made private).
    if (this.snapshot?.model.linkedIncidentIds.has(incidentId) ?? true) this.invalidate();
  }

  private refresh(): Promise<void> {
    if (this.building) return this.building;
    if (performance.now() - this.failedAt < RETRY_AFTER_FAILURE_MS) return Promise.resolve();
    this.building = this.rebuild().finally(() => {
      this.building = null;
    });
    return this.building;
  }

  /** Builds at least once, and again while changes arrived during the build. */
  private async rebuild(): Promise<void> {
    do {
      const generation = this.wanted;
      try {
        this.snapshot = new Snapshot(await buildPageModel(this.ctx));
        this.have = generation;
      } catch (err) {
        this.failedAt = performance.now();
        this.ctx.log.warn({ err }, 'status page snapshot rebuild failed; serving the last good one');
        return;
      }
    } while (this.have < this.wanted);
  }
}

const delay = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });
