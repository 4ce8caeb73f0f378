// `<leeszaal-search-panel>`: search within the book through its IIIF Content Search service. Shows
// the hits with their snippets, steps through them, and tells the viewer (events `hits-change` and
// `hit-select`) so it can turn to the page and outline the words. Reads answers with content-search.ts.
import { css, html, LitElement, nothing } from 'lit';
import { parseSearchAnswer, type SearchHit, searchUrl } from '../content-search.ts';
import { type Lang, t } from '../i18n.ts';

/** Follow at most this many pages of a paged answer, so a common word cannot flood the panel. */
const MAX_ANSWER_PAGES = 5;

export class LeeszaalSearchPanel extends LitElement {
  static override properties = {
    service: { type: String },
    lang: { type: String },
    pageOf: { attribute: false },
    pageLabel: { attribute: false },
    hits: { state: true },
    selected: { state: true },
    status: { state: true },
    query: { state: true },
  };

  declare service: string | undefined;
  declare lang: Lang;
  declare pageOf: (canvasId: string) => number | undefined;
  declare pageLabel: (page: number) => string;
  declare hits: SearchHit[];
  declare selected: number;
  declare status: string;
  declare query: string;
  private controller?: AbortController;

  static override styles = css`
    :host { display: block; }
    form { display: flex; gap: 0.4rem; flex-wrap: wrap; }
    label { width: 100%; font-weight: 600; }
    input { flex: 1; min-width: 8rem; font: inherit; padding: 0.4rem; border: 1px solid var(--leeszaal-control-line, #555); border-radius: 4px; color: var(--leeszaal-ink, #111); background: var(--leeszaal-surface, #fff); }
    button { font: inherit; padding: 0.4rem 0.7rem; border: 1px solid var(--leeszaal-control-line, #555); border-radius: 4px; background: var(--leeszaal-surface, #fff); color: var(--leeszaal-ink, #111); cursor: pointer; }
    button:focus-visible, input:focus-visible { outline: 3px solid var(--leeszaal-focus, #1a5fb4); outline-offset: 1px; }
    .steps { display: flex; gap: 0.4rem; margin: 0.6rem 0; align-items: center; }
    ol { list-style: none; padding: 0; margin: 0; }
    li button { width: 100%; text-align: start; margin-bottom: 0.3rem; }
    li button[aria-current='true'] { border-color: var(--leeszaal-accent, #8a3b12); border-width: 2px; }
    mark { background: var(--leeszaal-mark, #ffe08a); color: var(--leeszaal-ink, #111); }
    .page { display: block; font-size: 0.8rem; color: var(--leeszaal-muted, #444); }
    p { margin: 0.5rem 0; }
  `;

  constructor() {
    super();
    this.lang = 'nl';
    this.hits = [];
    this.selected = -1;
    this.status = '';
    this.query = '';
    this.pageOf = () => undefined;
    this.pageLabel = (p) => String(p + 1);
  }

  /** Runs a search (also used when a link or the host page asks for one). */
  async search(q: string): Promise<void> {
    const query = q.trim();
    if (!this.service || query === '') return;
    this.query = query;
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const hits: SearchHit[] = [];
    try {
      let url: string | undefined = searchUrl(this.service, query);
      for (let n = 0; url && n < MAX_ANSWER_PAGES; n++) {
        const res: Response = await fetch(url, { signal: controller.signal, headers: { accept: 'application/json' } });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const answer = parseSearchAnswer(await res.json(), this.pageOf);
        hits.push(...answer.hits);
        url = answer.next;
      }
    } catch (err) {
      if (controller.signal.aborted) return;
      this.hits = [];
      this.status = t(this.lang, 'search.failed', { message: err instanceof Error ? err.message : String(err) });
      this.emit('hits-change', { q: query, hits: [], status: this.status });
      return;
    }
    this.hits = hits;
    this.selected = -1;
    this.status =
      hits.length === 0
        ? t(this.lang, 'search.none', { q: query })
        : hits.length === 1
          ? t(this.lang, 'search.foundOne', { q: query })
          : t(this.lang, 'search.found', { n: hits.length, q: query });
    this.emit('hits-change', { q: query, hits, status: this.status });
    if (hits.length > 0) this.select(0);
  }

  private emit(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  select(index: number): void {
    if (this.hits.length === 0) return;
    this.selected = (index + this.hits.length) % this.hits.length;
    const hit = this.hits[this.selected]!;
    this.emit('hit-select', {
      index: this.selected,
      hit,
      message: t(this.lang, 'search.hitOf', { n: this.selected + 1, total: this.hits.length, label: this.pageLabel(hit.page) }),
    });
  }

  private onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    const input = this.renderRoot.querySelector('input');
    void this.search(input?.value ?? '');
  }

  override render() {
    if (!this.service) return html`<p>${t(this.lang, 'search.unavailable')}</p>`;
    return html`
      <form role="search" @submit=${this.onSubmit}>
        <label for="q">${t(this.lang, 'search.label')}</label>
        <input id="q" name="q" type="search" .value=${this.query} autocomplete="off" />
        <button type="submit">${t(this.lang, 'search.submit')}</button>
      </form>
      ${this.status ? html`<p>${this.status}</p>` : nothing}
      ${
        this.hits.length > 1
          ? html`<div class="steps">
            <button type="button" @click=${() => this.select(this.selected - 1)}>${t(this.lang, 'search.prevHit')}</button>
            <button type="button" @click=${() => this.select(this.selected + 1)}>${t(this.lang, 'search.nextHit')}</button>
          </div>`
          : nothing
      }
      <ol>
        ${this.hits.map(
          (hit, i) => html`<li>
            <button type="button" aria-current=${i === this.selected ? 'true' : 'false'} @click=${() => this.select(i)}>
              <span class="page">${t(this.lang, 'search.onPage', { label: this.pageLabel(hit.page) })}</span>
              ${hit.before}<mark>${hit.match}</mark>${hit.after}
            </button>
          </li>`,
        )}
      </ol>
    `;
  }
}

if (!customElements.get('leeszaal-search-panel')) customElements.define('leeszaal-search-panel', LeeszaalSearchPanel);
