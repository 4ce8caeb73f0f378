// The item editor's pages as HTML bodies (the frame adds header and navigation): the list of items,
// the editor form with its problems shown next to each field and in a summary, the conflict report,
// and the history of published versions with what each changed. Plain forms that work without a
// script; viewer/admin/editor.ts adds drag and drop and live announcements.
import { parseDateRange } from '../../../manifests/dates.ts';
import { ITEM_TYPE_LABELS, languageName, ROLE_LABELS } from '../../../manifests/field-labels.ts';
import type { ItemRecord } from '../../../manifests/item.ts';
import { pickString } from '../../../manifests/language-map.ts';
import { thumbnailResource } from '../../../manifests/thumbnail.ts';
import { publicUrls } from '../../../manifests/layout.ts';
import { type FieldProblem, ITEM_TYPES } from './draft-form.ts';
import type { FormValues, LangValue } from './form-values.ts';
import { type Html, html } from '../pages/html.ts';
import type { FieldChange } from './record-diff.ts';
import { RIGHTS_OPTIONS, rightsOption } from './rights-options.ts';
import { fieldName, type Lang, problemText, t } from './text.ts';
import type { HistoryEntry } from './versions.ts';

/** A link to an admin page in the language it is shown in. */
export function withLang(url: string, lang: Lang): string {
  return `${url}${url.includes('?') ? '&' : '?'}lang=${lang}`;
}

/** Image URLs relative to the site, so the admin pages' CSP (same origin) allows the thumbnails. */
const local = publicUrls('');

/** A moment as a curator reads it, in the page's language and the server's time zone. */
export function when(lang: Lang, iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

export function titleOf(record: ItemRecord, lang: Lang): string {
  return pickString(record.label, [lang, 'none', 'nl', 'fr', 'en']) ?? record.id;
}

export interface ListRow {
  record: ItemRecord;
  status: 'published' | 'withdrawn';
  draft: boolean;
}

export interface ListQuery {
  q: string;
  show: string;
  page: number;
  pages: number;
  total: number;
}

function listUrl(lang: Lang, query: ListQuery, page: number): string {
  const params = new URLSearchParams({
    lang,
    ...(query.q ? { q: query.q } : {}),
    ...(query.show !== 'all' ? { show: query.show } : {}),
    page: String(page),
  });
  return `/admin/items?${params}`;
}

export function listPage(lang: Lang, rows: readonly ListRow[], query: ListQuery, message?: string): Html {
  const shows = [
    ['all', t(lang, 'filterAll')],
    ['published', t(lang, 'filterPublished')],
    ['withdrawn', t(lang, 'filterWithdrawn')],
    ['drafts', t(lang, 'filterDrafts')],
  ] as const;
  return html`<h1>${t(lang, 'items')}</h1>
${message ? html`<p class="admin-message" role="status">${message}</p>` : ''}
<p>${t(lang, 'itemsIntro')}</p>
<form class="admin-filter" method="get" action="/admin/items" role="search">
  <input type="hidden" name="lang" value="${lang}">
  <label for="q">${t(lang, 'search')}</label>
  <input id="q" name="q" type="search" value="${query.q}">
  <label for="show">${t(lang, 'filter')}</label>
  <select id="show" name="show">${shows.map(([v, l]) => html`<option value="${v}"${query.show === v ? html` selected` : ''}>${l}</option>`)}</select>
  <button type="submit">${t(lang, 'apply')}</button>
</form>
<p role="status">${t(lang, 'itemCount', { n: query.total })}</p>
${
  query.pages > 1
    ? html`<nav class="pager" aria-label="${t(lang, 'pagesNav')}">
  ${query.page > 1 ? html`<a href="${listUrl(lang, query, query.page - 1)}" rel="prev">${t(lang, 'previous')}</a>` : ''}
  <span>${t(lang, 'pageOf', { page: query.page, pages: query.pages })}</span>
  ${query.page < query.pages ? html`<a href="${listUrl(lang, query, query.page + 1)}" rel="next">${t(lang, 'next')}</a>` : ''}
</nav>`
    : ''
}
${
  rows.length === 0
    ? html`<p>${t(lang, 'noItems')}</p>`
    : html`<table class="admin-table">
  <thead><tr><th scope="col">${fieldName(lang, 'title')}</th><th scope="col">Id</th><th scope="col">${fieldName(lang, 'shelfmark')}</th><th scope="col">${t(lang, 'status')}</th></tr></thead>
  <tbody>${rows.map(
    (r) => html`<tr>
    <td><a href="${withLang(`/admin/items/${r.record.id}`, lang)}">${titleOf(r.record, lang)}</a></td>
    <td>${r.record.id}</td>
    <td>${r.record.shelfmark ?? ''}</td>
    <td>${r.status === 'published' ? t(lang, 'statusPublished') : t(lang, 'statusWithdrawn')}${r.draft ? html`; ${t(lang, 'statusDraft')}` : ''}</td>
  </tr>`,
  )}</tbody>
</table>`
}`;
}

export interface EditorInput {
  lang: Lang;
  csrf: string;
  published: ItemRecord;
  values: FormValues;
  version: string;
  draft?: { user: string; savedAt: string };
  problems: readonly FieldProblem[];
  conflict?: { user: string; at: string; changes: readonly FieldChange[] };
  message?: string;
}

function problemFor(problems: readonly FieldProblem[], field: string): FieldProblem | undefined {
  return problems.find((p) => p.field === field);
}

/** The attributes that tie a control to its problem: aria-invalid and the message's id. */
function invalid(problems: readonly FieldProblem[], field: string, help?: string): Html {
  const p = problemFor(problems, field);
  const described = [p ? `${field}-problem` : undefined, help].filter(Boolean).join(' ');
  return html`${p ? html` aria-invalid="true"` : ''}${described ? html` aria-describedby="${described}"` : ''}`;
}

function problemLine(lang: Lang, problems: readonly FieldProblem[], field: string): Html | string {
  const p = problemFor(problems, field);
  return p ? html`<p class="field-problem" id="${field}-problem">${problemText(lang, p.code, p.detail)}</p>` : '';
}

function textField(lang: Lang, problems: readonly FieldProblem[], id: string, label: string, value: string, help?: string): Html {
  return html`<div class="field">
  <label for="${id}">${label}</label>
  ${help ? html`<p class="field-help" id="${id}-help">${help}</p>` : ''}
  <input id="${id}" name="${id}" type="text" value="${value}"${invalid(problems, id, help ? `${id}-help` : undefined)}>
  ${problemLine(lang, problems, id)}
</div>`;
}

function langRowsField(
  lang: Lang,
  problems: readonly FieldProblem[],
  name: 'title' | 'summary',
  legend: string,
  rows: readonly LangValue[],
  help?: string,
): Html {
  const languages = TEXT_LANGUAGES;
  return html`<fieldset class="lang-rows">
  <legend>${legend}</legend>
  ${help ? html`<p class="field-help" id="${name}-help">${help}</p>` : ''}
  ${rows.map((row, i) => {
    const langId = `${name}-lang-${i}`;
    const valueId = `${name}-value-${i}`;
    const choices = languages.includes(row.lang) || row.lang === '' || row.lang === 'none' ? languages : [...languages, row.lang];
    return html`<div class="lang-row">
    <div class="field narrow"><label for="${langId}">${t(lang, 'language')} (${fieldName(lang, name)} ${i + 1})</label>
      <select id="${langId}" name="${name}Lang"${invalid(problems, langId)}>
        <option value="none"${row.lang === 'none' || row.lang === '' ? html` selected` : ''}>${t(lang, 'languageNone')}</option>
        ${choices.map((l) => html`<option value="${l}"${row.lang === l ? html` selected` : ''}>${languageLabel(lang, l)}</option>`)}
      </select>${problemLine(lang, problems, langId)}</div>
    <div class="field wide"><label for="${valueId}">${fieldName(lang, name)} ${i + 1}</label>
      ${
        name === 'summary'
          ? html`<textarea id="${valueId}" name="${name}" rows="4"${invalid(problems, valueId, help ? `${name}-help` : undefined)}>${row.value}</textarea>`
          : html`<input id="${valueId}" name="${name}" type="text" value="${row.value}"${invalid(problems, valueId)}>`
      }${problemLine(lang, problems, valueId)}</div>
  </div>`;
  })}
</fieldset>`;
}

/** Languages a title or summary is offered in (BCP 47); one a record already has is added to its row. */
const TEXT_LANGUAGES = ['nl', 'fr', 'en', 'de', 'la', 'it', 'es', 'pt', 'el', 'he', 'ar'];

/** "Duits (de)": a language's name in the page's language, with its code. */
function languageLabel(lang: Lang, code: string): string {
  const name = languageName(code);
  return `${name[lang]?.[0] ?? code} (${code})`;
}

/** "1470–1479, approximate": the years a free-form date stands for, or nothing when it names none. */
export function dateMeaning(lang: Lang, date: string): string {
  const range = parseDateRange(date);
  if (!range) return '';
  const years = range.from === range.to ? String(range.from) : `${range.from}–${range.to}`;
  return t(lang, 'dateMeans', { range: range.approximate ? `${years} (${t(lang, 'approximate')})` : years });
}

function select(
  lang: Lang,
  problems: readonly FieldProblem[],
  id: string,
  label: string,
  value: string,
  options: readonly (readonly [string, string])[],
): Html {
  return html`<div class="field">
  <label for="${id}">${label}</label>
  <select id="${id}" name="${id}"${invalid(problems, id)}>${options.map(([v, l]) => html`<option value="${v}"${v === value ? html` selected` : ''}>${l}</option>`)}</select>
  ${problemLine(lang, problems, id)}
</div>`;
}

/** A field-by-field table; `marked` shows the first column as removed and the second as added (history), else side by side (a conflict). */
export function changesTable(lang: Lang, changes: readonly FieldChange[], headings: [string, string], marked = true): Html {
  return html`<table class="admin-table diff">
  <thead><tr><th scope="col">${t(lang, 'field')}</th><th scope="col">${headings[0]}</th><th scope="col">${headings[1]}</th></tr></thead>
  <tbody>${changes.map((c) => html`<tr><th scope="row">${fieldName(lang, c.field)}</th>${marked ? html`<td><del>${c.before}</del></td><td><ins>${c.after}</ins></td>` : html`<td>${c.before}</td><td>${c.after}</td>`}</tr>`)}</tbody>
</table>`;
}

export function editorPage(e: EditorInput): Html {
  const { lang, problems, values: v, published } = e;
  const id = published.id;
  const pageByKey = new Map(published.pages.map((p) => [p.key, p]));
  const rightsChoices = rightsOption(v.rights) || v.rights === '' ? [] : [v.rights];
  const roleOptions: [string, string][] = [
    ['', t(lang, 'noRole')],
    ...Object.entries(ROLE_LABELS).map(([code, l]): [string, string] => [code, `${l[lang]} (${code})`]),
  ];
  const meaning = dateMeaning(lang, v.date);
  return html`<h1>${t(lang, 'editTitle')}: ${titleOf(published, lang)}</h1>
<p class="admin-links"><a href="${withLang(`/items/${id}`, lang)}">${t(lang, 'publicPage')}</a>
  · <a href="${withLang(`/admin/items/${id}/history`, lang)}">${t(lang, 'history')}</a>
  ${e.draft ? html`· <a href="${withLang(`/admin/items/${id}/preview`, lang)}">${t(lang, 'preview')}</a>` : ''}</p>
${e.message ? html`<p class="admin-message" role="status">${e.message}</p>` : ''}
${e.draft ? html`<p class="admin-notice">${t(lang, 'draftNotice', { user: e.draft.user, at: when(lang, e.draft.savedAt) })}</p>` : ''}
${
  e.conflict
    ? html`<section class="error-summary" role="alert" aria-labelledby="conflict-title" tabindex="-1" id="conflict">
  <h2 id="conflict-title">${t(lang, 'conflictTitle')}</h2>
  <p>${t(lang, 'conflictHelp', { user: e.conflict.user, at: when(lang, e.conflict.at) })}</p>
  ${changesTable(lang, e.conflict.changes, [t(lang, 'yours'), t(lang, 'theirs')], false)}
</section>`
    : ''
}
${
  problems.length > 0
    ? html`<section class="error-summary" role="alert" aria-labelledby="problems-title" tabindex="-1" id="problems">
  <h2 id="problems-title">${t(lang, 'problemsTitle', { count: problems.length })}</h2>
  <ul>${problems.map((p) => html`<li><a href="#${p.field}">${problemText(lang, p.code, p.detail)}</a></li>`)}</ul>
</section>`
    : ''
}
<form id="item-form" class="item-form" method="post" action="${withLang(`/admin/items/${id}`, lang)}" novalidate>
<input type="hidden" name="_csrf" value="${e.csrf}">
<input type="hidden" name="version" value="${e.version}">
${langRowsField(lang, problems, 'title', t(lang, 'titles'), v.titles)}
<fieldset>
  <legend>${t(lang, 'agents')}</legend>
  ${v.agents.map(
    (a, i) => html`<div class="agent-row">
    <div class="field wide"><label for="agent-name-${i}">${t(lang, 'name')} ${i + 1}</label>
      <input id="agent-name-${i}" name="agentName" type="text" value="${a.name}"${invalid(problems, `agent-name-${i}`)}>${problemLine(lang, problems, `agent-name-${i}`)}</div>
    <div class="field"><label for="agent-role-${i}">${t(lang, 'role')} ${i + 1}</label>
      <select id="agent-role-${i}" name="agentRole"${invalid(problems, `agent-role-${i}`)}>${roleOptions.map(([code, l]) => html`<option value="${code}"${code === a.role ? html` selected` : ''}>${l}</option>`)}</select>${problemLine(lang, problems, `agent-role-${i}`)}
      <input type="hidden" name="agentUri" value="${a.uri}"></div>
  </div>`,
  )}
</fieldset>
<div class="field">
  <label for="date">${fieldName(lang, 'date')}</label>
  <p class="field-help" id="date-help">${t(lang, 'dateHelp')}</p>
  <input id="date" name="date" type="text" value="${v.date}"${invalid(problems, 'date', 'date-help date-meaning')}>
  <p class="field-help" id="date-meaning" aria-live="polite" data-means="${t(lang, 'dateMeans', { range: '{range}' })}" data-approximate="${t(lang, 'approximate')}">${meaning}</p>
  ${problemLine(lang, problems, 'date')}
</div>
${textField(lang, problems, 'place', fieldName(lang, 'place'), v.place)}
${textField(lang, problems, 'publisher', fieldName(lang, 'publisher'), v.publisher)}
${textField(lang, problems, 'languages', fieldName(lang, 'languages'), v.languages, t(lang, 'languagesHelp'))}
${select(
  lang,
  problems,
  'type',
  fieldName(lang, 'type'),
  v.type,
  ITEM_TYPES.map((ty) => [ty, ITEM_TYPE_LABELS[ty][lang]] as const),
)}
<div class="field">
  <label for="subjects">${fieldName(lang, 'subjects')}</label>
  <p class="field-help" id="subjects-help">${t(lang, 'subjectsHelp')}</p>
  <textarea id="subjects" name="subjects" rows="4"${invalid(problems, 'subjects', 'subjects-help')}>${v.subjects}</textarea>
  ${problemLine(lang, problems, 'subjects')}
</div>
${textField(lang, problems, 'shelfmark', fieldName(lang, 'shelfmark'), v.shelfmark)}
${textField(lang, problems, 'holdingInstitution', fieldName(lang, 'holdingInstitution'), v.holdingInstitution)}
${langRowsField(lang, problems, 'summary', t(lang, 'summaries'), v.summaries, t(lang, 'summaryHelp'))}
<div class="field">
  <label for="rights">${fieldName(lang, 'rights')}</label>
  <select id="rights" name="rights"${invalid(problems, 'rights')}>
    ${rightsChoices.map((uri) => html`<option value="${uri}" selected>${uri} ${t(lang, 'rightsCurrent')}</option>`)}
    ${(['cc', 'rs'] as const).map(
      (group) =>
        html`<optgroup label="${group === 'cc' ? t(lang, 'ccLicences') : t(lang, 'rightsStatements')}">${RIGHTS_OPTIONS.filter(
          (o) => o.group === group,
        ).map((o) => html`<option value="${o.uri}"${o.uri === v.rights ? html` selected` : ''}>${o.label[lang]}</option>`)}</optgroup>`,
    )}
  </select>
  ${problemLine(lang, problems, 'rights')}
</div>
${textField(lang, problems, 'attribution', fieldName(lang, 'attribution'), v.attribution)}
<fieldset>
  <legend>${t(lang, 'display')}</legend>
  ${select(lang, problems, 'behavior', t(lang, 'behavior'), v.behavior, [
    ['paged', t(lang, 'paged')],
    ['individuals', t(lang, 'individuals')],
  ])}
  ${select(lang, problems, 'viewingDirection', t(lang, 'viewingDirection'), v.viewingDirection, [
    ['left-to-right', t(lang, 'ltr')],
    ['right-to-left', t(lang, 'rtl')],
  ])}
</fieldset>
<fieldset id="pages">
  <legend>${t(lang, 'pages')}</legend>
  <p class="field-help" id="pages-help">${t(lang, 'pagesHelp')}</p>
  ${problemLine(lang, problems, 'pages')}${problemLine(lang, problems, 'thumbnailPage')}
  <ol class="page-list" data-moved="${t(lang, 'movedTo', { page: '{page}', n: '{n}', total: '{total}' })}" data-page="${t(lang, 'page', { n: '{n}' })}" data-up="${t(lang, 'moveUp')}" data-down="${t(lang, 'moveDown')}">
  ${v.pages.map((p, i) => {
    const page = pageByKey.get(p.key);
    // The thumbnail ingest made as a file (no render), loaded as the row scrolls into view: a book may have hundreds.
    const thumb = page ? thumbnailResource(local, page) : undefined;
    const name = `${t(lang, 'page', { n: i + 1 })} (${p.key})`;
    return html`<li class="page-row" draggable="true" data-key="${p.key}">
    ${thumb ? html`<img src="${thumb.id}" alt="" width="${thumb.width}" height="${thumb.height}" loading="lazy">` : ''}
    <input type="hidden" name="pageKey" value="${p.key}">
    <div class="field"><label for="page-label-${i}"><span class="page-name">${name}</span>: ${t(lang, 'pageLabel')}</label>
      <input id="page-label-${i}" name="pageLabel" type="text" value="${p.label}"${invalid(problems, `page-label-${i}`)}>${problemLine(lang, problems, `page-label-${i}`)}</div>
    <div class="thumb-choice"><input type="radio" id="thumb-${i}" name="thumbnailPage" value="${p.key}"${p.key === v.thumbnailPage ? html` checked` : ''}>
      <label for="thumb-${i}">${t(lang, 'thumbnail')}</label></div>
    <div class="move">
      <button type="button" class="move-up" aria-label="${t(lang, 'moveUp')}: ${name}"${i === 0 ? html` disabled` : ''}>↑ ${t(lang, 'moveUp')}</button>
      <button type="button" class="move-down" aria-label="${t(lang, 'moveDown')}: ${name}"${i === v.pages.length - 1 ? html` disabled` : ''}>↓ ${t(lang, 'moveDown')}</button>
    </div>
  </li>`;
  })}
  </ol>
  <p class="visually-hidden" id="page-announcer" aria-live="assertive"></p>
</fieldset>
<div class="actions">
  <button type="submit" name="action" value="save">${t(lang, 'save')}</button>
  <button type="submit" name="action" value="preview">${t(lang, 'saveAndPreview')}</button>
  <button type="submit" name="action" value="publish" class="primary">${t(lang, 'publish')}</button>
</div>
</form>
${
  e.draft
    ? html`<form method="post" action="${withLang(`/admin/items/${id}/discard`, lang)}" class="actions">
  <input type="hidden" name="_csrf" value="${e.csrf}">
  <input type="hidden" name="version" value="${e.version}">
  <button type="submit">${t(lang, 'discard')}</button>
</form>`
    : ''
}
<section class="danger" aria-labelledby="withdraw-title">
  <h2 id="withdraw-title">${t(lang, 'withdraw')}</h2>
  <p id="withdraw-help">${t(lang, 'withdrawHelp')}</p>
  <form method="post" action="${withLang(`/admin/items/${id}/withdraw`, lang)}">
    <input type="hidden" name="_csrf" value="${e.csrf}">
    <button type="submit" aria-describedby="withdraw-help">${t(lang, 'withdraw')}</button>
  </form>
</section>`;
}

export function withdrawnPage(lang: Lang, csrf: string, record: ItemRecord, message?: string): Html {
  return html`<h1>${titleOf(record, lang)}</h1>
${message ? html`<p class="admin-message" role="status">${message}</p>` : ''}
<p class="admin-notice">${t(lang, 'withdrawnNotice')}</p>
<p><a href="${withLang(`/admin/items/${record.id}/history`, lang)}">${t(lang, 'history')}</a></p>
<form method="post" action="${withLang(`/admin/items/${record.id}/restore`, lang)}">
  <input type="hidden" name="_csrf" value="${csrf}">
  <button type="submit" class="primary">${t(lang, 'restore')}</button>
</form>`;
}

export interface HistoryRow {
  entry: HistoryEntry;
  changes: readonly FieldChange[];
  current: boolean;
}

export function historyPage(lang: Lang, csrf: string, record: ItemRecord, rows: readonly HistoryRow[], canRestore: boolean, message?: string): Html {
  const action = (e: HistoryEntry) =>
    e.action === 'ingest'
      ? t(lang, 'actionIngest')
      : e.action === 'edit'
        ? t(lang, 'actionEdit')
        : t(lang, 'actionRestoreVersion', { n: e.from ?? '?' });
  return html`<h1>${t(lang, 'history')}: ${titleOf(record, lang)}</h1>
${message ? html`<p class="admin-message" role="status">${message}</p>` : ''}
<p><a href="${withLang(`/admin/items/${record.id}`, lang)}">${t(lang, 'backToEditor')}</a></p>
${
  rows.length === 0
    ? html`<p>${t(lang, 'noHistory')}</p>`
    : html`<ol class="history" reversed>${[...rows].reverse().map(
        (r) => html`<li>
  <h2>${t(lang, 'version')} ${r.entry.n}: ${action(r.entry)}</h2>
  <p>${t(lang, 'by')}: ${r.entry.user ?? t(lang, 'ingestUser')} · ${t(lang, 'when')}: <time datetime="${r.entry.at}">${when(lang, r.entry.at)}</time></p>
  ${r.changes.length > 0 ? changesTable(lang, r.changes, [t(lang, 'before'), t(lang, 'after')]) : r.entry.n > 1 ? html`<p>${t(lang, 'noChanges')}</p>` : ''}
  ${
    canRestore && !r.current
      ? html`<form method="post" action="${withLang(`/admin/items/${record.id}/history/${r.entry.n}/restore`, lang)}">
    <input type="hidden" name="_csrf" value="${csrf}">
    <button type="submit">${t(lang, 'restoreVersion')} (${r.entry.n})</button>
  </form>`
      : ''
  }
</li>`,
      )}</ol>`
}`;
}
