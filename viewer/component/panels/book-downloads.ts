// `<leeszaal-book-downloads>`: the whole book to take away, as the served manifest offers it: the PDF
// with a choice of pages (from/to, by the pages' labels) and image size, in the reader's language;
// the book's text as printed and in modern spelling; its citation as RIS, BibTeX and CSL-JSON; and
// anything else the manifest's `rendering` names. Used by the viewer's download panel and by the
// site's item page, so both offer the same. What is offered comes from downloads.ts: on a static
// publication, whose manifest names no downloads, this shows nothing. URLs go through safe-link.ts.
import { css, html, LitElement, nothing } from 'lit';
import { bookDownloads, CITATION_FORMATS, DEFAULT_PDF_SIZE, PDF_SIZES, type PdfSize, pdfRange, pdfUrl, textUrl } from '../downloads.ts';
import { type Lang, t } from '../i18n.ts';
import { type Download, type Page, pickText } from '../manifest-model.ts';
import { linkOrText } from '../safe-link.ts';
import { panelStyles } from '../styles.ts';

export class LeeszaalBookDownloads extends LitElement {
  static override properties = {
    pages: { attribute: false },
    rendering: { attribute: false },
    lang: { type: String },
    from: { state: true },
    to: { state: true },
    size: { state: true },
  };

  /** The manifest's pages, for the range's labels and length. */
  declare pages: readonly Pick<Page, 'label'>[];
  /** The manifest's `rendering`. */
  declare rendering: readonly Download[];
  declare lang: Lang;
  declare from: number;
  declare to: number;
  declare size: PdfSize;

  static override styles = [
    panelStyles,
    css`
      fieldset { border: 1px solid var(--leeszaal-control-line); border-radius: 4px; margin: 0.5rem 0; padding: 0.4rem 0.6rem 0.6rem; }
      legend { font-weight: 600; padding: 0 0.25rem; }
      .choice { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; }
      .choice label { display: flex; flex-direction: column; gap: 0.15rem; }
      select { max-width: 100%; }
      h3 { font-size: 1rem; margin: 0.75rem 0 0.25rem; }
      p { margin: 0.5rem 0 0.25rem; }
    `,
  ];

  constructor() {
    super();
    this.pages = [];
    this.rendering = [];
    this.lang = 'nl';
    this.from = 0;
    this.to = 0;
    this.size = DEFAULT_PDF_SIZE;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    // Another book: the whole of it again.
    if (changed.has('pages')) {
      this.from = 0;
      this.to = Math.max(0, this.pages.length - 1);
    }
  }

  override render() {
    const offer = bookDownloads(this.rendering);
    const tr = (key: Parameters<typeof t>[1], params?: Parameters<typeof t>[2]) => t(this.lang, key, params);
    const texts: [string, string][] = offer.text
      ? [
          [textUrl(offer.text, this.lang), tr('download.bookText')],
          [textUrl(offer.text, this.lang, 'modern'), tr('download.bookTextModern')],
        ]
      : [];
    const others = offer.other.map((r): [string, string] => [r.id, r.label ? pickText(r.label, this.lang) : (r.format ?? r.id)]);
    if (!offer.pdf && texts.length === 0 && others.length === 0) return nothing;
    return html`<h3>${tr('download.book')}</h3>
      ${offer.pdf ? this.renderPdf(offer.pdf) : nothing}
      ${
        texts.length + others.length > 0
          ? html`<ul>
            ${[...texts, ...others].map(([url, label]) => html`<li>${linkOrText(url, label, { download: true })}</li>`)}
          </ul>`
          : nothing
      }
      ${
        offer.citations
          ? html`<p id="citations-label">${tr('download.citations')}</p>
            <ul aria-labelledby="citations-label">
              ${CITATION_FORMATS.map((f) => html`<li>${linkOrText(offer.citations![f], tr(`download.${f}`), { download: true })}</li>`)}
            </ul>`
          : nothing
      }`;
  }

  private renderPdf(pdf: string) {
    const count = this.pages.length;
    const [first, last] = pdfRange({ from: this.from, to: this.to }, count);
    const label = (i: number) => pickText(this.pages[i]?.label, this.lang) || String(i + 1);
    const options = (selected: number) => this.pages.map((_, i) => html`<option value=${i} ?selected=${i === selected}>${label(i)}</option>`);
    const pick = (e: Event) => Number((e.target as HTMLSelectElement).value);
    const url = pdfUrl(pdf, { from: first, to: last, size: this.size, lang: this.lang }, count);
    return html`<fieldset>
      <legend>${t(this.lang, 'download.pdf')}</legend>
      <div class="choice">
        <label>${t(this.lang, 'download.pdfFrom')}<select id="pdf-from" @change=${(e: Event) => (this.from = pick(e))}>${options(this.from)}</select></label>
        <label>${t(this.lang, 'download.pdfTo')}<select id="pdf-to" @change=${(e: Event) => (this.to = pick(e))}>${options(this.to)}</select></label>
        <label
          >${t(this.lang, 'download.pdfSize')}<select
            id="pdf-size"
            @change=${(e: Event) => (this.size = PDF_SIZES.find((s) => String(s) === (e.target as HTMLSelectElement).value) ?? DEFAULT_PDF_SIZE)}
          >
            ${PDF_SIZES.map((s) => html`<option value=${s} ?selected=${s === this.size}>${t(this.lang, `download.size${s}`)}</option>`)}
          </select></label
        >
      </div>
      <p id="pdf-link">${linkOrText(url, t(this.lang, 'download.pdfLink', { from: label(first), to: label(last) }), { download: true })}</p>
    </fieldset>`;
  }
}

if (!customElements.get('leeszaal-book-downloads')) customElements.define('leeszaal-book-downloads', LeeszaalBookDownloads);
