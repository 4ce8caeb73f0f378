// `<leeszaal-share-panel>`: a stable link to the view and the same view as a IIIF Content State, for
// a reader sending a page to someone or opening it in another IIIF viewer. Both are made by the shell,
// which knows the view; this panel shows them and copies the link, reporting through `announce`.
import { html, LitElement, nothing } from 'lit';
import { type Lang, t } from '../i18n.ts';
import { panelStyles } from '../styles.ts';
import { copyText } from './copy.ts';

export class LeeszaalSharePanel extends LitElement {
  static override properties = {
    link: { type: String },
    contentState: { type: String, attribute: 'content-state' },
    lang: { type: String },
    copied: { state: true },
  };

  declare link: string;
  declare contentState: string;
  declare lang: Lang;
  declare copied: boolean;

  static override styles = panelStyles;

  constructor() {
    super();
    this.link = '';
    this.contentState = '';
    this.lang = 'nl';
    this.copied = false;
  }

  override render() {
    const select = (e: Event) => (e.target as HTMLInputElement).select();
    return html`<p><label for="share-link">${t(this.lang, 'share.link')}</label></p>
      <input id="share-link" readonly .value=${this.link} @focus=${select} />
      <p><button type="button" @click=${async () => (this.copied = await copyText(this, this.link, this.lang))}>${t(this.lang, 'share.copyLink')}</button></p>
      <p><label for="share-state">${t(this.lang, 'share.contentState')}</label></p>
      <input id="share-state" readonly .value=${this.contentState} @focus=${select} />
      ${this.copied ? html`<p>${t(this.lang, 'cite.copied')}</p>` : nothing}`;
  }
}

if (!customElements.get('leeszaal-share-panel')) customElements.define('leeszaal-share-panel', LeeszaalSharePanel);
