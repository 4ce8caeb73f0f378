// HTML for the admin pages, escaped by default: `html` is a tagged template in which every value is
// escaped unless it is itself `html` (or a list of them), so a name or message typed by someone can
// never become markup. The parts' pages build on it and on layout.ts.
import { escapeHtml } from '../../search/snippet.ts';

export class Html {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
  toString(): string {
    return this.text;
  }
}

type Value = Html | string | number | boolean | null | undefined | readonly Value[];

function piece(value: Value): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(piece).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  return new Html(strings.reduce((out, s, i) => out + s + (i < values.length ? piece(values[i] as Value) : ''), ''));
}
