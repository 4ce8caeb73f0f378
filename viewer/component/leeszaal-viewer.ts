// `<leeszaal-viewer>`: the reading-room viewer for researchers, pupils and any museum page that
// embeds it. Opens a IIIF manifest or collection (Presentation 3 or 2) or a IIIF Content State,
// shows pages in deep zoom (one page, a book spread, a strip of pages one under another, or two views
// compared), does what the manifest asks (its start page, continuous and top-to-bottom order, the way
// back to the collection it was opened from), and offers the panels a
// reader needs: contents, about, search in the text, cite, share and download. Every control works
// from the keyboard and changes are announced to screen readers. The logic (page model, links,
// content states, citations) lives in pure sibling modules; each panel's body and the parts of compare
// mode are elements of their own (panels/, compare/). This file is the shell: it holds the view's
// state, the toolbar, the panel frame and the live region, and wires the parts together.
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { type CitableRecord, formatCitation, sourceFromRecord } from '../../manifests/citation-text.ts';
import { parseRecord, sourceFromManifest } from './citation.ts';
import { rightsName } from '../../manifests/rights-names.ts';
import './compare/compare-bar.ts';
import './compare/compare-view.ts';
import type { LeeszaalCompareView } from './compare/compare-view.ts';
import { ContentStateError, decodeContentState, encodeContentState } from './content-state.ts';
import type { SearchHit } from './content-search.ts';
import { clampRegion, formatViewState, normaliseRotation, parseViewState, type Region, type Rotation, type ViewState } from './deep-link.ts';
import { DeepZoom, type Layout } from './deep-zoom.ts';
import type { ReadingLayout, ViewerPartEvent } from './events.ts';
import { type Lang, type MessageKey, type Params, pickLang, t } from './i18n.ts';
import {
  type CollectionModel,
  type IiifModel,
  loadModel,
  type ManifestModel,
  type Page,
  pageIndexOfLink,
  pickText,
  spreadOf,
} from './manifest-model.ts';
import { formatNavDate } from './nav-date.ts';
import './panels/about-panel.ts';
import './panels/cite-panel.ts';
import './panels/contents-panel.ts';
import './panels/download-panel.ts';
import './panels/search-panel.ts';
import type { LeeszaalSearchPanel } from './panels/search-panel.ts';
import './panels/share-panel.ts';
// The reading room: text beside the page and reading aloud (reading/).
import './reading/layout-switch.ts';
import { readingLayoutStyles } from './reading/styles.ts';
import './reading/text-view.ts';
import type { LeeszaalTextView } from './reading/text-view.ts';
import { richText } from './rich-text.ts';
import { linkOrText } from './safe-link.ts';
import { icon, type IconName } from './icons.ts';
import { viewerStyles } from './styles.ts';
import './thumbnails.ts';

export type ViewMode = 'single' | 'book' | 'strip' | 'compare';
const MODE_LABELS: Readonly<Record<ViewMode, MessageKey>> = {
  single: 'mode.single',
  book: 'mode.book',
  strip: 'mode.strip',
  compare: 'mode.compare',
};

/**
 * Below this width (CSS pixels) of the viewer, the page list's options name the page alone ("481"):
 * "Pagina 481 (3 van 4)" beside five buttons needs some 470 pixels, and a phone has 360.
 */
const COMPACT_PAGE_LIST = 520;

/** A collection the reader opened an item from, so they can go back to it. */
interface TrailStep {
  url: string;
  model: CollectionModel;
  /** The id of the item opened from it, to put focus back on it. */
  opened: string;
}

/** Whether a manifest asks for its pages one under another: one long object, or a top-to-bottom order. */
const asksForStrip = (model: ManifestModel): boolean => model.pages.length > 1 && (model.continuous || model.viewingDirection === 'top-to-bottom');
type PanelName = 'contents' | 'info' | 'search' | 'cite' | 'share' | 'download';
const PANELS: ReadonlyArray<[PanelName, MessageKey, IconName]> = [
  ['contents', 'panel.contents', 'contents'],
  ['info', 'panel.info', 'info'],
  ['search', 'panel.search', 'search'],
  ['cite', 'panel.cite', 'cite'],
  ['share', 'panel.share', 'share'],
  ['download', 'panel.download', 'download'],
];

export interface CanvasChangeDetail {
  index: number;
  key: string;
  canvasId: string;
  label: string;
  manifest: string;
}

export class LeeszaalViewer extends LitElement {
  static override properties = {
    manifest: { type: String },
    iiifContent: { type: String, attribute: 'iiif-content' },
    lang: { type: String },
    record: { type: String },
    syncUrl: { type: Boolean, attribute: 'sync-url' },
    model: { state: true },
    error: { state: true },
    index: { state: true },
    mode: { state: true },
    panel: { state: true },
    announcement: { state: true },
    rotation: { state: true },
    region: { state: true },
    hits: { state: true },
    hitIndex: { state: true },
    fullscreen: { state: true },
    citation: { state: true },
    compareIndex: { state: true },
    compareModel: { state: true },
    syncZoom: { state: true },
    painted: { state: true },
    moreOpen: { state: true },
    pageNotFound: { state: true },
    failedPages: { state: true },
    compactPages: { state: true },
    trail: { state: true },
    reading: { state: true },
    readingLayout: { state: true },
  };

  declare manifest: string | undefined;
  declare iiifContent: string | undefined;
  declare lang: string;
  declare record: string | undefined;
  declare syncUrl: boolean;
  declare model: IiifModel | undefined;
  declare error: string | undefined;
  declare index: number;
  declare mode: ViewMode;
  declare panel: PanelName | undefined;
  declare announcement: string;
  declare rotation: Rotation;
  declare region: Region | undefined;
  declare hits: SearchHit[];
  declare hitIndex: number;
  declare fullscreen: boolean;
  declare citation: string;
  declare compareIndex: number;
  declare compareModel: ManifestModel | undefined;
  declare syncZoom: boolean;
  /** True once the first tile is on screen; thumbnails wait for it so they never delay the page itself. */
  declare painted: boolean;
  /** The "more controls" disclosure of the narrow toolbar is open. */
  declare moreOpen: boolean;
  /** A link's page that no page has, and the page shown instead; the link is left as it is until the reader turns. */
  declare pageNotFound: { asked: string; index: number } | undefined;
  /** Shown pages whose image could not be loaded. */
  declare failedPages: number[];
  /** The viewer is too narrow (a phone) for "Page 481 (3 of 4)" in the page list: its options name the page alone. */
  declare compactPages: boolean;
  /** The collections above the document shown, the nearest last. */
  declare trail: TrailStep[];
  /** Whether the text is shown beside the page, and on a phone which of scan and text (reading/). */
  declare reading: boolean;
  declare readingLayout: ReadingLayout;
  private lineOutlines: ViewerPartEvent<'line-outline'>['detail']['lines'] = [];

  static override styles = [...viewerStyles, readingLayoutStyles];

  private zoom?: DeepZoom;
  private loadToken = 0;
  private recordData: CitableRecord | undefined;
  private lastZoomAnnounced = 0;
  private panelOpener?: HTMLElement;
  /** Set while the viewer itself changes `manifest` (into or out of a collection), which keeps the trail. */
  private navigating = false;
  private loadedUrl: string | undefined;
  private focusAfterLoad: string | undefined;

  constructor() {
    super();
    this.index = 0;
    this.mode = 'single';
    this.announcement = '';
    this.rotation = 0;
    this.hits = [];
    this.hitIndex = -1;
    this.fullscreen = false;
    this.citation = '';
    this.compareIndex = 0;
    this.syncZoom = true;
    this.syncUrl = false;
    this.painted = false;
    this.moreOpen = false;
    this.failedPages = [];
    this.compactPages = false;
    this.trail = [];
    this.reading = false;
    this.readingLayout = 'both';
  }

  /** Interface language: the element's `lang`, else the page's, else Dutch. */
  get uiLang(): Lang {
    return pickLang(this.lang, document.documentElement.lang);
  }

  private tr(key: MessageKey, params?: Params): string {
    return t(this.uiLang, key, params);
  }

  private get manifestModel(): ManifestModel | undefined {
    return this.model?.kind === 'manifest' ? this.model : undefined;
  }

  private get page(): Page | undefined {
    return this.manifestModel?.pages[this.index];
  }

  private get compareView(): LeeszaalCompareView | null {
    return this.renderRoot.querySelector('leeszaal-compare-view');
  }

  /** The compared view's deep zoom, once compare mode has shown a page. */
  private get zoom2(): DeepZoom | undefined {
    return this.compareView?.zoom;
  }

  /** The index of the page `region` lies on: in a book spread, the facing page when the view is on it. */
  private regionIndex: number | undefined;

  /** The page the view is about: the one the region lies on, else the page (or spread) shown. */
  private get viewPage(): Page | undefined {
    return this.region && this.regionIndex !== undefined ? this.manifestModel?.pages[this.regionIndex] : this.page;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('fullscreenchange', this.onFullscreenChange);
    this.resizer.observe(this);
  }

  override disconnectedCallback(): void {
    document.removeEventListener('fullscreenchange', this.onFullscreenChange);
    this.resizer.disconnect();
    this.zoom?.destroy();
    this.zoom = undefined;
    super.disconnectedCallback();
  }

  /** The viewer's own width, not the screen's, decides (a museum page may embed it in a narrow column). */
  private readonly resizer = new ResizeObserver(([entry]) => {
    if (entry) this.compactPages = entry.contentRect.width < COMPACT_PAGE_LIST;
  });

  private readonly onFullscreenChange = (): void => {
    this.fullscreen = document.fullscreenElement === this;
    requestAnimationFrame(() => {
      this.zoom?.resize();
      this.zoom2?.resize();
    });
  };

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('manifest') || changed.has('iiifContent')) {
      // A host page that points the viewer elsewhere starts a new trail.
      if (!this.navigating) this.trail = [];
      this.navigating = false;
      void this.load();
    }
    if (changed.has('lang') && this.model) this.updateCitation();
  }

  // ---- loading -------------------------------------------------------------------------------

  private initialState(): { url?: string; state: ViewState; canvas?: string; asked?: string } {
    const state: ViewState = this.syncUrl ? parseViewState(location.search) : { rotation: 0 };
    // The link's page as written: a key, or a page label such as 481 (which need not look like a key).
    const asked = this.syncUrl ? new URLSearchParams(location.search).get('page')?.trim().slice(0, 100) : undefined;
    if (asked) return { ...this.initialTarget(state), asked };
    return this.initialTarget(state);
  }

  private initialTarget(state: ViewState): { url?: string; state: ViewState; canvas?: string } {
    if (this.iiifContent) {
      try {
        const target = decodeContentState(this.iiifContent);
        if (!state.region && target.region) state.region = target.region;
        return target.canvas ? { url: target.manifest, state, canvas: target.canvas } : { url: target.manifest, state };
      } catch (err) {
        if (err instanceof ContentStateError && !this.manifest) throw err;
      }
    }
    return this.manifest ? { url: this.manifest, state } : { state };
  }

  private async load(): Promise<void> {
    const token = ++this.loadToken;
    this.error = undefined;
    this.hits = [];
    this.panel = undefined;
    this.compareModel = undefined;
    this.pageNotFound = undefined;
    this.failedPages = [];
    let start: ReturnType<LeeszaalViewer['initialState']>;
    try {
      start = this.initialState();
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
      return;
    }
    if (!start.url) return;
    try {
      const model = await loadModel(start.url);
      if (token !== this.loadToken) return;
      this.model = model;
      this.loadedUrl = start.url;
      this.dispatchEvent(new CustomEvent('manifest-load', { detail: { model }, bubbles: true, composed: true }));
      if (model.kind === 'collection') {
        // The collection view has no stage; a manifest opened later gets fresh deep-zoom viewers.
        this.zoom?.destroy();
        this.zoom = undefined;
        this.announce(`${this.text(model.label)}: ${this.tr('collection.items', { n: model.items.length })}`);
        await this.updateComplete;
        const opened = this.focusAfterLoad;
        this.focusAfterLoad = undefined;
        if (opened) this.renderRoot.querySelector<HTMLElement>(`.collection button[data-id="${CSS.escape(opened)}"]`)?.focus();
        return;
      }
      // A link's page wins, then a content state's canvas, then the page the manifest asks to start at.
      const byLink = start.asked ? pageIndexOfLink(model, start.asked) : undefined;
      const byCanvas = start.canvas ? model.pages.findIndex((p) => p.canvasId === start.canvas) : -1;
      const index = byLink ?? (byCanvas >= 0 ? byCanvas : model.start);
      if (start.asked && byLink === undefined) this.pageNotFound = { asked: start.asked, index };
      this.mode = asksForStrip(model)
        ? 'strip'
        : model.paged && model.pages.length > 2 && this.clientWidth >= 900 && !start.state.region
          ? 'book'
          : 'single';
      this.rotation = start.state.rotation;
      await this.updateComplete;
      await this.showPage(index, start.state.region);
      // After the page: the record only improves the citation, and must not hold up the first tiles.
      void this.loadRecord(model);
    } catch (err) {
      if (token !== this.loadToken) return;
      this.error = err instanceof Error ? err.message : String(err);
      this.announce(this.tr('viewer.error', { message: this.error }));
    }
  }

  private async loadRecord(model: ManifestModel): Promise<void> {
    this.recordData = undefined;
    const url = this.record ?? model.seeAlso.find((s) => /record\.json(\?|$)/.test(s.id))?.id;
    if (url) {
      try {
        const res = await fetch(url);
        if (res.ok) this.recordData = parseRecord(await res.json());
      } catch {
        // The manifest's own metadata still gives a citation; a missing record is not an error for the reader.
      }
    }
    this.updateCitation();
  }

  private ensureZoom(): DeepZoom {
    if (this.zoom) return this.zoom;
    const el = this.renderRoot.querySelector<HTMLElement>('#osd')!;
    this.zoom = new DeepZoom(el, {
      onView: () => this.onView(),
      onFirstTile: () => {
        this.painted = true;
        performance.mark('leeszaal:first-tile');
        this.dispatchEvent(new CustomEvent('first-tile', { bubbles: true, composed: true }));
      },
      onImageFailed: () => {
        // The failed page still counts as painted: the thumbnails must not wait for it.
        this.painted = true;
        this.failedPages = [...(this.zoom?.failed ?? [])];
      },
      onPageClick: (page, x, y) => this.textView?.selectAt(page, x, y) ?? false,
    });
    return this.zoom;
  }

  /** The pages in the world: the page, its spread, or in a strip every page. */
  private shownIndices(index: number): number[] {
    const model = this.manifestModel!;
    if (this.mode === 'strip') return model.pages.map((p) => p.index);
    return this.navIndices(index);
  }

  /** The pages a turn starts from: the spread in book view, else the page itself (in a strip too). */
  private navIndices(index: number): number[] {
    return this.mode === 'book' ? spreadOf(this.manifestModel!, index) : [index];
  }

  private layout(): Layout {
    if (this.mode !== 'strip') return 'row';
    return this.manifestModel?.continuous ? 'scroll' : 'column';
  }

  /** Turns to a page (and optionally a region); announces it, fires `canvas-change`, updates the link. */
  async showPage(index: number, region?: Region): Promise<void> {
    const model = this.manifestModel;
    if (!model) return;
    const i = Math.max(0, Math.min(model.pages.length - 1, index));
    if (this.pageNotFound && this.pageNotFound.index !== i) this.pageNotFound = undefined;
    this.index = i;
    await this.updateComplete;
    const zoom = this.ensureZoom();
    await zoom.show(
      this.shownIndices(i).map((n) => model.pages[n]!),
      this.layout(),
    );
    this.failedPages = [...zoom.failed];
    zoom.setRotation(this.rotation, true);
    if (region) zoom.goTo(i, region, true);
    else if (this.mode === 'strip') zoom.toTopOf(i);
    else zoom.home(true);
    this.applyHighlights();
    // A new page starts a new zoom baseline: the page announcement below is the one to hear.
    this.lastZoomAnnounced = 0;
    this.onView();
    if (this.mode === 'compare') void this.showCompare();
    const page = model.pages[i]!;
    const label = pickText(page.label, this.uiLang);
    zoom.describe(this.tr('viewer.stage', { label }));
    this.announce(this.tr('announce.page', { label, n: i + 1, total: model.pages.length }));
    this.pageChanged(model, page);
  }

  private pageChanged(model: ManifestModel, page: Page): void {
    this.updateCitation();
    const label = pickText(page.label, this.uiLang);
    const detail: CanvasChangeDetail = { index: page.index, key: page.key, canvasId: page.canvasId, label, manifest: model.id };
    this.dispatchEvent(new CustomEvent('canvas-change', { detail, bubbles: true, composed: true }));
  }

  next(): void {
    const target = Math.max(...this.navIndices(this.index)) + 1;
    if (target < (this.manifestModel?.pages.length ?? 0)) void this.showPage(target);
  }

  previous(): void {
    const shown = this.navIndices(this.index);
    const target = Math.min(...shown) - 1;
    if (target >= 0) void this.showPage(this.mode === 'book' ? Math.min(...spreadOf(this.manifestModel!, target)) : target);
  }

  // ---- view state ----------------------------------------------------------------------------

  private onView(): void {
    const model = this.manifestModel;
    if (!this.zoom || !model || !this.page) return;
    // In a book spread the view belongs to the page under its centre; in a strip, to the page being
    // read at the top of the view, which becomes the current page as the reader scrolls.
    const zoom = this.zoom;
    const centred =
      this.mode === 'strip'
        ? zoom.pageAtTop()
        : this.shownIndices(this.index).find((i) => {
            const r = zoom.region(i);
            return r !== undefined && r.x + r.w / 2 >= 0 && r.x + r.w / 2 < model.pages[i]!.width;
          });
    if (this.mode === 'strip' && centred !== undefined && centred !== this.index) {
      this.index = centred;
      if (this.pageNotFound && this.pageNotFound.index !== centred) this.pageNotFound = undefined;
      this.pageChanged(model, model.pages[centred]!);
    }
    const page = model.pages[centred ?? this.page.index]!;
    const raw = zoom.region(page.index);
    const region = raw ? clampRegion(raw, page.width, page.height) : undefined;
    const whole = !region || (region.w >= page.width * 0.98 && region.h >= page.height * 0.98);
    this.region = whole ? undefined : region;
    this.regionIndex = this.region ? page.index : undefined;
    this.writeUrl();
    const percent = this.zoom.zoomPercent();
    if (this.lastZoomAnnounced !== 0 && Math.abs(percent - this.lastZoomAnnounced) >= 1) {
      this.announce(this.tr('zoom.level', { percent }));
    }
    this.lastZoomAnnounced = percent;
  }

  private viewState(): ViewState {
    const state: ViewState = { rotation: this.rotation };
    if (this.viewPage) state.page = this.viewPage.key;
    if (this.region) state.region = this.region;
    return state;
  }

  private writeUrl(): void {
    // A link to a page that was not found stays as written while its message shows, so it can be checked.
    if (!this.syncUrl || this.pageNotFound) return;
    const query = formatViewState(this.viewState(), location.search);
    const next = `${location.pathname}${query}${location.hash}`;
    if (next !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(history.state, '', next);
    this.updateCitation();
  }

  /** A stable link to this view: the item's page on its home site when the manifest names one. */
  stableLink(): string {
    const model = this.manifestModel;
    const base = model?.homepage ?? (this.syncUrl ? `${location.origin}${location.pathname}` : (model?.id ?? location.href));
    const url = new URL(base, location.href);
    return `${url.origin}${url.pathname}${formatViewState(this.viewState(), url.search)}`;
  }

  private contentState(): string {
    const model = this.manifestModel!;
    const page = this.viewPage!;
    return encodeContentState(
      this.region ? { manifest: model.id, canvas: page.canvasId, region: this.region } : { manifest: model.id, canvas: page.canvasId },
    );
  }

  private updateCitation(): void {
    const model = this.manifestModel;
    const page = this.viewPage;
    if (!model || !page) return;
    const lang = this.uiLang;
    const url = this.stableLink();
    const src = this.recordData ? sourceFromRecord(this.recordData, lang, url) : sourceFromManifest(model, lang, url);
    src.pageLabel = pickText(page.label, lang);
    const citation = formatCitation(src, lang, new Date());
    if (citation === this.citation) return;
    this.citation = citation;
    // The host page shows the same text (the item page's "Cite this"): it hears when the record or the page changes it.
    this.dispatchEvent(new CustomEvent('citation-change', { detail: { citation }, bubbles: true, composed: true }));
  }

  // ---- controls ------------------------------------------------------------------------------

  private announce(message: string): void {
    // Clearing first makes screen readers repeat a message that is the same as the last one.
    this.announcement = '';
    requestAnimationFrame(() => (this.announcement = message));
  }

  private rotate(): void {
    this.rotation = normaliseRotation(this.rotation + 90);
    this.zoom?.setRotation(this.rotation);
    this.zoom2?.setRotation(this.rotation);
    this.announce(this.tr('rotate.done', { degrees: this.rotation }));
    this.writeUrl();
  }

  /** The whole current page; in a strip the page itself, not the whole strip. */
  private showWholePage(): void {
    const page = this.page;
    if (this.mode === 'strip' && page) this.zoom?.goTo(page.index, { x: 0, y: 0, w: page.width, h: page.height }, false);
    else this.zoom?.home();
  }

  private openFromCollection(model: CollectionModel, itemId: string): void {
    if (this.loadedUrl) this.trail = [...this.trail, { url: this.loadedUrl, model, opened: itemId }];
    this.navigating = true;
    this.iiifContent = undefined;
    this.manifest = itemId;
  }

  /** Back to the collection the item was opened from, with focus on that item again. */
  private backToCollection(): void {
    const step = this.trail.at(-1);
    if (!step) return;
    this.trail = this.trail.slice(0, -1);
    this.navigating = true;
    this.focusAfterLoad = step.opened;
    this.iiifContent = undefined;
    this.manifest = step.url;
  }

  private async toggleFullscreen(): Promise<void> {
    try {
      if (document.fullscreenElement) await document.exitFullscreen();
      else await this.requestFullscreen();
    } catch {
      // Fullscreen can be refused (an iframe without allowfullscreen); the viewer keeps working.
    }
  }

  private async setMode(mode: ViewMode): Promise<void> {
    // Leaving a spread zoomed into its facing page goes on with that page.
    const index = this.viewPage?.index ?? this.index;
    this.mode = mode;
    this.announce(this.tr('announce.mode', { mode: this.tr(MODE_LABELS[mode]) }));
    await this.updateComplete;
    if (mode === 'compare' && this.compareIndex === index) {
      this.compareIndex = Math.min(index + 1, (this.manifestModel?.pages.length ?? 1) - 1);
    }
    await this.showPage(index, mode === 'book' || mode === 'strip' ? undefined : this.region);
    if (mode !== 'compare') requestAnimationFrame(() => this.zoom?.resize());
  }

  private async showCompare(): Promise<void> {
    await this.updateComplete;
    const view = this.compareView;
    if (!view || !this.zoom) return;
    const model = this.compareModel ?? this.manifestModel!;
    const page = model.pages[Math.min(this.compareIndex, model.pages.length - 1)]!;
    await view.show(page, this.rotation, this.zoom);
    const left = pickText(this.page?.label, this.uiLang);
    this.announce(this.tr('compare.on', { left, right: pickText(page.label, this.uiLang) }));
  }

  private async openCompareManifest(e: ViewerPartEvent<'compare-open'>): Promise<void> {
    try {
      const model = await loadModel(new URL(e.detail.url, location.href).toString());
      if (model.kind !== 'manifest') throw new Error('not a manifest');
      this.compareModel = model;
      this.compareIndex = 0;
      await this.showCompare();
    } catch (err) {
      this.announce(this.tr('viewer.error', { message: err instanceof Error ? err.message : String(err) }));
    }
  }

  private async togglePanel(name: PanelName, opener: HTMLElement): Promise<void> {
    if (this.panel === name) {
      this.closePanel();
      return;
    }
    // Opened from the narrow toolbar's menu, which closes now: focus comes back to its toggle.
    const toggle = this.moreToggle;
    this.panelOpener = toggle && this.moreOpen && opener.closest('#more-controls') ? toggle : opener;
    this.moreOpen = false;
    this.panel = name;
    if (name === 'cite' || name === 'share') this.updateCitation();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.panel h2')?.focus();
    requestAnimationFrame(() => this.zoom?.resize());
  }

  /** The narrow toolbar's "more" button, when the toolbar is narrow enough to show it. */
  private get moreToggle(): HTMLElement | undefined {
    const toggle = this.renderRoot.querySelector<HTMLElement>('#more');
    return toggle?.checkVisibility() ? toggle : undefined;
  }

  private closeMore(focusToggle: boolean): void {
    this.moreOpen = false;
    if (focusToggle) this.moreToggle?.focus();
  }

  private closePanel(): void {
    this.panel = undefined;
    this.panelOpener?.focus();
    requestAnimationFrame(() => this.zoom?.resize());
  }

  /** Runs a search within the book (opens the search panel); for host pages and links. */
  async searchText(q: string): Promise<void> {
    if (this.panel !== 'search') {
      this.panel = 'search';
      await this.updateComplete;
    }
    await this.renderRoot.querySelector<LeeszaalSearchPanel>('leeszaal-search-panel')?.search(q);
  }

  private onHits(e: CustomEvent<{ q: string; hits: SearchHit[]; status: string }>): void {
    this.hits = e.detail.hits;
    this.hitIndex = -1;
    this.applyHighlights();
    this.announce(e.detail.status);
    this.dispatchEvent(new CustomEvent('search', { detail: { q: e.detail.q, total: e.detail.hits.length }, bubbles: true, composed: true }));
  }

  private async onHitSelect(e: CustomEvent<{ index: number; hit: SearchHit; message: string }>): Promise<void> {
    const { index, hit, message } = e.detail;
    this.hitIndex = index;
    const model = this.manifestModel!;
    const page = model.pages[hit.page]!;
    const around = hit.region
      ? clampRegion(
          { x: hit.region.x - hit.region.w * 1.5, y: hit.region.y - hit.region.h * 4, w: hit.region.w * 4, h: hit.region.h * 9 },
          page.width,
          page.height,
        )
      : undefined;
    // In a strip every page is in the world, but a hit without a region still means turning to its page.
    if (!this.shownIndices(this.index).includes(hit.page) || (this.mode === 'strip' && !around)) await this.showPage(hit.page, around);
    else if (around) {
      // The zoom the view makes to show the hit is not the reader's: the hit's message is the one to
      // hear, not a zoom level announced over it when the animation ends.
      this.lastZoomAnnounced = 0;
      this.zoom?.goTo(hit.page, around, false);
    }
    this.applyHighlights();
    this.announce(message);
  }

  private applyHighlights(): void {
    if (!this.zoom) return;
    const label = this.tr('search.hitOutline');
    const shown = this.manifestModel ? this.shownIndices(this.index) : [];
    const lines = this.lineOutlines.map((l) => ({ ...l, label: this.tr('reading.lineOutline'), kind: 'line' as const }));
    this.zoom.highlight(
      [
        ...this.hits.flatMap((hit, i) =>
          hit.region && shown.includes(hit.page) ? [{ page: hit.page, region: hit.region, label, current: i === this.hitIndex }] : [],
        ),
        ...lines.filter((l) => shown.includes(l.page)),
      ],
      (hit) => {
        const el = document.createElement('div');
        if (hit.kind === 'line') {
          // The text view holds the line's words; the outline is only for the eye.
          el.className = hit.current ? 'line-outline current' : 'line-outline';
          el.setAttribute('aria-hidden', 'true');
          return el;
        }
        el.className = hit.current ? 'hit current' : 'hit';
        el.setAttribute('role', 'img');
        el.setAttribute('aria-label', hit.label);
        return el;
      },
    );
  }

  private onKeydown(e: KeyboardEvent): void {
    if (e.defaultPrevented) return;
    if (e.key === 'Escape' && this.moreOpen && this.moreToggle) {
      e.preventDefault();
      this.closeMore(true);
      return;
    }
    if (e.key === 'Escape' && this.panel) {
      e.preventDefault();
      this.closePanel();
      return;
    }
    const target = e.composedPath()[0];
    const typing = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
    if (typing || !this.manifestModel) return;
    if (e.key === 'PageDown') {
      e.preventDefault();
      this.next();
    } else if (e.key === 'PageUp') {
      e.preventDefault();
      this.previous();
    }
  }

  // ---- rendering -----------------------------------------------------------------------------

  private text(map: Parameters<typeof pickText>[0]): string {
    return pickText(map, this.uiLang);
  }

  /** A toolbar button. "Disabled" ones stay focusable (aria-disabled) so focus is never lost when a reader reaches the last page. */
  private button(
    label: string,
    iconName: IconName,
    onClick: (e: Event) => void,
    extra: { disabled?: boolean; pressed?: boolean; expanded?: boolean; id?: string; controls?: string } = {},
  ) {
    return html`<button
      type="button"
      part="button"
      id=${extra.id ?? nothing}
      title=${label}
      aria-disabled=${extra.disabled ? 'true' : nothing}
      aria-pressed=${extra.pressed === undefined ? nothing : String(extra.pressed)}
      aria-expanded=${extra.expanded === undefined ? nothing : String(extra.expanded)}
      aria-controls=${extra.controls ?? nothing}
      @click=${(e: Event) => {
        if (!extra.disabled) onClick(e);
      }}
    >${icon(iconName)}<span class="sr-only">${label}</span></button>`;
  }

  private renderToolbar(model: ManifestModel) {
    const shown = this.navIndices(this.index);
    const modes: ViewMode[] =
      model.pages.length > 1 ? [...(asksForStrip(model) ? (['strip'] as const) : []), 'single', 'book', 'compare'] : ['single'];
    return html`<div class="toolbar" part="toolbar" role="group" aria-label=${this.tr('viewer.toolbar')}>
      <div class="group">
        ${this.button(this.tr('nav.previous'), 'previous', () => this.previous(), { disabled: Math.min(...shown) <= 0 })}
        <label class="sr-only" for="page-select">${this.tr('nav.pageList')}</label>
        <select id="page-select" part="page-select" @change=${(e: Event) => void this.showPage(Number((e.target as HTMLSelectElement).value))}>
          ${model.pages.map(
            (p) =>
              html`<option value=${p.index} ?selected=${p.index === this.index}>${
                this.compactPages
                  ? this.text(p.label)
                  : this.tr('nav.pageOf', { label: this.text(p.label), n: p.index + 1, total: model.pages.length })
              }</option>`,
          )}
        </select>
        ${this.button(this.tr('nav.next'), 'next', () => this.next(), { disabled: Math.max(...shown) >= model.pages.length - 1 })}
      </div>
      <div class="group">
        ${this.panelButton('search')}
        ${this.button(this.tr('reading.open'), 'text', () => void this.toggleReading(), { pressed: this.reading, id: 'open-text' })}
        ${this.button(this.tr('viewer.more'), 'more', () => (this.moreOpen = !this.moreOpen), { expanded: this.moreOpen, id: 'more', controls: 'more-controls' })}
      </div>
      <div id="more-controls" class=${this.moreOpen ? 'more open' : 'more'}>
        <div class="group">
          ${this.button(this.tr('zoom.in'), 'zoomIn', () => this.zoom?.zoomBy(1.5))}
          ${this.button(this.tr('zoom.out'), 'zoomOut', () => this.zoom?.zoomBy(1 / 1.5))}
          ${this.button(this.tr('zoom.reset'), 'home', () => this.showWholePage())}
          ${this.button(this.tr('rotate.right'), 'rotate', () => this.rotate())}
          ${this.button(this.tr(this.fullscreen ? 'fullscreen.exit' : 'fullscreen.enter'), 'fullscreen', () => void this.toggleFullscreen(), { pressed: this.fullscreen })}
        </div>
        ${
          modes.length > 1
            ? html`<div class="group">
              <label class="sr-only" for="mode-select">${this.tr('mode.label')}</label>
              <select id="mode-select" part="mode-select" @change=${(e: Event) => void this.setMode((e.target as HTMLSelectElement).value as ViewMode)}>
                ${modes.map((m) => html`<option value=${m} ?selected=${m === this.mode}>${this.tr(MODE_LABELS[m])}</option>`)}
              </select>
            </div>`
            : nothing
        }
        <span class="spacer"></span>
        <div class="group">${PANELS.filter(([name]) => name !== 'search').map(([name]) => this.panelButton(name))}</div>
      </div>
    </div>`;
  }

  private panelButton(name: PanelName) {
    const [, key, iconName] = PANELS.find(([n]) => n === name)!;
    return this.button(this.tr(key), iconName, (e) => void this.togglePanel(name, e.currentTarget as HTMLElement), {
      expanded: this.panel === name,
      id: `open-${name}`,
    });
  }

  private renderCompareBar(model: ManifestModel) {
    return html`<leeszaal-compare-bar
      part="compare"
      .pages=${(this.compareModel ?? model).pages}
      .selected=${this.compareIndex}
      .sync=${this.syncZoom}
      .lang=${this.uiLang}
      @compare-page=${(e: ViewerPartEvent<'compare-page'>) => {
        this.compareIndex = e.detail.index;
        void this.showCompare();
      }}
      @compare-sync=${(e: ViewerPartEvent<'compare-sync'>) => (this.syncZoom = e.detail.sync)}
      @compare-open=${(e: ViewerPartEvent<'compare-open'>) => void this.openCompareManifest(e)}
    ></leeszaal-compare-bar>`;
  }

  private renderPanelBody(model: ManifestModel, name: PanelName) {
    const page = this.viewPage!;
    const lang = this.uiLang;
    switch (name) {
      case 'contents':
        return html`<leeszaal-contents-panel .toc=${model.toc} .lang=${lang} @page-select=${this.onPageSelect}></leeszaal-contents-panel>`;
      case 'info':
        return html`<leeszaal-about-panel .model=${model} .lang=${lang}></leeszaal-about-panel>`;
      case 'search':
        return html`<leeszaal-search-panel
          .service=${model.search?.id}
          .lang=${lang}
          .pageOf=${(canvasId: string) => model.pages.find((p) => p.canvasId === canvasId)?.index}
          .pageLabel=${(i: number) => this.text(model.pages[i]?.label)}
          @hits-change=${this.onHits}
          @hit-select=${this.onHitSelect}
        ></leeszaal-search-panel>`;
      case 'cite':
        return html`<leeszaal-cite-panel .citation=${this.citation} .lang=${lang} @announce=${this.onAnnounce}></leeszaal-cite-panel>`;
      case 'share':
        return html`<leeszaal-share-panel .link=${this.stableLink()} .contentState=${this.contentState()} .lang=${lang} @announce=${this.onAnnounce}></leeszaal-share-panel>`;
      case 'download':
        return html`<leeszaal-download-panel .manifest=${model.id} .rendering=${model.rendering} .pages=${model.pages} .page=${page} .region=${this.region} .rotation=${this.rotation} .lang=${lang}></leeszaal-download-panel>`;
    }
  }

  private renderPanel(model: ManifestModel) {
    if (!this.panel) return nothing;
    const name = this.panel;
    const title = this.tr(PANELS.find(([n]) => n === name)![1]);
    return html`<section class="panel" part="panel" aria-labelledby="panel-title">
      <div class="panel-head">
        <h2 id="panel-title" tabindex="-1">${title}</h2>
        ${this.button(this.tr('panel.close'), 'close', () => this.closePanel())}
      </div>
      ${this.renderPanelBody(model, name)}
    </section>`;
  }

  private onPageSelect(e: ViewerPartEvent<'page-select'>): void {
    void this.showPage(e.detail.index);
  }

  private onAnnounce(e: ViewerPartEvent<'announce'>): void {
    this.announce(e.detail.message);
  }

  private renderTrail() {
    const step = this.trail.at(-1);
    if (!step) return nothing;
    return html`<div class="trail">
      <button type="button" id="back-to-collection" @click=${() => this.backToCollection()}>
        ${icon('previous')}<span>${this.tr('collection.back', { label: this.text(step.model.label) })}</span>
      </button>
    </div>`;
  }

  /** What the reader must know about the page shown: a link's page that was not found, images that failed. Visible and announced. */
  private renderNotices(model: ManifestModel | undefined) {
    const notices: string[] = [];
    if (model && this.pageNotFound) {
      notices.push(this.tr('viewer.pageNotFound', { page: this.pageNotFound.asked, label: this.text(model.pages[this.pageNotFound.index]?.label) }));
    }
    for (const i of model ? this.failedPages : []) {
      notices.push(this.tr('viewer.imageFailed', { label: this.text(model!.pages[i]?.label), n: i + 1, total: model!.pages.length }));
    }
    return html`<div class="notice" role="alert">${notices.map((n) => html`<p>${n}</p>`)}</div>`;
  }

  // ---- the reading room (reading/: the text beside the page, read aloud) -------------------------

  private get textView(): LeeszaalTextView | null {
    return this.renderRoot.querySelector('leeszaal-text-view');
  }

  private async toggleReading(): Promise<void> {
    this.reading = !this.reading;
    if (!this.reading) this.lineOutlines = [];
    this.applyHighlights();
    await this.updateComplete;
    requestAnimationFrame(() => this.zoom?.resize());
  }

  private renderTextView(model: ManifestModel) {
    const shown = [...this.shownIndices(this.index)].sort((a, b) => a - b);
    return html`<leeszaal-text-view
      part="text"
      .pages=${shown.map((i) => ({ index: i, label: this.text(model.pages[i]!.label), annotations: model.pages[i]!.annotations ?? [] }))}
      .lang=${this.uiLang}
      .metadata=${model.metadata}
      .citation=${this.citation}
      .hasNextPage=${Math.max(...shown) < model.pages.length - 1}
      @announce=${this.onAnnounce}
      @line-outline=${(e: ViewerPartEvent<'line-outline'>) => {
        this.lineOutlines = e.detail.lines;
        this.applyHighlights();
      }}
      @line-reveal=${(e: ViewerPartEvent<'line-reveal'>) => this.zoom?.reveal(e.detail.page ?? -1, e.detail.region)}
      @read-next-page=${() => this.next()}
    ></leeszaal-text-view>`;
  }

  private renderCollection(model: CollectionModel) {
    return html`<div class="frame" part="container">
      ${this.renderTrail()}
      <h2 class="collection-title" id="collection-title">${this.text(model.label)}</h2>
      <ul class="collection" aria-labelledby="collection-title">
        ${model.items.map((item) => {
          const date = formatNavDate(item.navDate, this.uiLang);
          return html`<li>
            <button type="button" data-id=${item.id} @click=${() => this.openFromCollection(model, item.id)}>
              ${item.thumbnail ? html`<img src=${item.thumbnail} alt="" loading="lazy" />` : nothing}
              <span>${this.text(item.label)}</span>
              ${date ? html`<span class="date">${date}</span>` : nothing}
            </button>
          </li>`;
        })}
      </ul>
      <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>
    </div>`;
  }

  override render() {
    const model = this.model;
    if (model?.kind === 'collection') return this.renderCollection(model);
    const manifest = model?.kind === 'manifest' ? model : undefined;
    return html`<div class="frame" part="container" role="region" aria-label=${manifest ? `${this.tr('viewer.label')}: ${this.text(manifest.label)}` : this.tr('viewer.label')} @keydown=${this.onKeydown}>
      ${this.renderTrail()}
      ${manifest ? this.renderToolbar(manifest) : nothing}
      ${manifest && this.mode === 'compare' ? this.renderCompareBar(manifest) : nothing}
      ${manifest && this.reading ? html`<leeszaal-reading-layout .layout=${this.readingLayout} .lang=${this.uiLang} @reading-layout=${(e: ViewerPartEvent<'reading-layout'>) => (this.readingLayout = e.detail.layout)}></leeszaal-reading-layout>` : nothing}
      <div class="main" data-reading=${manifest && this.reading ? this.readingLayout : nothing} @pointerdown=${() => this.closeMore(false)}>
        <div class="stage" part="stage">
          ${this.error ? html`<p class="message" role="alert">${this.tr('viewer.error', { message: this.error })}</p>` : nothing}
          ${!manifest && !this.error ? html`<p class="message">${this.tr('viewer.loading')}</p>` : nothing}
          ${this.renderNotices(manifest)}
          <div id="osd" class="osd" ?hidden=${!manifest}></div>
          <leeszaal-compare-view id="osd2" class="osd" ?hidden=${this.mode !== 'compare'} .sync=${this.mode === 'compare' && this.syncZoom}></leeszaal-compare-view>
        </div>
        ${manifest && this.reading ? this.renderTextView(manifest) : nothing}
        ${manifest ? this.renderPanel(manifest) : nothing}
      </div>
      ${
        manifest && manifest.pages.length > 1 && this.painted
          ? html`<leeszaal-thumbnails
            part="thumbnails"
            .pages=${manifest.pages}
            .current=${this.index}
            .lang=${this.uiLang}
            .rtl=${manifest.viewingDirection === 'right-to-left'}
            @page-select=${this.onPageSelect}
          ></leeszaal-thumbnails>`
          : manifest && manifest.pages.length > 1
            ? html`<div class="thumbs-placeholder"></div>`
            : nothing
      }
      ${
        manifest && (manifest.requiredStatement || manifest.rights)
          ? html`<div class="attribution" part="attribution">
            ${manifest.requiredStatement ? html`<span><strong>${this.text(manifest.requiredStatement.label)}:</strong> ${richText(manifest.requiredStatement.value, this.uiLang)}</span>` : nothing}
            ${manifest.rights ? html`<span>${this.tr('info.rights')}: ${linkOrText(manifest.rights, rightsName(manifest.rights, this.uiLang), { rel: 'license' })}</span>` : nothing}
          </div>`
          : nothing
      }
      <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>
    </div>`;
  }
}

if (!customElements.get('leeszaal-viewer')) customElements.define('leeszaal-viewer', LeeszaalViewer);

declare global {
  interface HTMLElementTagNameMap {
    'leeszaal-viewer': LeeszaalViewer;
  }
}
