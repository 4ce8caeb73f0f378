// The uploads page (/admin/uploads): the drop zone with folder and file pickers, per-file and overall
// progress, the publish button, and the curator's recent batches (each with its files' state and its
// publish button or job link; also sent alone, so the page's script can show a batch it just
// uploaded). Server-rendered; the uploading itself is viewer/admin/upload.ts (tus-js-client), which
// reads its endpoints, CSRF token and the words it shows from data attributes here.
import type { Batch, BatchFile } from './batches.ts';
import { escapeHtml as esc } from '../../search/snippet.ts';
import type { AdminPage } from './shell.ts';
import type { Text } from './text.ts';

export interface RecentBatches {
  csrfToken: string;
  /** False when the server cannot publish: batches get no publish button. */
  canPublish: boolean;
  batches: { batch: Batch; files: BatchFile[] }[];
}

export interface UploadsPageInput extends RecentBatches {
  limits: { maxFileMb: number; maxFiles: number; maxBatchMb: number };
}

export function uploadsPage(input: UploadsPageInput, t: Text): AdminPage {
  const { csrfToken, limits } = input;
  // `{label}` is filled in by the script with the batch's name.
  const words = { uploading: t.uploading, uploaded: t.uploaded, problem: t.fileProblem, failed: t.failed, listed: t.batchListed('{label}') };
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
  <p id="batches-status" role="status" aria-live="polite"></p>
  <div id="batches">${recentBatches(input, t)}</div>
</section>`;
  return { title: t.uploadsTitle, main, current: '/admin/uploads', scripts: ['upload'] };
}

/** The list of recent batches, newest first: the page's and the one the script fetches after an upload. */
export function recentBatches({ csrfToken, canPublish, batches }: RecentBatches, t: Text): string {
  if (batches.length === 0) return `<p>${esc(t.noBatches)}</p>`;
  return `<ul class="batches">${batches.map((b) => batchLine(b, csrfToken, canPublish, t)).join('\n')}</ul>`;
}

function batchLine({ batch, files }: { batch: Batch; files: BatchFile[] }, csrfToken: string, canPublish: boolean, t: Text): string {
  const label = folderLabel(files) ?? batch.id;
  const received = files.filter((f) => f.state === 'received').length;
  const problems = files.filter((f) => f.problem !== null);
  const facts = [
    t.batchFiles(files.length),
    t.filesReceived(received, files.length),
    ...(problems.length > 0 ? [t.problemFiles(problems.length)] : []),
  ];
  let action = '';
  if (batch.jobId !== null) action = ` <a href="/admin/jobs/${batch.jobId}">${esc(t.job)} ${batch.jobId}</a>`;
  else if (received < files.length) action = ` <span>${esc(t.open)}</span>`;
  else if (canPublish) {
    action = ` <form method="post" action="/admin/uploads/batches/${esc(batch.id)}/publish" class="batch-publish">
<input type="hidden" name="_csrf" value="${esc(csrfToken)}"><button type="submit">${esc(t.publishNamed(label))}</button></form>`;
  }
  const problemList =
    problems.length === 0
      ? ''
      : `<ul>${problems.map((f) => `<li>${esc(f.path)}: ${esc(t.fileProblem)}: ${esc(f.problem ?? '')}</li>`).join('')}</ul>`;
  return `<li data-batch="${esc(batch.id)}"><strong>${esc(label)}</strong>: ${esc(facts.join(', '))}${action}${problemList}</li>`;
}

/** What a batch is called: its dropped folders' names, else none. */
export function folderLabel(files: Pick<BatchFile, 'path'>[]): string | undefined {
  const tops = [...new Set(files.filter((f) => f.path.includes('/')).map((f) => f.path.split('/')[0]!))];
  return tops.length === 0 ? undefined : tops.join(', ');
}
