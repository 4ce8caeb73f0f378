// The resumable upload endpoint over real HTTP against a real server process: tus uploads land in
// the batch's staging folder under safe names, a cut connection resumes from the bytes received,
// hostile names stay inside staging, limits are refused with messages naming them, a file ingest
// cannot read is named at once, nothing staged is served, and without a session, with another
// curator's or with a wrong CSRF token nothing gets in.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Upload } from 'tus-js-client';
import type { Job } from '../../server/admin/jobs/store.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KANT_PAGE_0017 } from '../support/inputs.ts';
import { signIn } from '../support/admin.ts';
import { makeAccounts, PASSWORD, startPublishingServer, type ServerProcess } from './server-process.ts';
import { type As, create, headersFor, newBatch, offsetOf, patch, patchCutOff, uploadFile } from './tus-requests.ts';

let alice: As;
let bob: As;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let server: ServerProcess;
let dataDir: string;
const stagingOf = (batch: string) => path.join(dataDir, '.leeszaal', 'uploads', batch);

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-uploads-'));
  await makeAccounts(dataDir, [
    ['alice', 'curator'],
    ['bob', 'curator'],
  ]);
  server = await startPublishingServer({ DATA_DIR: dataDir, UPLOAD_MAX_FILE_MB: '8', UPLOAD_MAX_FILES: '4', UPLOAD_MAX_BATCH_MB: '10' });
  alice = await signIn(server.url, 'alice', PASSWORD);
  bob = await signIn(server.url, 'bob', PASSWORD);
});

afterAll(async () => {
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('uploads over tus', () => {
  it('tus-js-client uploads a page image in chunks into the batch folder, path kept', async () => {
    const batch = await newBatch(server.url, alice);
    const bytes = await readFile(KANT_PAGE_0017);
    await new Promise<void>((resolve, reject) => {
      const upload = new Upload(bytes, {
        endpoint: `${server.url}/admin/uploads/files`,
        chunkSize: 256 * 1024,
        headers: headersFor(alice),
        metadata: { batch, relativePath: 'kant/images/page-0017.tif' },
        onSuccess: () => resolve(),
        onError: reject,
      });
      upload.start();
    });
    const staged = await readFile(path.join(stagingOf(batch), 'kant', 'images', 'page-0017.tif'));
    expect(sha(staged)).toBe(sha(bytes));
    const state = (await (await fetch(`${server.url}/admin/uploads/batches/${batch}`, { headers: headersFor(alice) })).json()) as {
      files: { path: string; state: string; problem: string | null }[];
    };
    expect(state.files).toEqual([expect.objectContaining({ path: 'kant/images/page-0017.tif', state: 'received', problem: null })]);
  });

  it('an upload cut off mid-way resumes from the bytes the server kept', async () => {
    const batch = await newBatch(server.url, alice);
    const bytes = await readFile(KANT_PAGE_0017);
    const created = await create(server.url, alice, batch, 'kant/images/page-0017.tif', bytes.length);
    expect(created.status).toBe(201);
    const location = created.headers.get('location')!;
    await patchCutOff(server.url, alice, location, bytes, 400_000);
    const offset = await offsetOf(server.url, alice, location);
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThanOrEqual(400_000);
    const rest = await patch(server.url, alice, location, offset, bytes.subarray(offset));
    expect(rest.status).toBe(204);
    const staged = await readFile(path.join(stagingOf(batch), 'kant', 'images', 'page-0017.tif'));
    expect(sha(staged)).toBe(sha(bytes));
  });

  it('hostile names land inside the batch folder, made safe', async () => {
    const batch = await newBatch(server.url, alice);
    const names = ['../../../../escaped.tif', '/etc/passwd.xml', '..\\..\\.leeszaal\\admin\\admin.sqlite'];
    for (const name of names) expect((await uploadFile(server.url, alice, batch, name, Buffer.from('<x/>'))).status).toBe(204);
    const staged = await readdir(stagingOf(batch), { recursive: true });
    expect(staged.sort()).toEqual(['_.leeszaal', '_.leeszaal/admin', '_.leeszaal/admin/admin.sqlite', 'escaped.tif', 'etc', 'etc/passwd.xml']);
    // Nothing appeared anywhere else in the data folder or beside it.
    expect((await readdir(dataDir)).sort()).toEqual(['.leeszaal', 'search']);
    expect((await readdir(path.dirname(dataDir))).filter((n) => n === 'escaped.tif')).toEqual([]);
    expect(await create(server.url, alice, batch, '../..', 10).then((r) => r.status)).toBe(400);
  });

  it('a file ingest cannot read is named at once, with the reason', async () => {
    const batch = await newBatch(server.url, alice);
    const fake = await uploadFile(server.url, alice, batch, 'kant/images/page-0001.tif', Buffer.from('not a TIFF at all'));
    expect(decodeURIComponent(fake.headers.get('leeszaal-file-problem') ?? '')).toMatch(/not a readable image/);
    const mets = await uploadFile(server.url, alice, batch, 'kant/mets.xml', Buffer.from('<mets><dmdSec></mets>'));
    expect(decodeURIComponent(mets.headers.get('leeszaal-file-problem') ?? '')).toMatch(/not well-formed XML/);
    const bomb = await uploadFile(server.url, alice, batch, 'kant/alto/p.xml', Buffer.from('<!DOCTYPE a [<!ENTITY x "xx">]><a>&x;</a>'));
    expect(decodeURIComponent(bomb.headers.get('leeszaal-file-problem') ?? '')).toMatch(/declares the entity/);
    const pdf = await uploadFile(server.url, alice, batch, 'kant/scan.pdf', Buffer.from('%PDF-1.4'));
    expect(decodeURIComponent(pdf.headers.get('leeszaal-file-problem') ?? '')).toMatch(/does not read \.pdf files/);
    const page = await (await fetch(`${server.url}/admin/uploads?lang=en`, { headers: headersFor(alice) })).text();
    expect(page).toContain('kant/images/page-0001.tif: ingest cannot read this file: not a readable image');
  });

  it('refuses what is over the limits, naming the limit', async () => {
    const batch = await newBatch(server.url, alice);
    const big = await create(server.url, alice, batch, 'big.tif', 9 * 2 ** 20);
    expect(big.status).toBe(413);
    expect(await big.text()).toMatch(/at most 8 MB \(UPLOAD_MAX_FILE_MB\)/);
    for (const n of [1, 2, 3, 4]) expect((await create(server.url, alice, batch, `p${n}.tif`, 2 * 2 ** 20)).status).toBe(201);
    const over = await create(server.url, alice, batch, 'p5.tif', 1);
    expect(over.status).toBe(413);
    expect(await over.text()).toMatch(/at most 4 files \(UPLOAD_MAX_FILES\)/);
    const batch2 = await newBatch(server.url, alice);
    for (const n of [1, 2]) expect((await create(server.url, alice, batch2, `p${n}.tif`, 4 * 2 ** 20)).status).toBe(201);
    const heavy = await create(server.url, alice, batch2, 'p3.tif', 3 * 2 ** 20);
    expect(heavy.status).toBe(413);
    expect(await heavy.text()).toMatch(/at most 10 MB \(UPLOAD_MAX_BATCH_MB\)/);
    // A body longer than the declared length is refused too, and nothing beyond it is kept.
    const created = await create(server.url, alice, batch2, 'short.tif', 10);
    expect((await patch(server.url, alice, created.headers.get('location')!, 0, randomBytes(5000))).status).toBe(413);
  });

  it('publishes a batch once, only when every file is in, and takes nothing more into it after', async () => {
    const publish = (batch: string) => fetch(`${server.url}/admin/uploads/batches/${batch}/publish`, { method: 'POST', headers: headersFor(alice) });
    const empty = await newBatch(server.url, alice);
    expect(await (await publish(empty)).json()).toEqual({ error: 'nothing uploaded in this batch yet' });
    const batch = await newBatch(server.url, alice);
    const half = await create(server.url, alice, batch, 'kant/images/page-0017.tif', 10);
    await patch(server.url, alice, half.headers.get('location')!, 0, Buffer.from('12345'));
    const early = await publish(batch);
    expect(early.status).toBe(409);
    expect(await early.json()).toEqual({ error: 'still uploading: kant/images/page-0017.tif' });
    await patch(server.url, alice, half.headers.get('location')!, 5, Buffer.from('67890'));
    const queued = await publish(batch);
    expect(queued.status).toBe(202);
    const { job } = (await queued.json()) as { job: number };
    expect((await publish(batch)).status).toBe(409);
    const late = await create(server.url, alice, batch, 'kant/mets.xml', 4);
    expect(late.status).toBe(409);
    expect(await late.text()).toMatch(/already being published/);
    // Its job ends (ingest refuses the broken page) and says why, by item and file.
    let ended: Job | undefined;
    for (let i = 0; i < 150 && !ended; i++) {
      await new Promise((r) => setTimeout(r, 200));
      const j = (await (
        await fetch(`${server.url}/admin/jobs/${job}`, { headers: { ...headersFor(alice), accept: 'application/json' } })
      ).json()) as Job;
      if (j.state === 'done' || j.state === 'failed') ended = j;
    }
    expect(ended).toMatchObject({
      state: 'failed',
      outcome: { published: [], failed: [{ item: 'kant', file: expect.stringContaining('page-0017.tif') }] },
    });
  });

  it('draws Recent batches alone for the page: each batch’s files’ state, then a publish form that sends the browser to the job', async () => {
    const recent = async (as: As) => (await fetch(`${server.url}/admin/uploads/batches?lang=en`, { headers: headersFor(as) })).text();
    const batch = await newBatch(server.url, alice);
    const file = await create(server.url, alice, batch, 'gent/images/p1.tif', 10);
    await patch(server.url, alice, file.headers.get('location')!, 0, Buffer.from('12345'));
    expect(await recent(alice)).toContain(
      `<li data-batch="${batch}"><strong>gent</strong>: 1 file(s), 0 of 1 received <span>being uploaded</span></li>`,
    );
    expect(await recent(bob)).not.toContain(batch);
    await patch(server.url, alice, file.headers.get('location')!, 5, Buffer.from('67890'));
    const line = (await recent(alice)).split('\n<li').find((l) => l.includes(batch))!;
    expect(line).toContain('<strong>gent</strong>: 1 file(s), all received, 1 file(s) ingest cannot read');
    expect(line).toContain(`<form method="post" action="/admin/uploads/batches/${batch}/publish" class="batch-publish">`);
    expect(line).toContain('<button type="submit">Publish gent</button>');
    expect(line).toContain('<li>gent/images/p1.tif: ingest cannot read this file: ');
    // The form sends the token as a field, as a browser would.
    const form = async () =>
      fetch(`${server.url}/admin/uploads/batches/${batch}/publish`, {
        method: 'POST',
        headers: { cookie: alice.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: /name="_csrf" value="([^"]+)"/.exec(line)![1]! }),
        redirect: 'manual',
      });
    const sent = await form();
    expect(sent.status).toBe(303);
    const job = /^\/admin\/jobs\/(\d+)$/.exec(sent.headers.get('location') ?? '')?.[1];
    expect(job).toBeDefined();
    // Sent again (a second click, the back button), it leads to the same job and queues nothing more.
    expect((await form()).headers.get('location')).toBe(`/admin/jobs/${job}`);
    expect(await recent(alice)).toContain(
      `<li data-batch="${batch}"><strong>gent</strong>: 1 file(s), all received, 1 file(s) ingest cannot read <a href="/admin/jobs/${job}">Job ${job}</a>`,
    );
  });

  it('never serves a staged file', async () => {
    const batch = await newBatch(server.url, alice);
    const created = await create(server.url, alice, batch, 'kant/images/page-0017.tif', 4);
    const location = created.headers.get('location')!;
    await patch(server.url, alice, location, 0, Buffer.from('abcd'));
    expect((await fetch(new URL(location, server.url), { headers: headersFor(alice) })).status).toBe(405);
    for (const url of [
      `/.leeszaal/uploads/${batch}/kant/images/page-0017.tif`,
      `/%2eleeszaal/staging/${batch}/kant/images/page-0017.tif`,
      `/iiif/image/..%2F.leeszaal%2Fuploads%2F${batch}/info.json`,
      `/records/../.leeszaal/uploads/${batch}/kant/images/page-0017.tif`,
    ]) {
      const r = await fetch(`${server.url}${url}`);
      expect(r.status, url).toBeGreaterThanOrEqual(400);
      expect(await r.text(), url).not.toBe('abcd');
    }
  });

  it('lets nobody in without a session, into another curator’s batch, or without the CSRF token', async () => {
    const batch = await newBatch(server.url, alice);
    const created = await create(server.url, alice, batch, 'a.tif', 4);
    const location = created.headers.get('location')!;
    const anonymous = [
      fetch(`${server.url}/admin/uploads`),
      fetch(`${server.url}/admin/uploads/batches`, { method: 'POST' }),
      fetch(`${server.url}/admin/uploads/batches/${batch}`),
      fetch(`${server.url}/admin/uploads/batches/${batch}/publish`, { method: 'POST' }),
      create(server.url, undefined, batch, 'b.tif', 4),
      patch(server.url, undefined, location, 0, Buffer.from('abcd')),
      fetch(`${server.url}/admin/jobs`),
      fetch(`${server.url}/admin/jobs/1`),
      fetch(`${server.url}/admin/jobs/1/events`),
    ];
    for (const r of await Promise.all(anonymous)) expect(r.status).toBe(401);
    // Bob, another curator, cannot see, add to, continue or publish Alice's batch.
    expect((await fetch(`${server.url}/admin/uploads/batches/${batch}`, { headers: headersFor(bob) })).status).toBe(404);
    expect((await create(server.url, bob, batch, 'b.tif', 4)).status).toBe(404);
    expect((await patch(server.url, bob, location, 0, Buffer.from('abcd'))).status).toBe(404);
    expect((await fetch(`${server.url}/admin/uploads/batches/${batch}/publish`, { method: 'POST', headers: headersFor(bob) })).status).toBe(404);
    // A forged or missing CSRF token is refused on every state-changing request.
    for (const csrf of ['forged', null]) {
      const as = { ...alice, csrf };
      expect((await fetch(`${server.url}/admin/uploads/batches`, { method: 'POST', headers: headersFor(as) })).status).toBe(403);
      expect((await create(server.url, as, batch, 'c.tif', 4)).status).toBe(403);
      expect((await patch(server.url, as, location, 0, Buffer.from('abcd'))).status).toBe(403);
      expect((await fetch(`${server.url}/admin/uploads/batches/${batch}/publish`, { method: 'POST', headers: headersFor(as) })).status).toBe(403);
    }
    expect(await offsetOf(server.url, alice, location)).toBe(0);
  });
});
