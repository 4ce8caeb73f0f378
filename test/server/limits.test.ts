// The server bounded under load, over real HTTP on loopback: a rotated render is no larger than the
// limits allow; renders beyond the memory budget wait or get 503, and the budget comes back; open
// connections are capped and idle or slow ones closed; on shutdown, queued renders get 503, new
// requests are refused, and the request in flight finishes.
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { Router } from 'express';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { RenderQueue } from '../../server/image/render-queue.ts';
import { createHttpServer } from '../../server/listen.ts';
import { IMAGE_ID, buildFixture, serve, type Fixture } from './fixture.ts';

let fx: Fixture;

beforeAll(async () => {
  fx = await buildFixture();
});

afterAll(async () => {
  await fx?.cleanup();
});

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('rotation within the limits', () => {
  it('sends a rotated max or !w,h no larger than maxWidth, maxHeight and maxArea', async () => {
    const limits = { IIIF_MAX_WIDTH: '1200', IIIF_MAX_HEIGHT: '1200', IIIF_MAX_AREA: '1000000' };
    const srv = await serve(createApp({ config: fx.config(limits) }));
    try {
      for (const p of ['full/^!99999,99999/45/default.png', 'full/max/30/default.jpg', 'full/^max/!10/default.webp']) {
        const res = await fetch(`${srv.url}/iiif/image/${IMAGE_ID}/${p}`);
        expect(res.status, p).toBe(200);
        const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
        expect(meta.width, p).toBeLessThanOrEqual(1200);
        expect(meta.height, p).toBeLessThanOrEqual(1200);
        expect(meta.width * meta.height, p).toBeLessThanOrEqual(1_000_000);
        // Shrunk only as far as the limits need.
        expect(meta.width * meta.height, p).toBeGreaterThan(900_000);
      }
      const refused = await fetch(`${srv.url}/iiif/image/${IMAGE_ID}/full/700,/45/default.jpg`);
      expect(refused.status).toBe(400);
      expect((await refused.json()).message).toMatch(/rotated by 45 degrees is \d+x\d+, which exceeds the server's limits/);
    } finally {
      await srv.close();
    }
  });
});

describe('the render memory budget', () => {
  it('refuses a render with 503 while the budget is spent, and takes renders again once it is returned', async () => {
    const queue = new RenderQueue({ concurrency: 4, maxQueued: 0, timeoutMs: 10_000, budgetBytes: 1024 * 1024 });
    const srv = await serve(createApp({ config: fx.config({ RENDER_CACHE_MB: '0' }), renderQueue: queue }));
    try {
      // A render in flight holds the whole budget: slots are free, memory is not.
      const g = gate();
      const holding = queue.run(() => g.opened, 1024 * 1024);
      const busy = await fetch(`${srv.url}/iiif/image/${IMAGE_ID}/full/300,/45/default.png`);
      expect(busy.status).toBe(503);
      expect(busy.headers.get('retry-after')).toMatch(/^\d+$/);
      g.open();
      await holding;
      expect(queue.reserved).toBe(0);
      const ok = await fetch(`${srv.url}/iiif/image/${IMAGE_ID}/full/300,/45/default.png`);
      expect(ok.status).toBe(200);
      await ok.arrayBuffer();
      expect([queue.active, queue.reserved]).toEqual([0, 0]);
    } finally {
      await srv.close();
    }
  });

  it('lets renders that do not fit wait their turn, one at a time', async () => {
    const queue = new RenderQueue({ concurrency: 4, maxQueued: 10, timeoutMs: 20_000, budgetBytes: 1024 * 1024 });
    const srv = await serve(createApp({ config: fx.config({ RENDER_CACHE_MB: '0' }), renderQueue: queue }));
    try {
      let peak = 0;
      const watch = setInterval(() => (peak = Math.max(peak, queue.active)), 1);
      const statuses = await Promise.all(
        [200, 210, 220, 230].map(async (w) => {
          const res = await fetch(`${srv.url}/iiif/image/${IMAGE_ID}/full/${w},/10/default.jpg`);
          await res.arrayBuffer();
          return res.status;
        }),
      );
      clearInterval(watch);
      expect(statuses).toEqual([200, 200, 200, 200]);
      expect(peak).toBe(1);
      expect(queue.reserved).toBe(0);
    } finally {
      await srv.close();
    }
  });
});

/** Waits for `promise`, failing with `step` named if it takes longer than `ms`, so a hang says where. */
async function within<T>(ms: number, step: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still waiting after ${ms} ms: ${step}`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Opens a raw TCP connection; resolves once connected, with a promise of its end. */
async function connect(port: number): Promise<{ socket: net.Socket; ended: Promise<number> }> {
  const socket = net.connect(port, '127.0.0.1');
  const opened = Date.now();
  const ended = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now() - opened)));
  socket.on('error', () => undefined);
  // Read whatever the server sends (a 408 before it closes): unread data would hold back 'end' and 'close'.
  socket.resume();
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return { socket, ended };
}

describe('connections', () => {
  it('caps open connections and closes idle and slow ones', async () => {
    const control = createHttpServer(
      fx.config({
        MAX_CONNECTIONS: '5',
        IDLE_TIMEOUT_MS: '1500',
        RENDER_TIMEOUT_MS: '500',
        // Longer than IDLE_TIMEOUT_MS, so that a connection that never sends is closed by the idle timer,
        // not, in a race with it, by the headers timeout (which Node counts from the connection's start).
        HEADERS_TIMEOUT_MS: '2500',
        KEEP_ALIVE_TIMEOUT_MS: '500',
      }),
    );
    control.setHandler((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => control.server.listen(0, '127.0.0.1', resolve));
    const { port } = control.server.address() as AddressInfo;
    try {
      const idle = await within(3000, 'five connections opened', Promise.all([1, 2, 3, 4, 5].map(() => connect(port))));
      await sleep(100);
      // One more than the cap is closed at once.
      const extra = await within(3000, 'the sixth connection opened', connect(port));
      expect(await Promise.race([extra.ended, sleep(1000).then(() => -1)])).toBeGreaterThanOrEqual(0);
      // The idle ones are closed after IDLE_TIMEOUT_MS, by their sockets' own timers.
      const idleFor = await within(6000, 'idle connections closed', Promise.all(idle.map((c) => c.ended)));
      for (const ms of idleFor) {
        expect(ms).toBeGreaterThanOrEqual(1400);
        expect(ms).toBeLessThan(4000);
      }
      // A client sending its headers a byte at a time is cut off by HEADERS_TIMEOUT_MS.
      const slow = await within(3000, 'the slow connection opened', connect(port));
      slow.socket.write('GET / HTTP/1.1\r\n');
      const drip = setInterval(() => slow.socket.write('X'), 200);
      const slowFor = await within(6000, 'the slow connection closed', slow.ended).finally(() => clearInterval(drip));
      // Past IDLE_TIMEOUT_MS (each byte keeps it from being idle), cut off by HEADERS_TIMEOUT_MS and the checker's second.
      expect(slowFor).toBeGreaterThanOrEqual(2400);
      expect(slowFor).toBeLessThan(4500);
      // Once they are gone, requests are served again.
      expect(
        await within(
          3000,
          'a request after the others closed',
          fetch(`http://127.0.0.1:${port}/`).then((r) => r.text()),
        ),
      ).toBe('ok');
    } finally {
      control.server.closeAllConnections();
      await within(3000, 'the server closed', new Promise((r) => control.server.close(r)));
    }
  }, 30_000);
});

describe('shutdown', () => {
  it('refuses queued renders and new requests with 503, lets the request in flight finish, then closes', async () => {
    const queue = new RenderQueue({ concurrency: 1, maxQueued: 10, timeoutMs: 20_000 });
    const slow = gate();
    const slowRoute = Router().get('/slow', async (_req, res) => {
      await slow.opened;
      res.send('finished');
    });
    const app = createApp({ config: fx.config({ RENDER_CACHE_MB: '0' }), renderQueue: queue, routers: [slowRoute] });
    const control = createHttpServer(fx.config());
    control.setHandler(app);
    await new Promise<void>((resolve) => control.server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(control.server.address() as AddressInfo).port}`;

    // The one render slot is taken; two renders queue behind it.
    const renderSlot = gate();
    const running = queue.run(() => renderSlot.opened);
    const inFlight = fetch(`${base}/slow`).then(async (r) => [r.status, await r.text()] as const);
    const queued = [10, 11].map((n) =>
      fetch(`${base}/iiif/image/${IMAGE_ID}/full/${200 + n},/0/default.jpg`).then(async (r) => [r.status, r.headers.get('retry-after')] as const),
    );
    await sleep(300);
    expect(queue.queued).toBe(2);

    let closed = false;
    const stopped = control.stop(
      {
        drain: () => queue.close(),
        close: async () => {
          closed = true;
        },
      },
      10_000,
    );
    for (const q of queued) {
      const [status, retryAfter] = await q;
      expect(status).toBe(503);
      expect(retryAfter).toMatch(/^\d+$/);
    }
    // The listener is closed: a new connection is refused.
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
    expect(closed).toBe(false);
    slow.open();
    renderSlot.open();
    await running;
    expect(await inFlight).toEqual([200, 'finished']);
    await stopped;
    expect(closed).toBe(true);
    expect([queue.active, queue.queued]).toEqual([0, 0]);
  });
});
