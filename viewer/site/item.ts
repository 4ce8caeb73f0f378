// The item page: the viewer on the item's manifest (restoring page, region and rotation from the
// link), the item's description, its citation, the whole book to download as the served manifest
// offers it (PDF with pages and size, text, citation files: <leeszaal-book-downloads>, as in the
// viewer's panel), and links for researchers (manifest, source record, IIIF drag-and-drop). `?q=` from a search result searches the book and outlines the words.
// The page shows its own item only: a Content State (`?iiif-content=`) naming another item of this
// site moves to that item's page, and one naming a manifest elsewhere is refused with a notice, so
// nothing from outside appears under this library's title and citation. Links from the manifest
// are made by safe-link.ts.
import '../component/leeszaal-viewer.ts';
import { rightsName } from '../../manifests/rights-names.ts';
import '../component/panels/book-downloads.ts';
import type { LeeszaalBookDownloads } from '../component/panels/book-downloads.ts';
import { offersBookDownloads } from '../component/downloads.ts';
import type { LeeszaalViewer } from '../component/leeszaal-viewer.ts';
import { type Lang, t } from '../component/i18n.ts';
import { dragAndDropUrl } from '../component/image-urls.ts';
import { type IiifModel, type ManifestModel, pickText } from '../component/manifest-model.ts';
import { isIiifHtml, sanitizeIiifHtml } from '../component/sanitize.ts';
import { linkNode } from '../component/safe-link.ts';
import { ContentStateError, decodeContentState } from '../component/content-state.ts';
import { initShell } from './shell.ts';

const id = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] ?? '');
// The curators' preview (/admin/items/<id>/preview) names the manifest built from the draft.
const manifestUrl =
  document.querySelector<HTMLMetaElement>('meta[name="leeszaal-manifest"]')?.content ?? `/iiif/presentation/${encodeURIComponent(id)}/manifest.json`;
const viewer = document.getElementById('viewer') as LeeszaalViewer;
let model: ManifestModel | undefined;

function richNode(value: string): Node {
  if (!isIiifHtml(value)) return document.createTextNode(value);
  const template = document.createElement('template');
  template.innerHTML = sanitizeIiifHtml(value);
  return template.content;
}

function renderDetails(lang: Lang): void {
  if (!model) return;
  const title = pickText(model.label, lang);
  document.getElementById('title')!.textContent = title;
  document.title = `${title} — ${t(lang, 'site.name')}`;
  const dl = document.createElement('dl');
  const add = (label: string, value: Node | string) => {
    const dd = document.createElement('dd');
    dd.append(value);
    dl.append(Object.assign(document.createElement('dt'), { textContent: label }), dd);
  };
  for (const m of model.metadata) add(pickText(m.label, lang), richNode(pickText(m.value, lang, '; ')));
  if (model.requiredStatement) add(pickText(model.requiredStatement.label, lang), richNode(pickText(model.requiredStatement.value, lang)));
  if (model.rights) add(t(lang, 'info.rights'), linkNode(model.rights, rightsName(model.rights, lang), 'license'));
  const about = document.getElementById('about')!;
  about.replaceChildren();
  if (model.summary) {
    const summary = pickText(model.summary, lang);
    // An HTML summary may hold paragraphs of its own, which a <p> cannot contain.
    const box = document.createElement(isIiifHtml(summary) ? 'div' : 'p');
    box.className = 'summary';
    box.append(richNode(summary));
    about.append(box);
  }
  about.append(dl);

  const downloads = document.getElementById('downloads') as LeeszaalBookDownloads;
  // Set once per manifest: a new pages array starts the PDF's range again at the whole book.
  if (downloads.pages !== model.pages) downloads.pages = model.pages;
  downloads.rendering = model.rendering;
  downloads.lang = lang;
  document.getElementById('downloads-section')!.hidden = !offersBookDownloads(model);

  const links: [string, string][] = [
    [t(lang, 'info.manifest'), model.id],
    [t(lang, 'download.dragDrop'), dragAndDropUrl(model.id)],
    ...model.seeAlso.map((s): [string, string] => [s.label ? pickText(s.label, lang) : t(lang, 'info.source'), s.id]),
  ];
  document.getElementById('links')!.replaceChildren(
    ...links.map(([label, href]) => {
      const li = document.createElement('li');
      li.append(linkNode(href, label));
      return li;
    }),
  );
  renderCitation();
}

function renderCitation(): void {
  document.getElementById('citation')!.textContent = viewer.citation;
}

/** Where a Content State in the link points: this item, another item of this site, or elsewhere. */
function contentStateTarget(state: string): { own: true } | { item: string } | { host: string } {
  let manifest: URL;
  try {
    manifest = new URL(decodeContentState(state).manifest, location.href);
  } catch (err) {
    // An unreadable state names nothing; the viewer says what is wrong with it.
    if (err instanceof ContentStateError || err instanceof TypeError) return { own: true };
    throw err;
  }
  if (manifest.origin !== location.origin) return { host: manifest.host || manifest.protocol };
  if (manifest.pathname === manifestUrl) return { own: true };
  const other = /^\/iiif\/presentation\/([a-z0-9][a-z0-9_-]*)\/manifest\.json$/.exec(manifest.pathname);
  return other ? { item: other[1]! } : { host: manifest.host };
}

let refusedHost: string | undefined;
const notice = Object.assign(document.createElement('p'), { className: 'notice', hidden: true });
notice.setAttribute('role', 'status');
viewer.before(notice);

function renderNotice(lang: Lang): void {
  notice.hidden = refusedHost === undefined;
  notice.textContent = refusedHost === undefined ? '' : t(lang, 'item.foreign', { host: refusedHost });
}

let lang = initShell((next) => {
  lang = next;
  viewer.setAttribute('lang', next);
  renderNotice(next);
  renderDetails(next);
  void viewer.updateComplete.then(renderCitation);
});
viewer.setAttribute('lang', lang);
viewer.setAttribute('manifest', manifestUrl);
// A IIIF Content State handed over in the link (`?iiif-content=`) opens the canvas and region it names.
const contentState = new URLSearchParams(location.search).get('iiif-content');
if (contentState) {
  const target = contentStateTarget(contentState);
  if ('own' in target) viewer.setAttribute('iiif-content', contentState);
  else if ('item' in target) location.replace(`/items/${target.item}${location.search}`);
  else refusedHost = target.host;
  renderNotice(lang);
}

viewer.addEventListener('manifest-load', (e) => {
  const loaded = (e as CustomEvent<{ model: IiifModel }>).detail.model;
  if (loaded.kind === 'manifest') model = loaded;
  renderDetails(lang);
});

// The record arrives after the manifest and names the holding institution: the box shows what Copy copies.
viewer.addEventListener('citation-change', renderCitation);

let searched = false;
viewer.addEventListener('canvas-change', () => {
  void viewer.updateComplete.then(renderCitation);
  const q = new URLSearchParams(location.search).get('q');
  if (q && !searched) {
    searched = true;
    void viewer.searchText(q);
  }
});

document.getElementById('copy-citation')!.addEventListener('click', async () => {
  const status = document.getElementById('copy-status')!;
  try {
    await navigator.clipboard.writeText(viewer.citation);
    status.textContent = t(lang, 'cite.copied');
  } catch {
    status.textContent = t(lang, 'cite.copyFailed');
  }
});
