// What a person sees of a page's colours, for the dark-mode browser tests: the background an element
// really shows (the first ancestor with one, through shadow roots) and WCAG's relative luminance of it.

/** WCAG 2.2 relative luminance (0 black … 1 white) of a CSS `rgb()`/`rgba()` colour as getComputedStyle gives it. */
export function luminance(cssColour: string): number {
  const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/.exec(cssColour);
  if (!m) throw new Error(`not an rgb() colour: ${cssColour}`);
  const [r, g, b] = [m[1], m[2], m[3]].map((c) => {
    const v = Number(c) / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The background colour an element shows: its own, or that of the nearest ancestor (across shadow roots) that paints one. */
export function shownBackground(el: Element): string {
  let at: Element | null = el;
  while (at) {
    const bg = getComputedStyle(at).backgroundColor;
    if (!/^rgba\(.*,\s*0\)$|^transparent$/.test(bg)) return bg;
    const root = at.getRootNode();
    at = at.parentElement ?? (root instanceof ShadowRoot ? root.host : null);
  }
  return 'rgb(255, 255, 255)';
}

/** WCAG 2.2 contrast ratio of two relative luminances (1 … 21). */
export function contrast(a: number, b: number): number {
  const [light, dark] = a > b ? [a, b] : [b, a];
  return (light + 0.05) / (dark + 0.05);
}
