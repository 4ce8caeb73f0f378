// `<leeszaal-reading-layout>`: on a phone, where scan and text do not fit side by side, the reader
// chooses the scan, the text, or both stacked. Three toggle buttons, one pressed; the shell shows it
// only on narrow screens (reading/styles.ts) and lays the stage out by the choice.
import { css, html, LitElement } from 'lit';
import { emit, type ReadingLayout } from '../events.ts';
import { type Lang, type MessageKey, t } from '../i18n.ts';
import { controlStyles } from '../styles.ts';

const CHOICES: ReadonlyArray<[ReadingLayout, MessageKey]> = [
  ['image', 'reading.layoutImage'],
  ['text', 'reading.layoutText'],
  ['both', 'reading.layoutBoth'],
];

export class LeeszaalReadingLayout extends LitElement {
  static override properties = { layout: { type: String }, lang: { type: String } };
  declare layout: ReadingLayout;
  declare lang: Lang;

  static override styles = [
    controlStyles,
    css`
      :host { padding: 0.3rem 0.35rem; border-bottom: 1px solid var(--leeszaal-line); }
      div { display: flex; flex: 1; gap: 0.3rem; }
      button { flex: 1; }
      /* At 320 pixels (a small phone, 400 % zoom) the longest name ("Afbeelding") needs the padding's room. */
      @media (max-width: 340px) {
        button { padding-inline: 0.2rem; }
      }
    `,
  ];

  constructor() {
    super();
    this.layout = 'both';
    this.lang = 'nl';
  }

  override render() {
    return html`<div role="group" aria-label=${t(this.lang, 'reading.layout')}>${CHOICES.map(
      ([layout, key]) =>
        html`<button type="button" data-layout=${layout} aria-pressed=${String(this.layout === layout)} @click=${() => emit(this, 'reading-layout', { layout })}>${t(this.lang, key)}</button>`,
    )}</div>`;
  }
}

if (!customElements.get('leeszaal-reading-layout')) customElements.define('leeszaal-reading-layout', LeeszaalReadingLayout);
