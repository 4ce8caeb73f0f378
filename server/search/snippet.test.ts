import { describe, expect, it } from 'vitest';
import { displayText, escapeHtml, makeMatcher, markedWords, snippet } from './snippet.ts';

describe('snippet', () => {
  it('marks folded matches in the original spelling and escapes the rest', () => {
    const html = snippet('<b>Was</b> iſt Aufklaͤrung? & mehr', makeMatcher(['aufklarung', 'ist']));
    expect(html).toBe('&lt;b&gt;Was&lt;/b&gt; <mark>iſt</mark> <mark>Aufklärung</mark>? &amp; mehr');
  });

  it('matches prefixes', () => {
    expect(snippet('Die Aufklärung kommt', makeMatcher([], ['aufkl']))).toBe('Die <mark>Aufklärung</mark> kommt');
  });

  it('cuts a window around the densest matches with ellipses', () => {
    const words = Array.from({ length: 100 }, (_, i) => `w${i}`);
    words[60] = 'Treffer';
    const html = snippet(words.join(' '), makeMatcher(['treffer']), 12)!;
    expect(html.startsWith('… ')).toBe(true);
    expect(html.endsWith(' …')).toBe(true);
    expect(html).toContain('<mark>Treffer</mark>');
    expect(html.split(' ').length).toBeLessThanOrEqual(14);
  });

  it('is undefined when nothing matches', () => {
    expect(snippet('nichts hier', makeMatcher(['kant']))).toBeUndefined();
  });
});

describe('helpers', () => {
  it('escapes all HTML specials', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('shows the superscript e as an umlaut', () => {
    expect(displayText('Zwoͤlftes  Stuͤk')).toBe('Zwölftes Stük');
  });

  it('reads words marked by Elasticsearch highlights, folded', () => {
    expect(markedWords(['… zur <mark>Aufklaͤrung</mark> und <mark>iſt</mark>', '<mark>Aufklärung</mark>'])).toEqual(['aufklarung', 'ist']);
  });
});
