// The item editor's pages as HTML: the years a date is shown to mean, the list's pages and filters
// kept in its links, and everything a curator or catalogue typed escaped.
import { describe, expect, it } from 'vitest';
import { itemRecord } from '../../../test/support/item-record.ts';
import { dateMeaning, listPage } from './pages.ts';

describe('dateMeaning', () => {
  it.each([
    ['1784', 'en', 'Means: 1784'],
    ['ca. 1475', 'en', 'Means: 1475 (approximate)'],
    ['147X', 'nl', 'Betekent: 1470–1479 (bij benadering)'],
    ['1476?', 'fr', 'Signifie : 1476 (approximatif)'],
    ['XVIIIe siècle', 'en', 'Means: 1700–1799 (approximate)'],
    ['s.a.', 'en', ''],
  ] as const)('%s (%s) → %s', (date, lang, shown) => {
    expect(dateMeaning(lang, date)).toBe(shown);
  });
});

describe('listPage', () => {
  const rows = Array.from({ length: 3 }, (_, i) => ({
    record: itemRecord({ id: `item-${i}`, label: { none: [`<b>Title ${i}</b>`] } }),
    status: 'published' as const,
    draft: i === 1,
  }));

  it('escapes titles and marks drafts', () => {
    const page = listPage('en', rows, { q: '', show: 'all', page: 1, pages: 1, total: 3 }).text;
    expect(page).toContain('&lt;b&gt;Title 0&lt;/b&gt;');
    expect(page).not.toContain('<b>Title');
    expect(page).toContain('published; unpublished draft');
    expect(page).toContain('3 item(s)');
    expect(page).not.toContain('class="pager"');
  });

  it('links to the pages before and after, keeping the search and filter', () => {
    const page = listPage('en', rows, { q: 'kant "x"', show: 'drafts', page: 2, pages: 3, total: 120 }).text;
    expect(page).toContain('Page 2 of 3');
    expect(page).toContain('href="/admin/items?lang=en&amp;q=kant+%22x%22&amp;show=drafts&amp;page=1" rel="prev"');
    expect(page).toContain('href="/admin/items?lang=en&amp;q=kant+%22x%22&amp;show=drafts&amp;page=3" rel="next"');
    expect(page).toContain('value="kant &quot;x&quot;"');
  });
});
