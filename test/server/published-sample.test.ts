// The server over what ingest really publishes (the bundled sample): every id a manifest names
// dereferences with the right type, every image service's info.json is level 2, and every tile its
// info.json implies is answered from the published file rather than rendered.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataPaths } from '../../manifests/layout.ts';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../config.ts';
import { publishedSample } from '../support/sample.ts';
import { serve, type RunningServer } from './fixture.ts';

const BASE = 'http://leeszaal.test';
let srv: RunningServer;
let dataDir: string;
const local = (id: string) => id.replace(BASE, srv.url);

beforeAll(async () => {
  ({ dataDir } = await publishedSample(BASE));
  srv = await serve(createApp({ config: loadConfig({ DATA_DIR: dataDir, PUBLIC_BASE_URL: BASE, LOG_LEVEL: 'silent' }) }));
}, 600_000);

afterAll(async () => {
  await srv?.close();
});

interface Node {
  id?: string;
  type?: string;
  [k: string]: unknown;
}

function collectIds(node: unknown, out: Map<string, string>): void {
  if (Array.isArray(node)) {
    for (const n of node) collectIds(n, out);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const n = node as Node;
  if (typeof n.id === 'string' && typeof n.type === 'string' && n.id.startsWith(`${BASE}/iiif/presentation/`) && !n.id.includes('#')) {
    out.set(n.id, n.type);
  }
  for (const v of Object.values(n)) collectIds(v, out);
}

describe('the published sample over HTTP', () => {
  it('dereferences every Presentation id in every manifest', async () => {
    const collection = await (await fetch(`${srv.url}/iiif/presentation/collection.json`)).json();
    expect(collection.items.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const entry of collection.items as Node[]) {
      const manifest = await (await fetch(local(String(entry.id)))).json();
      const ids = new Map<string, string>();
      collectIds(manifest, ids);
      expect(ids.size).toBeGreaterThan(2);
      for (const [id, type] of ids) {
        const res = await fetch(local(id));
        if (res.status !== 200) {
          problems.push(`${res.status} ${id}`);
          continue;
        }
        const json = (await res.json()) as Node;
        if (json.id !== id || json.type !== type) problems.push(`${id} gave ${json.type} ${json.id}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('answers every tile and size info.json implies from the published files', async () => {
    const paths = dataPaths(dataDir);
    const collection = await (await fetch(`${srv.url}/iiif/presentation/collection.json`)).json();
    const manifest = await (await fetch(local(String(collection.items[0].id)))).json();
    const service = manifest.items[0].items[0].items[0].body.service[0];
    const info = await (await fetch(`${local(service.id)}/info.json`)).json();
    expect(info.profile).toBe('level2');
    const imageId = String(service.id).split('/').pop() ?? '';
    const { width: W, height: H } = info;
    const tile = info.tiles[0];
    let checked = 0;
    for (const sf of tile.scaleFactors as number[]) {
      const step = tile.width * sf;
      for (let y = 0; y < H; y += step) {
        for (let x = 0; x < W; x += step) {
          const w = Math.min(step, W - x);
          const h = Math.min(step, H - y);
          const sw = Math.ceil(w / sf);
          const sh = Math.ceil(h / sf);
          // As OpenSeadragon asks an Image API 3 service: `w,h` for the size (`w,` is Image API 2's; for a
          // level in one tile it names a size a pixel off the level's, since `w,` rounds and levels round up).
          const res = await fetch(`${local(service.id)}/${x},${y},${w},${h}/${sw},${sh}/0/default.jpg`);
          expect(res.status).toBe(200);
          const canonical = /<([^>]+)>;rel="canonical"/.exec(res.headers.get('link') ?? '')?.[1] ?? '';
          const rel = canonical.slice(String(service.id).length + 1);
          const file = path.join(paths.imageDir(imageId), rel.startsWith(`${x},${y},${w},${h}/max/`) ? rel.replace('/max/', `/${sw},${sh}/`) : rel);
          const body = Buffer.from(await res.arrayBuffer());
          expect(body.equals(await readFile(file)), `${x},${y},${w},${h} at 1/${sf}`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(4);
    for (const s of info.sizes as Array<{ width: number; height: number }>) {
      const res = await fetch(`${local(service.id)}/full/${s.width},${s.height}/0/default.jpg`);
      expect(res.status).toBe(200);
      const body = Buffer.from(await res.arrayBuffer());
      const file = path.join(paths.imageDir(imageId), 'full', `${s.width},${s.height}`, '0', 'default.jpg');
      expect(body.equals(await readFile(file))).toBe(true);
    }
  });
});
