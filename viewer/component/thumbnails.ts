// `<leeszaal-thumbnails>`: the strip of page thumbnails under the viewer. Only the thumbnails near
// the view are in the DOM (windowed by thumbnail-window.ts) and images load lazily, so a book of a
// thousand pages scrolls as lightly as a short one. One tab stop: arrow keys, Home and End move
// between pages, Enter or Space opens one (the roving-tabindex pattern).
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { type Lang, t } from './i18n.ts';
import { type Page, pickText } from './manifest-model.ts';
import { scrollToReveal, visibleWindow } from './thumbnail-window.ts';

const ITEM = 88;

export class LeeszaalThumbnails extends LitElement {
  static override properties = {
    pages: { attribute: false },
    current: { type: Number },
    lang: { type: String },
    rtl: { type: Boolean },
    focusIndex: { state: true },
    scrollPos: { state: true },
    width: { state: true },
  };

  declare pages: Page[];
  declare current: number;
  declare lang: Lang;
  /** Right-to-left books run their strip from the right, as the pages turn. */
  declare rtl: boolean;
  declare focusIndex: number;
  declare scrollPos: number;
  declare width: number;
  private resizer?: ResizeObserver;

  static override styles = css`
    :host { display: block; }
    .strip { position: relative; overflow-x: auto; overflow-y: hidden; height: 134px; scrollbar-width: thin; }
    .spacer { height: 1px; }
    button {
      position: absolute; top: 4px; width: 80px; height: 112px; padding: 2px; margin: 0;
      display: flex; flex-direction: column; align-items: center; justify-content: flex-end; gap: 2px;
      background: transparent; border: 2px solid transparent; border-radius: 4px; color: inherit; cursor: pointer;
      font: inherit; font-size: 0.75rem;
    }
    button[aria-current='page'] { border-color: var(--leeszaal-accent, #8a3b12); background: var(--leeszaal-accent-soft, #f6e7dc); }
    button:focus-visible { outline: 3px solid var(--leeszaal-focus, #1a5fb4); outline-offset: 1px; }
    img { max-width: 72px; max-height: 80px; object-fit: contain; background: #ddd; }
    span { line-height: 1.3; }
    span { max-width: 76px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  `;

  constructor() {
    super();
    this.pages = [];
    this.current = 0;
    this.lang = 'nl';
    this.focusIndex = 0;
    this.scrollPos = 0;
    this.rtl = false;
    this.width = 800;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizer = new ResizeObserver((entries) => {
      this.width = entries[0]?.contentRect.width ?? this.width;
    });
    this.resizer.observe(this);
  }

  override disconnectedCallback(): void {
    this.resizer?.disconnect();
    super.disconnectedCallback();
  }

  private get strip(): HTMLElement | null {
    return this.renderRoot.querySelector('.strip');
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('current')) {
      this.focusIndex = this.current;
      this.reveal(this.current);
    }
  }

  private reveal(index: number): void {
    const strip = this.strip;
    if (!strip) return;
    // In a right-to-left strip scrollLeft runs from 0 towards negative values.
    const to = scrollToReveal(index, Math.abs(strip.scrollLeft), strip.clientWidth, ITEM);
    if (to !== undefined) {
      strip.scrollLeft = this.rtl ? -to : to;
      this.scrollPos = to;
    }
  }

  private choose(index: number): void {
    this.dispatchEvent(new CustomEvent('page-select', { detail: { index }, bubbles: true, composed: true }));
  }

  private async moveFocus(index: number): Promise<void> {
    const clamped = Math.max(0, Math.min(this.pages.length - 1, index));
    this.focusIndex = clamped;
    this.reveal(clamped);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>(`button[data-index="${clamped}"]`)?.focus();
  }

  private onKey(e: KeyboardEvent): void {
    const forward = this.rtl ? 'ArrowLeft' : 'ArrowRight';
    const back = this.rtl ? 'ArrowRight' : 'ArrowLeft';
    const moves: Record<string, number> = { [forward]: 1, ArrowDown: 1, [back]: -1, ArrowUp: -1, PageDown: 10, PageUp: -10 };
    if (e.key in moves) {
      e.preventDefault();
      void this.moveFocus(this.focusIndex + moves[e.key]!);
    } else if (e.key === 'Home') {
      e.preventDefault();
      void this.moveFocus(0);
    } else if (e.key === 'End') {
      e.preventDefault();
      void this.moveFocus(this.pages.length - 1);
    }
  }

  override render() {
    const { first, end } = visibleWindow(this.scrollPos, this.width, ITEM, this.pages.length);
    const shown = this.pages.slice(first, end);
    return html`<div
      class="strip"
      role="group"
      aria-label=${t(this.lang, 'nav.thumbnails')}
      dir=${this.rtl ? 'rtl' : 'ltr'}
      @scroll=${(e: Event) => (this.scrollPos = Math.abs((e.target as HTMLElement).scrollLeft))}
      @keydown=${this.onKey}
    >
      <div class="spacer" style=${styleMap({ width: `${this.pages.length * ITEM}px` })}></div>
      ${shown.map((p) => {
        const label = pickText(p.label, this.lang);
        return html`<button
          type="button"
          data-index=${p.index}
          style=${styleMap({ [this.rtl ? 'right' : 'left']: `${p.index * ITEM}px` })}
          tabindex=${p.index === this.focusIndex ? 0 : -1}
          aria-current=${p.index === this.current ? 'page' : nothing}
          aria-label=${t(this.lang, 'nav.thumbnailOf', { label })}
          @click=${() => this.choose(p.index)}
        >
          ${p.thumbnail ? html`<img src=${p.thumbnail} alt="" loading="lazy" decoding="async" fetchpriority="low" width="72" height="80" />` : nothing}
          <span aria-hidden="true">${label}</span>
        </button>`;
      })}
    </div>`;
  }
}

if (!customElements.get('leeszaal-thumbnails')) customElements.define('leeszaal-thumbnails', LeeszaalThumbnails);
