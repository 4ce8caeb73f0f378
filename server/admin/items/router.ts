// The item editor under /admin/items (issue 17): list and search the published and withdrawn
// items, edit an item's description and pages as a draft, preview it as the public will see it,
// publish it (only the JSON changes, through the Publisher), withdraw and restore it, and browse and
// restore its published versions. Every save carries the version it was based on; one based on an
// older version is refused (409) with the other curator's changes shown. Every change is audited.
// Mounted at /admin behind the workspace's guard (sign-in, curator role, CSRF).
import { access, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { type Request, type RequestHandler, type Response, Router } from 'express';
import helmet from 'helmet';
import type { Config } from '../../../config.ts';
import type { ItemRecord } from '../../../manifests/item.ts';
import { dataPaths, isSafeId, publicUrls } from '../../../manifests/layout.ts';
import { buildManifest } from '../../../manifests/manifest.ts';
import { DEFAULT_THUMBNAIL_WIDTH } from '../../../manifests/thumbnail.ts';
import { PUBLIC_CSP_DIRECTIVES } from '../../app.ts';
import { DEFAULT_DIST } from '../../routes/site.ts';
import { audit } from '../audit.ts';
import type { AdminGuard, Publisher, SignedInUser } from '../contracts.ts';
import type { AdminDb } from '../db.ts';
import type { AdminPart } from '../part.ts';
import { type Html, html } from '../pages/html.ts';
import { renderPage } from '../pages/layout.ts';
import { adminLang } from '../text.ts';
import { type FormBody, readItemForm } from './draft-form.ts';
import { valuesFromBody, valuesFromRecord } from './form-values.ts';
import { editorPage, historyPage, type ListRow, listPage, titleOf, withdrawnPage } from './pages.ts';
import { diffRecords } from './record-diff.ts';
import { type Lang, t, type TextKey } from './text.ts';
import {
  appendHistory,
  deleteDraft,
  type HistoryAction,
  listWithdrawn,
  readDraft,
  readHistory,
  readPublished,
  readWithdrawn,
  writeDraft,
} from './versions.ts';

/** What the editor records in the workspace's audit log. */
type EditorAction = 'item.save' | 'item.publish' | 'item.discard' | 'item.withdraw' | 'item.restore' | 'item.version-restored';

export interface ItemEditorOptions {
  config: Config;
  guard: AdminGuard;
  /** Ingest's publishing (start.ts); without it, publishing, withdrawing and restoring answer 503. */
  publisher: Pick<Publisher, 'republishRecord' | 'withdraw' | 'restore'> | undefined;
  /** The workspace's database, for the audit log. */
  db: AdminDb;
  /** The built site (viewer/dist), for the preview page. */
  distDir: string;
}

/** The editor as a part of the workspace (server/admin/parts.ts). */
export const itemEditorPart: AdminPart = (ctx) =>
  createItemEditorRouter({ config: ctx.config, guard: ctx.guard, publisher: ctx.publisher, db: ctx.db, distDir: DEFAULT_DIST });

/** Items listed on one page of /admin/items. */
const LIST_PAGE_SIZE = 50;

/** Messages shown after a redirect (`?done=`), so a reload repeats nothing. */
const DONE: Record<string, TextKey> = {
  saved: 'saved',
  published: 'published',
  withdrawn: 'withdrawn',
  restored: 'restored',
  discarded: 'discarded',
  stale: 'stale',
};

export function createItemEditorRouter(opts: ItemEditorOptions): Router {
  const { config, guard, publisher } = opts;
  const paths = dataPaths(config.DATA_DIR);
  const urls = publicUrls(config.PUBLIC_BASE_URL);
  const router = Router();
  const record = (res: Response, action: EditorAction, item: string, details?: Record<string, unknown>) =>
    audit(opts.db, { user: guard.user(res), action, item, ...(details ? { details } : {}) });
  /** Publishing needs ingest's publisher; a server composed without it says so rather than failing later. */
  const withPublisher: RequestHandler = (req, res, next) => {
    if (opts.publisher) return next();
    res
      .status(503)
      .type('text/plain')
      .send(t(adminLang(req, res), 'failed', { reason: 'this server was started without publishing (ingest)' }));
  };

  // One change at a time: the version check and the write it guards must not interleave.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  const send = (req: Request, res: Response, status: number, title: string, main: Html) => {
    const user = guard.user(res);
    res
      .status(status)
      .type('html')
      .send(
        renderPage({
          lang: adminLang(req, res),
          title,
          main,
          user,
          csrf: guard.csrfToken(res),
          current: '/admin/items',
          scripts: ['editor'],
          styles: ['editor'],
        }),
      );
  };
  const itemId = (req: Request): string | undefined => {
    const id = String(req.params.id);
    return isSafeId(id) ? id : undefined;
  };
  const done = (req: Request, lang: Lang): string | undefined => {
    const key = DONE[String(req.query.done ?? '')];
    if (key) return t(lang, key);
    const n = Number(req.query.version);
    return req.query.done === 'version' && Number.isInteger(n) ? t(lang, 'versionRestored', { n }) : undefined;
  };
  const redirect = (res: Response, lang: Lang, to: string, what: string) => res.redirect(303, `${to}?lang=${lang}&done=${what}`);
  /** A change that could not be made (the data folder locked by a long ingest, pages that changed): said, nothing half-done. */
  const failed = (req: Request, res: Response, err: unknown) =>
    send(
      req,
      res,
      503,
      t(adminLang(req, res), 'failed', { reason: (err as Error).message }),
      html`<h1>${t(adminLang(req, res), 'failed', { reason: (err as Error).message })}</h1>
<p><a href="${`/admin/items/${String(req.params.id)}`}">${t(adminLang(req, res), 'backToEditor')}</a></p>`,
    );
  const notFound = (req: Request, res: Response) =>
    send(req, res, 404, t(adminLang(req, res), 'notFound'), htmlText(t(adminLang(req, res), 'notFound')));

  /**
   * Publishes `record` as the item's next version. The version published now is kept first when the
   * history does not end with it: the one ingest made, the first time, or one a later ingest made.
   */
  const publish = async (user: SignedInUser, published: { record: ItemRecord }, record: ItemRecord, action: HistoryAction, from?: number) => {
    const history = await readHistory(paths, record.id);
    const last = history.at(-1);
    if (!last || JSON.stringify(last.record) !== JSON.stringify(published.record)) {
      const at = (await stat(paths.record(record.id))).mtime.toISOString();
      history.push(await appendHistory(paths, record.id, { at, user: null, action: 'ingest', record: published.record }, history));
    }
    if (!publisher) throw new Error('this server was started without publishing (ingest)');
    await publisher.republishRecord(record);
    const now = await readPublished(paths, record.id);
    if (!now) throw new Error(`item ${record.id} is not published after publishing`);
    await appendHistory(
      paths,
      record.id,
      { at: new Date().toISOString(), user: user.name, action, ...(from ? { from } : {}), record: now.record },
      history,
    );
    await deleteDraft(paths, record.id);
    return diffRecords(published.record, now.record);
  };

  router.get('/assets/editor.css', (_req, res) => res.sendFile(path.join(import.meta.dirname, 'editor.css')));
  router.use('/items', guard.requireRole('curator'));

  router.get('/items', async (req, res) => {
    const lang = adminLang(req, res);
    const q = String(req.query.q ?? '')
      .trim()
      .toLowerCase()
      .slice(0, 200);
    const show = ['published', 'withdrawn', 'drafts'].includes(String(req.query.show)) ? String(req.query.show) : 'all';
    const ids = (await readdir(path.dirname(paths.recordDir('x'))).catch(() => [] as string[])).filter(isSafeId).sort();
    const rows: ListRow[] = [];
    for (const id of ids) {
      const p = await readPublished(paths, id).catch(() => undefined);
      if (p) rows.push({ record: p.record, status: 'published', draft: (await readDraft(paths, id).catch(() => undefined)) !== undefined });
    }
    for (const record of await listWithdrawn(paths)) rows.push({ record, status: 'withdrawn', draft: false });
    const matches = (r: ListRow) =>
      (q === '' ||
        [r.record.id, r.record.shelfmark ?? '', ...Object.values(r.record.label).flat()].some((s) => (s ?? '').toLowerCase().includes(q))) &&
      (show === 'all' || (show === 'drafts' ? r.draft : r.status === show));
    const found = rows.filter(matches);
    const pages = Math.max(1, Math.ceil(found.length / LIST_PAGE_SIZE));
    const page = Math.min(pages, Math.max(1, Number.parseInt(String(req.query.page ?? '1'), 10) || 1));
    const shown = found.slice((page - 1) * LIST_PAGE_SIZE, page * LIST_PAGE_SIZE);
    await send(req, res, 200, t(lang, 'items'), listPage(lang, shown, { q, show, page, pages, total: found.length }, done(req, lang)));
  });

  router.get('/items/:id', async (req, res) => {
    const lang = adminLang(req, res);
    const id = itemId(req);
    if (!id) return notFound(req, res);
    const published = await readPublished(paths, id);
    if (!published) {
      const withdrawn = await readWithdrawn(paths, id);
      if (!withdrawn) return notFound(req, res);
      return send(req, res, 200, titleOf(withdrawn, lang), withdrawnPage(lang, guard.csrfToken(res), withdrawn, done(req, lang)));
    }
    const draft = await readDraft(paths, id);
    const record = draft?.record ?? published.record;
    return send(
      req,
      res,
      200,
      titleOf(published.record, lang),
      editorPage({
        lang,
        csrf: guard.csrfToken(res),
        published: published.record,
        values: valuesFromRecord(record),
        version: draft?.version ?? published.version,
        ...(draft ? { draft: { user: draft.user, savedAt: draft.savedAt } } : {}),
        problems: [],
        ...(done(req, lang) ? { message: done(req, lang) } : {}),
      }),
    );
  });

  router.post('/items/:id', (req, res) =>
    serial(async () => {
      const lang = adminLang(req, res);
      const id = itemId(req);
      if (!id) return notFound(req, res);
      const published = await readPublished(paths, id);
      if (!published) return notFound(req, res);
      const user = guard.user(res);
      const form = (req.body ?? {}) as FormBody;
      const draft = await readDraft(paths, id);
      const current = draft?.version ?? published.version;
      const read = readItemForm(form, published.record);
      const editor = (status: number, extra: Partial<Parameters<typeof editorPage>[0]>) =>
        send(
          req,
          res,
          status,
          titleOf(published.record, lang),
          editorPage({
            lang,
            csrf: guard.csrfToken(res),
            published: published.record,
            values: valuesFromBody(form, published.record),
            version: String(form.version ?? ''),
            ...(draft ? { draft: { user: draft.user, savedAt: draft.savedAt } } : {}),
            problems: [],
            ...extra,
          }),
        );
      // A draft started from a record that has since been published anew (another edit, an ingest) is stale too.
      const staleDraft = draft !== undefined && draft.base !== published.version;
      if (form.version !== current || staleDraft) {
        const theirs = draft && !staleDraft ? draft.record : published.record;
        const last = (await readHistory(paths, id)).at(-1);
        const who =
          draft && !staleDraft ? { user: draft.user, at: draft.savedAt } : { user: last?.user ?? t(lang, 'ingestUser'), at: last?.at ?? '' };
        const mine = 'record' in read ? read.record : published.record;
        // The form goes back with the current version, so saving again is a deliberate choice made with the changes in view.
        if (staleDraft) await deleteDraft(paths, id);
        return editor(409, {
          version: staleDraft ? published.version : current,
          conflict: { ...who, changes: diffRecords(mine, theirs) },
          problems: read.problems,
        });
      }
      if (!('record' in read)) return editor(422, { problems: read.problems });
      const action = form.action === 'publish' ? 'publish' : form.action === 'preview' ? 'preview' : 'save';
      if (action === 'publish') {
        try {
          const changes = await publish(user, published, read.record, 'edit');
          record(res, 'item.publish', id, { fields: changes.map((c) => c.field) });
        } catch (err) {
          return editor(503, { message: t(lang, 'failed', { reason: (err as Error).message }) });
        }
        return redirect(res, lang, `/admin/items/${id}`, 'published');
      }
      await writeDraft(paths, id, {
        record: read.record,
        base: draft?.base ?? published.version,
        user: user.name,
        savedAt: new Date().toISOString(),
      });
      record(res, 'item.save', id, { fields: diffRecords(draft?.record ?? published.record, read.record).map((c) => c.field) });
      if (action === 'preview') return res.redirect(303, `/admin/items/${id}/preview?lang=${lang}`);
      return redirect(res, lang, `/admin/items/${id}`, 'saved');
    }),
  );

  router.post('/items/:id/publish', withPublisher, (req, res) =>
    serial(async () => {
      const lang = adminLang(req, res);
      const id = itemId(req);
      const published = id && (await readPublished(paths, id));
      const draft = id && (await readDraft(paths, id));
      if (!id || !published) return notFound(req, res);
      if (!draft || req.body?.version !== draft.version || draft.base !== published.version) {
        // Nothing is published: the editor shows what is current and says why.
        return redirect(res, lang, `/admin/items/${id}`, 'stale');
      }
      const user = guard.user(res);
      try {
        const changes = await publish(user, published, draft.record, 'edit');
        record(res, 'item.publish', id, { fields: changes.map((c) => c.field) });
      } catch (err) {
        return failed(req, res, err);
      }
      return redirect(res, lang, `/admin/items/${id}`, 'published');
    }),
  );

  router.post('/items/:id/discard', (req, res) =>
    serial(async () => {
      const lang = adminLang(req, res);
      const id = itemId(req);
      if (!id) return notFound(req, res);
      const draft = await readDraft(paths, id);
      if (draft && req.body?.version === draft.version) {
        await deleteDraft(paths, id);
        record(res, 'item.discard', id);
        return redirect(res, lang, `/admin/items/${id}`, 'discarded');
      }
      return res.redirect(303, `/admin/items/${id}?lang=${lang}`);
    }),
  );

  router.post('/items/:id/withdraw', withPublisher, (req, res) =>
    serial(async () => {
      const lang = adminLang(req, res);
      const id = itemId(req);
      if (!id || !(await readPublished(paths, id))) return notFound(req, res);
      try {
        await publisher!.withdraw(id);
      } catch (err) {
        return failed(req, res, err);
      }
      record(res, 'item.withdraw', id);
      return redirect(res, lang, `/admin/items/${id}`, 'withdrawn');
    }),
  );

  router.post('/items/:id/restore', withPublisher, (req, res) =>
    serial(async () => {
      const lang = adminLang(req, res);
      const id = itemId(req);
      if (!id || !(await readWithdrawn(paths, id))) return notFound(req, res);
      try {
        await publisher!.restore(id);
      } catch (err) {
        return failed(req, res, err);
      }
      record(res, 'item.restore', id);
      return redirect(res, lang, `/admin/items/${id}`, 'restored');
    }),
  );

  router.get('/items/:id/history', async (req, res) => {
    const lang = adminLang(req, res);
    const id = itemId(req);
    if (!id) return notFound(req, res);
    const published = await readPublished(paths, id);
    const record = published?.record ?? (await readWithdrawn(paths, id));
    if (!record) return notFound(req, res);
    const history = await readHistory(paths, id);
    const last = history.at(-1);
    const rows = history.map((entry, i) => ({
      entry,
      changes: i === 0 ? [] : diffRecords(history[i - 1]!.record, entry.record),
      current: entry === last && published !== undefined && diffRecords(entry.record, published.record).length === 0,
    }));
    await send(req, res, 200, t(lang, 'history'), historyPage(lang, guard.csrfToken(res), record, rows, published !== undefined, done(req, lang)));
  });

  router.post('/items/:id/history/:n/restore', withPublisher, (req, res) =>
    serial(async () => {
      const lang = adminLang(req, res);
      const id = itemId(req);
      const n = Number(req.params.n);
      const published = id && (await readPublished(paths, id));
      if (!id || !published || !Number.isInteger(n)) return notFound(req, res);
      const entry = (await readHistory(paths, id)).find((e) => e.n === n);
      if (!entry) return notFound(req, res);
      const user = guard.user(res);
      try {
        const changes = await publish(user, published, entry.record, 'restore-version', n);
        record(res, 'item.version-restored', id, { version: n, fields: changes.map((c) => c.field) });
      } catch (err) {
        return failed(req, res, err);
      }
      return res.redirect(303, `/admin/items/${id}/history?lang=${lang}&done=version&version=${n}`);
    }),
  );

  /** The draft (else the published record) as the manifest publishing it would make. */
  router.get('/items/:id/preview/manifest.json', async (req, res) => {
    const id = itemId(req);
    const published = id && (await readPublished(paths, id));
    if (!id || !published) return void res.status(404).json({ error: 'no such item' });
    const record = (await readDraft(paths, id))?.record ?? published.record;
    const texts = new Map<string, boolean>();
    for (const p of record.pages) {
      if (
        await access(paths.textPage(id, p.key)).then(
          () => true,
          () => false,
        )
      )
        texts.set(p.key, true);
    }
    const manifest = buildManifest(record, {
      urls,
      texts,
      provider: { label: config.PROVIDER_LABEL, ...(config.PROVIDER_HOMEPAGE ? { homepage: config.PROVIDER_HOMEPAGE } : {}) },
      thumbnailWidth: DEFAULT_THUMBNAIL_WIDTH,
    });
    res.setHeader('Cache-Control', 'no-store');
    res.json(manifest);
  });

  /** The public item page, opened on the preview manifest, with a banner saying what it is and a way to publish. */
  // The public page's own policy, not the workspace's stricter one: the viewer needs what it needs in public.
  const publicPolicy = helmet.contentSecurityPolicy({ directives: PUBLIC_CSP_DIRECTIVES });
  router.get('/items/:id/preview', publicPolicy, async (req, res) => {
    const lang = adminLang(req, res);
    const id = itemId(req);
    const published = id && (await readPublished(paths, id));
    if (!id || !published) return notFound(req, res);
    const draft = await readDraft(paths, id);
    let page: string;
    try {
      page = await readFile(path.join(opts.distDir, `item.${lang}.html`), 'utf8');
    } catch {
      return void res.status(503).type('text/plain').send('The site is not built yet: run `npm run build`.');
    }
    const title = titleOf(draft?.record ?? published.record, lang);
    const banner = html`<div class="notice preview-banner" role="note"><p>${t(lang, 'previewBanner')}</p>
<p><a href="/admin/items/${id}?lang=${lang}">${t(lang, 'backToEditor')}</a></p>
${
  draft
    ? html`<form method="post" action="/admin/items/${id}/publish?lang=${lang}"><input type="hidden" name="_csrf" value="${guard.csrfToken(res)}"><input type="hidden" name="version" value="${draft.version}"><button type="submit">${t(lang, 'publish')}</button></form>`
    : ''
}</div>`.text;
    page = page
      .replace(
        '</title>',
        () => `</title><meta name="leeszaal-manifest" content="/admin/items/${id}/preview/manifest.json"><meta name="robots" content="noindex">`,
      )
      // Replacer functions: a `$&` in a title must stay text, not become a replacement pattern.
      .replace(/<title>[^<]*<\/title>/, () => html`<title>${t(lang, 'preview')}: ${title} — Leeszaal</title>`.text)
      .replace('<h1 id="title">…</h1>', () => `${banner}${html`<h1 id="title">${title}</h1>`.text}`);
    res.status(200).setHeader('Cache-Control', 'no-store').type('html').send(page);
  });

  return router;
}

function htmlText(s: string): Html {
  return html`<h1>${s}</h1>`;
}
