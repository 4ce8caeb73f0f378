// Publish jobs end to end against real server processes and real ingest: an uploaded item folder
// becomes a job whose progress arrives over Server-Sent Events and whose report names the published
// item; a server killed mid-job finds the job at restart and runs it to the end; an item folder
// dropped in the watched inbox is published the same way.
import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { openAdminDb } from '../../server/admin/db.ts';
import type { Job } from '../../server/admin/jobs/store.ts';
import { SAMPLE_SOURCE } from '../support/inputs.ts';
import { signIn } from '../support/admin.ts';
import { makeAccounts, PASSWORD, startPublishingServer, type ServerProcess } from './server-process.ts';
import { type As, headersFor, newBatch, uploadFile } from './tus-requests.ts';

let alice: As;
const KANT = 'kant-aufklaerung-1784';
const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

async function server(env: Record<string, string> = {}): Promise<{ s: ServerProcess; dataDir: string }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-jobs-'));
  cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
  await makeAccounts(dataDir, [['alice', 'curator']]);
  const s = await startPublishingServer({ DATA_DIR: dataDir, ...env });
  cleanup.push(() => s.stop());
  alice = await signIn(s.url, 'alice', PASSWORD);
  return { s, dataDir };
}

/** Uploads the sample Kant folder as a curator would drop it, and publishes the batch. */
async function uploadKant(base: string): Promise<{ job: number; url: string }> {
  const batch = await newBatch(base, alice);
  const folder = path.join(SAMPLE_SOURCE, KANT);
  for (const f of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (!f.isFile()) continue;
    const full = path.join(f.parentPath, f.name);
    const r = await uploadFile(base, alice, batch, `${KANT}/${path.relative(folder, full)}`, full);
    expect(r.status).toBe(204);
    expect(r.headers.get('leeszaal-file-problem')).toBeNull();
  }
  const r = await fetch(`${base}/admin/uploads/batches/${batch}/publish`, { method: 'POST', headers: headersFor(alice) });
  expect(r.status).toBe(202);
  return (await r.json()) as { job: number; url: string };
}

interface Sse {
  event: string;
  data: { state: string; done: number; total: number; pagesText: string; timeLeftText: string };
}

/** Reads a job's event stream until its `end` event (or `until` says stop). */
async function events(base: string, job: number, until: (e: Sse) => boolean = (e) => e.event === 'end'): Promise<Sse[]> {
  const r = await fetch(`${base}/admin/jobs/${job}/events`, {
    headers: { ...headersFor(alice), 'accept-language': 'en' },
    signal: AbortSignal.timeout(120_000),
  });
  expect(r.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const seen: Sse[] = [];
  const decoder = new TextDecoder();
  let text = '';
  const reader = r.body!.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    for (let end = text.indexOf('\n\n'); end >= 0; end = text.indexOf('\n\n')) {
      const block = text.slice(0, end);
      text = text.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (!event || !data) continue;
      const e = { event, data: JSON.parse(data) } as Sse;
      seen.push(e);
      if (until(e)) {
        await reader.cancel();
        return seen;
      }
    }
  }
  return seen;
}

const jobOf = async (base: string, id: number) =>
  (await (await fetch(`${base}/admin/jobs/${id}`, { headers: { ...headersFor(alice), accept: 'application/json' } })).json()) as Job;

describe('publish jobs', () => {
  it('publishes an uploaded item folder with live progress over SSE and the CLI’s report', async () => {
    const { s, dataDir } = await server();
    const { job, url } = await uploadKant(s.url);
    expect(url).toBe(`/admin/jobs/${job}`);
    const seen = await events(s.url, job);
    expect((await jobOf(s.url, job)).error).toBeNull();
    const progress = seen.filter((e) => e.event === 'progress');
    expect(progress.some((e) => e.data.total === 4 && e.data.done > 0)).toBe(true);
    expect(progress.at(-1)?.data.pagesText).toMatch(/of 4 pages/);
    expect(seen.at(-1)).toMatchObject({ event: 'end', data: { state: 'done', done: 4, total: 4 } });

    const done = await jobOf(s.url, job);
    expect(done.outcome).toMatchObject({ published: [KANT], failed: [] });
    expect(done.outcome?.report).toMatch(/^published 1 item\(s\), unchanged 0, failed 0; pages 4/);
    const page = await (await fetch(`${s.url}${url}`, { headers: headersFor(alice) })).text();
    // Linked by its title, read from the published record, the id beside it.
    expect(page).toContain(`<a href="/items/${KANT}">Beantwortung der Frage: Was ist Aufklärung?</a> <small class="item-id">${KANT}</small>`);
    expect((await fetch(`${s.url}/iiif/presentation/${KANT}/manifest.json`)).status).toBe(200);
    expect((await fetch(`${s.url}/items/${KANT}`)).status).toBe(200);

    const db = openAdminDb(dataDir);
    const actions = (db.prepare('SELECT user_name AS user, action FROM audit ORDER BY id').all() as { user: string; action: string }[]).filter(
      (a) => a.user === 'alice',
    );
    db.close();
    expect(actions.filter((a) => a.action === 'upload.finished')).toHaveLength(6);
    expect(actions.map((a) => a.action).slice(-2)).toEqual(['job.queued', 'job.finished']);
  });

  it('a job cut off by a killed server runs again at restart and ends', async () => {
    const { s, dataDir } = await server();
    const { job } = await uploadKant(s.url);
    // Killed without warning as soon as the job runs.
    await events(s.url, job, (e) => e.data.state === 'running');
    await s.stop('SIGKILL');
    const again = await startPublishingServer({ DATA_DIR: dataDir, INGEST_JOBS: '2' });
    cleanup.push(() => again.stop());
    alice = await signIn(again.url, 'alice', PASSWORD);
    const seen = await events(again.url, job);
    expect(seen.at(-1)).toMatchObject({ event: 'end', data: { state: 'done' } });
    const done = await jobOf(again.url, job);
    expect(done.attempts).toBe(2);
    // The first run's child may have finished the item alone; either way it is published once, in full.
    expect([...(done.outcome?.published ?? []), ...(done.outcome?.unchanged ?? [])]).toEqual([KANT]);
    expect(done.outcome?.failed).toEqual([]);
    const manifest = (await (await fetch(`${again.url}/iiif/presentation/${KANT}/manifest.json`)).json()) as { items: unknown[] };
    expect(manifest.items).toHaveLength(4);
  });

  it('publishes an item folder dropped in the inbox once its READY marker is there', async () => {
    const inbox = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-inbox-'));
    cleanup.push(() => rm(inbox, { recursive: true, force: true }));
    const { s } = await server({ INBOX_DIR: inbox, INBOX_SETTLE_SECONDS: '3600' });
    await cp(path.join(SAMPLE_SOURCE, KANT), path.join(inbox, KANT), { recursive: true });
    await sleep(3000);
    // Without the marker, and long before it would settle, nothing is taken.
    expect(await (await fetch(`${s.url}/admin/jobs`, { headers: { ...headersFor(alice), accept: 'application/json' } })).json()).toEqual([]);
    await writeFile(path.join(inbox, KANT, 'READY'), '');
    let jobs: Job[] = [];
    for (let i = 0; i < 100 && jobs.length === 0; i++) {
      await sleep(200);
      jobs = (await (await fetch(`${s.url}/admin/jobs`, { headers: { ...headersFor(alice), accept: 'application/json' } })).json()) as Job[];
    }
    expect(jobs).toMatchObject([{ source: 'inbox', label: KANT, user: null }]);
    const seen = await events(s.url, jobs[0]!.id);
    expect(seen.at(-1)).toMatchObject({ event: 'end', data: { state: 'done', done: 4, total: 4 } });
    expect((await jobOf(s.url, jobs[0]!.id)).outcome?.published).toEqual([KANT]);
    expect(await readdir(inbox)).toEqual([]);
  });
});
