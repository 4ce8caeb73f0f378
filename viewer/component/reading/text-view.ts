// `<leeszaal-text-view>`: the text of the shown page (both pages of a book spread) beside the scan,
// for reading it rather than deciphering it: lines in reading order, set in the paragraphs of the
// source, in a reading font whose size the reader picks, as printed or in modern spelling. Lines are
// linked to the scan (the shell outlines the one pointed at, focused or read) and the page's text
// can be copied with its citation. Printed text with letters of early print (aͤ, ſ, ꝛ) is set in a
// bundled face that draws them (print-font.ts). Reading aloud lives here too: read-aloud.ts decides what comes
// next, speaker.ts speaks, spoken-word.ts finds the word the engine says it is at (highlighted in
// the line, visual only: a screen reader hearing every word named would hear noise). A device with
// no voice at all does not start reading, and an engine that ends lines unheard stops it; both are
// said beside the controls and announced. Stepping to a line by hand announces its text, since the
// focus stays on the button for the next press. The element
// fetches each page's text AnnotationPage (page-text.ts).
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { emit } from '../events.ts';
import { type Lang, type MessageKey, type Params, t } from '../i18n.ts';
import { type IconName, icon } from '../icons.ts';
import type { LabelValue } from '../manifest-model.ts';
import { copyText } from '../panels/copy.ts';
import { lineAt, type PageText, parsePageText, type ReadingLine } from './page-text.ts';
import { heard, IDLE, type ReadEvent, type ReadState, spokenTexts, step } from './read-aloud.ts';
import { Speaker } from './speaker.ts';
import { type WordRange, wordAt } from './spoken-word.ts';
import { addPrintFont } from './print-font.ts';
import { needsPrintFont } from './print-letters.ts';
import { textViewStyles } from './styles.ts';
import { pickVoice, speechLanguage } from './voices.ts';

/** A page the view shows: its index in the manifest, its label and its AnnotationPages. */
export interface ShownPage {
  index: number;
  label: string;
  annotations: readonly string[];
}

type Loaded = PageText | 'none' | 'failed';
interface FlatLine {
  page: number;
  line: ReadingLine;
}
/** The word being said: its place in the text spoken for line `at`. */
interface SpokenWord extends WordRange {
  at: number;
  text: string;
}

const SIZES = [0.875, 1, 1.125, 1.25, 1.5, 1.75, 2, 2.5];
const RATES = [0.75, 1, 1.25, 1.5];

/** Fetches a page's text: the first of its AnnotationPages that holds text lines. */
async function fetchPageText(urls: readonly string[]): Promise<Loaded> {
  let failed = false;
  for (const url of urls) {
    try {
      const res = await fetch(url, { headers: { accept: 'application/ld+json, application/json' } });
      if (!res.ok) throw new Error(String(res.status));
      const text = parsePageText(await res.json());
      if (text) return text;
    } catch {
      failed = true;
    }
  }
  return failed ? 'failed' : 'none';
}

export class LeeszaalTextView extends LitElement {
  static override properties = {
    pages: { attribute: false },
    lang: { type: String },
    metadata: { attribute: false },
    citation: { type: String },
    hasNextPage: { type: Boolean },
    texts: { state: true },
    modern: { state: true },
    size: { state: true },
    rate: { state: true },
    read: { state: true },
    focusAt: { state: true },
    voiceNote: { state: true },
    unavailable: { state: true },
    word: { state: true },
  };

  declare pages: ShownPage[];
  declare lang: Lang;
  declare metadata: LabelValue[];
  declare citation: string;
  declare hasNextPage: boolean;
  declare texts: Map<number, Loaded>;
  declare modern: boolean;
  declare size: number;
  declare rate: number;
  declare read: ReadState;
  declare focusAt: number;
  declare voiceNote: string;
  /** Why reading aloud cannot go on here, once found: no voice on the device, or lines ending unheard. */
  declare unavailable: 'noVoices' | 'unheard' | undefined;
  declare word: SpokenWord | undefined;

  static override styles = textViewStyles;

  private readonly cache = new Map<string, Promise<Loaded>>();
  private hovered = -1;
  /** Lines in a row that ended unheard (read-aloud.ts judges what a run of them means). */
  private unheard = 0;
  private readonly speaker = new Speaker((ending) => {
    this.unheard = heard(ending) ? 0 : this.unheard + 1;
    this.send({ type: 'ended', unheard: this.unheard });
  });

  constructor() {
    super();
    this.pages = [];
    this.lang = 'nl';
    this.metadata = [];
    this.citation = '';
    this.hasNextPage = false;
    this.texts = new Map();
    this.modern = false;
    this.size = 1;
    this.rate = 1;
    this.read = IDLE;
    this.focusAt = 0;
    this.voiceNote = '';
    this.unavailable = undefined;
    this.word = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addPrintFont();
    // The device's one chance to list its voices starts now, so pressing play need not wait for it.
    if (Speaker.supported) void Speaker.voices();
  }

  override disconnectedCallback(): void {
    this.speaker.cancel();
    emit(this, 'line-outline', { lines: [] });
    super.disconnectedCallback();
  }

  private tr(key: MessageKey, params?: Params): string {
    return t(this.lang, key, params);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('pages')) {
      const before = (changed.get('pages') as ShownPage[] | undefined)?.map((p) => p.index).join() ?? '';
      if (before !== this.pages.map((p) => p.index).join()) void this.loadTexts();
    }
  }

  private async loadTexts(): Promise<void> {
    const pages = this.pages;
    this.texts = new Map();
    this.hovered = -1;
    this.focusAt = 0;
    const loaded = await Promise.all(
      pages.map((p) => {
        const key = p.annotations.join(' ');
        if (!this.cache.has(key)) this.cache.set(key, p.annotations.length > 0 ? fetchPageText(p.annotations) : Promise.resolve('none'));
        return this.cache.get(key)!;
      }),
    );
    // The shell hands over a fresh array on every render; only a turn of the page makes these texts stale.
    if (pages.map((p) => p.index).join() !== this.pages.map((p) => p.index).join()) return;
    this.texts = new Map(pages.map((p, i) => [p.index, loaded[i]!]));
    this.send({ type: 'lines' });
    if (this.read.status !== 'playing') this.scrollText(0);
  }

  /** Every line of the shown pages in reading order: the index the sequencer and the outline use. */
  private get flat(): FlatLine[] {
    return this.pages.flatMap((p) => {
      const text = this.texts.get(p.index);
      return typeof text === 'object' ? text.blocks.flat().map((line) => ({ page: p.index, line })) : [];
    });
  }

  /** The text shown for each line: as printed, or made modern page by page. */
  private shownTexts(): string[] {
    const perPage = this.pages.map((p) => {
      const text = this.texts.get(p.index);
      return typeof text === 'object' ? text.blocks.flat().map((l) => l.text) : [];
    });
    return spokenTexts(perPage, this.modern);
  }

  private get language(): string | undefined {
    const first = this.pages.map((p) => this.texts.get(p.index)).find((x): x is PageText => typeof x === 'object');
    return speechLanguage(first?.language, this.metadata);
  }

  // ---- reading aloud -------------------------------------------------------------------------

  private send(event: ReadEvent): void {
    const before = this.read;
    const { state, effects } = step(before, event, { texts: this.shownTexts(), hasNextPage: this.hasNextPage });
    this.read = state;
    // Whatever moves, stops or restarts the voice ends the word it was at; the next boundary sets one.
    if (effects.length > 0 || state.at !== before.at) this.word = undefined;
    for (const effect of effects) {
      if (effect.type === 'speak') void this.speak(effect.at);
      else if (effect.type === 'cancel') this.speaker.cancel();
      // Pausing stops the line and resuming reads it again from its start: speechSynthesis.pause()
      // leaves some engines (speech-dispatcher on Linux, Android) silent for good, and lines are short.
      else if (effect.type === 'pause') this.speaker.cancel();
      else if (effect.type === 'resume') void this.speak(state.at);
      else if (effect.type === 'unheard') this.cannotRead('unheard');
      else emit(this, 'read-next-page', {});
    }
    if (state.at !== before.at) this.onCurrentLine();
    // Stepped to by hand: the focus stays on the button for the next press, so the line is told.
    if ((event.type === 'next' || event.type === 'previous') && state.status !== 'playing' && state.at >= 0) {
      const texts = this.shownTexts();
      this.announce(this.tr('read.line', { n: state.at + 1, total: texts.length, text: texts[state.at] ?? '' }));
    } else if (state.status !== before.status && !state.turning && this.unavailable === undefined) {
      this.announce(this.tr(state.status === 'playing' ? 'read.playing' : state.status === 'paused' ? 'read.paused' : 'read.stopped'));
    }
  }

  /** Play pressed: reading starts only on a device that has a voice at all (its list waited for once). */
  private async play(): Promise<void> {
    if (this.read.status === 'stopped' && (await Speaker.voices()).length === 0) {
      this.cannotRead('noVoices');
      return;
    }
    this.unavailable = undefined;
    this.unheard = 0;
    this.send({ type: 'play' });
  }

  private cannotRead(why: 'noVoices' | 'unheard'): void {
    this.unavailable = why;
    this.voiceNote = '';
    this.announce(this.tr(why === 'noVoices' ? 'read.noVoices' : 'read.unheard'));
  }

  private async speak(at: number): Promise<void> {
    const text = this.shownTexts()[at] ?? '';
    const language = this.language ?? document.documentElement.lang;
    const voices = await Speaker.voices();
    if (this.read.at !== at || this.read.status !== 'playing') return;
    const voice = language ? pickVoice(voices, language) : undefined;
    const name = language ? (new Intl.DisplayNames([this.lang], { type: 'language' }).of(language) ?? language) : '';
    this.voiceNote = voice ? this.tr('read.voice', { voice: voice.name }) : this.tr('read.noVoice', { language: name });
    this.speaker.speak(text, language, voice, this.rate, (charIndex, charLength) => this.onWord(at, text, charIndex, charLength));
  }

  /** The engine is at a word of line `at` (offsets into `text`, what was handed to it): highlight that word. */
  private onWord(at: number, text: string, charIndex: number, charLength: number): void {
    if (this.read.at !== at || this.read.status !== 'playing') return;
    const range = wordAt(text, charIndex, charLength);
    this.word = range ? { at, text, ...range } : undefined;
  }

  /** A line's text, with the word being said in it marked when the line still shows what was spoken (not after a switch of spelling mid-line). */
  private lineContent(at: number, text: string) {
    const word = this.word;
    if (!word || word.at !== at || word.text !== text) return text;
    return html`${text.slice(0, word.start)}<span class="word">${text.slice(word.start, word.end)}</span>${text.slice(word.end)}`;
  }

  /** The current line moved (read, chosen, stepped to): the text and the scan follow it. */
  private onCurrentLine(): void {
    const at = this.read.at;
    if (at >= 0) this.focusAt = at;
    this.outline();
    const current = this.flat[at];
    emit(this, 'line-reveal', current ? { page: current.page, region: current.line.region } : { page: undefined, region: undefined });
    void this.updateComplete.then(() => this.scrollText(at));
  }

  private scrollText(at: number): void {
    const box = this.renderRoot.querySelector<HTMLElement>('.text');
    const line = this.renderRoot.querySelector<HTMLElement>(`[data-at="${at}"]`);
    if (!box) return;
    if (!line || at <= 0) {
      if (at <= 0) box.scrollTop = 0;
      return;
    }
    const top = line.offsetTop - box.offsetTop;
    if (top < box.scrollTop || top + line.offsetHeight > box.scrollTop + box.clientHeight) {
      box.scrollTop = Math.max(0, top - box.clientHeight / 3);
    }
  }

  private outline(): void {
    const flat = this.flat;
    const lines = [
      ...(this.hovered >= 0 && this.hovered !== this.read.at && flat[this.hovered] ? [{ ...flat[this.hovered]!, current: false }] : []),
      ...(this.read.at >= 0 && flat[this.read.at] ? [{ ...flat[this.read.at]!, current: true }] : []),
    ];
    // A line that begins with a drop cap is outlined in two boxes: its own and the initial's.
    const boxes = lines.flatMap((l) =>
      [l.line.region, ...(l.line.initial ? [l.line.initial] : [])].map((region) => ({ page: l.page, region, current: l.current })),
    );
    emit(this, 'line-outline', { lines: boxes });
  }

  private announce(message: string): void {
    emit(this, 'announce', { message });
  }

  /** The scan was clicked at a point of a page: choose the line there. True when there was one. */
  selectAt(page: number, x: number, y: number): boolean {
    const text = this.texts.get(page);
    const line = typeof text === 'object' ? lineAt(text, x, y) : undefined;
    const at = line ? this.flat.findIndex((f) => f.line === line) : -1;
    if (at < 0) return false;
    this.send({ type: 'select', at });
    return true;
  }

  // ---- the reader's controls -----------------------------------------------------------------

  private setHovered(at: number): void {
    if (this.hovered === at) return;
    this.hovered = at;
    this.outline();
  }

  private onLinesKeydown(e: KeyboardEvent): void {
    const count = this.flat.length;
    if (count === 0) return;
    const moves: Record<string, number> = { ArrowDown: this.focusAt + 1, ArrowUp: this.focusAt - 1, Home: 0, End: count - 1 };
    if (e.key in moves) {
      e.preventDefault();
      this.focusAt = Math.max(0, Math.min(count - 1, moves[e.key]!));
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[data-at="${this.focusAt}"]`)?.focus());
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.send({ type: 'select', at: this.focusAt });
    }
  }

  private toggleModern(on: boolean): void {
    this.modern = on;
    this.announce(this.tr(on ? 'reading.modernOn' : 'reading.modernOff'));
  }

  private resize(by: number): void {
    const i = Math.max(0, Math.min(SIZES.length - 1, SIZES.indexOf(this.size) + by));
    this.size = SIZES[i]!;
    this.announce(this.tr('reading.size', { percent: Math.round(this.size * 100) }));
  }

  /** The shown pages' text as shown (printed or modern), paragraphs apart, then the citation with title, page and link. */
  pageText(): string {
    const shown = this.shownTexts();
    let n = 0;
    const pages = this.pages.flatMap((p) => {
      const text = this.texts.get(p.index);
      if (typeof text !== 'object') return [];
      const blocks = text.blocks.map((b) => b.map(() => shown[n++] ?? '').join('\n'));
      return [this.pages.length > 1 ? `${this.tr('reading.pageText', { label: p.label })}\n\n${blocks.join('\n\n')}` : blocks.join('\n\n')];
    });
    return `${pages.join('\n\n')}\n\n${this.citation}`;
  }

  // ---- rendering -----------------------------------------------------------------------------

  private renderReadAloud() {
    if (!Speaker.supported) return html`<p class="note">${this.tr('read.unsupported')}</p>`;
    const { status } = this.read;
    const play = status === 'playing' ? 'read.pause' : status === 'paused' ? 'read.resume' : 'read.play';
    const unavailable = this.unavailable;
    const button = (key: MessageKey, glyph: IconName, event: ReadEvent, extra: { pressed?: boolean; id?: string } = {}) =>
      html`<button type="button" id=${extra.id ?? nothing} title=${this.tr(key)} aria-pressed=${extra.pressed === undefined ? nothing : String(extra.pressed)}
        aria-describedby=${event.type === 'play' && unavailable ? 'read-unavailable' : nothing}
        @click=${() => (event.type === 'play' ? void this.play() : this.send(event))}>${icon(glyph)}<span class="sr-only">${this.tr(key)}</span></button>`;
    return html`<div class="read" role="group" aria-label=${this.tr('read.title')}>
      ${button(play, status === 'playing' ? 'pause' : 'play', { type: status === 'playing' ? 'pause' : 'play' }, { pressed: status === 'playing', id: 'read-play' })}
      ${button('read.stop', 'stop', { type: 'stop' }, { id: 'read-stop' })}
      ${button('read.previous', 'lineUp', { type: 'previous' }, { id: 'read-previous' })}
      ${button('read.next', 'lineDown', { type: 'next' }, { id: 'read-next' })}
      <label class="rate">${this.tr('read.speed')}
        <select @change=${(e: Event) => (this.rate = Number((e.target as HTMLSelectElement).value))}>
          ${RATES.map((r) => html`<option value=${r} ?selected=${r === this.rate}>${r.toLocaleString(this.lang)}×</option>`)}
        </select>
      </label>
      ${this.voiceNote ? html`<p class="note" id="voice-note">${this.voiceNote}</p>` : nothing}
      ${unavailable ? html`<p class="note" id="read-unavailable">${this.tr(unavailable === 'noVoices' ? 'read.noVoices' : 'read.unheard')}</p>` : nothing}
    </div>`;
  }

  private renderPage(page: ShownPage, shown: string[], start: number) {
    const text = this.texts.get(page.index);
    const headingId = `text-${page.index}`;
    let body: unknown;
    if (text === undefined) body = html`<p class="note">${this.tr('reading.loading')}</p>`;
    else if (text === 'none') body = html`<p class="note">${this.tr('reading.noText')}</p>`;
    else if (text === 'failed') body = html`<p class="note">${this.tr('reading.failed')}</p>`;
    else {
      let n = start;
      body = text.blocks.map(
        (block) =>
          html`<p class="block">${block.map((line) => {
            const at = n++;
            return html`<span
              class="line"
              data-at=${at}
              tabindex=${at === this.focusAt ? 0 : -1}
              aria-current=${at === this.read.at ? 'true' : nothing}
              @mouseenter=${() => this.setHovered(at)}
              @mouseleave=${() => this.setHovered(-1)}
              @focus=${() => {
                this.focusAt = at;
                this.setHovered(at);
              }}
              @blur=${() => this.setHovered(-1)}
              @click=${() => this.send({ type: 'select', at })}
            >${this.lineContent(at, shown[at] ?? line.text)}</span>`;
          })}</p>`,
      );
    }
    return html`<section class="page" aria-labelledby=${headingId}>
      <h3 id=${headingId}>${this.tr('reading.pageText', { label: page.label })}</h3>
      ${typeof text === 'object' && text.machineRead ? html`<p class="note machine-read">${this.machineNote(text.machineRead)}</p>` : nothing}
      ${body}
    </section>`;
  }

  private machineNote(m: NonNullable<PageText['machineRead']>): string {
    return m.confidence === undefined
      ? this.tr('reading.machineRead')
      : this.tr('reading.machineReadConfidence', { percent: Math.round(m.confidence * 100) });
  }

  override render() {
    const shown = this.shownTexts();
    const starts: number[] = [];
    let total = 0;
    for (const p of this.pages) {
      starts.push(total);
      const text = this.texts.get(p.index);
      total += typeof text === 'object' ? text.blocks.flat().length : 0;
    }
    const language = this.language;
    return html`<div class="controls">
        <label class="modern"><input type="checkbox" .checked=${this.modern} @change=${(e: Event) => this.toggleModern((e.target as HTMLInputElement).checked)} />
          ${this.tr('reading.modern')}</label>
        <span class="size" role="group" aria-label=${this.tr('reading.size', { percent: Math.round(this.size * 100) })}>
          <button type="button" id="text-smaller" title=${this.tr('reading.smaller')} aria-disabled=${this.size === SIZES[0] ? 'true' : nothing} @click=${() => this.resize(-1)}>
            <span aria-hidden="true">A−</span><span class="sr-only">${this.tr('reading.smaller')}</span></button>
          <button type="button" id="text-larger" title=${this.tr('reading.larger')} aria-disabled=${this.size === SIZES.at(-1) ? 'true' : nothing} @click=${() => this.resize(1)}>
            <span aria-hidden="true">A+</span><span class="sr-only">${this.tr('reading.larger')}</span></button>
        </span>
        <button type="button" id="copy-text" title=${this.tr('reading.copy')} ?hidden=${total === 0} @click=${() => void copyText(this, this.pageText(), this.lang)}>
          ${icon('copy')}<span class="sr-only">${this.tr('reading.copy')}</span></button>
        ${total > 0 ? this.renderReadAloud() : nothing}
      </div>
      ${total > 0 ? html`<p class="sr-only">${this.tr('reading.lines')}</p>` : nothing}
      <div class=${!this.modern && needsPrintFont(shown) ? 'text print' : 'text'} lang=${language ?? nothing} style=${`--text-scale: ${this.size}`} @keydown=${this.onLinesKeydown}>
        ${this.pages.map((p, i) => this.renderPage(p, shown, starts[i]!))}
      </div>`;
  }
}

if (!customElements.get('leeszaal-text-view')) customElements.define('leeszaal-text-view', LeeszaalTextView);

declare global {
  interface HTMLElementTagNameMap {
    'leeszaal-text-view': LeeszaalTextView;
  }
}
