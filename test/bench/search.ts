// Search benchmark (`npm run bench search`): generates 100,000 catalogue records deterministically
// (seeded PRNG: titles in five languages with historical spellings, persons, printers, places,
// dates including uncertain ones, languages, subjects; full text on a share of them), builds the
// embedded index and measures query latency (median, p95) for plain, typo, first-letter typo,
// fielded, faceted, date-range and suggest queries. References measured in the same run on the same database: a bare
// FTS5 MATCH (top 20 by rank) for latency, and a bare FTS5 load of the same text for build time.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { performance } from 'node:perf_hooks';
import type { IndexDocument, SearchQuery } from '../../server/search/backend.ts';
import { buildIndexDocument } from '../../server/search/document.ts';
import { foldText, foldWord } from '../../server/search/normalize.ts';
import { EmbeddedSearchBackend } from '../../server/search/sqlite-backend.ts';
import type { ItemRecord } from '../../manifests/item.ts';
import type { BenchFigure, BenchLog } from './run.ts';

const RECORDS = Number(process.env.SEARCH_BENCH_RECORDS ?? 100_000);
const FULL_TEXT_SHARE = 0.05;
const QUERIES = 300;
const WARMUP = 30;
const GOAL_MS = 25;

/** mulberry32: small, fast, and the same sequence on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TITLE_WORDS = {
  dut: 'boek historie beschryvinge van de der stad brugge vlaenderen kronyk gebeden getyden leven heyligen zeevaert kaerte nieuwe oude wetten rechten keure ambachten gilde kercke schilderkonst dichten liedekens spel comedie tafereel reyse oost indien handel'.split(
    ' ',
  ),
  fre: 'livre histoire description de la ville des heures recueil oeuvres chronique coutumes flandre bruges voyage traité nouveau ancien loix ordonnances prières vie saints mémoires poésies théâtre dictionnaire géographie carte'.split(
    ' ',
  ),
  ger: 'buch geschichte beschreibung der stadt kunst werke sämtliche aufklärung wahrhafftige ordnung gebethe leben heiligen reise chronick neue alte rechte gesetze arzney kräuter schrifft predigten lieder trauerspiel zeitung monatsschrift'.split(
    ' ',
  ),
  lat: 'liber historia descriptio urbis opera omnia chronicon vita sanctorum horae beatae mariae virginis tractatus de legibus ordinationes sermones epistolae carmina theatrum orbis terrarum'.split(
    ' ',
  ),
  eng: 'book history description of the city works chronicle lives saints hours voyage treatise new old laws ordinances sermons letters poems theatre dictionary geography map'.split(
    ' ',
  ),
};
const LANGS = Object.keys(TITLE_WORDS) as (keyof typeof TITLE_WORDS)[];
const GIVEN =
  'Jan Pieter Willem Colard Jacob Johann Christoph Heinrich Marie Anna Jean Pierre Louis Guillaume Thomas William John Immanuel Gottfried Hendrik Cornelis Adriaen Simon Lieven Joos Frans Karel Maximilian'.split(
    ' ',
  );
const FAMILY_PARTS =
  'Mans Vrel Cax Plant Moret Kant Hufe Bach Vos Claes Goos Bruyn Hooft Vondel Cats Huygens Breu Mercat Ortel Blae Hond Visscher Janss Elzev Marchant Lamb Dier Bouck Smet Wauter Steen Hoorn Ley Bosch Velde Berg'.split(
    ' ',
  );
const FAMILY_ENDS = ['', 'ion', 'ant', 'en', 'ius', 'ers', 'ing', 'aert', 'mans', 'eau', 'ier', 'land', 'ck'];
const PLACE_NAMES =
  'Brugge Gent Antwerpen Brussel Leuven Ieper Kortrijk Mechelen Amsterdam Leiden Utrecht Haarlem Rotterdam Parijs Lyon Rijsel Douai Keulen Berlin Leipzig Frankfurt Neurenberg Augsburg Wenen Londen Oxford Venetië Rome Basel Straatsburg'.split(
    ' ',
  );
const SUBJECTS =
  'Geschiedenis Theologie Recht Geneeskunde Plantkunde Cartografie Poëzie Toneel Reisverhalen Filosofie Wiskunde Sterrenkunde Bouwkunde Muziek Kunst Getijdenboeken Almanakken Kranten Liturgie Heraldiek'.split(
    ' ',
  );
const TYPES: ItemRecord['type'][] = ['book', 'book', 'book', 'periodical', 'print', 'manuscript', 'map'];
const TEXT_SYLLABLES =
  'ver ge be der ſch en ſt aͤr un wel ken ſo zu aus ein al le ten lich keit heit ung ſprach mann frey ſeyn uͤber koͤn da mit nach wer ſind iſt'.split(
    ' ',
  );

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

/** Zipf-like pick: small indices much more often, as words are in real text. */
function zipf<T>(r: () => number, list: readonly T[]): T {
  return list[Math.min(list.length - 1, Math.floor(list.length * r() ** 2.5))]!;
}

/** A catalogue's title vocabulary per language: the base words and compounds of them (Dutch and German build many). */
function titleVocabulary(r: () => number): Record<(typeof LANGS)[number], string[]> {
  return Object.fromEntries(
    LANGS.map((lang) => {
      const base = TITLE_WORDS[lang];
      const compounds = Array.from({ length: 400 }, () => pick(r, base) + pick(r, base));
      return [lang, [...base, ...new Set(compounds)]];
    }),
  ) as Record<(typeof LANGS)[number], string[]>;
}

function date(r: () => number): string | undefined {
  const year = 1450 + Math.floor(r() * 400);
  const form = r();
  if (form < 0.55) return String(year);
  if (form < 0.7) return `ca. ${year}`;
  if (form < 0.78) return `${year}?`;
  if (form < 0.85) return `${String(year).slice(0, 3)}X`;
  if (form < 0.92) return `${year}-${year + 1 + Math.floor(r() * 5)}`;
  if (form < 0.96) return `[${year}]`;
  return 's.a.';
}

interface Corpus {
  titleWords: Record<(typeof LANGS)[number], string[]>;
  records: ItemRecord[];
  texts: Map<string, string[][]>;
  persons: string[];
  textWords: string[];
}

function generate(count: number): Corpus {
  const r = prng(1784);
  const titleWords = titleVocabulary(r);
  const persons = Array.from({ length: 6000 }, () => `${pick(r, GIVEN)} ${pick(r, FAMILY_PARTS)}${pick(r, FAMILY_ENDS)}`);
  const printers = Array.from({ length: 400 }, () =>
    `${pick(r, FAMILY_PARTS)}${pick(r, FAMILY_ENDS)} ${pick(r, ['& Zonen', 'Weduwe', 'et Fils', 'und Sohn', ''])}`.trim(),
  );
  const textWords = Array.from({ length: 30_000 }, () => {
    const n = 1 + Math.floor(r() * 3);
    return Array.from({ length: n }, () => pick(r, TEXT_SYLLABLES)).join('');
  });
  const records: ItemRecord[] = [];
  const texts = new Map<string, string[][]>();
  for (let i = 0; i < count; i++) {
    const lang = zipf(r, LANGS);
    const words = titleWords[lang];
    const title = Array.from({ length: 3 + Math.floor(r() * 6) }, () => zipf(r, words)).join(' ');
    const id = `item-${String(i).padStart(6, '0')}`;
    const agents = [{ name: zipf(r, persons), role: 'aut' }];
    if (r() < 0.3) agents.push({ name: zipf(r, persons), role: pick(r, ['edt', 'ill', 'trl']) });
    const d = date(r);
    records.push({
      id,
      type: pick(r, TYPES),
      label: {
        [lang === 'dut' ? 'nl' : lang === 'fre' ? 'fr' : lang === 'ger' ? 'de' : lang === 'eng' ? 'en' : 'la']: [
          title[0]!.toUpperCase() + title.slice(1),
        ],
      },
      agents,
      publisher: zipf(r, printers),
      place: zipf(r, PLACE_NAMES),
      ...(d ? { date: d } : {}),
      languages: r() < 0.1 ? [lang, 'lat'] : [lang],
      subjects: Array.from({ length: 1 + Math.floor(r() * 2) }, () => zipf(r, SUBJECTS)),
      identifiers: [{ type: 'local', value: `B-${i}` }],
      shelfmark: `BRU ${Math.floor(r() * 5000)}/${Math.floor(r() * 99)}`,
      ...(r() < 0.2 ? { partOf: pick(r, ['Incunabelen', 'Handschriften', 'Kaarten Vlaanderen', 'Brugse drukken']) } : {}),
      rights: 'http://creativecommons.org/publicdomain/mark/1.0/',
      attribution: 'Leeszaal bench',
      behavior: 'paged',
      viewingDirection: 'left-to-right',
      pages: [],
      toc: [],
    });
    if (r() < FULL_TEXT_SHARE) {
      texts.set(
        id,
        Array.from({ length: 2 }, () => Array.from({ length: 25 }, () => Array.from({ length: 8 }, () => zipf(r, textWords)).join(' '))),
      );
    }
  }
  return { titleWords, records, texts, persons, textWords };
}

function documents(corpus: Corpus): IndexDocument[] {
  return corpus.records.map((record) => {
    const pages = (corpus.texts.get(record.id) ?? []).map((lines, p) => ({
      key: `page-${p + 1}`,
      canvas: `http://localhost:3000/iiif/presentation/${record.id}/canvas/page-${p + 1}`,
      lines: lines.map((text, l) => ({ text, xywh: [100, 100 + l * 60, 1200, 50] as [number, number, number, number] })),
    }));
    return buildIndexDocument(record, pages);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))]!;
}

async function measure(run: (i: number) => Promise<unknown> | unknown): Promise<{ median: number; p95: number }> {
  for (let i = 0; i < WARMUP; i++) await run(i);
  const times: number[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const t = performance.now();
    await run(WARMUP + i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

const ms = (v: number) => `${v.toFixed(2)} ms`;

export async function run(log: BenchLog): Promise<BenchFigure[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-bench-search-'));
  try {
    log(`generating ${RECORDS} records (${FULL_TEXT_SHARE * 100}% with full text)`);
    const corpus = generate(RECORDS);
    const docs = documents(corpus);

    // Reference: a bare FTS5 table loaded with the same folded text, in one transaction.
    const refDb = new DatabaseSync(path.join(dir, 'reference.sqlite'));
    refDb.exec(
      "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='unicode61 remove_diacritics 2')",
    );
    const refStart = performance.now();
    const insert = refDb.prepare('INSERT INTO t(rowid, title, body) VALUES (?, ?, ?)');
    refDb.exec('BEGIN');
    docs.forEach((d, i) =>
      insert.run(
        i + 1,
        foldText(d.labels.join(' ')),
        foldText([...d.agents.map((a) => a.name), d.place ?? '', ...d.subjects, ...d.pages.flatMap((p) => p.lines.map((l) => l.text))].join(' ')),
      ),
    );
    refDb.exec('COMMIT');
    const refBuild = (performance.now() - refStart) / 1000;

    const backend = new EmbeddedSearchBackend(path.join(dir, 'search'));
    log('building the embedded index');
    const buildStart = performance.now();
    async function* all() {
      yield* docs;
    }
    await backend.rebuild(all(), (done) => {
      if (done % 20_000 === 0) log(`  ${done} indexed`);
    });
    const build = (performance.now() - buildStart) / 1000;
    log(`built in ${build.toFixed(1)} s (bare FTS5 load ${refBuild.toFixed(1)} s)`);

    const r = prng(481);
    const titleWords = LANGS.flatMap((l) => corpus.titleWords[l]).filter((w) => w.length > 3);
    const surnames = corpus.persons.map((p) => p.split(' ')[1]!);
    const sample = (n: number, make: () => string) => Array.from({ length: n }, make);
    const total = WARMUP + QUERIES;
    const plainWords = sample(total, () =>
      r() < 0.5 ? zipf(r, corpus.titleWords[pick(r, LANGS)]) : r() < 0.5 ? pick(r, surnames) : zipf(r, corpus.textWords),
    );
    const typos = sample(total, () => {
      const w = pick(
        r,
        titleWords.filter((t) => t.length >= 6),
      );
      const at = 2 + Math.floor(r() * (w.length - 3));
      return w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2);
    });
    // The first letter changed: the engine looks beyond the word's first two letters only for these.
    const leadingTypos = sample(total, () => {
      const w = pick(
        r,
        titleWords.filter((t) => t.length >= 6),
      );
      const letter = 'bdfkmpstvz'[Math.floor(r() * 10)]!;
      return (letter === w[0]!.toLowerCase() ? 'x' : letter) + w.slice(1);
    });
    const q = (partial: Partial<SearchQuery>): SearchQuery => ({ filters: {}, sort: 'relevance', page: 1, size: 20, ...partial });
    const kinds: { name: string; run: (i: number) => Promise<unknown>; ref?: string[] }[] = [
      { name: 'plain', run: (i) => backend.search(q({ q: plainWords[i]! })), ref: plainWords },
      { name: 'typo', run: (i) => backend.search(q({ q: typos[i]! })) },
      { name: 'first-letter typo', run: (i) => backend.search(q({ q: leadingTypos[i]! })) },
      {
        name: 'fielded',
        run: (i) =>
          backend.search(
            q({ q: i % 2 ? `person:${surnames[i]}` : `title:${titleWords[i % titleWords.length]} place:${PLACE_NAMES[i % PLACE_NAMES.length]}` }),
          ),
      },
      {
        name: 'faceted',
        run: (i) =>
          backend.search(
            q({
              ...(i % 2 ? { q: plainWords[i]! } : {}),
              filters: { language: [LANGS[i % LANGS.length]!], century: [String(15 + (i % 4))], ...(i % 3 === 0 ? { type: ['book'] } : {}) },
              sort: i % 2 ? 'relevance' : 'title',
            }),
          ),
      },
      {
        name: 'date-range',
        run: (i) => {
          const from = 1450 + ((i * 37) % 350);
          return backend.search(q({ ...(i % 2 ? { q: plainWords[i]! } : {}), from, to: from + 50, sort: 'date' }));
        },
      },
      {
        name: 'suggest',
        run: (i) => {
          const word = i % 2 ? surnames[i]! : titleWords[i % titleWords.length]!;
          return backend.suggest(word.slice(0, 2 + (i % 4)), 8);
        },
      },
    ];

    const bare = refDb.prepare('SELECT rowid FROM t WHERE t MATCH ? ORDER BY rank LIMIT 20');
    const reference = await measure((i) => bare.all(`"${foldWord(plainWords[i]!)}"`));
    log(`reference bare FTS5 MATCH top 20: median ${ms(reference.median)}, p95 ${ms(reference.p95)}`);

    const figures: BenchFigure[] = [
      {
        part: 'search',
        name: `embedded index build, ${RECORDS} records`,
        ratio: refBuild / build,
        goal: 'bare FTS5 load time / ours (higher is better)',
        detail: `${build.toFixed(1)} s (${Math.round(RECORDS / build)} records/s); bare FTS5 load of the same text ${refBuild.toFixed(1)} s`,
      },
    ];
    // Ingest publishing one item while readers search: the write, then the first search after it.
    const updates: number[] = [];
    for (let i = 0; i < 40; i++) {
      const doc = docs[(i * 7919) % docs.length]!;
      const t = performance.now();
      await backend.index({ ...doc, title: `${doc.title} (herdruk ${i})` });
      await backend.search(q({ sort: 'title' }));
      updates.push(performance.now() - t);
    }
    updates.sort((a, b) => a - b);
    const update = { median: percentile(updates, 0.5), p95: percentile(updates, 0.95) };
    log(`update one item + next search: median ${ms(update.median)}, p95 ${ms(update.p95)}`);
    figures.push({
      part: 'search',
      name: 'single-item update + next search p95',
      ratio: 250 / update.p95,
      goal: 'p95 < 250 ms (ratio = 250 ms / p95)',
      detail: `median ${ms(update.median)}, p95 ${ms(update.p95)} (the snapshot is patched, not reloaded)`,
    });
    for (const kind of kinds) {
      const m = await measure(kind.run);
      log(`${kind.name}: median ${ms(m.median)}, p95 ${ms(m.p95)}`);
      figures.push({
        part: 'search',
        name: `${kind.name} query p95`,
        ratio: GOAL_MS / m.p95,
        goal: `p95 < ${GOAL_MS} ms (ratio = ${GOAL_MS} ms / p95, ≥ 1 meets it)`,
        detail: `median ${ms(m.median)}, p95 ${ms(m.p95)}; bare FTS5 MATCH top 20 p95 ${ms(reference.p95)} (ours / bare ${(m.p95 / reference.p95).toFixed(1)}×)`,
      });
    }
    await backend.close();
    refDb.close();
    return figures;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
