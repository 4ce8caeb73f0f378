// Catalogue benchmark (`npm run bench catalogue`): a library's whole MARC export, 10,000 records
// made deterministically from the shape of the fixture records (varied titles, names, dates,
// shelfmarks, subjects), read and mapped to item descriptions as ingest does for a collection's
// catalogue file. References measured in the same run on the same bytes: for MARCXML, parsing the
// text with fast-xml-parser alone (the floor of any reader on the project's XML parser); for binary
// MARC 21, the MARC library's own ISO 2709 reader alone, record by record (what our checks and
// mapping add to it). Ratios are reference time / our time: 1 would be checking and mapping for
// free. The detail also gives the speed of merely splitting the bytes at the record, field and
// subfield marks: the library's per-record JSON Schema validation is most of the binary reader's time.
import { performance } from 'node:perf_hooks';
import type { MarcField } from '@natlibfi/marc-record';
import { describeMarc } from '../../ingest/sources/catalogue/marc-fields.ts';
import { readIso2709, readMarcXml } from '../../ingest/sources/catalogue/marc-file.ts';
import { XMLParser } from '../../ingest/sources/xml.ts';
import type { BenchFigure, BenchLog } from './run.ts';

const RECORDS = Number(process.env.CATALOGUE_BENCH_RECORDS ?? 10_000);
const ROUNDS = 3;
const WORDS =
  'Beantwortung Frage Aufklärung Werke Punctirkunst Herold Beschryvinge stad Brugge Getyden Kronyk Historie Vlaenderen Tractatus legibus'.split(' ');
const NAMES = ['Kant, Immanuel', 'Pembroke, Henry Herbert', 'Mansion, Colard', 'Plantijn, Christoffel', 'Vrelant, Willem'];

function record(n: number): { leader: string; fields: MarcField[] } {
  const word = (k: number) => WORDS[(n * 7 + k * 13) % WORDS.length]!;
  const year = 1470 + (n % 380);
  const sub = (code: string, value: string) => ({ code, value });
  return {
    leader: `00000n${n % 10 === 0 ? 'as' : 'am'} a2200000 c 4500`,
    fields: [
      { tag: '001', value: String(900_000_000 + n) },
      { tag: '003', value: 'DE-627' },
      { tag: '008', value: `180516s${year}    gw            000 0 ger d` },
      { tag: '035', ind1: ' ', ind2: ' ', subfields: [sub('a', `(OCoLC)${10_000_000 + n}`)] },
      { tag: '041', ind1: '0', ind2: ' ', subfields: [sub('a', n % 3 === 0 ? 'gerlat' : 'ger')] },
      { tag: '100', ind1: '1', ind2: ' ', subfields: [sub('a', `${NAMES[n % NAMES.length]},`), sub('d', '1724-1804'), sub('e', 'Verfasser')] },
      {
        tag: '245',
        ind1: '1',
        ind2: '0',
        subfields: [sub('a', `${word(1)} ${word(2)} ${word(3)} :`), sub('b', `${word(4)} ${word(5)} /`), sub('c', 'Kant.')],
      },
      { tag: '264', ind1: ' ', ind2: '1', subfields: [sub('a', 'Berlin :'), sub('b', 'Haude und Spener,'), sub('c', `${year}.`)] },
      { tag: '500', ind1: ' ', ind2: ' ', subfields: [sub('a', `${word(6)} ${word(7)}, S. ${n % 500}.`)] },
      { tag: '650', ind1: ' ', ind2: '7', subfields: [sub('a', word(8)), sub('x', word(9)), sub('2', 'gnd')] },
      { tag: '700', ind1: '1', ind2: ' ', subfields: [sub('a', NAMES[(n + 2) % NAMES.length]!), sub('4', 'prt')] },
      { tag: '852', ind1: ' ', ind2: ' ', subfields: [sub('a', 'Staatsbibliothek zu Berlin'), sub('j', `Na ${n}`)] },
      { tag: '856', ind1: '4', ind2: '0', subfields: [sub('u', `http://resolver.staatsbibliothek-berlin.de/SBB${n}`)] },
    ],
  };
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function marcXml(records: { leader: string; fields: MarcField[] }[]): string {
  const body = records.map((r) => {
    const fields = r.fields.map((f) =>
      'subfields' in f
        ? `<datafield tag="${f.tag}" ind1="${f.ind1}" ind2="${f.ind2}">${f.subfields.map((s) => `<subfield code="${s.code}">${escapeXml(s.value ?? '')}</subfield>`).join('')}</datafield>`
        : `<controlfield tag="${f.tag}">${escapeXml(f.value)}</controlfield>`,
    );
    return `<record><leader>${r.leader}</leader>${fields.join('')}</record>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="http://www.loc.gov/MARC21/slim">\n${body.join('\n')}\n</collection>\n`;
}

/** The fastest of a few rounds, in milliseconds. */
async function best(fn: () => unknown): Promise<number> {
  let fastest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    await fn();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest;
}

/** The least an ISO 2709 reader does: decode, and split at record (1D), field (1E) and subfield (1F) marks. */
function splitFloor(bytes: Buffer): number {
  let parts = 0;
  for (const rec of bytes.toString('utf8').split('\x1d')) for (const field of rec.split('\x1e')) parts += field.split('\x1f').length;
  return parts;
}

export async function run(log: BenchLog): Promise<BenchFigure[]> {
  const { MarcRecord } = await import('@natlibfi/marc-record');
  const { from, to } = await import('@natlibfi/marc-record-serializers/dist/iso2709.js');
  const records = Array.from({ length: RECORDS }, (_, n) => record(n));
  const xml = marcXml(records);
  const binary = Buffer.from(records.map((r) => to(new MarcRecord(r))).join(''), 'utf8');
  log(`${RECORDS} records: MARCXML ${(xml.length / 1e6).toFixed(1)} MB, binary ${(binary.length / 1e6).toFixed(1)} MB`);

  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, parseTagValue: false, trimValues: true });
  const mapAll = (readings: Awaited<ReturnType<typeof readMarcXml>>) => {
    let titled = 0;
    for (const r of readings) if ('record' in r && describeMarc(r.record).title) titled++;
    if (titled !== RECORDS) throw new Error(`${titled} of ${RECORDS} records read with a title`);
  };
  const xmlFloor = await best(() => parser.parse(xml));
  const xmlOurs = await best(async () => mapAll(await readMarcXml(xml)));
  log(`MARCXML: fast-xml-parser alone ${xmlFloor.toFixed(0)} ms, read and mapped ${xmlOurs.toFixed(0)} ms`);
  const binaryFloor = await best(() => splitFloor(binary));
  const records2709 = binary.toString('utf8').split('\x1d').slice(0, -1);
  const libraryAlone = await best(() => records2709.map((r) => from(r, { subfieldValues: false, controlFieldValues: false })));
  const binaryOurs = await best(async () => mapAll(await readIso2709(binary)));
  log(
    `binary: split floor ${binaryFloor.toFixed(0)} ms, the library's reader ${libraryAlone.toFixed(0)} ms, read and mapped ${binaryOurs.toFixed(0)} ms`,
  );
  const perSecond = (ms: number) => Math.round((RECORDS / ms) * 1000).toLocaleString('en');
  return [
    {
      part: 'catalogue',
      name: `MARCXML export of ${RECORDS.toLocaleString('en')} records read and mapped`,
      ratio: xmlFloor / xmlOurs,
      goal: '>= 0.25 of parsing alone',
      detail: `${perSecond(xmlOurs)} records/s (fast-xml-parser alone: ${perSecond(xmlFloor)}/s)`,
    },
    {
      part: 'catalogue',
      name: `binary MARC 21 export of ${RECORDS.toLocaleString('en')} records read and mapped`,
      ratio: libraryAlone / binaryOurs,
      goal: '>= 0.8 of the library alone',
      detail: `${perSecond(binaryOurs)} records/s (the MARC library's reader alone: ${perSecond(libraryAlone)}/s; splitting the bytes alone: ${perSecond(binaryFloor)}/s)`,
    },
  ];
}
