// `<leeszaal-compare-bar>`: the controls of compare mode, above the two views: which page goes on the
// right, whether the views zoom together, and a manifest URL to compare with another item (a reader
// setting two editions or two copies side by side). Reports `compare-page`, `compare-sync` and
// `compare-open`; the shell loads and shows.
import { css, html, LitElement } from 'lit';
import { emit } from '../events.ts';
import { type Lang, t } from '../i18n.ts';
import { type Page, pickText } from '../manifest-model.ts';
import { controlStyles } from '../styles.ts';

export class LeeszaalCompareBar extends LitElement {
  static override properties = {
    pages: { attribute: false },
    selected: { type: Number },
    sync: { type: Boolean },
    lang: { type: String },
  };

  /** The pages of the item on the right: this one, or the one opened by URL. */
  declare pages: Page[];
  declare selected: number;
  declare sync: boolean;
  declare lang: Lang;

  static override styles = [
    controlStyles,
    css`
      :host { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; padding: 0.35rem; border-bottom: 1px solid var(--leeszaal-line); }
    `,
  ];

  constructor() {
    super();
    this.pages = [];
    this.selected = 0;
    this.sync = true;
    this.lang = 'nl';
  }

  private onOpen(e: SubmitEvent): void {
    e.preventDefault();
    const url = (e.target as HTMLFormElement).querySelector('input')?.value.trim();
    if (url) emit(this, 'compare-open', { url });
  }

  override render() {
    return html`<label for="compare-page">${t(this.lang, 'compare.with')}</label>
      <select id="compare-page" @change=${(e: Event) => emit(this, 'compare-page', { index: Number((e.target as HTMLSelectElement).value) })}>
        ${this.pages.map((p) => html`<option value=${p.index} ?selected=${p.index === this.selected}>${pickText(p.label, this.lang)} (${p.index + 1})</option>`)}
      </select>
      <label><input type="checkbox" .checked=${this.sync} @change=${(e: Event) => emit(this, 'compare-sync', { sync: (e.target as HTMLInputElement).checked })} /> ${t(this.lang, 'compare.sync')}</label>
      <form @submit=${this.onOpen}>
        <label for="compare-url">${t(this.lang, 'compare.manifest')}</label>
        <input id="compare-url" type="url" inputmode="url" />
        <button type="submit">${t(this.lang, 'compare.open')}</button>
      </form>`;
  }
}

if (!customElements.get('leeszaal-compare-bar')) customElements.define('leeszaal-compare-bar', LeeszaalCompareBar);
