// `<leeszaal-cite-panel>`: a ready-made citation of the page in view (made by the shell with
// manifests/citation-text.ts, the same text the host page shows), for a pupil or researcher to paste into their work.
// Copies it to the clipboard; reports through `announce`.
import { html, LitElement, nothing } from 'lit';
import { type Lang, t } from '../i18n.ts';
import { panelStyles } from '../styles.ts';
import { copyText } from './copy.ts';

export class LeeszaalCitePanel extends LitElement {
  static override properties = {
    citation: { type: String },
    lang: { type: String },
    copied: { state: true },
  };

  declare citation: string;
  declare lang: Lang;
  declare copied: boolean;

  static override styles = panelStyles;

  constructor() {
    super();
    this.citation = '';
    this.lang = 'nl';
    this.copied = false;
  }

  override render() {
    return html`<label for="citation" class="sr-only">${t(this.lang, 'panel.cite')}</label>
      <textarea id="citation" readonly rows="6" @focus=${(e: Event) => (e.target as HTMLTextAreaElement).select()}>${this.citation}</textarea>
      <button type="button" @click=${async () => (this.copied = await copyText(this, this.citation, this.lang))}>${t(this.lang, 'cite.copy')}</button>
      ${this.copied ? html`<p>${t(this.lang, 'cite.copied')}</p>` : nothing}`;
  }
}

if (!customElements.get('leeszaal-cite-panel')) customElements.define('leeszaal-cite-panel', LeeszaalCitePanel);
