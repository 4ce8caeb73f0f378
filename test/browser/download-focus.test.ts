// The book's downloads by keyboard, in a real Chromium at 1366x768 in light and dark mode, where a
// new user found no focus shown and the browser's own blue links: on the item page and in the
// viewer's download panel, Tab from "From page" through To page, Image size, the PDF link, both text
// links, RIS, BibTeX and CSL-JSON; each shows a focus ring (an outline or a shadow) at 3:1 against
// what is around it (WCAG 2.4.7, 2.4.11 and 1.4.11), and the links are the site's colour, not the
// browser's default, at 4.5:1 against their background.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contrast, luminance, shownBackground } from './colours.ts';
import { KANT, launchBrowser, screenshotPath, type Site, startSite } from './support.ts';

let site: Site;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  site = await startSite();
  browser = await launchBrowser({ width: 1366, height: 768 });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** The browser's own link colours (unvisited, visited): what a link shows when no style reaches it. */
const UA_LINKS = ['rgb(0, 0, 238)', 'rgb(85, 26, 139)'];

interface Stop {
  name: string;
  tag: string;
  ring: boolean;
  ringContrast: number;
  colour: string;
  colourContrast: number;
}

/** What the focused element (through shadow roots) shows: its name, its focus ring and its colours. */
async function focused(page: Page): Promise<Stop> {
  const el = await page.evaluateHandle(() => {
    let at = document.activeElement;
    while (at?.shadowRoot?.activeElement) at = at.shadowRoot.activeElement;
    return at!;
  });
  const look = await el.evaluate((e) => {
    const s = getComputedStyle(e);
    const outline = s.outlineStyle !== 'none' && Number.parseFloat(s.outlineWidth) > 0;
    const shadow = s.boxShadow !== 'none';
    return {
      name: e.tagName === 'A' ? e.textContent!.trim() : e.id,
      tag: e.tagName,
      ring: outline || shadow,
      ringColour: outline ? s.outlineColor : (/rgba?\([^)]*\)/.exec(s.boxShadow)?.[0] ?? s.color),
      colour: s.color,
    };
  });
  // The ring is drawn outside the element (offset 2px): what is around it is its parent's background.
  const around = await el.evaluateHandle((e) => e.parentElement ?? (e.getRootNode() as ShadowRoot).host);
  const behind = luminance(await (around as unknown as Locator).evaluate(shownBackground));
  const own = luminance(await el.evaluate(shownBackground));
  await around.dispose();
  await el.dispose();
  return {
    name: look.name,
    tag: look.tag,
    ring: look.ring,
    ringContrast: contrast(luminance(look.ringColour), behind),
    colour: look.colour,
    colourContrast: contrast(luminance(look.colour), own),
  };
}

/** Tabs from "From page" (`from`) through the nine controls that follow it, and says what each showed. */
async function tabThrough(page: Page, from: Locator, shot: string): Promise<Stop[]> {
  await from.focus();
  // A keyboard's focus (not a script's): forward and back again, so :focus-visible applies as for a Tab user.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  const stops = [await focused(page)];
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    stops.push(await focused(page));
    if (i === 2) await page.screenshot({ path: await screenshotPath(shot) });
  }
  return stops;
}

function expectVisible(stops: Stop[]): void {
  expect(stops.map((s) => s.name)).toEqual([
    'pdf-from',
    'pdf-to',
    'pdf-size',
    expect.stringContaining('PDF'),
    expect.stringMatching(/text/i),
    expect.stringMatching(/text/i),
    expect.stringContaining('RIS'),
    expect.stringContaining('BibTeX'),
    expect.stringContaining('CSL-JSON'),
  ]);
  for (const stop of stops) {
    expect(stop.ring, `${stop.name}: no focus ring`).toBe(true);
    expect(stop.ringContrast, `${stop.name}: focus ring contrast`).toBeGreaterThanOrEqual(3);
    if (stop.tag !== 'A') continue;
    expect(UA_LINKS, `${stop.name}: the browser's own link colour`).not.toContain(stop.colour);
    expect(stop.colourContrast, `${stop.name}: link colour contrast`).toBeGreaterThanOrEqual(4.5);
  }
}

describe.each(['light', 'dark'] as const)('the book downloads by keyboard, %s', (scheme) => {
  it('on the item page: every control shows focus, the links in the site colour', async () => {
    const page = await browser.context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${site.baseUrl}/items/${KANT}?lang=en`);
    const from = page.locator('#downloads #pdf-from');
    await from.waitFor({ timeout: 30_000 });
    const stops = await tabThrough(page, from, `download-focus-item-${scheme}`);
    expectVisible(stops);
    // The site's accent, as its other links.
    const siteLink = await page
      .locator('main a')
      .first()
      .evaluate((a) => getComputedStyle(a).color);
    expect(stops.filter((s) => s.tag === 'A').map((s) => s.colour)).toEqual(Array(6).fill(siteLink));
    await page.close();
  });

  it("in the viewer's download panel: every control shows focus, the links in the viewer's accent", async () => {
    const page = await browser.context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${site.baseUrl}/items/${KANT}?lang=en`);
    await page.waitForFunction(() => performance.getEntriesByName('leeszaal:first-tile').length > 0, null, { timeout: 30_000 });
    await page.locator('leeszaal-viewer #open-download').click();
    const from = page.locator('leeszaal-viewer .panel #pdf-from');
    await from.waitFor({ timeout: 10_000 });
    const stops = await tabThrough(page, from, `download-focus-viewer-${scheme}`);
    expectVisible(stops);
    const accent = await page.locator('leeszaal-viewer').evaluate((v) => getComputedStyle(v).getPropertyValue('--leeszaal-accent').trim());
    const rgb = await page.evaluate((c) => {
      const probe = document.createElement('span');
      probe.style.color = c;
      document.body.append(probe);
      const out = getComputedStyle(probe).color;
      probe.remove();
      return out;
    }, accent);
    expect(stops.filter((s) => s.tag === 'A').map((s) => s.colour)).toEqual(Array(6).fill(rgb));
    await page.close();
  });
});
