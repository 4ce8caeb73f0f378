// The job report names published items by their titles: the title chosen for the page's language,
// read from the published records, and the id when there is no readable record.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { InternationalString } from '@iiif/presentation-3';
import { afterAll, describe, expect, it } from 'vitest';
import { itemRecord } from '../../../test/support/item-record.ts';
import { TEXT } from '../uploads/text.ts';
import { itemTitles } from './item-titles.ts';
import { jobPage, titleIn } from './pages.ts';
import type { Job } from './store.ts';

describe('titleIn', () => {
  const cases: [string, InternationalString | undefined, 'nl' | 'fr' | 'en', ReturnType<typeof titleIn>][] = [
    ['the page language first', { en: ['Map of Ghent'], nl: ['Kaart van Gent'] }, 'nl', { text: 'Kaart van Gent', lang: 'nl' }],
    ['untagged before another language', { de: ['Was ist Aufklärung?'], none: ['Aufklärung'] }, 'fr', { text: 'Aufklärung' }],
    ['the UI languages before others', { de: ['Karte'], en: ['Map'] }, 'fr', { text: 'Map', lang: 'en' }],
    ['any language at last', { de: ['Beantwortung der Frage'] }, 'nl', { text: 'Beantwortung der Frage', lang: 'de' }],
    ['several values joined', { nl: ['Deel 1', 'Deel 2'] }, 'nl', { text: 'Deel 1; Deel 2', lang: 'nl' }],
    ['blank values skipped', { nl: [' '], en: ['Map'] }, 'nl', { text: 'Map', lang: 'en' }],
    ['no title', undefined, 'en', undefined],
    ['an empty map', {}, 'en', undefined],
  ];
  it.each(cases)('%s', (_name, label, lang, expected) => {
    expect(titleIn(label, lang)).toEqual(expected);
  });
});

const job = (published: string[], unchanged: string[] = []): Job => ({
  id: 7,
  source: 'upload',
  folder: '/x',
  label: 'upload',
  user: 'carla',
  state: 'done',
  done: 4,
  total: 4,
  attempts: 1,
  createdAt: '2026-12-05T01:00:00Z',
  startedAt: '2026-12-05T01:00:01Z',
  finishedAt: '2026-12-05T01:00:09Z',
  outcome: { published, unchanged, failed: [], report: 'published …' },
  error: null,
});

describe('the job report', () => {
  const titles = new Map<string, InternationalString>([
    ['kant', { de: ['Beantwortung der Frage: Was ist Aufklärung?'] }],
    ['gent', { nl: ['Kaart van Gent'], fr: ['Carte de Gand'] }],
  ]);

  it('links each published item by its title in the page language, its id beside it, marking a title in another language', () => {
    const fr = jobPage(job(['kant', 'gent']), TEXT.fr, { lang: 'fr', titles }).main;
    expect(fr).toContain(
      '<li><a href="/items/kant" lang="de">Beantwortung der Frage: Was ist Aufklärung?</a> <small class="item-id">kant</small></li>',
    );
    expect(fr).toContain('<li><a href="/items/gent">Carte de Gand</a> <small class="item-id">gent</small></li>');
    const nl = jobPage(job([], ['gent']), TEXT.nl, { lang: 'nl', titles }).main;
    expect(nl).toContain('<ul class="unchanged"><li><a href="/items/gent">Kaart van Gent</a>');
  });

  it('names an item without a readable record by its id', () => {
    const page = jobPage(job(['gone']), TEXT.en, { lang: 'en', titles }).main;
    expect(page).toContain('<li><a href="/items/gone">gone</a></li>');
  });

  it('escapes a title', () => {
    const page = jobPage(job(['x']), TEXT.en, { lang: 'en', titles: new Map([['x', { en: ['<b>&'] }]]) }).main;
    expect(page).toContain('<a href="/items/x">&lt;b&gt;&amp;</a>');
  });
});

describe('itemTitles', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('reads the labels of published records, and none for an item missing, damaged, another’s or unsafe', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-titles-'));
    dirs.push(dataDir);
    const put = async (id: string, text: string) => {
      await mkdir(path.join(dataDir, 'records', id), { recursive: true });
      await writeFile(path.join(dataDir, 'records', id, 'record.json'), text);
    };
    await put('kant', JSON.stringify(itemRecord({ id: 'kant', label: { de: ['Was ist Aufklärung?'] } })));
    await put('broken', '{"id": "broken", "label":');
    await put('copied', JSON.stringify(itemRecord({ id: 'kant', label: { nl: ['Kopie'] } })));
    const titles = await itemTitles(dataDir, ['kant', 'broken', 'copied', 'missing', '../kant', 'kant']);
    expect([...titles]).toEqual([['kant', { de: ['Was ist Aufklärung?'] }]]);
  });
});
