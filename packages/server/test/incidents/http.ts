import type { AppContext } from '../../src/core/context.js';
import { buildApp } from '../../src/http/app.js';
import { type BuiltUser, bearer, buildUser, tokenFor } from '../factories.js';

export type Caller = { user: BuiltUser; headers: Record<string, string> };

/** A person with an API token, ready to call the API as them. */
export async function caller(ctx: AppContext, role: BuiltUser['role'] = 'responder'): Promise<Caller> {
  const user = await buildUser(ctx, { role });
  return { user, headers: bearer(await tokenFor(ctx, user)) };
}

export async function appFor(ctx: AppContext) {
  return buildApp(ctx);
}

type Frame = { event: string; data: any };

/** Reads a Server-Sent Events stream over a real connection, frame by frame. */
export async function openEventStream(url: string, headers: Record<string, string>) {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { ...headers, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const frames: Frame[] = [];

  async function next(timeoutMs = 5000): Promise<Frame | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const frame = frames.shift();
      if (frame) return frame;
      const remaining = deadline - Date.now();
      if (remaining <= 0) return null;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), remaining);
      });
      const chunk = await Promise.race([reader.read(), timeout]);
      clearTimeout(timer);
      if (chunk === null) return null;
      if (chunk.done) return null;
      buffer += decoder.decode(chunk.value, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) frames.push({ event, data: JSON.parse(data) });
        end = buffer.indexOf('\n\n');
      }
    }
  }

  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    next,
    close: () => controller.abort(),
  };
}
