// The reading room in a real browser (Chromium through playwright-core) against the real server on
// the published sample: tiles really painted, keyboard-only use, search inside a book, deep links,
// the language switch, a phone-sized screen, the embeddable viewer on another site, and an axe
// accessibility scan (WCAG 2.2 AA) of every page. Screenshots go to .tmp/screenshots/.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeContentState } from '../../viewer/component/content-state.ts';
import { LANGS, type MessageKey, t } from '../../viewer/component/i18n.ts';
import { imageStats, KANT, launchBrowser, screenshotPath, type Site, startSite } from './support.ts';

let site: Site;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let context: BrowserContext;

beforeAll(async () => {
  site = await startSite();
  browser = await launchBrowser();
  context = browser.context;
  // Every page records what the server's Content Security Policy blocked, so a test can insist on none.
  await context.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}, 180_000);

const cspViolations = (page: Page) => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function openPage(path: string): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as Page & { errors: string[] }).errors = errors;
  await page.goto(`${site.baseUrl}${path}`);
  return page;
}

async function firstTile(page: Page): Promise<void> {
  await page.waitForFunction(() => performance.getEntriesByName('leeszaal:first-tile').length > 0, null, { timeout: 30_000 });
}

/** Brightness of a square at the centre of the viewer's deep-zoom stage, taken from the screen. */
async function stageCentre(page: Page, name: string): Promise<{ mean: number; stdev: number }> {
  const stage = page.locator('leeszaal-viewer #osd');
  const box = (await stage.boundingBox())!;
  const side = Math.min(160, box.width / 3, box.height / 3);
  const png = await page.screenshot({
    path: await screenshotPath(`${name}-centre`),
    clip: { x: box.x + box.width / 2 - side / 2, y: box.y + box.height / 2 - side / 2, width: side, height: side },
  });
  return imageStats(png);
}

/** Accessible label of the focused element, looking through shadow roots. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let a: Element | null = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return (a?.getAttribute('aria-label') ?? a?.textContent ?? '').trim();
  });
}

async function tabTo(page: Page, label: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await focused(page)) === label) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach "${label}" with Tab; last focus: "${await focused(page)}"`);
}

const query = (page: Page) => new URL(page.url()).searchParams;
/** Polling patience for what the page does after a key press or click; the machine may be busy. */
const soon = { timeout: 10_000 };

describe('item page', () => {
  it('paints real tiles from the image service', async () => {
    const page = await openPage(`/items/${KANT}`);
    const tiles: string[] = [];
    page.on('response', (r) => {
      if (/\/iiif\/image\/[^/]+\/[^/]+\/[^/]+\/0\/default\.jpg$/.test(r.url()) && r.status() === 200) tiles.push(r.url());
    });
    await firstTile(page);
    await page.waitForTimeout(500);
    await page.screenshot({ path: await screenshotPath('item-desktop') });
    const { mean, stdev } = await stageCentre(page, 'item-desktop');
    // Paper with printed text: light and varied, unlike the dark empty stage (mean ≈ 28, stdev ≈ 0).
    expect(mean).toBeGreaterThan(90);
    expect(stdev).toBeGreaterThan(12);
    expect(await page.title()).toContain('Aufklärung');
    await expect.poll(() => page.locator('#citation').textContent(), soon).toContain('Kant');
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    await page.close();
  });

  it('renders the summary’s allowed HTML as HTML, and no script in it runs', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // A manifest as another publisher might serve it, its summary not cleaned: the page must clean it.
    await page.route(`**/iiif/presentation/${KANT}/manifest.json`, async (route) => {
      const manifest = (await (await route.fetch()).json()) as Record<string, unknown>;
      manifest.summary = {
        none: [
          '<span>Een <b>vetgedrukt</b> woord<img src="x" onerror="window.pwned = 1"><script>window.pwned = 2</script>' +
            '<a href="javascript:window.pwned = 3">link</a></span>',
        ],
      };
      await route.fulfill({ json: manifest });
    });
    await page.goto(`${site.baseUrl}/items/${KANT}`);
    const about = page.locator('#about');
    await expect.poll(() => about.locator('b').first().textContent(), soon).toBe('vetgedrukt');
    const text = (await about.textContent()) ?? '';
    expect(text).toContain('Een vetgedrukt woord');
    expect(text).not.toContain('<b>');
    expect(text).not.toContain('&lt;');
    expect(
      await about
        .locator('b')
        .first()
        .evaluate((b) => getComputedStyle(b).fontWeight),
    ).toBe('700');
    // The browser loads the image (if kept) and would run the handler: give it the time to.
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await about.locator('script, [onerror]').count()).toBe(0);
    expect(await about.locator('a').first().getAttribute('href')).toBeNull();
    await about.screenshot({ path: await screenshotPath('item-summary-html') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('answers 404 with the friendly page for unknown and unsafe item ids', async () => {
    for (const id of ['no-such-item', 'UPPER', '..%2F..%2Fetc']) {
      const res = await fetch(`${site.baseUrl}/items/${id}`);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('<main id="main"');
    }
  });
});

describe('keyboard only', () => {
  it('turns pages, opens and closes a panel, and picks a thumbnail without a mouse', async () => {
    const page = await openPage(`/items/${KANT}`);
    await firstTile(page);
    await tabTo(page, 'Volgende pagina');
    await page.keyboard.press('Enter');
    await expect.poll(() => query(page).get('page'), soon).toBe('page-0016');
    await expect.poll(() => page.locator('leeszaal-viewer [role="status"]').last().textContent(), soon).toContain('Pagina [2] getoond');

    await tabTo(page, 'Over dit item');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page), soon).toBe('Over dit item');
    expect(await page.locator('leeszaal-viewer .panel dt').first().textContent()).toBe('Titel');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('leeszaal-viewer .panel').count(), soon).toBe(0);
    expect(await focused(page)).toBe('Over dit item');

    // The deep-zoom surface is in the tab order, named, and turns pages with Page Down / Page Up.
    await tabTo(page, 'Pagina [2]. Pijltjestoetsen: verschuiven; plus en min: zoomen; PageDown en PageUp: volgende en vorige pagina.');
    await page.keyboard.press('PageDown');
    await expect.poll(() => query(page).get('page'), soon).toBe('page-0018');
    await page.keyboard.press('PageUp');
    await expect.poll(() => query(page).get('page'), soon).toBe('page-0016');

    await tabTo(page, 'Ga naar pagina [2]');
    await page.keyboard.press('End');
    expect(await focused(page)).toBe('Ga naar pagina [4]');
    await page.keyboard.press('Enter');
    await expect.poll(() => query(page).get('page'), soon).toBe('page-0018');
    await page.screenshot({ path: await screenshotPath('keyboard-focus') });
    await page.close();
  });
});

describe('search inside the book', () => {
  it('lists hits with snippets, turns to the page and outlines the words', async () => {
    const page = await openPage(`/items/${KANT}`);
    await firstTile(page);
    await page.locator('leeszaal-viewer #open-search').click();
    await page.locator('leeszaal-viewer leeszaal-search-panel input').fill('Unmündigkeit');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('leeszaal-viewer .hit.current').count(), { timeout: 15_000 }).toBe(1);
    expect(query(page).get('page')).toBe('page-0017');
    expect(await page.locator('leeszaal-viewer leeszaal-search-panel li').count()).toBeGreaterThan(0);
    expect(await page.locator('leeszaal-viewer leeszaal-search-panel mark').first().textContent()).toMatch(/unm/i);
    await page.waitForTimeout(800);
    const box = (await page.locator('leeszaal-viewer .hit.current').boundingBox())!;
    expect(box.width).toBeGreaterThan(10);
    expect(box.height).toBeGreaterThan(5);
    await page.screenshot({ path: await screenshotPath('search-hit') });

    // A common word: step through the hits with the next and previous buttons.
    await page.locator('leeszaal-viewer leeszaal-search-panel input').fill('der');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('leeszaal-viewer leeszaal-search-panel li').count(), soon).toBeGreaterThan(2);
    const total = await page.locator('leeszaal-viewer leeszaal-search-panel li').count();
    await page.locator('leeszaal-viewer').getByRole('button', { name: 'Volgend resultaat' }).click();
    await expect.poll(() => page.locator('leeszaal-viewer [role="status"]').last().textContent(), soon).toBe(`Resultaat 2 van ${total}, pagina 481`);
    // Once the view has zoomed to the hit, the hit is still what is announced, not the zoom level.
    await page.waitForTimeout(1500);
    expect(await page.locator('leeszaal-viewer [role="status"]').last().textContent()).toBe(`Resultaat 2 van ${total}, pagina 481`);
    expect(await page.locator('leeszaal-viewer leeszaal-search-panel li button[aria-current="true"]').textContent()).toBe(
      await page.locator('leeszaal-viewer leeszaal-search-panel li button').nth(1).textContent(),
    );
    await page.locator('leeszaal-viewer').getByRole('button', { name: 'Vorig resultaat' }).click();
    await page.locator('leeszaal-viewer').getByRole('button', { name: 'Vorig resultaat' }).click();
    await expect
      .poll(() => page.locator('leeszaal-viewer [role="status"]').last().textContent(), soon)
      .toBe(`Resultaat ${total} van ${total}, pagina 481`);
    expect(await page.locator('leeszaal-viewer .hit').count()).toBe(total);
    await page.close();
  });
});

describe('deep links', () => {
  it('restores page, region and rotation from the URL, and keeps the URL in step', async () => {
    const page = await openPage(`/items/${KANT}?page=page-0017&xywh=300,400,600,500&rotation=90`);
    await firstTile(page);
    await page.waitForTimeout(500);
    expect(await page.locator('leeszaal-viewer #page-select').inputValue()).toBe('2');
    const region = await page.evaluate(
      () => (document.querySelector('leeszaal-viewer') as unknown as { region?: { x: number; y: number; w: number; h: number } }).region,
    );
    expect(region).toBeDefined();
    // The view covers the asked region (the screen's shape may widen one side) and not the whole page.
    expect(region!.x).toBeLessThanOrEqual(305);
    expect(region!.y).toBeLessThanOrEqual(405);
    expect(region!.x + region!.w).toBeGreaterThanOrEqual(895);
    expect(region!.y + region!.h).toBeGreaterThanOrEqual(895);
    expect(region!.w * region!.h).toBeLessThan(1456 * 2083 * 0.5);
    expect(query(page).get('rotation')).toBe('90');
    expect(query(page).get('page')).toBe('page-0017');
    await page.screenshot({ path: await screenshotPath('deep-link') });
    const { mean, stdev } = await stageCentre(page, 'deep-link');
    expect(mean).toBeGreaterThan(90);
    expect(stdev).toBeGreaterThan(12);
    await page.close();
  });
});

describe('content state in the link', () => {
  it('opens the canvas and region of ?iiif-content=', async () => {
    const manifest = `${site.baseUrl}/iiif/presentation/${KANT}/manifest.json`;
    const canvas = `${site.baseUrl}/iiif/presentation/${KANT}/canvas/page-0018`;
    const state = encodeContentState({ manifest, canvas, region: { x: 100, y: 100, w: 400, h: 300 } });
    const page = await openPage(`/items/${KANT}?iiif-content=${state}`);
    await firstTile(page);
    await expect.poll(() => query(page).get('page'), soon).toBe('page-0018');
    expect(query(page).get('xywh')).not.toBeNull();
    await page.close();
  });
});

describe('language', () => {
  it.each(
    LANGS.flatMap((lang) =>
      (
        [
          ['home', '/', 'home.title', 200],
          ['search', '/search?q=kant', 'search.title', 200],
          ['item', `/items/${KANT}`, 'item.about', 200],
          ['not found', '/items/no-such-item', 'site.notFound', 404],
        ] as const
      ).map(([name, path, key, status]) => [name, lang, path, key, status] as const),
    ),
  )('sends the %s page in %s before any script runs', async (_name, lang, path, key, status) => {
    const res = await fetch(`${site.baseUrl}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
    expect(res.status).toBe(status);
    const html = await res.text();
    expect(html).toMatch(new RegExp(`^<!doctype html>\\s*<html lang="${lang}">`, 'i'));
    expect(html).toContain(`>${t(lang, key as MessageKey)}</`);
    expect(html).toContain(`>${t(lang, 'site.skip')}</a>`);
    expect(html).toContain(`aria-label="${t(lang, 'site.nav')}"`);
    expect(html).toMatch(new RegExp(`data-lang="${lang}" aria-current="true"`));
    if (lang !== 'nl') expect(html).not.toContain('Ga naar de inhoud');
    // The item page's title, written by the server, survives in every language.
    if (path.startsWith('/items/') && status === 200) expect(html).toMatch(/<h1 id="title">Beantwortung der Frage/);
  });

  it("sends the reader's saved or browser language when the link names none", async () => {
    const saved = await (await fetch(`${site.baseUrl}/search`, { headers: { cookie: 'leeszaal-lang=en' } })).text();
    expect(saved).toContain('<html lang="en">');
    expect(saved).toContain('<title data-i18n="search.pageTitle">Search — Leeszaal</title>');
    const browser = await (await fetch(`${site.baseUrl}/`, { headers: { 'accept-language': 'fr-BE,fr;q=0.9,en;q=0.8' } })).text();
    expect(browser).toContain('<html lang="fr">');
    expect(browser).toContain('>La collection</h1>');
  });

  it('switches the interface and remembers the choice', async () => {
    const page = await openPage('/');
    expect(await page.locator('h1').textContent()).toBe('De collectie');
    await page.getByRole('link', { name: 'FR Français' }).click();
    await expect.poll(() => page.locator('h1').textContent(), soon).toBe('La collection');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await page.goto(`${site.baseUrl}/items/${KANT}`);
    await firstTile(page);
    expect(await page.locator('leeszaal-viewer').getByRole('button', { name: 'Page suivante' }).count()).toBe(1);
    await page.getByRole('link', { name: 'EN English' }).click();
    await expect.poll(() => page.locator('leeszaal-viewer').getByRole('button', { name: 'Next page' }).count(), soon).toBe(1);
    expect(await page.locator('#about-title').textContent()).toBe('Description');
    await page.screenshot({ path: await screenshotPath('item-english') });
    await page.getByRole('link', { name: 'NL Nederlands' }).click();
    await expect.poll(() => page.locator('#about-title').textContent(), soon).toBe('Beschrijving');
    await page.close();
  });
});

describe('phone', () => {
  it('fits a phone screen and still paints the page', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${site.baseUrl}/items/${KANT}`);
    await firstTile(page);
    await page.waitForTimeout(500);
    await page.screenshot({ path: await screenshotPath('item-phone') });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const { mean, stdev } = await stageCentre(page, 'item-phone');
    expect(mean).toBeGreaterThan(90);
    expect(stdev).toBeGreaterThan(12);
    // On a phone the about panel is behind the toolbar's "more" button.
    await page.locator('leeszaal-viewer #more').click();
    await page.locator('leeszaal-viewer #open-info').click();
    const panel = (await page.locator('leeszaal-viewer .panel').boundingBox())!;
    expect(panel.x).toBeGreaterThanOrEqual(0);
    expect(panel.x + panel.width).toBeLessThanOrEqual(391);
    await page.screenshot({ path: await screenshotPath('item-phone-panel') });
    await page.goto(`${site.baseUrl}/search?q=kant`);
    await expect.poll(() => page.locator('.result').count(), soon).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: await screenshotPath('search-phone'), fullPage: true });
    await page.close();
  });
});

describe('phone, 360 by 740', () => {
  const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
  const axe = async (page: Page) =>
    (await new AxeBuilder({ page }).withTags(axeTags).analyze()).violations.map(
      (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );

  it('keeps the toolbar to one row, with the other controls in an accessible "more" disclosure', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${site.baseUrl}/items/${KANT}`);
    await firstTile(page);
    await page.screenshot({ path: await screenshotPath('phone-toolbar') });
    const toolbar = (await page.locator('leeszaal-viewer .toolbar').boundingBox())!;
    const button = (await page.locator('leeszaal-viewer #open-search').boundingBox())!;
    // One row: the toolbar is a button's height plus its padding, not two rows or more.
    expect(toolbar.height).toBeLessThan(button.height * 2);
    const more = page.locator('leeszaal-viewer #more');
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    expect(await more.getAttribute('aria-controls')).toBe('more-controls');
    expect(await page.locator('leeszaal-viewer #open-info').isVisible()).toBe(false);
    await more.click();
    expect(await more.getAttribute('aria-expanded')).toBe('true');
    expect(await page.locator('leeszaal-viewer').getByRole('button', { name: 'Over dit item' }).isVisible()).toBe(true);
    await page.screenshot({ path: await screenshotPath('phone-more') });
    expect(await axe(page)).toEqual([]);
    // Escape closes the menu and leaves focus on its button.
    await page.locator('leeszaal-viewer').getByRole('button', { name: 'Inzoomen' }).focus();
    await page.keyboard.press('Escape');
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    expect(await focused(page)).toBe('Meer bediening');
    // A panel chosen from the menu closes it; closing the panel brings focus back to "more".
    await page.keyboard.press('Enter');
    await page.locator('leeszaal-viewer').getByRole('button', { name: 'Over dit item' }).click();
    await expect.poll(() => page.locator('leeszaal-viewer .panel').count(), soon).toBe(1);
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    expect(await axe(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('leeszaal-viewer .panel').count(), soon).toBe(0);
    expect(await focused(page)).toBe('Meer bediening');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.close();
  });

  it('after choosing a search hit shows the page with the hit outlined above the panel', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${site.baseUrl}/items/${KANT}`);
    await firstTile(page);
    await page.locator('leeszaal-viewer #open-search').click();
    await page.locator('leeszaal-viewer leeszaal-search-panel input').fill('Unmündigkeit');
    await page.keyboard.press('Enter');
    await page.locator('leeszaal-viewer leeszaal-search-panel li button').first().click();
    await expect.poll(() => page.locator('leeszaal-viewer .hit.current').count(), { timeout: 15_000 }).toBe(1);
    await page.waitForTimeout(1200);
    await page.screenshot({ path: await screenshotPath('phone-search-hit') });
    const hit = (await page.locator('leeszaal-viewer .hit.current').boundingBox())!;
    const stage = (await page.locator('leeszaal-viewer #osd').boundingBox())!;
    const panel = (await page.locator('leeszaal-viewer .panel').boundingBox())!;
    // The outline is on screen, and what the reader sees there is the page, not the panel over it.
    expect(hit.y).toBeGreaterThanOrEqual(0);
    expect(hit.y + hit.height).toBeLessThanOrEqual(740);
    const under = await page.evaluate(
      ([x, y]) => {
        const root = document.querySelector('leeszaal-viewer')!.shadowRoot!;
        const el = root.elementFromPoint(x!, y!);
        return { inStage: el?.closest('#osd') !== null, inPanel: el?.closest('.panel') !== null };
      },
      [hit.x + hit.width / 2, hit.y + hit.height / 2],
    );
    expect(under).toEqual({ inStage: true, inPanel: false });
    // The page keeps a good part of the screen (on today's phones, over 200 pixels high) above the
    // panel, which takes at most half of the room the two share.
    expect(Math.min(stage.y + stage.height, 740) - Math.max(stage.y, 0)).toBeGreaterThan(200);
    expect(panel.y).toBeGreaterThanOrEqual(stage.y + stage.height - 1);
    expect(panel.height).toBeLessThanOrEqual((stage.height + panel.height) * 0.5 + 1);
    expect(await axe(page)).toEqual([]);
    await page.close();
  });
});

describe('classroom screen', () => {
  it('fills a large screen without overflow', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${site.baseUrl}/items/${KANT}?lang=fr`);
    await firstTile(page);
    await page.waitForTimeout(300);
    await page.screenshot({ path: await screenshotPath('item-classroom') });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const viewer = (await page.locator('leeszaal-viewer').boundingBox())!;
    expect(viewer.width).toBeGreaterThan(1200);
    expect(viewer.height).toBeGreaterThan(700);
    await page.getByRole('link', { name: 'NL Nederlands' }).click();
    await page.close();
  });
});

describe('page weight', () => {
  it('home and search never load OpenSeadragon; the item page does', async () => {
    const scriptsOf = async (path: string, ready: (page: Page) => Promise<void>) => {
      const page = await context.newPage();
      const bodies: Promise<string>[] = [];
      page.on('response', (r) => {
        if (r.request().resourceType() === 'script') bodies.push(r.text().catch(() => ''));
      });
      await page.goto(`${site.baseUrl}${path}`);
      await ready(page);
      const texts = await Promise.all(bodies);
      await page.close();
      return texts;
    };
    const home = await scriptsOf('/', (page) => page.locator('.card').first().waitFor());
    const search = await scriptsOf('/search?q=kant', (page) => page.locator('.result').first().waitFor());
    const item = await scriptsOf(`/items/${KANT}`, firstTile);
    const osd = (texts: string[]) => texts.some((t) => t.includes('OpenSeadragon'));
    expect(home.length).toBeGreaterThan(0);
    expect(search.length).toBeGreaterThan(0);
    expect(osd(home)).toBe(false);
    expect(osd(search)).toBe(false);
    expect(osd(item)).toBe(true);
  });
});

describe('search page', () => {
  it('on a phone puts the results above the filters, in reading and keyboard order', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${site.baseUrl}/search?q=kant`);
    await expect.poll(() => page.locator('.result').count(), soon).toBeGreaterThan(0);
    await page.screenshot({ path: await screenshotPath('search-phone-order') });
    const result = (await page.locator('.result').first().boundingBox())!;
    const filters = (await page.locator('#filters').boundingBox())!;
    // The first result is on the first screen, and the filters come after the results.
    expect(result.y + result.height).toBeLessThanOrEqual(740);
    expect(filters.y).toBeGreaterThanOrEqual(result.y + result.height);
    // Headings: the page title, then Results before Refine.
    expect(await page.locator('h1, h2').allTextContents()).toEqual(['Zoeken in de collectie', 'Resultaten', 'Verfijnen']);
    // From the search button, Tab reaches the first result before any filter.
    await page.locator('#search-form button[type="submit"]').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('.result') !== null)).toBe(true);
    await page.close();
  });

  it('suggests as the reader types', async () => {
    const page = await openPage('/search');
    await page.locator('#q').pressSequentially('kan');
    await expect
      .poll(() => page.locator('#suggestions option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)), soon)
      .toContain('Immanuel Kant');
    await page.close();
  });

  it('finds items, filters by a facet and opens the item at the matching page', async () => {
    const page = await openPage('/search?q=Unm%C3%BCndigkeit');
    await expect.poll(() => page.locator('.result').count(), soon).toBe(1);
    expect(await page.locator('.result .snippet mark').first().textContent()).toMatch(/unm/i);
    const href = await page.locator('.result h3 a').getAttribute('href');
    expect(href).toBe(`/items/${KANT}?page=page-0017&q=Unm%C3%BCndigkeit`);
    await page.goto(`${site.baseUrl}/search`);
    await expect.poll(() => page.locator('.result').count(), soon).toBe(4);
    await page.getByRole('checkbox', { name: /Prent/ }).check();
    await expect.poll(() => page.locator('.result').count(), soon).toBe(3);
    expect(query(page).getAll('type')).toEqual(['print']);
    await page.screenshot({ path: await screenshotPath('search-facet'), fullPage: true });
    await page.goto(`${site.baseUrl}${href}`);
    await expect.poll(() => page.locator('leeszaal-viewer .hit').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(query(page).get('page')).toBe('page-0017');
    await page.close();
  });
});

describe('book view and the URL', () => {
  it('names the facing page in the URL when the view goes to a hit on it', async () => {
    const page = await openPage(`/items/${KANT}`);
    await firstTile(page);
    expect(await page.locator('leeszaal-viewer #mode-select').inputValue()).toBe('book');
    // The spread page-0016 | page-0017, entered from its left page; the only hit is on the right one.
    await page.locator('leeszaal-viewer').getByRole('button', { name: 'Volgende pagina' }).click();
    await expect.poll(() => query(page).get('page'), soon).toBe('page-0016');
    await page.evaluate(() =>
      (document.querySelector('leeszaal-viewer') as unknown as { searchText: (q: string) => Promise<void> }).searchText('Unmündigkeit'),
    );
    await expect.poll(() => page.locator('leeszaal-viewer .hit.current').count(), soon).toBe(1);
    await expect.poll(() => query(page).get('xywh'), soon).not.toBeNull();
    await page.waitForTimeout(1500);
    expect(query(page).get('page')).toBe('page-0017');
    // The region lies on page-0017 itself (1456x2083 pixels) around the hit, not beside the left page.
    const [x, y, w, h] = query(page).get('xywh')!.split(',').map(Number) as [number, number, number, number];
    expect(x).toBeGreaterThanOrEqual(0);
    expect(x + w).toBeLessThanOrEqual(1456);
    expect(y + h).toBeLessThanOrEqual(2083);
    expect(w).toBeLessThan(1456);
    await page.screenshot({ path: await screenshotPath('book-hit-facing-page') });
    // The link opens that page at that region.
    const again = await openPage(`/items/${KANT}?${query(page).toString()}`);
    await firstTile(again);
    expect(await again.locator('leeszaal-viewer #page-select').inputValue()).toBe('2');
    await again.close();
    await page.close();
  });
});

describe('embedded on another site', () => {
  it('runs from the standalone bundle on a page of another origin', async () => {
    const manifest = `${site.baseUrl}/iiif/presentation/${KANT}/manifest.json`;
    const museum = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="fr"><head><title>Musée</title>
<script type="module" src="${site.baseUrl}/embed/leeszaal-viewer.js"></script></head>
<body><main><h1>Notre livre</h1><leeszaal-viewer manifest="${manifest}"></leeszaal-viewer></main></body></html>`);
    });
    await new Promise<void>((resolve) => museum.listen(0, '127.0.0.1', resolve));
    try {
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${(museum.address() as AddressInfo).port}/`);
      await firstTile(page);
      await page.waitForTimeout(500);
      await page.screenshot({ path: await screenshotPath('embedded') });
      const { mean } = await stageCentre(page, 'embedded');
      expect(mean).toBeGreaterThan(90);
      expect(await page.locator('leeszaal-viewer').getByRole('button', { name: 'Page suivante' }).count()).toBe(1);
      await page.close();
    } finally {
      museum.closeAllConnections();
      await new Promise<void>((resolve) => museum.close(() => resolve()));
    }
  });
});

describe('accessibility (axe, WCAG 2.2 AA)', () => {
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
  it.each([
    ['home', '/', async (page: Page) => page.locator('.card').first().waitFor()],
    ['search', '/search?q=kant', async (page: Page) => page.locator('.result').first().waitFor()],
    ['item', `/items/${KANT}`, firstTile],
    [
      'item with the about panel',
      `/items/${KANT}`,
      async (page: Page) => {
        await firstTile(page);
        await page.locator('leeszaal-viewer #open-info').click();
      },
    ],
    ['not found', '/items/no-such-item', async () => undefined],
  ])('%s has no violations', async (_name, path, ready) => {
    const page = await openPage(path);
    await ready(page);
    const result = await new AxeBuilder({ page }).withTags(tags).analyze();
    const summary = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    expect(summary).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    await page.close();
  });
});
