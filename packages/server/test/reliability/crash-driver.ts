import { Agent, request } from 'node:http';

// Sustained PagerDuty Events API v2 load that keeps going while the server is killed and restarted.
// Every event carries a unique sequence number in `custom_details.seq`; a sequence number counts as
// acknowledged only once its whole 202 answer arrived. A request cut off by a kill is not retried
// under the same number: it may or may not be stored, and nobody was promised anything.

export type DriverOptions = {
  port: number;
  routingKey: string;
  connections: number;
  /** Requests per second across all connections at most; a slow machine sends fewer. */
  ratePerSecond: number;
  /** Share of events that open a new source (a new alert group, so a new page). */
  newGroupShare: number;
  /** Share of events that open a new alert in a recent source (no new page). */
  newAlertShare: number;
};

export type DriverCounts = {
  sent: number;
  acknowledged: number;
  /** Answers other than 202, by status (429 under back-pressure, 503 while starting). */
  refused: Record<number, number>;
  /** Connection refused or reset, timeouts: the server was down or died mid-request. */
  failed: number;
};

export type Driver = {
  /** Sequence numbers answered with 202. */
  readonly acknowledged: number[];
  counts(): DriverCounts;
  /** Resolves once more than `count` events were acknowledged in all; false on timeout. */
  acknowledgedBeyond(count: number, timeoutMs: number): Promise<boolean>;
  stop(): Promise<void>;
};

const REQUEST_TIMEOUT_MS = 15_000;
const DOWN_PAUSE_MS = 50;
const KNOWN_KEYS = 2_000;
const RECENT_SOURCES = 5;

export function startDriver(options: DriverOptions): Driver {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const acknowledged: number[] = [];
  const refused: Record<number, number> = {};
  const picker = eventPicker(options);
  let seq = 0;
  let failed = 0;
  let running = true;
  const interval = (1000 * options.connections) / options.ratePerSecond;

  async function connection(): Promise<void> {
    while (running) {
      const started = performance.now();
      const mySeq = ++seq;
      const { dedupKey, source } = picker();
      const body = JSON.stringify({
        routing_key: options.routingKey,
        event_action: 'trigger',
        dedup_key: dedupKey,
        payload: {
          summary: `Checkout errors from ${source}`,
          source,
          severity: 'critical',
          custom_details: { seq: mySeq },
        },
      });
      try {
        const status = await post(agent, options.port, body);
        if (status === 202) acknowledged.push(mySeq);
        else refused[status] = (refused[status] ?? 0) + 1;
      } catch {
        failed++;
        await pause(DOWN_PAUSE_MS);
      }
      await pause(interval - (performance.now() - started));
    }
  }

  const loops = Array.from({ length: options.connections }, connection);
  return {
    acknowledged,
    counts: () => ({ sent: seq, acknowledged: acknowledged.length, refused: { ...refused }, failed }),
    async acknowledgedBeyond(count, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (acknowledged.length <= count) {
        if (Date.now() > deadline) return false;
        await pause(20);
      }
      return true;
    },
    async stop() {
      running = false;
      await Promise.all(loops);
      agent.destroy();
    },
  };
}

/** New sources now and then, new alerts in recent sources, and mostly re-triggers of known alerts. */
function eventPicker(options: DriverOptions): () => { dedupKey: string; source: string } {
  const keys: { dedupKey: string; source: string }[] = [];
  const sources: string[] = [];
  let counter = 0;
  const remember = (event: { dedupKey: string; source: string }) => {
    if (keys.length < KNOWN_KEYS) keys.push(event);
    else keys[Math.floor(Math.random() * KNOWN_KEYS)] = event;
    return event;
  };
  return () => {
    const roll = Math.random();
    if (sources.length === 0 || roll < options.newGroupShare) {
      sources.push(`host-${++counter}`);
      if (sources.length > RECENT_SOURCES) sources.shift();
      return remember({ dedupKey: `alert-${++counter}`, source: sources.at(-1)! });
    }
    if (roll < options.newGroupShare + options.newAlertShare) {
      const source = sources[Math.floor(Math.random() * sources.length)]!;
      return remember({ dedupKey: `alert-${++counter}`, source });
    }
    return keys[Math.floor(Math.random() * keys.length)]!;
  };
}

/** Resolves with the status once the whole answer arrived; rejects when the connection fails first. */
function post(agent: Agent, port: number, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/v2/enqueue',
        method: 'POST',
        agent,
        timeout: REQUEST_TIMEOUT_MS,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.on('error', reject);
        res.on('end', () => (res.complete ? resolve(res.statusCode ?? 0) : reject(new Error('answer cut off'))));
        res.resume();
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer in time')));
    req.on('error', reject);
    req.end(body);
  });
}

export const pause = (ms: number): Promise<unknown> =>
  ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
