// The home page: the published collection as cards (thumbnail, title, year) that open each item.
// Fetches /iiif/presentation/collection.json; never loads the viewer or OpenSeadragon.
import type { Lang } from '../component/i18n.ts';
import { t } from '../component/i18n.ts';
import { type CollectionModel, parseModel, pickText } from '../component/manifest-model.ts';
import { initShell, itemPath } from './shell.ts';

let collection: CollectionModel | undefined;
let failure: string | undefined;

function render(lang: Lang): void {
  const list = document.getElementById('collection')!;
  const status = document.getElementById('status')!;
  if (failure) {
    status.textContent = t(lang, 'site.loadFailed', { message: failure });
    return;
  }
  if (!collection) return;
  status.textContent = collection.items.length === 0 ? t(lang, 'home.empty') : t(lang, 'collection.items', { n: collection.items.length });
  list.replaceChildren(
    ...collection.items.map((item) => {
      const li = document.createElement('li');
      li.className = 'card';
      const a = document.createElement('a');
      const href = itemPath(item.id, item.homepage);
      if (href !== undefined) a.href = href;
      if (item.thumbnail) {
        const img = document.createElement('img');
        img.src = item.thumbnail;
        img.alt = '';
        img.loading = 'lazy';
        img.decoding = 'async';
        a.append(img);
      }
      const title = document.createElement('span');
      title.className = 'card-title';
      title.textContent = pickText(item.label, lang);
      a.append(title);
      const meta = [item.year === undefined ? '' : String(item.year), item.summary ? pickText(item.summary, lang) : ''].filter((s) => s !== '');
      if (meta.length > 0) {
        const span = document.createElement('span');
        span.className = 'card-meta';
        span.textContent = meta.join(' · ');
        a.append(span);
      }
      li.append(a);
      return li;
    }),
  );
}

const lang = initShell(render);
try {
  const res = await fetch('/iiif/presentation/collection.json', { headers: { accept: 'application/ld+json, application/json' } });
  if (res.status === 404) {
    collection = { kind: 'collection', id: '', label: {}, items: [] };
  } else {
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const model = await parseModel(await res.json());
    if (model.kind !== 'collection') throw new Error('not a collection');
    collection = model;
  }
} catch (err) {
  failure = err instanceof Error ? err.message : String(err);
}
render(lang);
