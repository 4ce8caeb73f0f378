// The uploads page's browser side (/admin/uploads): takes a dropped or picked folder or files,
// keeping each file's path inside the dropped folder, and sends them with tus (tus-js-client) in
// chunks that resume after a cut connection; shows progress per file and in all, names at once a
// file the server says ingest cannot read, and publishes the batch. Once the files are in, it puts
// the batch under Recent batches (the list as the server draws it) and says so in a live region,
// so the curator sees it there, with its state and publish button, without a reload. Everything it needs (endpoints,
// CSRF token, words in the page's language) comes from the page's data attributes.
import { Upload } from 'tus-js-client';

/**
 * Bytes per request. One chunk fits the server's REQUEST_TIMEOUT_MS (30 s) from 18 Mbit/s up; on a
 * slower line the server cuts the request, keeps the bytes it got, and the client goes on from there
 * (tus-js-client starts its retry delays over whenever a try made progress), so no line is too slow.
 * Larger chunks cost the server nothing (they stream to disk) and save a request per 64 MB.
 */
const CHUNK_BYTES = 64 * 2 ** 20;
/** Files sent at once. */
const PARALLEL = 3;

interface Picked {
  file: File;
  path: string;
}

const root = document.querySelector<HTMLElement>('.uploader');
if (root) setUp(root);

function setUp(root: HTMLElement): void {
  const d = root.dataset;
  const csrf = d.csrf ?? '';
  const list = root.querySelector<HTMLUListElement>('#upload-files')!;
  const overall = root.querySelector<HTMLProgressElement>('#overall')!;
  const status = root.querySelector<HTMLElement>('#upload-status')!;
  const publish = root.querySelector<HTMLButtonElement>('#publish')!;
  const zone = root.querySelector<HTMLElement>('#drop-zone')!;
  const recent = document.querySelector<HTMLElement>('#batches');
  const recentStatus = document.querySelector<HTMLElement>('#batches-status');
  let batch: Promise<string> | undefined;
  const sizes = new Map<string, { sent: number; total: number }>();
  let running = 0;
  let failed = 0;
  const queue: (() => Promise<void>)[] = [];

  const post = async (url: string) => {
    const r = await fetch(url, { method: 'POST', headers: { 'x-csrf-token': csrf, accept: 'application/json' } });
    const body = (await r.json().catch(() => ({}))) as { id?: string; url?: string; error?: string };
    if (!r.ok) throw new Error(body.error ?? `${r.status} ${r.statusText}`);
    return body;
  };
  const batchId = () => (batch ??= post(d.batches!).then((b) => b.id!));

  const showOverall = () => {
    let sent = 0;
    let total = 0;
    for (const s of sizes.values()) {
      sent += s.sent;
      total += s.total;
    }
    overall.max = Math.max(1, total);
    overall.value = sent;
    const busy = running > 0 || queue.length > 0;
    publish.disabled = busy || sizes.size === 0 || failed > 0;
    status.textContent = busy ? `${d.tUploading} ${Math.floor((100 * sent) / Math.max(1, total))} %` : '';
  };

  /** Redraws Recent batches from the server (in the page's language) and announces this batch there. */
  const showBatches = async () => {
    if (!recent || !recentStatus) return;
    const id = await batchId();
    const r = await fetch(`${d.batches}?lang=${encodeURIComponent(document.documentElement.lang)}`, { headers: { accept: 'text/html' } });
    if (!r.ok) return;
    const drawn = new DOMParser().parseFromString(await r.text(), 'text/html');
    // A keyboard user on a batch's button or link stays on that batch's after the redraw.
    const focused = document.activeElement?.closest<HTMLElement>('#batches li[data-batch]')?.dataset.batch;
    recent.replaceChildren(...drawn.body.childNodes);
    if (focused) recent.querySelector<HTMLElement>(`li[data-batch="${CSS.escape(focused)}"] :is(button, a)`)?.focus();
    const label = recent.querySelector(`li[data-batch="${CSS.escape(id)}"] strong`)?.textContent;
    // Emptied first, so that the same words after a second drop into this batch are read again.
    recentStatus.textContent = '';
    if (label) requestAnimationFrame(() => (recentStatus.textContent = (d.tListed ?? '').replace('{label}', label)));
  };

  const next = () => {
    while (running < PARALLEL && queue.length > 0) {
      running += 1;
      void queue.shift()!().finally(() => {
        running -= 1;
        showOverall();
        next();
        // The last file is in (or failed): the list drawn at load does not know this batch yet.
        // Should the redraw fail, the list stays as it was and the batch shows at the next load.
        if (running === 0 && queue.length === 0) void showBatches().catch(() => undefined);
      });
    }
    showOverall();
  };

  const add = (picked: Picked[]) => {
    for (const { file, path } of picked) {
      const li = document.createElement('li');
      const name = document.createElement('span');
      name.textContent = path;
      const bar = document.createElement('progress');
      bar.max = Math.max(1, file.size);
      bar.value = 0;
      bar.setAttribute('aria-label', path);
      const note = document.createElement('span');
      note.className = 'file-note';
      li.append(name, ' ', bar, ' ', note);
      list.append(li);
      sizes.set(path, { sent: 0, total: file.size });
      queue.push(
        () =>
          new Promise<void>((resolve) => {
            void batchId().then(
              (id) => {
                const upload = new Upload(file, {
                  endpoint: d.endpoint!,
                  chunkSize: CHUNK_BYTES,
                  retryDelays: [0, 1000, 3000, 5000, 10_000, 20_000],
                  metadata: { batch: id, relativePath: path, filename: file.name, filetype: file.type },
                  headers: { 'x-csrf-token': csrf },
                  removeFingerprintOnSuccess: true,
                  onProgress(sent) {
                    bar.value = sent;
                    sizes.get(path)!.sent = sent;
                    showOverall();
                  },
                  onAfterResponse(_req, res) {
                    const problem = res.getHeader('Leeszaal-File-Problem');
                    if (problem) {
                      li.classList.add('problem');
                      note.textContent = `${d.tProblem}: ${decodeURIComponent(problem)}`;
                    }
                  },
                  onSuccess() {
                    if (!li.classList.contains('problem')) note.textContent = d.tUploaded ?? '';
                    resolve();
                  },
                  onError(err) {
                    failed += 1;
                    li.classList.add('problem');
                    const body = (err as { originalResponse?: { getBody(): string } }).originalResponse?.getBody();
                    note.textContent = `${d.tFailed}: ${(body || err.message).trim()}`;
                    resolve();
                  },
                });
                void upload.findPreviousUploads().then((previous) => {
                  if (previous[0]) upload.resumeFromPreviousUpload(previous[0]);
                  upload.start();
                });
              },
              (err: Error) => {
                failed += 1;
                note.textContent = `${d.tFailed}: ${err.message}`;
                resolve();
              },
            );
          }),
      );
    }
    next();
  };

  for (const id of ['pick-folder', 'pick-files']) {
    const input = root.querySelector<HTMLInputElement>(`#${id}`)!;
    input.addEventListener('change', () => {
      add([...(input.files ?? [])].map((file) => ({ file, path: file.webkitRelativePath || file.name })));
      input.value = '';
    });
  }

  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    const entries = [...(e.dataTransfer?.items ?? [])].map((i) => i.webkitGetAsEntry()).filter((x): x is FileSystemEntry => x !== null);
    void Promise.all(entries.map((entry) => filesOf(entry, ''))).then((found) => add(found.flat()));
  });

  publish.addEventListener('click', () => {
    publish.disabled = true;
    void batchId()
      .then((id) => post(`${d.batches}/${id}/publish`))
      .then(
        (r) => location.assign(r.url!),
        (err: Error) => {
          status.textContent = err.message;
          publish.disabled = false;
        },
      );
  });
}

/** Every file under a dropped entry, with its path from the dropped folder (its name included). */
async function filesOf(entry: FileSystemEntry, parent: string): Promise<Picked[]> {
  const path = parent ? `${parent}/${entry.name}` : entry.name;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    return [{ file, path }];
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const children: FileSystemEntry[] = [];
  // readEntries answers in batches (100 in Chromium) until an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    children.push(...batch);
  }
  return (await Promise.all(children.map((c) => filesOf(c, path)))).flat();
}
