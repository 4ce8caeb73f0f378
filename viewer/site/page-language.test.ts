import { describe, expect, it } from 'vitest';
import { translatePage } from './page-language.ts';

const page = (body: string) => `<!doctype html>\n<html lang="nl"><head><title>x</title></head><body>${body}</body></html>`;

describe('translatePage', () => {
  it.each([
    ['text of a marked element', '<h1 data-i18n="home.title">De collectie</h1>', 'fr', '<h1 data-i18n="home.title">La collection</h1>'],
    [
      'marked element with other attributes',
      '<a href="/" class="x" data-i18n="site.home">Collectie</a>',
      'en',
      '<a href="/" class="x" data-i18n="site.home">Collection</a>',
    ],
    ['text of a paragraph', '<p data-i18n="home.title">De collectie</p>', 'fr', '<p data-i18n="home.title">La collection</p>'],
    [
      'aria-label replaced',
      '<nav aria-label="Hoofdmenu" data-i18n-aria-label="site.nav">',
      'en',
      '<nav aria-label="Main menu" data-i18n-aria-label="site.nav">',
    ],
    [
      'placeholder replaced, self-closing tag',
      '<input id="q" data-i18n-placeholder="search.placeholder" placeholder="Titel" />',
      'en',
      '<input id="q" data-i18n-placeholder="search.placeholder" placeholder="Title, person, place or a word from the text" />',
    ],
    [
      'content added when missing',
      '<meta name="x" data-i18n-content="site.notFound">',
      'fr',
      '<meta name="x" data-i18n-content="site.notFound" content="Cette page n\'existe pas.">',
    ],
    [
      'language switch marks the current language only',
      '<a href="?lang=nl" data-lang="nl" aria-current="true">NL</a><a href="?lang=fr" data-lang="fr">FR</a>',
      'fr',
      '<a href="?lang=nl" data-lang="nl">NL</a><a href="?lang=fr" data-lang="fr" aria-current="true">FR</a>',
    ],
    ['unmarked text untouched', '<h1 id="title">…</h1><p>Leeszaal</p>', 'en', '<h1 id="title">…</h1><p>Leeszaal</p>'],
  ] as const)('%s', (_name, body, lang, want) => {
    const out = translatePage(page(body), lang);
    expect(out).toContain(`<html lang="${lang}">`);
    expect(out).toContain(want);
  });

  it.each([
    ['an unknown key', page('<p data-i18n="no.such.key">x</p>'), /unknown message "no.such.key"/],
    ['a marked element with children', page('<p data-i18n="site.home">a <b>b</b></p>'), /more than text/],
    ['a page without <html lang>', '<html><body></body></html>', /<html lang/],
  ])('refuses %s', (_name, html, error) => {
    expect(() => translatePage(html, 'fr')).toThrow(error);
  });
});
