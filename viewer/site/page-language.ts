// Writes a built site page in one language, at build time (viewer/vite.config.ts): the text of the
// elements marked `data-i18n`, the attributes named by `data-i18n-aria-label`, `-placeholder` and
// `-content`, `<html lang>` and the language switch's current link. The server then sends each page
// in the asked language from the first byte, before any script runs; shell.ts does the same in the
// browser when the reader switches language without reloading.
import { type Lang, type MessageKey, messages, t } from '../component/i18n.ts';

const TRANSLATED_ATTRIBUTES = ['aria-label', 'placeholder', 'content'] as const;

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');

function message(lang: Lang, key: string): string {
  // A misspelt key must fail the build rather than ship a page with the key's name in it.
  if (!Object.hasOwn(messages, key)) throw new Error(`site page names the unknown message "${key}"`);
  return t(lang, key as MessageKey);
}

/** Sets (or adds) one attribute of a start tag. */
function setAttribute(tag: string, name: string, value: string): string {
  const existing = new RegExp(`(\\s${name}=")[^"]*(")`);
  if (existing.test(tag)) return tag.replace(existing, (_m, open: string, close: string) => `${open}${escapeAttr(value)}${close}`);
  return tag.replace(/\s*\/?>$/, (end) => ` ${name}="${escapeAttr(value)}"${end}`);
}

function translateTag(tag: string, lang: Lang): string {
  let out = tag;
  for (const name of TRANSLATED_ATTRIBUTES) {
    const key = new RegExp(`\\sdata-i18n-${name}="([\\w.]+)"`).exec(out)?.[1];
    if (key) out = setAttribute(out, name, message(lang, key));
  }
  const switchTo = /\sdata-lang="([a-z]+)"/.exec(out)?.[1];
  if (switchTo) {
    out = out.replace(/\saria-current="[^"]*"/, '');
    if (switchTo === lang) out = setAttribute(out, 'aria-current', 'true');
  }
  return out;
}

/** The page `html` in `lang`. Throws when a `data-i18n` element holds more than text, or the page has no `<html lang>`. */
export function translatePage(html: string, lang: Lang): string {
  if (!/<html lang="[^"]*">/.test(html)) throw new Error('site page has no <html lang="…"> to set');
  let translated = 0;
  const texts = html.replace(
    /(<([a-z][a-z0-9]*)\b[^>]*\sdata-i18n="([\w.]+)"[^>]*>)[^<]*(<\/\2>)/g,
    (_m, open: string, _tag: string, key: string, close: string) => {
      translated++;
      return `${open}${escapeText(message(lang, key))}${close}`;
    },
  );
  const marked = html.match(/\sdata-i18n="/g)?.length ?? 0;
  if (translated !== marked) throw new Error('a data-i18n element holds more than text; translating it would drop its children');
  return texts.replace(/<html lang="[^"]*">/, `<html lang="${lang}">`).replace(/<[a-z][^>]*>/g, (tag) => translateTag(tag, lang));
}
