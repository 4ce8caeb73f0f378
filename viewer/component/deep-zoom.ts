// The deep-zoom stage: one OpenSeadragon viewer showing one page, two pages side by side (book
// view) or every page one under another (the strip a continuous or top-to-bottom manifest asks for),
// from each page's IIIF image service (tiles from info.json) or, without a service, the plain image.
// World coordinates are canvas pixels of the pages as laid out, so a region from a link (`xywh`) maps
// straight onto the viewport. A page whose image fails is reported by page, and the others still show.
// The viewer component drives it; OSD stays in here.
import OpenSeadragon from 'openseadragon';
import type { Region } from './deep-link.ts';
import { leastPan } from './keep-in-view.ts';
import type { Page } from './manifest-model.ts';

export interface Highlight {
  page: number;
  region: Region;
  label: string;
  current: boolean;
  /** A text line outlined from the reading view (search hits have none). */
  kind?: 'line';
}

interface Placed {
  page: Page;
  x: number;
  y: number;
}

/** `row`: side by side in the order given; `column`: one under another, centred; `scroll`: a column without gaps (one object cut in parts). */
export type Layout = 'row' | 'column' | 'scroll';

const GAP = 0.02;

export interface DeepZoomHooks {
  onView: () => void;
  onFirstTile: () => void;
  /** A page's image could not be opened (its info.json or image failed); the other pages still show. */
  onImageFailed: (page: Page) => void;
  /** A click (not a drag) on a page, in its canvas pixels; true when it was used, so the click does not also zoom. */
  onPageClick?: (pageIndex: number, x: number, y: number) => boolean;
}

/**
 * A page's tile source; for an image service its info.json, fetched here rather than by OSD, so a
 * page whose service fails is known before OSD sees it: OSD 6 keeps the pages queued behind a failed
 * one and never adds them. Undefined when the service does not answer with JSON.
 */
async function tileSource(page: Page): Promise<OpenSeadragon.TileSourceSpecifier | undefined> {
  const image = page.image;
  if (!image?.service) return { type: 'image', url: image?.url ?? '', buildPyramid: false } as unknown as OpenSeadragon.TileSourceSpecifier;
  try {
    const res = await fetch(`${image.service.id}/info.json`);
    return res.ok ? ((await res.json()) as OpenSeadragon.TileSourceSpecifier) : undefined;
  } catch {
    return undefined;
  }
}

/** Where each page goes in the world (canvas pixels). */
function place(pages: Page[], layout: Layout): Placed[] {
  if (layout === 'row') {
    let x = 0;
    return pages.map((page) => {
      const p = { page, x, y: 0 };
      x += page.width * (1 + GAP);
      return p;
    });
  }
  const width = Math.max(...pages.map((p) => p.width));
  const gap = layout === 'scroll' ? 0 : width * GAP;
  let y = 0;
  return pages.map((page) => {
    const p = { page, x: (width - page.width) / 2, y };
    y += page.height + gap;
    return p;
  });
}

export class DeepZoom {
  readonly osd: OpenSeadragon.Viewer;
  private placed: Placed[] = [];
  private layout: Layout = 'row';
  /** What the world holds, so showing the same pages again (turning within a strip) only moves the view. */
  private shownKey = '';
  private firstTile = false;
  /** Indices of the shown pages whose image could not be opened. */
  readonly failed = new Set<number>();
  private readonly hooks: DeepZoomHooks;

  constructor(element: HTMLElement, hooks: DeepZoomHooks) {
    this.hooks = hooks;
    this.osd = OpenSeadragon({
      element,
      showNavigationControl: false,
      showNavigator: false,
      crossOriginPolicy: 'Anonymous',
      animationTime: 0.4,
      springStiffness: 9,
      visibilityRatio: 0.5,
      minZoomImageRatio: 0.5,
      maxZoomPixelRatio: 2.5,
      immediateRender: false,
      blendTime: 0,
      preserveImageSizeOnResize: true,
      // The 2D canvas drawer paints the first tile soonest everywhere; WebGL costs a slow start-up
      // on machines without a GPU (school laptops, headless browsers) and gains nothing for pages.
      drawer: 'canvas',
      gestureSettingsTouch: { pinchRotate: true } as OpenSeadragon.GestureSettings,
    });
    this.osd.addHandler('animation-finish', () => {
      this.settled();
      this.hooks.onView();
    });
    this.osd.addHandler('zoom', () => {
      this.zoomed = true;
    });
    this.osd.addHandler('canvas-drag', () => {
      this.zoomed = false;
    });
    this.osd.addHandler('tile-loaded', () => {
      if (this.firstTile) return;
      this.firstTile = true;
      requestAnimationFrame(() => requestAnimationFrame(() => this.hooks.onFirstTile()));
    });
    // In a strip the wheel scrolls along it, as a reader scrolls a long page; elsewhere it zooms.
    this.osd.addHandler('canvas-scroll', (e) => {
      if (this.layout === 'row') return;
      const event = e as unknown as { originalEvent: WheelEvent; preventDefault?: boolean };
      const delta = this.osd.viewport.deltaPointsFromPixels(new OpenSeadragon.Point(0, event.originalEvent.deltaY));
      this.osd.viewport.panBy(delta);
      this.osd.viewport.applyConstraints();
      event.preventDefault = true;
    });
    this.osd.addHandler('canvas-click', (e) => {
      if (!e.quick || !this.hooks.onPageClick) return;
      const point = this.osd.viewport.pointFromPixel(e.position);
      const placed = this.placed.find((p) => point.x >= p.x && point.x <= p.x + p.page.width && point.y >= p.y && point.y <= p.y + p.page.height);
      if (placed && this.hooks.onPageClick(placed.page.index, point.x - placed.x, point.y - placed.y)) e.preventDefaultAction = true;
    });
  }

  /**
   * Opens the pages in a layout (visual order); resolves when every image is in the world or has
   * failed. Pages already in the world in the same layout are kept as they are.
   */
  async show(pages: Page[], layout: Layout = 'row'): Promise<void> {
    const key = `${layout} ${pages.map((p) => p.canvasId).join(' ')}`;
    if (key === this.shownKey) return;
    this.shownKey = key;
    this.layout = layout;
    (this.osd as unknown as { gestureSettingsMouse: OpenSeadragon.GestureSettings }).gestureSettingsMouse.scrollToZoom = layout === 'row';
    this.placed = place(pages, layout);
    this.failed.clear();
    this.osd.clearOverlays();
    this.line = undefined;
    const sources = await Promise.all(this.placed.map(({ page }) => tileSource(page)));
    // A later show() has taken over while the info.json files were on their way.
    if (key !== this.shownKey) return;
    const failed = (page: Page) => {
      this.failed.add(page.index);
      this.hooks.onImageFailed(page);
    };
    const opening = this.placed.flatMap((placed, i) => {
      const source = sources[i];
      if (source) return [{ placed, source }];
      failed(placed.page);
      return [];
    });
    if (opening.length === 0) {
      this.osd.close();
      return;
    }
    return new Promise((resolve) => {
      const done = () => {
        this.osd.removeHandler('open', done);
        this.osd.removeHandler('open-failed', done);
        resolve();
      };
      this.osd.addHandler('open', done);
      this.osd.addHandler('open-failed', done);
      this.osd.open(
        opening.map(({ placed: { page, x: left, y: top }, source }) => ({
          tileSource: source,
          x: left,
          y: top,
          width: page.width,
          // A plain image (or a service's JSON OSD cannot read) can still fail here.
          error: () => failed(page),
        })) as unknown as OpenSeadragon.TileSourceSpecifier[],
      );
    });
  }

  private offsetOf(pageIndex: number): Placed | undefined {
    return this.placed.find((p) => p.page.index === pageIndex);
  }

  /** Visible region in the canvas pixels of one shown page. */
  region(pageIndex: number): Region | undefined {
    const placed = this.offsetOf(pageIndex);
    if (!placed) return undefined;
    const b = this.osd.viewport.getBounds(true);
    return { x: b.x - placed.x, y: b.y - placed.y, w: b.width, h: b.height };
  }

  /** The shown page at the top edge of the view (where a reader of a strip is reading), in strip layouts. */
  pageAtTop(): number | undefined {
    const top = Math.max(0, this.osd.viewport.getBounds(true).y + 1);
    const under = this.placed.filter((p) => p.y <= top);
    return (under.at(-1) ?? this.placed[0])?.page.index;
  }

  goTo(pageIndex: number, region: Region, immediately = true): void {
    const placed = this.offsetOf(pageIndex);
    if (!placed) return;
    this.osd.viewport.fitBounds(new OpenSeadragon.Rect(region.x + placed.x, region.y + placed.y, region.w, region.h), immediately);
  }

  /**
   * In a strip, the top of a page at the top of the view: a continuous object fills the width (it is
   * read along its length); separate pages are shown whole, with the next one below.
   */
  toTopOf(pageIndex: number, immediately = true): void {
    const placed = this.offsetOf(pageIndex);
    if (!placed) return;
    const size = this.osd.viewport.getContainerSize();
    const aspect = size.y / Math.max(1, size.x);
    const { width, height } = placed.page;
    if (this.layout === 'scroll') {
      const stripWidth = Math.max(...this.placed.map((p) => p.page.width));
      this.osd.viewport.fitBounds(new OpenSeadragon.Rect(0, placed.y, stripWidth, stripWidth * aspect), immediately);
      return;
    }
    const h = Math.max(height, width * aspect);
    this.osd.viewport.fitBounds(new OpenSeadragon.Rect(placed.x + width / 2 - h / aspect / 2, placed.y, h / aspect, h), immediately);
  }

  home(immediately = false): void {
    this.osd.viewport.goHome(immediately);
  }

  /** The line being read (world coordinates), kept in view: zooming keeps it where it is on screen, and the view follows it. */
  private line: OpenSeadragon.Rect | undefined;
  /** A zoom (toolbar, wheel, pinch, keyboard, a new page) since the view last came to rest; a drag clears it. */
  private zoomed = false;

  zoomBy(factor: number): void {
    const b = this.bounds();
    const centre = this.line?.getCenter();
    this.osd.viewport.zoomBy(factor, centre && b.containsPoint(centre) ? centre : undefined);
    this.osd.viewport.applyConstraints();
  }

  /** Keeps a region of a shown page in view (the line being read): pans, at the same zoom, the least that brings it wholly in. */
  reveal(pageIndex: number, region: Region | undefined): void {
    const placed = region ? this.offsetOf(pageIndex) : undefined;
    this.line = region && placed ? new OpenSeadragon.Rect(region.x + placed.x, region.y + placed.y, region.w, region.h) : undefined;
    this.keepLineInView();
  }

  /** After a zoom comes to rest, the line being read back in view; a pan the reader made on purpose is left as it is. */
  private settled(): void {
    if (this.zoomed) this.keepLineInView();
    this.zoomed = false;
  }

  private keepLineInView(): void {
    if (!this.line) return;
    const b = this.osd.viewport.getBounds();
    const { dx, dy } = leastPan(
      { x: b.x, y: b.y, w: b.width, h: b.height },
      { x: this.line.x, y: this.line.y, w: this.line.width, h: this.line.height },
    );
    if (dx !== 0 || dy !== 0) this.osd.viewport.panBy(new OpenSeadragon.Point(dx, dy));
  }

  get rotation(): number {
    return this.osd.viewport.getRotation();
  }

  setRotation(degrees: number, immediately = false): void {
    this.osd.viewport.setRotation(degrees, immediately);
  }

  /** Screen pixels per canvas pixel, as a percentage, for the zoom announcement. */
  zoomPercent(): number {
    return Math.round(this.osd.viewport.getContainerSize().x * this.osd.viewport.getZoom(true) * 100);
  }

  /** Bounds in world coordinates (canvas pixels). */
  bounds(): OpenSeadragon.Rect {
    return this.osd.viewport.getBounds(true);
  }

  /**
   * The view in units of the first page's width, so a compared view of a page of another size
   * shows the same part of its page (the same corner, the same share of the width).
   */
  relativeBounds(): Region {
    const b = this.bounds();
    const unit = this.placed[0]?.page.width ?? 1;
    return { x: b.x / unit, y: b.y / unit, w: b.width / unit, h: b.height / unit };
  }

  fitRelative(r: Region): void {
    const unit = this.placed[0]?.page.width ?? 1;
    this.osd.viewport.fitBounds(new OpenSeadragon.Rect(r.x * unit, r.y * unit, r.w * unit, r.h * unit), true);
  }

  highlight(hits: Highlight[], makeElement: (hit: Highlight) => HTMLElement): void {
    this.osd.clearOverlays();
    for (const hit of hits) {
      const placed = this.offsetOf(hit.page);
      if (!placed) continue;
      const { x, y, w, h } = hit.region;
      this.osd.addOverlay({ element: makeElement(hit), location: new OpenSeadragon.Rect(x + placed.x, y + placed.y, w, h) });
    }
  }

  /** Names the focusable deep-zoom surface for screen readers and says which keys work on it. */
  describe(label: string): void {
    const canvas = this.osd.canvas as HTMLElement;
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', label);
  }

  resize(): void {
    this.osd.forceResize();
  }

  destroy(): void {
    this.osd.destroy();
  }
}
