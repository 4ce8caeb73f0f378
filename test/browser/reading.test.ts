// The reading room's text view and read-aloud in real Chromium on the published sample (Kant,
// "Was ist Aufklärung?", page 481 = page-0017, with ALTO text; its facing page 480 has none).
// Covers: the text beside the scan in its paragraphs, as printed ("iſt") and in modern spelling
// ("ist"); a hovered line outlined at its xywh on the scan (the overlay's screen box against the
// deep-zoom viewport's own mapping of the line's box); a click on the scan choosing the line; the
// keyboard; copying the page's text with its citation; the phone layout switch; the accessibility
// tree (ariaSnapshot) holding the page's words; axe (WCAG 2.2 AA) with the text open on a desktop,
// in dark mode and on a 360-pixel phone.
// Read aloud runs with REAL voices: Chromium with --enable-speech-dispatcher spawns speech-dispatcher
// (Debian's, with espeak-ng; .ci/install-system.sh) under a private config whose audio goes to ALSA's
// null device, so utterances really start and end headless and the highlight follows line by line,
// turning the page at its end (pause, stop, next and previous line are stepped through by hand;
// pausing is also covered by the unit tests of read-aloud.ts); pausing, resuming (the line read
// again) and the speed are checked on the utterances handed to the real engine (their text and rate).
// The line being read is kept inside the stage when the scan is zoomed (toolbar, mouse wheel) and
// when reading on turns the page (a routed manifest gives the last page page 481's text). The page
// list's text fits its box on a desktop and on a 360-pixel phone. The test asserts the voice list
// holds German, Dutch, French and Latin voices (it fails, never skips, when they are missing) and records the texts handed to
// speechSynthesis.speak to check modern spelling is what is read. It does not check audio output
// itself (nothing is heard; ALSA's null device swallows it). A device with no voice for the page's
// language is simulated by leaving the page's language (German) out of getVoices(), and the message
// for it is asserted, with the next line handed over at once (the voice list is waited for once, not
// per line). A device with NO voice at all is the real thing: a second Chromium launched without
// --enable-speech-dispatcher, whose voice list stays empty (as on a reader's machine without speech
// installed); there read aloud must not start, must say why (visibly and in the live region) and
// must not turn the page. The same real engine, made to believe it has a voice (getVoices() given a
// voice of another language, so the utterances go to Chromium's own engine unvoiced), ends every
// utterance at once without a start event: reading must stop after a few lines, say that it does
// not work here, and not turn the page.
// Previous and next line, pressed while not reading, announce the chosen line in the viewer's live
// region (the focus stays on the button for the next press).
// The word highlight is driven by SYNTHETIC boundary events: espeak-ng through speech-dispatcher gives
// Chromium start and end events but no word boundaries (checked: none fire, in German or English), so
// that test holds the utterances back from the engine (the line stays the one being read) and
// dispatches SpeechSynthesisEvent('boundary', { name: 'word', charIndex, charLength }) on the very
// utterance the view handed to speechSynthesis.speak, which runs the view's own boundary listener.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KANT, launchBrowser, pageListShows, printFontLoaded, screenshotPath, type Site, startSite, textWidths } from './support.ts';

let site: Site;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let context: BrowserContext;
let speechHome: string;

const soon = { timeout: 15_000 };
const view = 'leeszaal-viewer leeszaal-text-view';

beforeAll(async () => {
  // A private speech-dispatcher: its own socket and a config sending audio to ALSA's null device.
  speechHome = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-speech-'));
  await mkdir(path.join(speechHome, 'config', 'speech-dispatcher'), { recursive: true });
  await mkdir(path.join(speechHome, 'run'), { recursive: true, mode: 0o700 });
  await writeFile(
    path.join(speechHome, 'config', 'speech-dispatcher', 'speechd.conf'),
    'LogLevel 2\nAudioOutputMethod "alsa"\nAudioALSADevice "null"\nAddModule "espeak-ng" "sd_espeak-ng" "espeak-ng.conf"\nDefaultModule espeak-ng\n',
  );
  site = await startSite();
  browser = await launchBrowser(
    { width: 1280, height: 900 },
    {
      args: ['--enable-speech-dispatcher'],
      env: { XDG_CONFIG_HOME: path.join(speechHome, 'config'), XDG_RUNTIME_DIR: path.join(speechHome, 'run') },
    },
  );
  context = browser.context;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.baseUrl });
  // Records what is handed to the speech engine (each utterance's text and rate), and passes it on.
  await context.addInitScript(() => {
    const w = window as unknown as { spoken: string[]; rates: number[] };
    w.spoken = [];
    w.rates = [];
    const speak = speechSynthesis.speak.bind(speechSynthesis);
    speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
      w.spoken.push(u.text);
      w.rates.push(u.rate);
      speak(u);
    };
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (speechHome) await rm(speechHome, { recursive: true, force: true });
});

async function openItem(query = '?page=page-0017', viewport = { width: 1280, height: 900 }): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  await page.goto(`${site.baseUrl}/items/${KANT}${query}`);
  await page.waitForFunction(() => performance.getEntriesByName('leeszaal:first-tile').length > 0, null, { timeout: 30_000 });
  return page;
}

async function openText(page: Page): Promise<void> {
  await page.locator('leeszaal-viewer #open-text').click();
  await page
    .locator(`${view} .line`)
    .first()
    .waitFor({ ...soon, state: 'attached' });
}

const lineTexts = (page: Page) => page.locator(`${view} .line`).allTextContents();
/** The text of the line being read or chosen (aria-current), or null when there is none. */
async function current(page: Page): Promise<string | null> {
  const line = page.locator(`${view} .line[aria-current="true"]`);
  return (await line.count()) > 0 ? line.first().textContent() : null;
}

/** Where the deep-zoom viewer draws a box of page `pageIndex` (canvas pixels), in page (CSS) pixels. */
function screenBox(page: Page, pageIndex: number, r: { x: number; y: number; w: number; h: number }) {
  return page.evaluate(
    ({ pageIndex, r }) => {
      // Reaching into the viewer's deep zoom to ask OpenSeadragon for its own mapping.
      const zoom = (document.querySelector('leeszaal-viewer') as any).zoom;
      const placed = zoom.placed.find((p: { page: { index: number } }) => p.page.index === pageIndex);
      const vp = zoom.osd.viewport;
      // An OpenSeadragon Point made from one the viewport gives (the library is bundled, not global).
      const point = (x: number, y: number) => vp.getCenter().times(0).plus({ x, y });
      const a = vp.viewportToViewerElementCoordinates(point(r.x + placed.x, r.y));
      const b = vp.viewportToViewerElementCoordinates(point(r.x + r.w + placed.x, r.y + r.h));
      const el = (zoom.osd.element as HTMLElement).getBoundingClientRect();
      return { x: el.x + a.x, y: el.y + a.y, width: b.x - a.x, height: b.y - a.y };
    },
    { pageIndex, r },
  );
}

describe('the text beside the page', () => {
  it('shows page 481 in its paragraphs beside the scan, as printed and in modern spelling; its facing page says it has no text', async () => {
    const page = await openItem();
    await openText(page);
    const lines = await lineTexts(page);
    expect(lines).toContain('Was iſt Aufklaͤrung?');
    expect(lines).toContain('digkeit. Unmuͤndigkeit iſt das Unvermoͤgen,');
    // 23 lines: the drop cap "A", a TextBlock of its own in the ALTO, begins the body's first line.
    expect(lines).toHaveLength(23);
    expect(lines.filter((l) => l.startsWith('Aufklaͤrung iſt der Ausgang des Men'))).toHaveLength(1);
    expect(lines).not.toContain('A');
    // The ALTO TextBlocks: the title's two lines share a paragraph, the body is another.
    const blocks = await page.locator(`${view} .block`).evaluateAll((ps) => ps.map((p) => p.querySelectorAll('.line').length));
    expect(blocks.length).toBeGreaterThan(5);
    expect(await page.locator(`${view} .block`, { hasText: 'Beantwortung der Frage:' }).locator('.line').allTextContents()).toEqual([
      'Beantwortung der Frage:',
      'Was iſt Aufklaͤrung?',
    ]);
    // Book view: the facing page "[2]" (no ALTO) beside 481, in Dutch, the page's language.
    const firstPage = (await page.locator(`${view} .page`).first().textContent()) ?? '';
    expect(firstPage).toContain('Tekst van pagina [2]');
    expect(firstPage).toContain('Voor deze pagina is er nog geen transcriptie.');
    const stage = (await page.locator('leeszaal-viewer .stage').boundingBox())!;
    const text = (await page.locator(view).boundingBox())!;
    expect(text.x).toBeGreaterThanOrEqual(stage.x + stage.width - 1);
    expect(stage.width).toBeGreaterThan(500);
    await page.screenshot({ path: await screenshotPath('reading-printed') });

    await page.locator(`${view} .modern input`).check();
    await expect.poll(() => lineTexts(page)).toContain('Was ist Aufklärung?');
    const modern = (await lineTexts(page)).join('\n');
    expect(modern).not.toContain('ſ');
    expect(modern).toContain('Unmündigkeit');
    const size = () => page.locator(`${view} .text`).evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    const before = await size();
    await page.locator(`${view} #text-larger`).click();
    await page.locator(`${view} #text-larger`).click();
    expect(await size()).toBeGreaterThan(before * 1.2);
    await page.screenshot({ path: await screenshotPath('reading-modern-larger') });
    await page.close();
  });

  it('draws the superscript e of early print ("Aufklaͤrung") in the bundled face, not as a missing-glyph box', async () => {
    const page = await openItem();
    await openText(page);
    const text = page.locator(`${view} .text`);
    expect(await text.getAttribute('class')).toBe('text print');
    expect(await text.evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/^"Leeszaal Print"/);
    // The face was fetched because the page's printed text uses it.
    await printFontLoaded(page, soon);
    // In the text itself: a mark drawn by the face has no advance of its own, so "aͤ" is as wide as
    // "a"; a missing glyph is a box of its own width beside the a.
    const widths = await textWidths(text, { a: 'a', ae: 'a\u0364', word: 'Aufkla\u0364rung', plain: 'Aufklarung' });
    expect(widths.a).toBeGreaterThan(5);
    expect(widths.ae).toBeCloseTo(widths.a, 1);
    expect(widths.word).toBeCloseTo(widths.plain, 1);
    // In pixels: drawn in the face, "aͤ" has ink above the a and within its width, where a box would
    // stand beside it.
    const ink = await page.evaluate(() => {
      const canvas = document.createElement('canvas');
      canvas.width = 200;
      canvas.height = 200;
      const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
      ctx.font = '100px "Leeszaal Print"';
      const drawn = (s: string) => {
        ctx.clearRect(0, 0, 200, 200);
        ctx.fillText(s, 20, 150);
        const { data } = ctx.getImageData(0, 0, 200, 200);
        let above = 0;
        let right = 0;
        const aTop = 150 - ctx.measureText('a').actualBoundingBoxAscent - 4;
        const aEnd = 20 + ctx.measureText('a').width;
        for (let i = 3; i < data.length; i += 4) {
          if (data[i]! < 128) continue;
          const x = ((i - 3) / 4) % 200;
          const y = Math.floor((i - 3) / 4 / 200);
          if (y < aTop) above++;
          if (x > aEnd + 2) right++;
        }
        return { above, right };
      };
      return { a: drawn('a'), ae: drawn('a\u0364') };
    });
    expect(ink.a).toEqual({ above: 0, right: 0 });
    expect(ink.ae.above).toBeGreaterThan(40);
    expect(ink.ae.right).toBe(0);
    // Big enough to see the small e over the a in the screenshot.
    for (let i = 0; i < 4; i++) await page.locator(`${view} #text-larger`).click();
    const title = page.locator(`${view} .line`, { hasText: 'Was iſt Aufklaͤrung?' });
    await title.scrollIntoViewIfNeeded();
    await title.screenshot({ path: await screenshotPath('reading-superscript-e') });
    // Modern spelling needs no such face: the text goes back to the reader's system serif.
    await page.locator(`${view} .modern input`).check();
    await expect.poll(() => text.getAttribute('class')).toBe('text');
    await page.close();
  });

  it('outlines a hovered line where it is on the scan, and a click on the scan chooses the line there', async () => {
    const page = await openItem();
    await openText(page);
    await page.locator(`${view} .line`, { hasText: 'Was iſt Aufklaͤrung?' }).hover();
    const outline = page.locator('leeszaal-viewer .line-outline');
    await outline.waitFor(soon);
    const expected = await screenBox(page, 2, { x: 177, y: 886, w: 683, h: 55 }); // tl_6's xywh in the published text
    const drawn = (await outline.boundingBox())!;
    for (const k of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(drawn[k] - expected[k])).toBeLessThan(2);
    expect(drawn.width).toBeGreaterThan(50);
    await page.screenshot({ path: await screenshotPath('reading-hover-outline') });

    // The line the drop cap begins is outlined in two boxes: its own and the initial "A" (112,1056,53,59).
    await page.locator(`${view} .line`, { hasText: 'Aufklaͤrung iſt der Ausgang' }).hover();
    await expect.poll(() => outline.count(), soon).toBe(2);
    const initial = await screenBox(page, 2, { x: 112, y: 1056, w: 53, h: 59 });
    const boxes = await outline.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect));
    const atInitial = boxes.find((b) => Math.abs(b.x - initial.x) < 2 && Math.abs(b.y - initial.y) < 2);
    expect(atInitial && Math.abs(atInitial.width - initial.width)).toBeLessThan(2);

    // "Sapere aude!" is in tl_16, at 113,1455,810,41.
    const target = await screenBox(page, 2, { x: 113, y: 1455, w: 810, h: 41 });
    await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2);
    await page.mouse.click(target.x + target.width / 2, target.y + target.height / 2);
    await expect.poll(() => current(page), soon).toBe('andern zu bedienen. Sapere aude! Habe Muth');
    await expect.poll(() => page.locator('leeszaal-viewer .line-outline.current').count()).toBe(1);

    // The keyboard: one tab stop in the text, arrows move, Enter chooses.
    await page.locator(`${view} .line[tabindex="0"]`).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => current(page), soon).toBe('dich deines eigenen Verſtandes zu bedienen! iſt al-');
    await page.close();
  });

  it("copies the page's text with the citation", async () => {
    const page = await openItem();
    await openText(page);
    await page.locator(`${view} #copy-text`).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), soon).toContain('Was iſt Aufklaͤrung?');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('Beantwortung der Frage:\nWas iſt Aufklaͤrung?');
    expect(copied).toMatch(/Kant/);
    expect(copied).toMatch(/p\. 48[01]/);
    expect(copied).toContain(`${site.baseUrl}/items/${KANT}?page=page-00`);
    await page.close();
  });

  it('puts the words in the accessibility tree with the page label, in reading order', async () => {
    const page = await openItem();
    await openText(page);
    const snapshot = await page.locator('leeszaal-viewer').ariaSnapshot();
    expect(snapshot).toContain('heading "Tekst van pagina 481"');
    const words = ['Berliniſche Monatsſchrift.', 'Was iſt Aufklaͤrung?', 'Sapere aude!', 'Faulheit und Feigheit'];
    const at = words.map((w) => snapshot.indexOf(w));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // The scan's text alternative names the page.
    expect(snapshot).toMatch(/img "Pagina 481\./);
    await page.close();
  });
});

/** Axe's WCAG 2.2 AA findings on the page, one line each. */
async function axe(page: Page): Promise<string[]> {
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
  const result = await new AxeBuilder({ page }).withTags(tags).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

describe('the line being read on the scan', () => {
  /** Whether every outline of the current line lies inside the stage, as a person sees it. */
  async function currentInStage(page: Page): Promise<boolean> {
    const stage = (await page.locator('leeszaal-viewer .stage').boundingBox())!;
    const boxes = await page
      .locator('leeszaal-viewer .line-outline.current')
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect));
    return (
      boxes.length > 0 &&
      boxes.every(
        (b) => b.x >= stage.x - 1 && b.y >= stage.y - 1 && b.x + b.width <= stage.x + stage.width + 1 && b.y + b.height <= stage.y + stage.height + 1,
      )
    );
  }
  /** The view has come to rest: OpenSeadragon's zoom and centre springs are at their targets. */
  const resting = (page: Page) =>
    page.waitForFunction(() => {
      const vp = (document.querySelector('leeszaal-viewer') as any).zoom.osd.viewport;
      return [vp.zoomSpring, vp.centerSpringX, vp.centerSpringY].every((spring) => spring.isAtTargetValue());
    });

  it('is kept in view when the page is zoomed with the toolbar or the wheel, and when the page is turned', async () => {
    const page = await context.newPage();
    // Utterances are held, not spoken: each line is read until the test ends it.
    await page.addInitScript(() => {
      const w = window as unknown as { held: SpeechSynthesisUtterance[] };
      w.held = [];
      speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
        w.held.push(u);
      };
    });
    // The last page ([4], no text of its own) given page 481's text, so there is a page to turn to.
    await page.route(`**/iiif/presentation/${KANT}/manifest.json`, async (route) => {
      const manifest = await (await route.fetch()).json();
      manifest.items[3].annotations = manifest.items[2].annotations;
      await route.fulfill({ json: manifest });
    });
    // In Dutch, as the tests after it expect (the site remembers a language chosen by a link).
    await page.goto(`${site.baseUrl}/items/${KANT}?page=page-0017&lang=nl`);
    await page.waitForFunction(() => performance.getEntriesByName('leeszaal:first-tile').length > 0, null, { timeout: 30_000 });
    await openText(page);
    // A line near the foot of the page, where zooming about the centre or a corner loses it first.
    const last = page.locator(`${view} .line`).last();
    const lastText = await last.textContent();
    await last.click();
    await expect.poll(() => page.locator('leeszaal-viewer .line-outline.current').count(), soon).toBeGreaterThan(0);
    expect(await currentInStage(page)).toBe(true);

    const zoomIn = page.getByRole('button', { name: 'Inzoomen' });
    for (let i = 0; i < 4; i++) await zoomIn.click();
    await resting(page);
    await expect.poll(() => currentInStage(page), soon).toBe(true);
    await page.screenshot({ path: await screenshotPath('reading-line-zoomed') });

    // The wheel zooms about the pointer: held over the stage's far corner, it would carry the line off.
    const stage = (await page.locator('leeszaal-viewer .stage').boundingBox())!;
    await page.getByRole('button', { name: 'Uitzoomen' }).click();
    await page.mouse.move(stage.x + 20, stage.y + 20);
    for (let i = 0; i < 6; i++) {
      await page.mouse.wheel(0, -200);
      await page.waitForTimeout(60);
    }
    await resting(page);
    await expect.poll(() => currentInStage(page), soon).toBe(true);
    expect(await current(page)).toBe(lastText);

    // Reading on from the page's last line turns the page; the new page's first line is read, and shown.
    await page.locator(`${view} #read-play`).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { held: unknown[] }).held.length), soon).toBe(1);
    // Started and ended, as a speaking engine does (a line ending at once without a start was not heard).
    await page.evaluate(() => {
      const u = (window as unknown as { held: SpeechSynthesisUtterance[] }).held[0]!;
      u.dispatchEvent(new SpeechSynthesisEvent('start', { utterance: u }));
      u.dispatchEvent(new SpeechSynthesisEvent('end', { utterance: u }));
    });
    await expect.poll(() => new URL(page.url()).searchParams.get('page'), soon).toBe('page-0018');
    await expect.poll(() => current(page), soon).toBe('Berliniſche Monatsſchrift.');
    await resting(page);
    await expect.poll(() => currentInStage(page), soon).toBe(true);
    await page.locator(`${view} #read-stop`).click();
    await page.close();
  });
});

describe('read aloud', () => {
  it('lists real voices and reads line by line with the highlight following, then turns the page', async () => {
    const page = await openItem();
    const langs = await page.evaluate(async () => {
      for (let i = 0; i < 50 && speechSynthesis.getVoices().length === 0; i++) await new Promise((r) => setTimeout(r, 200));
      return [...new Set(speechSynthesis.getVoices().map((v) => v.lang.split('-')[0]))];
    });
    expect(langs).toEqual(expect.arrayContaining(['de', 'nl', 'fr', 'la', 'en']));
    await openText(page);
    await page.locator(`${view} .modern input`).check();
    const modern = (await lineTexts(page)).filter((l) => l.trim() !== '');
    // Every line that gets the highlight, in order (espeak-ng into a null device reads faster than a poll could watch).
    await page.locator(view).evaluate((el) => {
      const w = window as unknown as { highlighted: string[] };
      w.highlighted = [];
      new MutationObserver(() => {
        const line = el.shadowRoot!.querySelector('.line[aria-current="true"]');
        if (line && line.textContent !== w.highlighted.at(-1)) w.highlighted.push(line.textContent ?? '');
      }).observe(el.shadowRoot!, { subtree: true, attributes: true, attributeFilter: ['aria-current'] });
    });
    await page.locator(`${view} #read-play`).click();
    await expect.poll(() => page.locator(`${view} #voice-note`).textContent(), soon).toMatch(/^Stem: German/);
    // It reads the whole page, then turns to the last page ("[4]", no text) and stops there.
    await expect.poll(() => new URL(page.url()).searchParams.get('page'), { timeout: 60_000 }).toBe('page-0018');
    await expect.poll(() => page.locator(`${view} .page`).textContent(), soon).toMatch(/nog geen transcriptie/);
    await expect.poll(() => page.locator(view).evaluate((el) => (el as unknown as { read: { status: string } }).read.status), soon).toBe('stopped');
    expect(await page.locator(`${view} #read-play`).count()).toBe(0);
    const highlighted = await page.evaluate(() => (window as unknown as { highlighted: string[] }).highlighted);
    const spoken = await page.evaluate(() => (window as unknown as { spoken: string[] }).spoken);
    expect(highlighted.slice(0, 3)).toEqual(['Berlinische Monatsschrift.', '1784.', 'Zwölftes Stük. December.']);
    expect(highlighted).toEqual(modern);
    // What was read is the modern text, line by line, in the order highlighted.
    expect(spoken).toEqual(modern);
    expect(spoken).toContain('Was ist Aufklärung?');
    expect(spoken.filter((l) => l.startsWith('Aufklärung ist der Ausgang'))).toHaveLength(1);
    await page.close();
  });

  it('steps line by line with the controls while reading', async () => {
    const page = await openItem();
    await openText(page);
    await page.locator(`${view} .line`).nth(5).click();
    expect(await current(page)).toBe('Was iſt Aufklaͤrung?');
    await page.locator(`${view} #read-next`).click();
    expect(await current(page)).toBe('(S. Decemb. 1783. S. 516.)');
    // Not reading, the chosen line is told in the viewer's live region, and the focus stays for the next press.
    const live = page.locator('leeszaal-viewer [role="status"][aria-live="polite"]');
    await expect.poll(() => live.textContent(), soon).toBe('Regel 7 van 23: (S. Decemb. 1783. S. 516.)');
    expect(await page.locator(`${view} #read-next`).evaluate((b) => (b.getRootNode() as ShadowRoot).activeElement === b)).toBe(true);
    await page.locator(`${view} #read-previous`).click();
    await page.locator(`${view} #read-previous`).click();
    expect(await current(page)).toBe('Beantwortung der Frage:');
    await expect.poll(() => live.textContent(), soon).toBe('Regel 5 van 23: Beantwortung der Frage:');
    await page.locator(`${view} #read-play`).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { spoken: string[] }).spoken[0]), soon).toBe('Beantwortung der Frage:');
    await page.locator(`${view} #read-stop`).click();
    await expect.poll(() => current(page)).toBe(null);
    await page.screenshot({ path: await screenshotPath('reading-aloud') });
    await page.close();
  });

  it('pauses with the play button, resumes by reading the line again, and reads at the speed chosen', async () => {
    const page = await openItem('?page=page-0017&lang=nl');
    await openText(page);
    const play = page.locator(`${view} #read-play`);
    const status = () => page.locator(view).evaluate((el) => (el as unknown as { read: { status: string } }).read.status);
    const heard = () =>
      page.evaluate(() => {
        const w = window as unknown as { spoken: string[]; rates: number[] };
        return { spoken: w.spoken, rates: w.rates };
      });
    await page.locator(`${view} .rate select`).selectOption('1.5');
    await page.locator(`${view} .line`).nth(5).click();
    await play.click();
    await expect.poll(async () => (await heard()).spoken.length, soon).toBeGreaterThan(0);
    expect((await heard()).spoken[0]).toBe('Was iſt Aufklaͤrung?');
    // The speed chosen reaches the real engine's utterance.
    expect((await heard()).rates[0]).toBe(1.5);
    // While reading, the play button is the pause button (pressed, named so).
    expect(await play.getAttribute('aria-pressed')).toBe('true');
    expect(await play.getAttribute('title')).toBe('Pauzeren');
    await play.click();
    expect(await status()).toBe('paused');
    expect(await play.getAttribute('aria-pressed')).toBe('false');
    expect(await play.getAttribute('title')).toBe('Verder lezen');
    const pausedAt = await current(page);
    expect(pausedAt).not.toBe(null);
    // Paused, nothing more is handed to the engine, and the line stays the current one.
    const before = (await heard()).spoken.length;
    await page.waitForTimeout(1500);
    expect((await heard()).spoken.length).toBe(before);
    expect(await current(page)).toBe(pausedAt);

    // Resuming reads the paused line again from its start, at the speed now chosen.
    await page.locator(`${view} .rate select`).selectOption('0.75');
    await play.click();
    await expect.poll(async () => (await heard()).spoken.length, soon).toBeGreaterThan(before);
    const after = await heard();
    expect(after.spoken[before]).toBe(pausedAt);
    expect(after.rates[before]).toBe(0.75);
    expect(await status()).toBe('playing');
    await page.locator(`${view} #read-stop`).click();
    await page.close();
  });

  it('highlights the word a (synthetic) boundary event names, in the line being read, silently and with contrast', async () => {
    const page = await context.newPage();
    // Utterances are held, not spoken: each line is read until the test ends it.
    await page.addInitScript(() => {
      const w = window as unknown as { held: SpeechSynthesisUtterance[] };
      w.held = [];
      speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
        w.held.push(u);
      };
    });
    await page.goto(`${site.baseUrl}/items/${KANT}?page=page-0017&lang=en`);
    await openText(page);
    await page.locator(`${view} .modern input`).check();
    const fire = (n: number, type: 'boundary' | 'end', word = '', length = word.length) =>
      page.evaluate(
        ({ n, type, word, length }) => {
          const u = (window as unknown as { held: SpeechSynthesisUtterance[] }).held[n]!;
          const charIndex = word === '' ? 0 : u.text.indexOf(word);
          u.dispatchEvent(new SpeechSynthesisEvent(type, { utterance: u, name: 'word', charIndex, charLength: length }));
        },
        { n, type, word, length },
      );
    const held = () => page.evaluate(() => (window as unknown as { held: SpeechSynthesisUtterance[] }).held.map((u) => u.text));
    const words = page.locator(`${view} .word`);
    const currentWord = page.locator(`${view} .line[aria-current="true"] .word`);
    const outlines = page.locator('leeszaal-viewer .line-outline.current');
    await page.locator(view).evaluate((el) => {
      const w = window as unknown as { announced: string[] };
      w.announced = [];
      el.addEventListener('announce', (e) => w.announced.push((e as CustomEvent<{ message: string }>).detail.message));
    });

    // The line that ends in the word joined from the next ("Men-" + "schen").
    await page.locator(`${view} .line`, { hasText: /^Aufklärung ist der Ausgang/ }).click();
    await page.locator(`${view} #read-play`).click();
    await expect.poll(held, soon).toHaveLength(1);
    const [line] = await held();
    expect(await current(page)).toBe(line);
    expect(line).toMatch(/ Menschen$/);
    // No boundary yet: the line is highlighted, no word.
    expect(await words.count()).toBe(0);
    const outlined = await outlines.count();
    expect(outlined).toBeGreaterThan(0);
    const announcedBefore = await page.evaluate(() => (window as unknown as { announced: string[] }).announced.length);

    await fire(0, 'boundary', 'Menschen');
    await expect.poll(() => currentWord.textContent(), soon).toBe('Menschen');
    expect(await words.count()).toBe(1);
    // The line reads as before (the word is marked inside it, not moved out of it).
    expect(await current(page)).toBe(line);
    await fire(0, 'boundary', 'ist');
    await expect.poll(() => currentWord.textContent(), soon).toBe('ist');
    expect(line!.split(/\s+/)).toContain(await currentWord.textContent());
    // The highlight is visible: its own background, unlike the line's.
    const [wordBg, lineBg] = await page
      .locator(`${view} .line[aria-current="true"]`)
      .evaluate((el) => [getComputedStyle(el.querySelector('.word')!).backgroundColor, getComputedStyle(el).backgroundColor]);
    expect(wordBg).not.toBe(lineBg);
    expect(wordBg).not.toBe('rgba(0, 0, 0, 0)');
    // Visual only: nothing is announced per word, and the scan still outlines the line alone (no word boxes are published).
    expect(await page.evaluate(() => (window as unknown as { announced: string[] }).announced.length)).toBe(announcedBefore);
    expect(await outlines.count()).toBe(outlined);
    expect(await axe(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: await screenshotPath('reading-word-dark') });
    await page.emulateMedia({ colorScheme: 'light' });

    // The line ends: the next is read, with no word until its engine names one; the old utterance's words are ignored.
    await fire(0, 'end');
    await expect.poll(held, soon).toHaveLength(2);
    const next = (await held())[1]!;
    expect(await current(page)).toBe(next);
    expect(await words.count()).toBe(0);
    await fire(0, 'boundary', 'Aufklärung');
    expect(await words.count()).toBe(0);
    const first = next.trim().split(/\s+/)[0]!;
    await fire(1, 'boundary', first);
    await expect.poll(() => currentWord.textContent(), soon).toBe(first.replace(/[^\p{L}\p{M}\p{N}]+$/u, ''));
    // Switched to the printed text mid-line, the shown line is no longer what is being spoken: the word mark goes, the line's stays.
    await page.locator(`${view} .modern input`).uncheck();
    await expect.poll(() => words.count(), soon).toBe(0);
    expect(await current(page)).not.toBe(null);
    await page.locator(`${view} #read-stop`).click();
    await expect.poll(() => current(page)).toBe(null);
    expect(await words.count()).toBe(0);
    await page.close();
  });

  it('says plainly when the device has no voice for the language', async () => {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const real = speechSynthesis.getVoices.bind(speechSynthesis);
      speechSynthesis.getVoices = () => real().filter((v) => !v.lang.toLowerCase().startsWith('de'));
      // Utterances are held, not spoken, and when each was handed over is noted.
      const w = window as unknown as { held: SpeechSynthesisUtterance[]; heldAt: number[] };
      w.held = [];
      w.heldAt = [];
      speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
        w.held.push(u);
        w.heldAt.push(performance.now());
      };
    });
    const held = () => page.evaluate(() => (window as unknown as { held: unknown[] }).held.length);
    await page.goto(`${site.baseUrl}/items/${KANT}?page=page-0017&lang=en`);
    await page.locator('leeszaal-viewer #open-text').click();
    await page.locator(`${view} .line`).first().waitFor(soon);
    await page.locator(`${view} #read-play`).click();
    await expect
      .poll(() => page.locator(`${view} #voice-note`).textContent(), soon)
      .toBe('This device has no voice for German; its default voice will read, with a foreign pronunciation.');
    // The device is asked for its voices once: the next line is handed over at once, not after
    // another wait for voices that will not come.
    await expect.poll(held, soon).toBe(1);
    const ended = await page.evaluate(() => {
      const u = (window as unknown as { held: SpeechSynthesisUtterance[] }).held[0]!;
      u.dispatchEvent(new SpeechSynthesisEvent('start', { utterance: u }));
      u.dispatchEvent(new SpeechSynthesisEvent('end', { utterance: u }));
      return performance.now();
    });
    await expect.poll(held, soon).toBe(2);
    const next = await page.evaluate(() => (window as unknown as { heldAt: number[] }).heldAt[1]!);
    expect(next - ended).toBeLessThan(1000);
    await page.locator(`${view} #read-stop`).click();
    await page.close();
  });
});

describe('read aloud on a device without speech', () => {
  // A second, real Chromium without --enable-speech-dispatcher: no voice at all, as on a machine without speech installed.
  let mute: Awaited<ReturnType<typeof launchBrowser>>;
  beforeAll(async () => {
    mute = await launchBrowser({ width: 1280, height: 900 });
  }, 60_000);
  afterAll(async () => {
    await mute?.close();
  });

  it('does not start, says there is no voice (shown and announced), and does not turn the page', async () => {
    const page = await mute.context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { spoken: string[] };
      w.spoken = [];
      const speak = speechSynthesis.speak.bind(speechSynthesis);
      speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
        w.spoken.push(u.text);
        speak(u);
      };
    });
    await page.goto(`${site.baseUrl}/items/${KANT}?page=page-0017&lang=fr`);
    await page.waitForFunction(() => performance.getEntriesByName('leeszaal:first-tile').length > 0, null, { timeout: 30_000 });
    expect(await page.evaluate(() => speechSynthesis.getVoices().length)).toBe(0);
    await openText(page);
    await page.locator(`${view} #read-play`).click();
    const message = "Cet appareil n'a aucune voix pour lire à voix haute. Installez-en une dans les réglages de synthèse vocale de l'appareil.";
    await expect.poll(() => page.locator(`${view} #read-unavailable`).textContent(), soon).toBe(message);
    await expect.poll(() => page.locator('leeszaal-viewer [role="status"][aria-live="polite"]').textContent(), soon).toBe(message);
    // The play button is described by the message, for a screen reader coming back to it.
    expect(await page.locator(`${view} #read-play`).getAttribute('aria-describedby')).toBe('read-unavailable');
    expect(await axe(page)).toEqual([]);
    await page.waitForTimeout(1000);
    expect(new URL(page.url()).searchParams.get('page')).toBe('page-0017');
    expect(await page.evaluate(() => (window as unknown as { spoken: string[] }).spoken)).toEqual([]);
    expect(await current(page)).toBe(null);
    await page.close();
  });

  it('stops an engine that ends every line at once without speaking, says so, and does not turn the page', async () => {
    const page = await mute.context.newPage();
    await page.addInitScript(() => {
      // Made to believe it has a voice, of a language the page is not in, so no voice is set on the
      // utterances and Chromium's own engine (no speech-dispatcher) gets them as they are.
      const other = { name: 'Elsewhere', lang: 'xx', localService: true, default: true, voiceURI: 'xx' };
      speechSynthesis.getVoices = () => [other as unknown as SpeechSynthesisVoice];
      const w = window as unknown as { spoken: string[] };
      w.spoken = [];
      const speak = speechSynthesis.speak.bind(speechSynthesis);
      speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
        w.spoken.push(u.text);
        speak(u);
      };
    });
    await page.goto(`${site.baseUrl}/items/${KANT}?page=page-0017&lang=en`);
    await page.waitForFunction(() => performance.getEntriesByName('leeszaal:first-tile').length > 0, null, { timeout: 30_000 });
    await openText(page);
    await page.locator(`${view} #read-play`).click();
    const message = 'Reading aloud does not work on this device: the voice did not speak the lines. Reading has stopped.';
    await expect.poll(() => page.locator(`${view} #read-unavailable`).textContent(), soon).toBe(message);
    await expect.poll(() => page.locator('leeszaal-viewer [role="status"][aria-live="polite"]').textContent(), soon).toBe(message);
    await expect.poll(() => page.locator(view).evaluate((el) => (el as unknown as { read: { status: string } }).read.status), soon).toBe('stopped');
    await page.waitForTimeout(1000);
    // A few lines were tried, not the page's 23, and the page stayed.
    expect((await page.evaluate(() => (window as unknown as { spoken: string[] }).spoken)).length).toBe(3);
    expect(new URL(page.url()).searchParams.get('page')).toBe('page-0017');
    await page.close();
  });
});

describe('layouts and accessibility', () => {
  it('on a desktop, light and dark, axe finds nothing with the text open', async () => {
    const page = await openItem('?page=page-0017&lang=nl');
    await openText(page);
    await page.locator(`${view} .line`).nth(5).click();
    // Wide enough, the page list says where in the book the page is.
    expect(await pageListShows(page)).toEqual({ text: 'Pagina 481 (3 van 4)', fits: true });
    expect(await axe(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: await screenshotPath('reading-dark') });
    await page.close();
  });

  it('on a 360-pixel phone: image, text or both, and axe finds nothing', async () => {
    const page = await openItem('?page=page-0017', { width: 360, height: 740 });
    // The page list names the page whole, not cut ("Pagina 4…"): on a phone the label alone.
    expect(await pageListShows(page)).toEqual({ text: '481', fits: true });
    await page.locator('leeszaal-viewer .toolbar').screenshot({ path: await screenshotPath('reading-phone-toolbar') });
    await openText(page);
    const stage = page.locator('leeszaal-viewer .stage');
    const switcher = page.locator('leeszaal-viewer leeszaal-reading-layout');
    expect(await switcher.isVisible()).toBe(true);
    expect(await stage.isVisible()).toBe(true);
    await page.screenshot({ path: await screenshotPath('reading-phone-both') });
    await switcher.locator('button[data-layout="text"]').click();
    await expect.poll(() => stage.isVisible()).toBe(false);
    expect(await page.locator(view).isVisible()).toBe(true);
    await page.screenshot({ path: await screenshotPath('reading-phone-text') });
    const box = (await page.locator(view).boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    expect(box.height).toBeGreaterThan(100);
    expect(await axe(page)).toEqual([]);
    await switcher.locator('button[data-layout="image"]').click();
    await expect.poll(() => page.locator(view).isVisible()).toBe(false);
    expect(await stage.isVisible()).toBe(true);
    await switcher.locator('button[data-layout="both"]').click();
    await expect.poll(() => page.locator(view).isVisible()).toBe(true);
    expect(await axe(page)).toEqual([]);
    await page.close();
  });
});
