// The Image API over real HTTP against a tiled corpus page: every level-2 request form gives the same
// pixels as the source cropped and scaled independently with sharp; info.json, the base URI redirect,
// the fast path to pre-made tiles, caching headers, errors and the render queue's 503.
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataPaths } from '../../manifests/layout.ts';
import { createApp } from '../../server/app.ts';
import { BASE_URL, IMAGE_ID, PLAIN_ID, SOURCE_PAGE, buildFixture, serve, type Fixture, type RunningServer } from './fixture.ts';

let fx: Fixture;
let srv: RunningServer;
const image = (p: string) => `${srv.url}/iiif/image/${IMAGE_ID}/${p}`;

beforeAll(async () => {
  fx = await buildFixture();
  srv = await serve(createApp({ config: fx.config() }));
});

afterAll(async () => {
  await srv?.close();
  await fx?.cleanup();
});

interface Raw {
  data: Buffer;
  width: number;
  height: number;
}

async function decode(input: Buffer | string, pipeline: (s: Sharp) => Sharp = (s) => s): Promise<Raw> {
  const { data, info } = await pipeline(sharp(input)).flatten({ background: '#ffffff' }).raw().toBuffer({ resolveWithObject: true });
  if (info.channels === 3) return { data, width: info.width, height: info.height };
  expect(info.channels).toBe(1);
  // Grey images compare against colour ones as three equal channels.
  const rgb = Buffer.alloc(data.length * 3);
  for (let i = 0; i < data.length; i++) rgb.fill(data[i] ?? 0, i * 3, i * 3 + 3);
  return { data: rgb, width: info.width, height: info.height };
}

async function rawOf(raw: Raw, pipeline: (s: Sharp) => Sharp): Promise<Raw> {
  const { data, info } = await pipeline(sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: 3 } }))
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** The source page cropped and scaled by sharp, independently of the server. */
function reference(region: { left: number; top: number; width: number; height: number }, w: number, h: number): Promise<Raw> {
  return decode(SOURCE_PAGE, (s) => s.extract(region).resize(w, h, { fit: 'fill' }));
}

/**
 * Mean absolute difference per channel (0-255) after a slight blur of both: the blur removes the
 * differences of resampling kernels and JPEG noise but not a wrong region, scale or orientation.
 */
async function meanAbsDiff(a: Raw, b: Raw): Promise<number> {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  const [x, y] = await Promise.all([a, b].map((r) => rawOf(r, (s) => s.blur(1))));
  let sum = 0;
  for (let i = 0; i < x!.data.length; i++) sum += Math.abs((x!.data[i] ?? 0) - (y!.data[i] ?? 0));
  return sum / x!.data.length;
}

/** A revalidation as a cache makes it (fetch itself would add `Cache-Control: no-cache`, which forbids 304). */
const revalidate = (url: string, etag: string | null) => fetch(url, { headers: { 'if-none-match': etag ?? '', 'cache-control': 'max-age=0' } });

async function get(url: string, init?: RequestInit) {
  const res = await fetch(url, init);
  return { res, body: Buffer.from(await res.arrayBuffer()) };
}

const TOLERANCE = 6;

describe('info.json and the base URI', () => {
  it('redirects the base URI to info.json with 303', async () => {
    const res = await fetch(`${srv.url}/iiif/image/${IMAGE_ID}`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${BASE_URL}/iiif/image/${IMAGE_ID}/info.json`);
  });

  it('serves the published info raised to level 2 with limits and extras', async () => {
    const { res, body } = await get(image('info.json'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/ld+json;profile="http://iiif.io/api/image/3/context.json"');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cache-control')).toMatch(/public, max-age=\d+, stale-while-revalidate=\d+/);
    const info = JSON.parse(body.toString());
    expect(Object.keys(info)[0]).toBe('@context');
    expect(info).toMatchObject({
      '@context': 'http://iiif.io/api/image/3/context.json',
      id: `${BASE_URL}/iiif/image/${IMAGE_ID}`,
      type: 'ImageService3',
      protocol: 'http://iiif.io/api/image',
      profile: 'level2',
      width: fx.width,
      height: fx.height,
      maxWidth: 10_000,
      maxHeight: 10_000,
      maxArea: 40_000_000,
      extraFormats: ['png', 'webp'],
      tiles: [{ width: 512, height: 512, scaleFactors: [1, 2, 4] }],
    });
    expect(info.extraQualities).toEqual(expect.arrayContaining(['gray', 'bitonal']));
    expect(info.extraFeatures).toEqual(
      expect.arrayContaining([
        'mirroring',
        'rotationArbitrary',
        'regionByPct',
        'sizeByPct',
        'sizeUpscaling',
        'canonicalLinkHeader',
        'profileLinkHeader',
      ]),
    );
  });

  it('answers application/json to a client that asks for plain JSON', async () => {
    const res = await fetch(image('info.json'), { headers: { accept: 'application/json' } });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('answers 304 to a conditional request', async () => {
    const first = await fetch(image('info.json'));
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await revalidate(image('info.json'), etag);
    expect(again.status).toBe(304);
  });

  it('404s an unknown identifier', async () => {
    const { res, body } = await get(`${srv.url}/iiif/image/no-such-image/info.json`);
    expect(res.status).toBe(404);
    expect(JSON.parse(body.toString()).message).toMatch(/no-such-image/);
  });
});

describe('pixels match the source cropped and scaled independently', () => {
  const W = () => fx.width;
  const H = () => fx.height;
  const cases: Array<[string, () => { region: [number, number, number, number]; size: [number, number] }]> = [
    ['full/max/0/default.jpg', () => ({ region: [0, 0, W(), H()], size: [W(), H()] })],
    ['full/!300,300/0/default.png', () => ({ region: [0, 0, W(), H()], size: [Math.round((W() * 300) / H()), 300] })],
    ['square/200,/0/default.jpg', () => ({ region: [0, Math.floor((H() - W()) / 2), W(), W()], size: [200, 200] })],
    ['100,200,600,400/max/0/default.jpg', () => ({ region: [100, 200, 600, 400], size: [600, 400] })],
    ['100,200,600,400/300,/0/default.webp', () => ({ region: [100, 200, 600, 400], size: [300, 200] })],
    ['100,200,600,400/,100/0/color.jpg', () => ({ region: [100, 200, 600, 400], size: [150, 100] })],
    ['100,200,600,400/pct:25/0/default.png', () => ({ region: [100, 200, 600, 400], size: [150, 100] })],
    ['100,200,600,400/250,90/0/default.jpg', () => ({ region: [100, 200, 600, 400], size: [250, 90] })],
    ['100,200,600,400/!100,100/0/default.jpg', () => ({ region: [100, 200, 600, 400], size: [100, 67] })],
    ['1200,1900,600,600/max/0/default.jpg', () => ({ region: [1200, 1900, W() - 1200, H() - 1900], size: [W() - 1200, H() - 1900] })],
    [
      'pct:10,20,30,40/max/0/default.jpg',
      () => ({
        region: [
          Math.round(W() * 0.1),
          Math.round(H() * 0.2),
          Math.round(W() * 0.4) - Math.round(W() * 0.1),
          Math.round(H() * 0.6) - Math.round(H() * 0.2),
        ],
        size: [Math.round(W() * 0.4) - Math.round(W() * 0.1), Math.round(H() * 0.6) - Math.round(H() * 0.2)],
      }),
    ],
    ['100,200,60,40/^240,/0/default.jpg', () => ({ region: [100, 200, 60, 40], size: [240, 160] })],
    ['100,200,60,40/^,80/0/default.png', () => ({ region: [100, 200, 60, 40], size: [120, 80] })],
    ['100,200,60,40/^pct:200/0/default.jpg', () => ({ region: [100, 200, 60, 40], size: [120, 80] })],
    ['100,200,60,40/^150,50/0/default.jpg', () => ({ region: [100, 200, 60, 40], size: [150, 50] })],
    ['100,200,60,40/^!300,300/0/default.jpg', () => ({ region: [100, 200, 60, 40], size: [300, 200] })],
  ];

  it.each(cases)('%s', async (req, want) => {
    const { region, size } = want();
    const { res, body } = await get(image(req));
    expect(res.status, body.toString().slice(0, 200)).toBe(200);
    const format = req.split('.').pop();
    expect(res.headers.get('content-type')).toBe({ jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' }[format ?? 'jpg']);
    const got = await decode(body);
    expect([got.width, got.height]).toEqual(size);
    const [left, top, width, height] = region;
    const ref = await reference({ left, top, width, height }, size[0], size[1]);
    expect(await meanAbsDiff(got, ref)).toBeLessThan(TOLERANCE);
  });

  it('a different region does not match (the comparison can fail)', async () => {
    const { body } = await get(image('100,200,600,400/300,/0/default.png'));
    const other = await reference({ left: 140, top: 200, width: 600, height: 400 }, 300, 200);
    expect(await meanAbsDiff(await decode(body), other)).toBeGreaterThan(TOLERANCE * 2);
  });

  it.each(['90', '180', '270', '!0', '!90'])('rotation %s mirrors before rotating, after scaling', async (rotation) => {
    const { res, body } = await get(image(`100,200,600,400/300,/${rotation}/default.png`));
    expect(res.status).toBe(200);
    const flat = await reference({ left: 100, top: 200, width: 600, height: 400 }, 300, 200);
    // Mirroring then rotating by steps, one operation at a time, so sharp's own ordering cannot hide a mistake.
    let want = flat;
    if (rotation.startsWith('!')) want = await rawOf(want, (s) => s.flop());
    const degrees = Number(rotation.replace('!', ''));
    if (degrees !== 0) want = await rawOf(want, (s) => s.rotate(degrees));
    expect(await meanAbsDiff(await decode(body), want)).toBeLessThan(TOLERANCE);
  });

  it('arbitrary rotation returns the bounding box with a transparent background in png', async () => {
    const { res, body } = await get(image('100,200,600,400/300,/45/default.png'));
    expect(res.status).toBe(200);
    const meta = await sharp(body).metadata();
    const side = Math.round((300 + 200) * Math.SQRT1_2);
    expect(Math.abs(meta.width - side)).toBeLessThanOrEqual(2);
    expect(Math.abs(meta.height - side)).toBeLessThanOrEqual(2);
    expect(meta.hasAlpha).toBe(true);
    const { data, info } = await sharp(body).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    expect(data[3]).toBe(0);
    const centre = (Math.floor(info.height / 2) * info.width + Math.floor(info.width / 2)) * 4;
    expect(data[centre + 3]).toBe(255);
  });

  it('gray has one channel and matches the grey source', async () => {
    const { body } = await get(image('100,200,600,400/300,/0/gray.png'));
    expect((await sharp(body).metadata()).channels).toBe(1);
    const ref = await decode(SOURCE_PAGE, (s) =>
      s.extract({ left: 100, top: 200, width: 600, height: 400 }).resize(300, 200, { fit: 'fill' }).grayscale(),
    );
    expect(await meanAbsDiff(await decode(body), ref)).toBeLessThan(TOLERANCE);
  });

  it('bitonal has only black and white pixels', async () => {
    const { body } = await get(image('100,200,600,400/300,/0/bitonal.png'));
    const { data } = await sharp(body).raw().toBuffer({ resolveWithObject: true });
    const values = new Set(data);
    expect([...values].sort((a, b) => a - b)).toEqual([0, 255]);
  });

  it('renders from the full/max image when the derivative is missing', async () => {
    const { res, body } = await get(`${srv.url}/iiif/image/${PLAIN_ID}/50,40,100,80/50,/0/default.png`);
    expect(res.status).toBe(200);
    const plainFile = path.join(dataPaths(fx.dataDir).imageDir(PLAIN_ID), 'full/max/0/default.jpg');
    const ref = await decode(plainFile, (s) => s.extract({ left: 50, top: 40, width: 100, height: 80 }).resize(50, 40, { fit: 'fill' }));
    expect(await meanAbsDiff(await decode(body), ref)).toBeLessThan(TOLERANCE);
  });
});

describe('fast path, headers and caching', () => {
  it('answers a tile request with the published tile file, byte for byte', async () => {
    const tile = path.join(dataPaths(fx.dataDir).imageDir(IMAGE_ID), '512,512,512,512/512,512/0/default.jpg');
    const { res, body } = await get(image('512,512,512,512/512,/0/default.jpg'));
    expect(res.status).toBe(200);
    expect(body.equals(await readFile(tile))).toBe(true);
    expect(res.headers.get('cache-control')).toMatch(/public, max-age=(\d{7,}), stale-while-revalidate/);
    expect(res.headers.get('link')).toBe(
      `<http://iiif.io/api/image/3/level2.json>;rel="profile", <${BASE_URL}/iiif/image/${IMAGE_ID}/512,512,512,512/max/0/default.jpg>;rel="canonical"`,
    );
  });

  it('answers a scaled tile from its file', async () => {
    const tile = path.join(dataPaths(fx.dataDir).imageDir(IMAGE_ID), '0,0,1024,1024/512,512/0/default.jpg');
    const { body } = await get(image('0,0,1024,1024/!512,512/0/default.jpg'));
    expect(body.equals(await readFile(tile))).toBe(true);
  });

  it('gives rendered images a canonical link, an ETag and 304 on revalidation', async () => {
    const url = image('pct:10,10,20,20/^!500,500/!22.50/gray.png');
    const first = await fetch(url);
    expect(first.status).toBe(200);
    const link = first.headers.get('link') ?? '';
    expect(link).toMatch(/rel="profile"/);
    const canonical = /<([^>]+)>;rel="canonical"/.exec(link)?.[1];
    expect(canonical).toMatch(new RegExp(`/iiif/image/${IMAGE_ID}/146,208,291,417/\\^349,500/!22.5/gray.png$`));
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"/);
    const again = await revalidate(url, etag);
    expect(again.status).toBe(304);
  });

  it('serves a re-published tile within seconds, not the cached old one', async () => {
    const tile = path.join(dataPaths(fx.dataDir).imageDir(IMAGE_ID), '512,0,512,512/512,512/0/default.jpg');
    const url = image('512,0,512,512/512,512/0/default.jpg');
    const before = await get(url);
    expect(before.body.equals(await readFile(tile))).toBe(true);
    const replacement = await sharp({ create: { width: 512, height: 512, channels: 3, background: '#808080' } })
      .jpeg()
      .toBuffer();
    await writeFile(`${tile}.new`, replacement);
    await rename(`${tile}.new`, tile);
    await new Promise((r) => setTimeout(r, 2200));
    const after = await get(url);
    expect(after.body.equals(replacement)).toBe(true);
    expect(after.res.headers.get('etag')).not.toBe(before.res.headers.get('etag'));
  });

  it('tiles revalidate too', async () => {
    const first = await fetch(image('0,0,512,512/max/0/default.jpg'));
    const again = await revalidate(image('0,0,512,512/max/0/default.jpg'), first.headers.get('etag'));
    expect(again.status).toBe(304);
  });
});

describe('errors', () => {
  it.each([
    ['0,0,0,10/max/0/default.jpg', 400, /region/],
    ['5000,0,10,10/max/0/default.jpg', 400, /outside/],
    ['full/2000,/0/default.jpg', 400, /\^ to upscale/],
    ['full/pct:120/0/default.jpg', 400, /pct/],
    ['full/max/400/default.jpg', 400, /rotation/],
    ['full/max/0/sepia.jpg', 400, /quality/],
    ['full/max/0/default.tif', 400, /format/],
    ['full/^20000,/0/default.jpg', 400, /limits/],
  ])('%s → %i naming the bad part', async (req, status, message) => {
    const { res, body } = await get(image(req));
    expect(res.status).toBe(status);
    const json = JSON.parse(body.toString());
    expect(json.message).toMatch(message);
    expect(body.toString()).not.toMatch(/at .*\.ts:\d+/);
  });

  it('refuses a request beyond maxArea before rendering', async () => {
    const small = await serve(createApp({ config: fx.config({ IIIF_MAX_AREA: '10000', IIIF_MAX_WIDTH: '200' }) }));
    try {
      expect((await fetch(`${small.url}/iiif/image/${IMAGE_ID}/full/201,/0/default.jpg`)).status).toBe(400);
      expect((await fetch(`${small.url}/iiif/image/${IMAGE_ID}/0,0,200,200/max/0/default.jpg`)).status).toBe(200);
      const max = await get(`${small.url}/iiif/image/${IMAGE_ID}/full/max/0/default.jpg`);
      const meta = await sharp(max.body).metadata();
      expect(meta.width * meta.height).toBeLessThanOrEqual(10_000);
      // ^max grows to the limits: by 2.83 for maxArea, 141x71 would be 11 pixels over.
      const up = await get(`${small.url}/iiif/image/${IMAGE_ID}/0,0,50,25/^max/0/default.png`);
      expect(up.res.status).toBe(200);
      const upscaled = await decode(up.body);
      expect([upscaled.width, upscaled.height]).toEqual([141, 70]);
      expect(await meanAbsDiff(upscaled, await reference({ left: 0, top: 0, width: 50, height: 25 }, 141, 70))).toBeLessThan(TOLERANCE);
      const info = await (await fetch(`${small.url}/iiif/image/${IMAGE_ID}/info.json`)).json();
      expect(info).toMatchObject({ maxWidth: 200, maxArea: 10_000 });
    } finally {
      await small.close();
    }
  });

  it('answers 503 with Retry-After when the render queue is full (RENDER_CONCURRENCY 1, RENDER_QUEUE 1)', async () => {
    const busy = await serve(createApp({ config: fx.config({ RENDER_CONCURRENCY: '1', RENDER_QUEUE: '1', RENDER_CACHE_MB: '0' }) }));
    try {
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => fetch(`${busy.url}/iiif/image/${IMAGE_ID}/full/${1000 + i},/${i + 1}/default.png`)),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses).toContain(200);
      expect(statuses).toContain(503);
      const refused = results.find((r) => r.status === 503);
      expect(refused?.headers.get('retry-after')).toMatch(/^\d+$/);
      await Promise.all(results.map((r) => r.arrayBuffer()));
    } finally {
      await busy.close();
    }
  });

  it('answers 503 when a render exceeds RENDER_TIMEOUT_MS', async () => {
    const slow = await serve(createApp({ config: fx.config({ RENDER_TIMEOUT_MS: '100', RENDER_CACHE_MB: '0' }) }));
    try {
      const res = await fetch(`${slow.url}/iiif/image/${IMAGE_ID}/full/max/33/default.png`);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    } finally {
      await slow.close();
    }
  });
});
