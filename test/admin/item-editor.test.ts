// The item editor over HTTP, against the whole server on a copy of the published sample and the
// real record publisher: a saved draft changes only the preview; publishing changes the public
// manifest, collection and search and rewrites no tile; a save based on an old version is refused
// with the other curator's change shown; bad input is refused naming the field; script typed into
// the summary never reaches the public manifest; history keeps every version and restores one;
// withdraw takes the item off the site and out of search, with its files kept aside, and restore
// brings it all back. Every change lands in the audit log.
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemRecord } from '../../manifests/item.ts';
import { dataPaths } from '../../manifests/layout.ts';
import { KANT } from '../browser/support.ts';
import { itemRecord } from '../support/item-record.ts';
import { type Client, formOf, signedIn } from './editor-client.ts';
import { type EditorServer, startEditorServer } from './editor-server.ts';

let srv: EditorServer;
let anna: Client;
let bram: Client;

const published = async (): Promise<ItemRecord> => JSON.parse(await readFile(dataPaths(srv.dataDir).record(KANT), 'utf8')) as ItemRecord;
const publicManifest = async () => (await fetch(`${srv.baseUrl}/iiif/presentation/${KANT}/manifest.json`)).json() as Promise<Record<string, unknown>>;
const searchIds = async (q: string): Promise<string[]> => {
  await srv.syncSearch();
  const res = (await (await fetch(`${srv.baseUrl}/api/search?q=${encodeURIComponent(q)}`)).json()) as { hits: { id: string }[] };
  return res.hits.map((h) => h.id);
};

/** Every tile and derivative of the published images, with its modification time. */
async function imageFiles(): Promise<Map<string, number>> {
  const paths = dataPaths(srv.dataDir);
  const out = new Map<string, number>();
  for (const dir of [path.join(paths.iiif, 'image'), path.dirname(paths.derivative('x'))]) {
    for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
      if (e.isFile()) {
        const file = path.join(e.parentPath, e.name);
        out.set(file, (await stat(file)).mtimeMs);
      }
    }
  }
  return out;
}

beforeAll(async () => {
  srv = await startEditorServer();
  anna = await signedIn(srv.baseUrl, 'anna');
  bram = await signedIn(srv.baseUrl, 'bram');
}, 300_000);

afterAll(async () => {
  await srv?.close();
});

const ROUTES: [string, string][] = [
  ['GET', '/admin/items'],
  ['GET', `/admin/items/${KANT}`],
  ['GET', `/admin/items/${KANT}/history`],
  ['GET', `/admin/items/${KANT}/preview`],
  ['GET', `/admin/items/${KANT}/preview/manifest.json`],
  ['POST', `/admin/items/${KANT}`],
  ['POST', `/admin/items/${KANT}/publish`],
  ['POST', `/admin/items/${KANT}/discard`],
  ['POST', `/admin/items/${KANT}/withdraw`],
  ['POST', `/admin/items/${KANT}/restore`],
  ['POST', `/admin/items/${KANT}/history/1/restore`],
];

describe('item editor routes', () => {
  it.each(ROUTES)('%s %s: without a session a script gets 401 and nothing changes', async (method, route) => {
    const before = await readFile(dataPaths(srv.dataDir).record(KANT), 'utf8');
    const res = await fetch(`${srv.baseUrl}${route}`, {
      method,
      redirect: 'manual',
      headers: { origin: srv.baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
      ...(method === 'POST' ? { body: 'version=x' } : {}),
    });
    expect(res.status).toBe(401);
    expect(await readFile(dataPaths(srv.dataDir).record(KANT), 'utf8')).toBe(before);
  });

  it.each(ROUTES.filter(([m]) => m === 'POST'))(
    '%s %s: a forged or another session’s CSRF token gets 403 and nothing changes',
    async (_method, route) => {
      const before = await readFile(dataPaths(srv.dataDir).record(KANT), 'utf8');
      const brams = await bram.editorState(KANT);
      for (const csrf of ['forged', brams.csrf]) {
        const { version } = await anna.editorState(KANT);
        expect((await anna.post(route, new URLSearchParams({ _csrf: csrf, version }))).status).toBe(403);
      }
      expect(await readFile(dataPaths(srv.dataDir).record(KANT), 'utf8')).toBe(before);
      expect(await stat(dataPaths(srv.dataDir).draft(KANT)).catch(() => undefined)).toBeUndefined();
    },
  );
});

describe('item editor over HTTP', () => {
  it('is closed to anyone not signed in, and refuses a change without the session’s CSRF token', async () => {
    // A page sends the anonymous to sign in; a script gets 401.
    const anonymous = await fetch(`${srv.baseUrl}/admin/items`, { redirect: 'manual', headers: { accept: 'text/html' } });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe(`/admin/sign-in?next=${encodeURIComponent('/admin/items')}`);
    expect((await fetch(`${srv.baseUrl}/admin/items/${KANT}/preview/manifest.json`, { redirect: 'manual' })).status).toBe(401);
    const form = new URLSearchParams({ version: 'x' });
    expect((await fetch(`${srv.baseUrl}/admin/items/${KANT}/withdraw`, { method: 'POST', body: form, redirect: 'manual' })).status).toBe(401);
    const state = await anna.editorState(KANT);
    const forged = formOf(await published(), { ...state, csrf: 'forged' });
    expect((await anna.post(`/admin/items/${KANT}`, forged)).status).toBe(403);
    // Another session's token is no good either.
    const brams = await bram.editorState(KANT);
    expect((await anna.post(`/admin/items/${KANT}`, formOf(await published(), { ...state, csrf: brams.csrf }))).status).toBe(403);
  });

  it('shows each page by the thumbnail file ingest made, so opening a book renders no image', async () => {
    const { html } = await anna.editorState(KANT);
    const sources = [...html.matchAll(/<img src="([^"]+)"/g)].map((m) => m[1]!);
    expect(sources.length).toBe((await published()).pages.length);
    for (const src of sources) expect((await stat(path.join(srv.dataDir, src))).isFile()).toBe(true);
  });

  it('lists the published items and finds one by title or shelfmark', async () => {
    const all = await (await anna.get('/admin/items?lang=en')).text();
    expect(all).toContain(`/admin/items/${KANT}`);
    const found = await (await anna.get('/admin/items?lang=en&q=aufkl')).text();
    expect(found).toContain(`/admin/items/${KANT}`);
    const none = await (await anna.get('/admin/items?lang=en&q=zzzz-nothing')).text();
    expect(none).not.toContain(`/admin/items/${KANT}`);
    expect(none).toContain('No items found.');
  });

  it('neither lists nor opens a records folder linked in from outside the data folder', async () => {
    const outside = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-outside-record-'));
    const paths = dataPaths(srv.dataDir);
    try {
      await mkdir(path.join(outside, 'planted'), { recursive: true });
      await writeFile(
        path.join(outside, 'planted', 'record.json'),
        JSON.stringify(itemRecord({ id: 'planted', label: { none: ['Schattenbibliothek'] } })),
      );
      await symlink(path.join(outside, 'planted'), paths.recordDir('planted'));
      const list = await (await anna.get('/admin/items?lang=en')).text();
      expect(list).toContain(`/admin/items/${KANT}`);
      expect(list).not.toContain('/admin/items/planted');
      expect(list).not.toContain('Schattenbibliothek');
      const item = await anna.get('/admin/items/planted?lang=en');
      expect(item.status).toBe(404);
      expect(await item.text()).not.toContain('Schattenbibliothek');
    } finally {
      await rm(paths.recordDir('planted'), { force: true });
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('refuses bad input naming each field, next to it and in the summary, and keeps what was typed', async () => {
    const state = await anna.editorState(KANT);
    const form = formOf(await published(), state);
    form.set('date', 'sometime');
    form.set('languages', 'ger xx1');
    form.set('title', '   ');
    const res = await anna.post(`/admin/items/${KANT}?lang=en`, form);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Not saved: 3 field(s) to correct');
    expect(html).toContain('<a href="#date">“sometime” is not a date Leeszaal can read');
    expect(html).toContain('id="date-problem"');
    expect(html).toMatch(/id="date" name="date" type="text" value="sometime" aria-invalid="true"/);
    expect(html).toContain('“xx1” is not a language code.');
    expect(html).toContain('<a href="#title-value-0">Fill in this field.</a>');
  });

  it('saves a draft that only the preview shows, then publishes it as JSON only: manifest, collection and search change, no tile is rewritten', async () => {
    const before = await published();
    const tiles = await imageFiles();
    const state = await anna.editorState(KANT);
    const form = formOf(before, state);
    form.set('title', 'Was ist Aufklärung? Zeitschriftfassung');
    form.set('date', '1784?');
    // Page labels and order: the last page first, the first page labelled.
    const keys = before.pages.map((p) => p.key);
    const order = [keys.at(-1)!, ...keys.slice(0, -1)];
    form.delete('pageKey');
    form.delete('pageLabel');
    for (const k of order) {
      form.append('pageKey', k);
      form.append('pageLabel', k === keys[0] ? 'Titelblatt' : '');
    }
    form.set('thumbnailPage', keys[1]!);
    const saved = await anna.post(`/admin/items/${KANT}?lang=en`, form);
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/admin/items/${KANT}?lang=en&done=saved`);
    expect(await anna.get(`/admin/items/${KANT}?lang=en&done=saved`).then((r) => r.text())).toContain('Draft by anna');

    // Saved is not published: the public manifest is as it was, the preview shows the draft.
    expect(JSON.stringify((await publicManifest()).label)).not.toContain('Zeitschriftfassung');
    const preview = (await (await anna.get(`/admin/items/${KANT}/preview/manifest.json`)).json()) as {
      label: Record<string, string[]>;
      items: { id: string; label: Record<string, string[]> }[];
      thumbnail: { id: string }[];
    };
    expect(Object.values(preview.label).flat()).toContain('Was ist Aufklärung? Zeitschriftfassung');
    expect(preview.items[0]!.id).toMatch(new RegExp(`/canvas/${keys.at(-1)}$`));
    expect(preview.items[1]!.label).toEqual({ none: ['Titelblatt'] });
    expect(preview.thumbnail[0]!.id).toContain(before.pages[1]!.imageId);
    const previewPage = await (await anna.get(`/admin/items/${KANT}/preview?lang=en`)).text();
    expect(previewPage).toContain(`<meta name="leeszaal-manifest" content="/admin/items/${KANT}/preview/manifest.json">`);
    expect(previewPage).toContain('Preview of the draft');

    // Publish from the preview, with the draft's version.
    const draftVersion = /name="version" value="([^"]+)"/.exec(previewPage)![1]!;
    const pub = await anna.post(`/admin/items/${KANT}/publish?lang=en`, new URLSearchParams({ _csrf: state.csrf, version: draftVersion }));
    expect(pub.status).toBe(303);
    expect(pub.headers.get('location')).toContain('done=published');

    const manifest = (await publicManifest()) as { label: Record<string, string[]>; items: { id: string }[]; navDate?: string };
    expect(Object.values(manifest.label).flat()).toContain('Was ist Aufklärung? Zeitschriftfassung');
    expect(manifest.items[0]!.id).toMatch(new RegExp(`/canvas/${keys.at(-1)}$`));
    const collection = await (await fetch(`${srv.baseUrl}/iiif/presentation/collection.json`)).text();
    expect(collection).toContain('Zeitschriftfassung');
    expect(await searchIds('Zeitschriftfassung')).toContain(KANT);
    // Not one tile or derivative was written again.
    expect(await imageFiles()).toEqual(tiles);
    const activities = await readFile(path.join(dataPaths(srv.dataDir).state, 'activities.jsonl'), 'utf8');
    expect(activities.trim().split('\n').at(-1)).toContain(`"type":"Update","itemId":"${KANT}"`);
    expect(srv.auditLog().map((a) => `${a.userName} ${a.action}`)).toEqual(expect.arrayContaining(['anna item.save', 'anna item.publish']));
  });

  it('refuses a save based on an older version (409), shows the other curator’s change, and overwrites nothing', async () => {
    const stale = await bram.editorState(KANT);
    const record = await published();
    const annas = await anna.editorState(KANT);
    const first = formOf(record, annas);
    first.set('place', 'Berlin (Anna)');
    expect((await anna.post(`/admin/items/${KANT}?lang=en`, first)).status).toBe(303);

    const second = formOf(record, stale);
    second.set('place', 'Königsberg (Bram)');
    const refused = await bram.post(`/admin/items/${KANT}?lang=en`, second);
    expect(refused.status).toBe(409);
    const html = await refused.text();
    expect(html).toContain('Not saved: someone else changed this item meanwhile');
    expect(html).toContain('anna');
    expect(html).toContain('<td>Berlin (Anna)</td></tr>');
    // Bram's typing is still in the form.
    expect(html).toContain('value="Königsberg (Bram)"');
    // Anna's draft stands.
    const annaPage = (await anna.editorState(KANT)).html;
    expect(annaPage).toContain('value="Berlin (Anna)"');
    // Bram, having seen it, saves again on the current version: now it is his choice, and it is accepted.
    const current = /name="version" value="([^"]+)"/.exec(html)![1]!;
    second.set('version', current);
    expect((await bram.post(`/admin/items/${KANT}?lang=en`, second)).status).toBe(303);
    // Discard the draft so the next tests start from the published record.
    const after = await bram.editorState(KANT);
    expect((await bram.post(`/admin/items/${KANT}/discard`, new URLSearchParams({ _csrf: after.csrf, version: after.version }))).status).toBe(303);
  });

  it('publishes from a preview only the draft that preview showed', async () => {
    const record = await published();
    const annas = await anna.editorState(KANT);
    const first = formOf(record, annas, 'preview');
    first.set('place', 'Berlin (Vorschau)');
    expect((await anna.post(`/admin/items/${KANT}?lang=en`, first)).status).toBe(303);
    const preview = await (await anna.get(`/admin/items/${KANT}/preview?lang=en`)).text();
    const seen = /name="version" value="([^"]+)"/.exec(preview)![1]!;
    // Bram changes the draft after Anna looked at it.
    const brams = await bram.editorState(KANT);
    const second = formOf(record, brams);
    second.set('place', 'Berlin (Bram)');
    expect((await bram.post(`/admin/items/${KANT}?lang=en`, second)).status).toBe(303);
    const res = await anna.post(`/admin/items/${KANT}/publish?lang=en`, new URLSearchParams({ _csrf: annas.csrf, version: seen }));
    expect(res.headers.get('location')).toBe(`/admin/items/${KANT}?lang=en&done=stale`);
    expect((await published()).place).toBe(record.place);
    expect(await (await anna.get(`/admin/items/${KANT}?lang=en&done=stale`)).text()).toContain(
      'Not published: the draft or the item changed meanwhile.',
    );
    const now = await anna.editorState(KANT);
    expect((await anna.post(`/admin/items/${KANT}/discard`, new URLSearchParams({ _csrf: now.csrf, version: now.version }))).status).toBe(303);
  });

  it('sanitises the summary as ingest does: no script or javascript: link reaches the public manifest', async () => {
    const state = await anna.editorState(KANT);
    const form = formOf(await published(), state, 'publish');
    form.append('summaryLang', 'en');
    form.append(
      'summary',
      'An <i>essay</i><script>alert(1)</script> <a href="javascript:alert(2)">click</a> <a href="https://example.org/">link</a>',
    );
    expect((await anna.post(`/admin/items/${KANT}?lang=en`, form)).status).toBe(303);
    const manifest = (await publicManifest()) as { summary: Record<string, string[]> };
    const summary = manifest.summary.en![0]!;
    expect(summary).toContain('<i>essay</i>');
    expect(summary).toContain('<a href="https://example.org/">link</a>');
    expect(summary).not.toMatch(/script|javascript|alert/);
  });

  it('keeps every published version with who and what changed, and restores an earlier one as a new version', async () => {
    const page = await (await anna.get(`/admin/items/${KANT}/history?lang=en`)).text();
    expect(page).toContain('Version 1: As ingested');
    expect(page).toContain('Version 2: Edited');
    expect(page).toContain('By: anna');
    expect(page).toContain('<ins>Was ist Aufklärung? Zeitschriftfassung</ins>');
    const { csrf } = await anna.editorState(KANT);
    const res = await anna.post(`/admin/items/${KANT}/history/1/restore?lang=en`, new URLSearchParams({ _csrf: csrf }));
    expect(res.status).toBe(303);
    const manifest = (await publicManifest()) as { label: Record<string, string[]> };
    expect(Object.values(manifest.label).flat()).toContain('Beantwortung der Frage: Was ist Aufklärung?');
    const after = await (await anna.get(`/admin/items/${KANT}/history?lang=en`)).text();
    expect(after).toContain('Version 4: Version 1 restored');
    expect(await searchIds('Zeitschriftfassung')).not.toContain(KANT);
    expect(srv.auditLog().at(-1)).toMatchObject({ userName: 'anna', action: 'item.version-restored', item: KANT, details: { version: 1 } });
  });

  it('withdraws the item off the site, collection and search, keeping its files aside, and restores it all', async () => {
    const paths = dataPaths(srv.dataDir);
    const tiles = await imageFiles();
    expect(await searchIds('Aufklärung')).toContain(KANT);
    const { csrf } = await anna.editorState(KANT);
    expect((await anna.post(`/admin/items/${KANT}/withdraw?lang=en`, new URLSearchParams({ _csrf: csrf }))).status).toBe(303);

    expect((await fetch(`${srv.baseUrl}/iiif/presentation/${KANT}/manifest.json`)).status).toBe(404);
    expect((await fetch(`${srv.baseUrl}/items/${KANT}`)).status).toBe(404);
    expect(await (await fetch(`${srv.baseUrl}/iiif/presentation/collection.json`)).text()).not.toContain(KANT);
    expect(await searchIds('Aufklärung')).not.toContain(KANT);
    const discovery = await readFile(path.join(paths.state, 'activities.jsonl'), 'utf8');
    expect(discovery.trim().split('\n').at(-1)).toContain(`"type":"Delete","itemId":"${KANT}"`);
    const aside = await readdir(path.join(paths.withdrawn(KANT), 'image'));
    expect(aside.length).toBeGreaterThan(0);
    const listed = await (await anna.get('/admin/items?lang=en&show=withdrawn')).text();
    expect(listed).toContain(`/admin/items/${KANT}`);
    expect(await (await anna.get(`/admin/items/${KANT}?lang=en`)).text()).toContain('This item is withdrawn');

    expect((await anna.post(`/admin/items/${KANT}/restore?lang=en`, new URLSearchParams({ _csrf: csrf }))).status).toBe(303);
    expect((await fetch(`${srv.baseUrl}/iiif/presentation/${KANT}/manifest.json`)).status).toBe(200);
    expect((await fetch(`${srv.baseUrl}/items/${KANT}`)).status).toBe(200);
    expect(await searchIds('Aufklärung')).toContain(KANT);
    // The very same files, put back: same tiles, same times.
    expect(await imageFiles()).toEqual(tiles);
    expect(
      srv
        .auditLog()
        .map((a) => a.action)
        .slice(-2),
    ).toEqual(['item.withdraw', 'item.restore']);
  });

  it('keeps a version a later ingest published before the next edit, so none is missing from the history', async () => {
    // As a re-run of ingest on a re-catalogued source would leave it.
    const recatalogued = { ...(await published()), place: 'Berlin (neu katalogisiert)' };
    await writeFile(dataPaths(srv.dataDir).record(KANT), `${JSON.stringify(recatalogued, null, 2)}\n`);
    const state = await anna.editorState(KANT);
    const form = formOf(recatalogued, state, 'publish');
    form.set('date', '1784?');
    expect((await anna.post(`/admin/items/${KANT}?lang=en`, form)).status).toBe(303);
    const history = await (await anna.get(`/admin/items/${KANT}/history?lang=en`)).text();
    // Newest first: version 6 (the edit: the date), then 5 (the ingest: the place).
    const [six = '', five = ''] = history.split('Version 6: Edited')[1]!.split('Version 5: As ingested');
    expect(six).toContain('<del>1784</del></td><td><ins>1784?</ins>');
    expect(six).not.toContain('katalogisiert</ins>');
    expect(five.split('Version 4:')[0]).toContain('<ins>Berlin (neu katalogisiert)</ins>');
  });
});
