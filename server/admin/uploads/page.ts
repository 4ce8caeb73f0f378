// The uploads page (/admin/uploads): the drop zone with folder and file pickers, per-file and overall
// progress, the publish button, and the curator's recent batches. Server-rendered; the uploading
// itself is viewer/admin/upload.ts (tus-js-client), which reads its endpoints, CSRF token and the
// words it shows from data attributes here.
import type { Batch, BatchFile } from './batches.ts';
import { escapeHtml as esc } from '../../search/snippet.ts';
import type { AdminPage } from './shell.ts';
import type { Text } from './text.ts';

export interface UploadsPageInput {
  csrfToken: string;
  limits: { maxFileMb: number; maxFiles: number; maxBatchMb: number };
  batches: { batch: Batch; files: BatchFile[] }[];
}

export function uploadsPage({ csrfToken, limits, batches }: UploadsPageInput, t: Text): AdminPage {
  const words = { uploading: t.uploading, uploaded: t.uploaded, problem: t.fileProblem, failed: t.failed };
  const wordAttrs = Object.entries(words)
    .map(([k, v]) => ` data-t-${k}="${esc(v)}"`)
    .join('');
  const main = `<h1>${esc(t.uploadsTitle)}</h1>
<p>${esc(t.uploadsIntro)}</p>
<p>${esc(t.limits(limits.maxFileMb, limits.maxFiles, limits.maxBatchMb))}</p>
<section class="uploader" aria-labelledby="drop-label" data-csrf="${esc(csrfToken)}" data-endpoint="/admin/uploads/files" data-batches="/admin/uploads/batches" data-max-file-bytes="${limits.maxFileMb * 2 ** 20}"${wordAttrs}>
  <div class="drop-zone" id="drop-zone">
    <p id="drop-label">${esc(t.dropZone)}</p>
    <p class="pickers">
      <label for="pick-folder">${esc(t.pickFolder)}</label>
      <input id="pick-folder" type="file" multiple webkitdirectory>
      <label for="pick-files">${esc(t.pickFiles)}</label>
      <input id="pick-files" type="file" multiple>
    </p>
  </div>
  <h2 id="overall-label">${esc(t.overall)}</h2>
  <progress id="overall" max="1" value="0" aria-labelledby="overall-label"></progress>
  <p id="upload-status" role="status" aria-live="polite"></p>
  <ul id="upload-files" class="upload-files"></ul>
  <button id="publish" type="button" disabled>${esc(t.publish)}</button>
</section>
<section aria-labelledby="batches-heading">
  <h2 id="batches-heading">${esc(t.batches)}</h2>
  ${batches.length === 0 ? `<p>${esc(t.noBatches)}</p>` : `<ul class="batches">${batches.map((b) => batchLine(b, t)).join('\n')}</ul>`}
</section>`;
  return { title: t.uploadsTitle, main, current: '/admin/uploads', scripts: ['upload'] };
}

function batchLine({ batch, files }: { batch: Batch; files: BatchFile[] }, t: Text): string {
  const label = folderLabel(files) ?? batch.id;
  const state = batch.jobId === null ? esc(t.open) : `<a href="/admin/jobs/${batch.jobId}">${esc(t.job)} ${batch.jobId}</a>`;
  const problems = files.filter((f) => f.problem !== null);
  const problemList =
    problems.length === 0
      ? ''
      : `<ul>${problems.map((f) => `<li>${esc(f.path)}: ${esc(t.fileProblem)}: ${esc(f.problem ?? '')}</li>`).join('')}</ul>`;
  return `<li>${esc(label)}, ${esc(t.batchFiles(files.length))}, ${state}${problemList}</li>`;
}

/** What a batch is called: its dropped folders' names, else none. */
export function folderLabel(files: Pick<BatchFile, 'path'>[]): string | undefined {
  const tops = [...new Set(files.filter((f) => f.path.includes('/')).map((f) => f.path.split('/')[0]!))];
  return tops.length === 0 ? undefined : tops.join(', ');
}
