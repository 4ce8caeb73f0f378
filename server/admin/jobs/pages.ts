// The publish-job pages: /admin/jobs (every job, newest first) and /admin/jobs/<id> (one job's live
// progress and, once it ended, the same per-item report the CLI prints, with links to the published
// item pages under their titles). Server-rendered; viewer/admin/job.ts follows the progress over SSE.
import type { InternationalString } from '@iiif/presentation-3';
import { escapeHtml as esc } from '../../search/snippet.ts';
import type { AdminPage } from '../uploads/shell.ts';
import type { Lang, Text } from '../uploads/text.ts';
import type { Job } from './store.ts';

/** Seconds left at the pace so far; undefined until a page is done. */
export function secondsLeft(job: Pick<Job, 'done' | 'total' | 'startedAt'>, now = Date.now()): number | undefined {
  if (!job.startedAt || job.done === 0 || job.total === 0) return undefined;
  const elapsed = (now - Date.parse(job.startedAt)) / 1000;
  return (elapsed / job.done) * (job.total - job.done);
}

/** What the page and the SSE stream show of a job's progress. */
export function progressOf(job: Job, t: Text) {
  const left = job.state === 'running' ? secondsLeft(job) : undefined;
  return {
    id: job.id,
    state: job.state,
    stateText: t.states[job.state],
    done: job.done,
    total: job.total,
    pagesText: t.pages(job.done, job.total),
    timeLeftText: left === undefined ? '' : t.timeLeft(left),
  };
}

const sourceText = (job: Job, t: Text) => (job.source === 'inbox' ? t.fromInbox : t.fromUpload);

export function jobsPage(jobs: Job[], t: Text): AdminPage {
  const rows = jobs
    .map(
      (j) => `<tr>
  <td><a href="/admin/jobs/${j.id}">${esc(t.job)} ${j.id}</a></td>
  <td>${esc(j.label)} <span class="source">(${esc(sourceText(j, t))})</span></td>
  <td>${esc(t.states[j.state])}</td>
  <td>${esc(t.pages(j.done, j.total))}</td>
  <td><time datetime="${esc(j.createdAt)}">${esc(j.createdAt.slice(0, 16).replace('T', ' '))}</time></td>
</tr>`,
    )
    .join('\n');
  const main = `<h1>${esc(t.jobsTitle)}</h1>
${
  jobs.length === 0
    ? `<p>${esc(t.noJobs)}</p>`
    : `<div class="table-scroll"><table>
<thead><tr><th scope="col">${esc(t.job)}</th><th scope="col">${esc(t.what)}</th><th scope="col">${esc(t.state)}</th><th scope="col">${esc(t.progress)}</th><th scope="col">${esc(t.started)}</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>`
}`;
  return { title: t.jobsTitle, main, current: '/admin/jobs', scripts: [] };
}

/** How the report names items: their titles (by id) and the page's language, to pick among a title's languages. */
export interface ItemNames {
  lang: Lang;
  titles: ReadonlyMap<string, InternationalString>;
}

/**
 * An item's title to show in a page in `lang`: in that language, else untagged, else in the first of
 * the others the title has; with the language it is in (undefined when untagged). Undefined without a title.
 */
export function titleIn(label: InternationalString | undefined, lang: Lang): { text: string; lang?: string } | undefined {
  if (!label) return undefined;
  for (const key of [lang, 'none', 'nl', 'fr', 'en', ...Object.keys(label)]) {
    const values = label[key]?.filter((v) => v.trim() !== '');
    if (values && values.length > 0) return { text: values.join('; '), ...(key === 'none' ? {} : { lang: key }) };
  }
  return undefined;
}

export function jobPage(job: Job, t: Text, names: ItemNames): AdminPage {
  const p = progressOf(job, t);
  const live = job.state === 'running' || job.state === 'queued' || job.state === 'interrupted';
  const main = `<h1>${esc(t.jobTitle(job.id))}</h1>
<p>${esc(job.label)} (${esc(sourceText(job, t))})</p>
<section class="job-progress" aria-labelledby="progress-heading"${live ? ` data-events="/admin/jobs/${job.id}/events"` : ''}>
  <h2 id="progress-heading">${esc(t.progress)}</h2>
  <p><span class="job-state">${esc(p.stateText)}</span>${job.attempts > 1 ? ` <span>(${esc(t.attempts(job.attempts))})</span>` : ''}</p>
  <progress id="job-bar" max="${Math.max(1, job.total)}" value="${job.done}" aria-labelledby="progress-heading"></progress>
  <p role="status" aria-live="polite"><span class="job-pages">${esc(p.pagesText)}</span> <span class="job-left">${esc(p.timeLeftText)}</span></p>
</section>
${reportSection(job, t, names)}
<p><a href="/admin/jobs">${esc(t.allJobs)}</a></p>`;
  return { title: t.jobTitle(job.id), main, current: '/admin/jobs', scripts: live ? ['job'] : [] };
}

/** A published item's link: its title (marked with its language when not the page's) and, smaller, its id. */
function itemLink(id: string, { lang, titles }: ItemNames): string {
  const href = `/items/${encodeURIComponent(id)}`;
  const title = titleIn(titles.get(id), lang);
  if (!title) return `<li><a href="${href}">${esc(id)}</a></li>`;
  const langAttr = title.lang && title.lang !== lang ? ` lang="${esc(title.lang)}"` : '';
  return `<li><a href="${href}"${langAttr}>${esc(title.text)}</a> <small class="item-id">${esc(id)}</small></li>`;
}

function reportSection(job: Job, t: Text, names: ItemNames): string {
  const parts: string[] = [];
  if (job.error) parts.push(`<p class="job-error"><strong>${esc(t.error)}:</strong> ${esc(job.error)}</p>`);
  const o = job.outcome;
  if (o) {
    const links = (ids: string[]) => ids.map((id) => itemLink(id, names)).join('');
    if (o.published.length > 0) parts.push(`<h3>${esc(t.publishedItems)}</h3>\n<ul class="published">${links(o.published)}</ul>`);
    if (o.unchanged.length > 0) parts.push(`<h3>${esc(t.unchangedItems)}</h3>\n<ul class="unchanged">${links(o.unchanged)}</ul>`);
    if (o.failed.length > 0) {
      const li = o.failed.map((f) => `<li><strong>${esc(f.item)}</strong>${f.file ? ` (${esc(f.file)})` : ''}: ${esc(f.reason)}</li>`);
      parts.push(`<h3>${esc(t.failedItems)}</h3>\n<ul class="failed">${li.join('')}</ul>`);
    }
    parts.push(`<pre class="job-report">${esc(o.report)}</pre>`);
  }
  if (parts.length === 0) return '';
  return `<section aria-labelledby="report-heading"><h2 id="report-heading">${esc(t.report)}</h2>\n${parts.join('\n')}\n</section>`;
}
