// The state of a view in a stable link: which page, which region (`xywh`, in canvas pixels) and
// which rotation, as in `/items/<id>?page=<pageKey>&xywh=x,y,w,h&rotation=n`. Parsing never
// throws: a hand-edited or truncated link opens as much of the view as still makes sense.
export interface Region {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type Rotation = 0 | 90 | 180 | 270;

export interface ViewState {
  page?: string;
  region?: Region;
  rotation: Rotation;
}

const PAGE_KEY = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** `x,y,w,h` with non-negative integers and a positive size, or undefined. */
export function parseXywh(value: string | null | undefined): Region | undefined {
  const m = /^(?:pixel:)?(\d{1,9}),(\d{1,9}),(\d{1,9}),(\d{1,9})$/.exec(value?.trim() ?? '');
  if (!m) return undefined;
  const [x, y, w, h] = m.slice(1).map(Number) as [number, number, number, number];
  return w > 0 && h > 0 ? { x, y, w, h } : undefined;
}

export function formatXywh(r: Region): string {
  return [r.x, r.y, r.w, r.h].map((n) => Math.max(0, Math.round(n))).join(',');
}

export function normaliseRotation(value: number): Rotation {
  const r = (((Math.round(value / 90) * 90) % 360) + 360) % 360;
  return r as Rotation;
}

export function parseRotation(value: string | null | undefined): Rotation {
  if (!value || !/^-?\d{1,4}$/.test(value)) return 0;
  const n = Number(value);
  return n % 90 === 0 ? normaliseRotation(n) : 0;
}

export function parseViewState(search: string | URLSearchParams): ViewState {
  const q = typeof search === 'string' ? new URLSearchParams(search) : search;
  const state: ViewState = { rotation: parseRotation(q.get('rotation')) };
  const page = q.get('page');
  if (page && PAGE_KEY.test(page)) state.page = page;
  const region = parseXywh(q.get('xywh'));
  if (region) state.region = region;
  return state;
}

/**
 * Writes the view state into a query string, keeping unrelated parameters (such as `lang`) and
 * dropping defaults so a plain link stays plain.
 */
export function formatViewState(state: ViewState, existing: string | URLSearchParams = ''): string {
  const q = new URLSearchParams(existing);
  for (const k of ['page', 'xywh', 'rotation']) q.delete(k);
  if (state.page) q.set('page', state.page);
  if (state.region) q.set('xywh', formatXywh(state.region));
  if (state.rotation !== 0) q.set('rotation', String(state.rotation));
  const s = q.toString().replace(/%2C/g, ',');
  return s === '' ? '' : `?${s}`;
}

/** Clamps a region to the page so links and Image API requests never ask outside the image. */
export function clampRegion(r: Region, width: number, height: number): Region | undefined {
  const x = Math.min(Math.max(0, Math.round(r.x)), width);
  const y = Math.min(Math.max(0, Math.round(r.y)), height);
  const w = Math.min(Math.round(r.w), width - x);
  const h = Math.min(Math.round(r.h), height - y);
  return w > 0 && h > 0 ? { x, y, w, h } : undefined;
}
