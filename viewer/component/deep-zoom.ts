// The deep-zoom stage: one OpenSeadragon viewer showing one page, or two pages side by side (book
// view), from each page's IIIF image service (tiles from info.json) or, without a service, the plain
// image. World coordinates are canvas pixels of the pages laid out left to right, so a region from a
// link (`xywh`) maps straight onto the viewport. The viewer component drives it; OSD stays in here.
import OpenSeadragon from 'openseadragon';
import type { Region } from './deep-link.ts';
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
}

const GAP = 0.02;

export interface DeepZoomHooks {
  onView: () => void;
  onFirstTile: () => void;
  onFailed: (message: string) => void;
  /** A click (not a drag) on a page, in its canvas pixels; true when it was used, so the click does not also zoom. */
  onPageClick?: (pageIndex: number, x: number, y: number) => boolean;
}

function tileSource(page: Page): OpenSeadragon.TileSourceSpecifier {
  const image = page.image;
  if (image?.service) return `${image.service.id}/info.json` as unknown as OpenSeadragon.TileSourceSpecifier;
  return { type: 'image', url: image?.url ?? '', buildPyramid: false } as unknown as OpenSeadragon.TileSourceSpecifier;
}

export class DeepZoom {
  readonly osd: OpenSeadragon.Viewer;
  private placed: Placed[] = [];
  private firstTile = false;
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
    this.osd.addHandler('animation-finish', () => this.hooks.onView());
    this.osd.addHandler('tile-loaded', () => {
      if (this.firstTile) return;
      this.firstTile = true;
      requestAnimationFrame(() => requestAnimationFrame(() => this.hooks.onFirstTile()));
    });
    this.osd.addHandler('open-failed', (e) => this.hooks.onFailed(String((e as { message?: string }).message ?? 'open failed')));
    this.osd.addHandler('canvas-click', (e) => {
      if (!e.quick || !this.hooks.onPageClick) return;
      const point = this.osd.viewport.pointFromPixel(e.position);
      const placed = this.placed.find((p) => point.x >= p.x && point.x <= p.x + p.page.width);
      if (placed && this.hooks.onPageClick(placed.page.index, point.x - placed.x, point.y)) e.preventDefaultAction = true;
    });
  }

  /** Opens the pages side by side (visual order); resolves when every image is in the world. */
  show(pages: Page[]): Promise<void> {
    let x = 0;
    this.placed = pages.map((page) => {
      const p = { page, x };
      x += page.width * (1 + GAP);
      return p;
    });
    this.osd.clearOverlays();
    this.focus = undefined;
    return new Promise((resolve) => {
      const done = () => {
        this.osd.removeHandler('open', done);
        this.osd.removeHandler('open-failed', done);
        resolve();
      };
      this.osd.addHandler('open', done);
      this.osd.addHandler('open-failed', done);
      this.osd.open(
        this.placed.map(({ page, x: left }) => ({
          tileSource: tileSource(page),
          x: left,
          y: 0,
          width: page.width,
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
    return { x: b.x - placed.x, y: b.y, w: b.width, h: b.height };
  }

  goTo(pageIndex: number, region: Region, immediately = true): void {
    const placed = this.offsetOf(pageIndex);
    if (!placed) return;
    this.osd.viewport.fitBounds(new OpenSeadragon.Rect(region.x + placed.x, region.y, region.w, region.h), immediately);
  }

  home(immediately = false): void {
    this.osd.viewport.goHome(immediately);
  }

  /** The line being read, in world coordinates: zooming keeps it where it is on screen, so it stays in view. */
  private focus: OpenSeadragon.Point | undefined;

  zoomBy(factor: number): void {
    const b = this.bounds();
    const focus = this.focus && b.containsPoint(this.focus) ? this.focus : undefined;
    this.osd.viewport.zoomBy(factor, focus);
    this.osd.viewport.applyConstraints();
  }

  /** Keeps a region of a shown page in view (the line being read): pans to it, at the same zoom, when it is not wholly visible. */
  reveal(pageIndex: number, region: Region | undefined): void {
    const placed = region ? this.offsetOf(pageIndex) : undefined;
    if (!region || !placed) {
      this.focus = undefined;
      return;
    }
    const rect = new OpenSeadragon.Rect(region.x + placed.x, region.y, region.w, region.h);
    this.focus = rect.getCenter();
    const b = this.osd.viewport.getBounds();
    const inside = rect.x >= b.x && rect.y >= b.y && rect.x + rect.width <= b.x + b.width && rect.y + rect.height <= b.y + b.height;
    if (!inside) this.osd.viewport.panTo(this.focus);
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
      this.osd.addOverlay({ element: makeElement(hit), location: new OpenSeadragon.Rect(x + placed.x, y, w, h) });
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
