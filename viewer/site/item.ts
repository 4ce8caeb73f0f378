// The item page: the viewer on the item's manifest (restoring page, region and rotation from the
// link), the item's description, its citation, and links for researchers (manifest, source record,
// IIIF drag-and-drop). `?q=` from a search result searches the book and outlines the words.
import '../component/leeszaal-viewer.ts';
import type { LeeszaalViewer } from '../component/leeszaal-viewer.ts';
import { type Lang, t } from '../component/i18n.ts';
import { dragAndDropUrl } from '../component/image-urls.ts';
import { type IiifModel, type ManifestModel, pickText } from '../component/manifest-model.ts';
import { isIiifHtml, sanitizeIiifHtml } from '../component/sanitize.ts';
import { initShell } from './shell.ts';

const id = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] ?? '');
const manifestUrl = `/iiif/presentation/${encodeURIComponent(id)}/manifest.json`;
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
  if (model.rights) {
    const a = Object.assign(document.createElement('a'), { href: model.rights, textContent: model.rights, rel: 'license' });
    add(t(lang, 'info.rights'), a);
  }
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

  const links: [string, string][] = [
    [t(lang, 'info.manifest'), model.id],
    [t(lang, 'download.dragDrop'), dragAndDropUrl(model.id)],
    ...model.seeAlso.map((s): [string, string] => [s.label ? pickText(s.label, lang) : t(lang, 'info.source'), s.id]),
  ];
  document.getElementById('links')!.replaceChildren(
    ...links.map(([label, href]) => {
      const li = document.createElement('li');
      li.append(Object.assign(document.createElement('a'), { href, textContent: label }));
      return li;
    }),
  );
  renderCitation();
}

function renderCitation(): void {
  document.getElementById('citation')!.textContent = viewer.citation;
}

let lang = initShell((next) => {
  lang = next;
  viewer.setAttribute('lang', next);
  renderDetails(next);
  void viewer.updateComplete.then(renderCitation);
});
viewer.setAttribute('lang', lang);
viewer.setAttribute('manifest', manifestUrl);
// A IIIF Content State handed over in the link (`?iiif-content=`) opens the canvas and region it names.
const contentState = new URLSearchParams(location.search).get('iiif-content');
if (contentState) viewer.setAttribute('iiif-content', contentState);

viewer.addEventListener('manifest-load', (e) => {
  const loaded = (e as CustomEvent<{ model: IiifModel }>).detail.model;
  if (loaded.kind === 'manifest') model = loaded;
  renderDetails(lang);
});

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
