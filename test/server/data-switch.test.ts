// A data folder switched behind a symbolic link (DATA_DIR=current → pub-1, then `ln -sfn pub-2
// current`): the server follows within seconds rather than answering 404 for everything under
// /iiif, and /healthz fails (503) when the folder behind the link cannot be read.
import { cp, rename, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { dataPaths } from '../../manifests/layout.ts';
import { createApp } from '../../server/app.ts';
import { BASE_URL, IMAGE_ID, buildFixture, serve, type Fixture } from './fixture.ts';

let fx: Fixture;

beforeAll(async () => {
  fx = await buildFixture();
});

afterAll(async () => {
  await fx?.cleanup();
});

/** Points `link` at `target` in one rename, as `ln -sfn` does. */
async function switchLink(link: string, target: string): Promise<void> {
  const aside = `${link}.new`;
  await rm(aside, { force: true });
  await symlink(target, aside);
  await rename(aside, link);
}

/** Polls `probe` until it gives `want` or `ms` pass; returns what it gave last. */
async function within<T>(ms: number, want: T, probe: () => Promise<T>): Promise<T> {
  const until = Date.now() + ms;
  let got = await probe();
  while (got !== want && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    got = await probe();
  }
  return got;
}

describe('a data folder behind a symbolic link', () => {
  it('follows a switch to another publication and reports a folder it cannot read', async () => {
    const pub1 = path.join(fx.root, 'pub-1');
    const pub2 = path.join(fx.root, 'pub-2');
    await cp(fx.dataDir, pub1, { recursive: true, verbatimSymlinks: true });
    await cp(fx.dataDir, pub2, { recursive: true, verbatimSymlinks: true });
    // Only the second publication has this image.
    const newId = `${IMAGE_ID}.v2`;
    await rename(dataPaths(pub2).imageDir(IMAGE_ID), dataPaths(pub2).imageDir(newId));
    const current = path.join(fx.root, 'current');
    await symlink(pub1, current);

    const srv = await serve(createApp({ config: loadConfig({ DATA_DIR: current, PUBLIC_BASE_URL: BASE_URL, LOG_LEVEL: 'silent' }) }));
    const status = async (p: string) => (await fetch(`${srv.url}${p}`)).status;
    try {
      expect(await status(`/iiif/image/${IMAGE_ID}/info.json`)).toBe(200);
      expect(await status('/healthz')).toBe(200);

      await switchLink(current, pub2);
      expect(await within(6000, 200, () => status(`/iiif/image/${newId}/info.json`))).toBe(200);
      expect(await status(`/iiif/image/${newId}/0,0,512,512/512,512/0/default.jpg`)).toBe(200);
      expect(await status('/iiif/presentation/kant/manifest.json')).toBe(200);
      expect(await within(6000, 404, () => status(`/iiif/image/${IMAGE_ID}/info.json`))).toBe(404);
      expect(await status('/healthz')).toBe(200);

      // The publication behind the link is gone: health says so, as the routes do.
      await rm(pub2, { recursive: true, force: true });
      expect(await within(6000, 503, () => status('/healthz'))).toBe(503);
      expect(await within(6000, 404, () => status(`/iiif/image/${newId}/info.json`))).toBe(404);

      await switchLink(current, pub1);
      expect(await within(6000, 200, () => status('/healthz'))).toBe(200);
      expect(await within(6000, 200, () => status(`/iiif/image/${IMAGE_ID}/info.json`))).toBe(200);
    } finally {
      await srv.close();
    }
  }, 30_000);
});
