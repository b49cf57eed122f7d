import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';

export type Delivery = { path: string; key: string; signature: string; body: string; at: number };

/**
 * A webhook receiver on loopback that takes `delayMs` to answer each delivery with 200, as a busy
 * chat or paging service does. Slow answers keep sends in flight, so a process killed mid-run is
 * holding some of them.
 */
export async function startSlowReceiver(delayMs: number) {
  const deliveries: Delivery[] = [];
  const server = createServer(async (req, res) => {
    const body = await text(req);
    deliveries.push({
      path: req.url ?? '',
      key: String(req.headers['idempotency-key'] ?? ''),
      signature: String(req.headers['firebreak-signature'] ?? ''),
      body,
      at: Date.now(),
    });
    setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'), delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    deliveries,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
