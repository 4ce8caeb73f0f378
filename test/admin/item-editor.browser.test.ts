// The item editor in real Chromium, as a curator uses it: open Kant's essay from the item list,
// change its title and label a page, move a page with the keyboard (hearing where it went) and
// another by drag and drop, save and preview the item page and viewer as the public will see them,
// publish from the preview and find the change on the public page. The pages are axe-clean in nl, fr
// and en (with a refused save's problems shown, too), fit a tablet, and need nothing the strict admin
// CSP forbids. A save based on an older version is refused with the other change shown. Script
// typed into the summary and title never runs on the public page or in the viewer.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KANT, launchBrowser, screenshotPath } from '../browser/support.ts';
import { CURATORS, type EditorServer, startEditorServer } from './editor-server.ts';

let srv: EditorServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
const cspViolations: string[] = [];

const soon = { timeout: 15_000 };
const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const axe = async (p: Page) =>
  (await new AxeBuilder({ page: p }).withTags(axeTags).analyze()).violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );

async function firstTile(p: Page): Promise<void> {
  await p.waitForFunction(() => performance.getEntriesByName('leeszaal:first-tile').length > 0, null, { timeout: 30_000 });
  await p.waitForTimeout(300);
}

const pageOrder = (p: Page) => p.locator('.page-list > li').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.key));

beforeAll(async () => {
  srv = await startEditorServer();
  browser = await launchBrowser();
  page = await browser.context.newPage();
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  // Signs in through the workspace's form, with the keyboard, as a curator would.
  await page.goto(`${srv.baseUrl}/admin/sign-in?lang=en&next=${encodeURIComponent('/admin/items?lang=en')}`);
  await page.getByLabel('User name').fill('anna');
  await page.getByLabel('Password').fill(CURATORS.anna);
  await page.keyboard.press('Enter');
  await page.waitForURL('**/admin/items?lang=en');
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

describe('item editor in Chromium', () => {
  it('edits the title and a page label, reorders pages by keyboard and by dragging, previews and publishes', async () => {
    await page.goto(`${srv.baseUrl}/admin/items?lang=en`);
    await page.getByRole('link', { name: /Was ist Aufklärung/ }).click();
    await page.waitForURL(`**/admin/items/${KANT}?lang=en`);
    expect(await axe(page)).toEqual([]);
    const before = await pageOrder(page);
    expect(before.length).toBeGreaterThanOrEqual(3);

    await page.getByLabel('Title 1', { exact: true }).fill('Was ist Aufklärung? (Berlinische Monatsschrift)');
    await page.locator('#page-label-0').fill('Titelblatt');

    // Keyboard: the first page down one place, by its Down button and Enter.
    const down = page.getByRole('button', { name: `Down: Page 1 (${before[0]})` });
    await down.focus();
    await page.keyboard.press('Enter');
    expect(await pageOrder(page)).toEqual([before[1], before[0], ...before.slice(2)]);
    await expect.poll(() => page.locator('#page-announcer').textContent()).toBe(`Titelblatt is now at position 2 of ${before.length}.`);
    // The focus stays on the moved page's button, now named for its new place.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Down: Page 2 (${before[0]})`);

    // Drag and drop: the last page onto the first.
    const order = await pageOrder(page);
    await page.locator(`li[data-key="${order.at(-1)}"]`).dragTo(page.locator(`li[data-key="${order[0]}"]`), { targetPosition: { x: 20, y: 5 } });
    const dragged = await pageOrder(page);
    expect(dragged[0]).toBe(order.at(-1));

    // The date's meaning follows the typing.
    await page.locator('#date').fill('147X');
    await expect.poll(() => page.locator('#date-meaning').textContent()).toBe('Means: 1470–1479 (approximate)');
    await page.locator('#date').fill('1784');

    await page.getByRole('button', { name: 'Save and preview' }).click();
    await page.waitForURL(`**/admin/items/${KANT}/preview?lang=en`);
    await firstTile(page);
    await expect.poll(() => page.locator('h1#title').textContent(), soon).toBe('Was ist Aufklärung? (Berlinische Monatsschrift)');
    expect(await page.locator('.preview-banner').textContent()).toContain('Not yet published');
    await page.screenshot({ path: await screenshotPath('admin-item-preview'), fullPage: false });
    // Still the old title for the public.
    const publicBefore = await (await fetch(`${srv.baseUrl}/iiif/presentation/${KANT}/manifest.json`)).text();
    expect(publicBefore).not.toContain('Berlinische Monatsschrift');

    await page.locator('.preview-banner').getByRole('button', { name: 'Publish' }).click();
    await page.waitForURL(`**/admin/items/${KANT}?lang=en&done=published`);
    expect(await page.getByRole('status').first().textContent()).toContain('Published');
    // Every page's thumbnail shows once the list is in view.
    await page.locator('.page-list').scrollIntoViewIfNeeded();
    await page.waitForFunction(
      () => [...document.querySelectorAll<HTMLImageElement>('.page-row img')].every((img) => img.complete && img.naturalWidth > 0),
      null,
      soon,
    );
    await page.screenshot({ path: await screenshotPath('admin-item-editor'), fullPage: true });

    await page.goto(`${srv.baseUrl}/items/${KANT}?lang=en`);
    await firstTile(page);
    expect(await page.locator('h1#title').textContent()).toBe('Was ist Aufklärung? (Berlinische Monatsschrift)');
    const manifest = (await (await fetch(`${srv.baseUrl}/iiif/presentation/${KANT}/manifest.json`)).json()) as {
      items: { id: string; label: Record<string, string[]> }[];
    };
    expect(manifest.items.map((c) => c.id.split('/').at(-1))).toEqual(dragged);
    expect(manifest.items.find((c) => c.id.endsWith(`/${before[0]}`))?.label).toEqual({ none: ['Titelblatt'] });
    await page.screenshot({ path: await screenshotPath('admin-item-published'), fullPage: false });
    expect(cspViolations).toEqual([]);
  });

  it('is axe-clean in nl, fr and en, with problems shown too, and fits a tablet', async () => {
    for (const lang of ['nl', 'fr', 'en']) {
      await page.goto(`${srv.baseUrl}/admin/items/${KANT}?lang=${lang}`);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await axe(page), lang).toEqual([]);
      await page.goto(`${srv.baseUrl}/admin/items/${KANT}/history?lang=${lang}`);
      expect(await axe(page), `history ${lang}`).toEqual([]);
      if (lang === 'en') await page.screenshot({ path: await screenshotPath('admin-item-history'), fullPage: true });
    }
    await page.goto(`${srv.baseUrl}/admin/items/${KANT}?lang=fr`);
    await page.locator('#date').fill('un jour');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await expect.poll(() => page.locator('#problems h2').textContent(), soon).toContain('1 champ(s) à corriger');
    // The summary has the focus and links to the field.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), soon).toBe('problems');
    expect(await page.locator('#date-problem').textContent()).toContain('« un jour »');
    expect(await axe(page)).toEqual([]);

    await page.setViewportSize({ width: 768, height: 1024 });
    await page.goto(`${srv.baseUrl}/admin/items/${KANT}?lang=nl`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: await screenshotPath('admin-item-editor-tablet'), fullPage: false });
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(cspViolations).toEqual([]);
  });

  it('refuses a save based on an older version with the other change shown, in an accessible page', async () => {
    await page.goto(`${srv.baseUrl}/admin/items/${KANT}?lang=en`);
    // Meanwhile, in another tab, the item is changed and saved.
    const other = await browser.context.newPage();
    await other.goto(`${srv.baseUrl}/admin/items/${KANT}?lang=en`);
    await other.locator('#place').fill('Berlin (other tab)');
    await other.getByRole('button', { name: 'Save draft' }).click();
    await other.waitForURL('**done=saved');
    await other.close();

    await page.locator('#place').fill('Berlin (this tab)');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => page.locator('#conflict h2').textContent(), soon).toBe('Not saved: someone else changed this item meanwhile');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), soon).toBe('conflict');
    expect(await page.locator('#conflict tbody tr').first().textContent()).toBe('PlaceBerlin (this tab)Berlin (other tab)');
    expect(await page.locator('#place').inputValue()).toBe('Berlin (this tab)');
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: await screenshotPath('admin-item-conflict'), fullPage: false });
    // Discard the other tab's draft, so the next test starts from the published record.
    await page.goto(`${srv.baseUrl}/admin/items/${KANT}?lang=en`);
    await page.getByRole('button', { name: 'Discard draft' }).click();
    await page.waitForURL('**done=discarded');
  });

  it('never lets script typed into the editor run on the public page or in the viewer', async () => {
    await page.goto(`${srv.baseUrl}/admin/items/${KANT}?lang=en`);
    await page.locator('#title-value-0').fill('<script>window.__pwned = "title"</script>Aufklärung');
    const summary = page.locator('textarea[name="summary"]').last();
    await summary.fill(
      'Kant’s <i>answer</i><script>window.__pwned = "script"</script><img src="/nope" onerror="window.__pwned = \'img\'"> <a href="javascript:window.__pwned = \'link\'">read</a>',
    );
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.waitForURL(`**/admin/items/${KANT}?lang=en&done=published`);

    // A reader's browser of its own: this one keeps the manifest it read before, as caches may for 5 minutes.
    const reader = await launchBrowser();
    const dialogs: string[] = [];
    try {
      const page = await reader.context.newPage();
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await readPublicPage(page);
    } finally {
      await reader.close();
    }
    expect(dialogs).toEqual([]);
  });
});

/** Reads Kant's public page and its viewer's information panel, clicking the summary's link; nothing typed may have run. */
async function readPublicPage(page: Page): Promise<void> {
  await page.goto(`${srv.baseUrl}/items/${KANT}?lang=en`);
  await firstTile(page);
  await expect.poll(() => page.locator('#about .summary').textContent(), soon).toContain('answer');
  // The title shows as the text that was typed; nothing of it is markup.
  expect(await page.locator('h1#title').textContent()).toBe('<script>window.__pwned = "title"</script>Aufklärung');
  await page.locator('#about a', { hasText: 'read' }).click();
  // The viewer's own information panel shows the summary too.
  await page.locator('leeszaal-viewer #open-info').click();
  await page.locator('leeszaal-about-panel').getByText('answer').waitFor(soon);
  await page.waitForTimeout(300);
  const found = await page.evaluate(() => {
    const all: Element[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        all.push(el);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return {
      pwned: (window as unknown as { __pwned?: string }).__pwned,
      scripts: all.filter((e) => e.tagName === 'SCRIPT' && /pwned/.test(e.textContent ?? '')).length,
      handlers: all.filter((e) => e.hasAttribute('onerror')).length,
      jsLinks: all.filter((e) => /^\s*javascript:/i.test(e.getAttribute('href') ?? '')).length,
    };
  });
  expect(found).toEqual({ pwned: undefined, scripts: 0, handlers: 0, jsLinks: 0 });
}
