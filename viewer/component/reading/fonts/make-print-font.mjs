// Makes print.woff2, the reading view's face for early print (see ../print-letters.ts): Noto Serif
// Regular from the pinned npm package @expo-google-fonts/noto-serif, cut down to PRINT_RANGES with
// its mark positioning and ligature tables, as WOFF2 (about a tenth of the whole face). Its copyright
// and licence name records are kept; OFL.txt beside it is the licence. Run after upgrading the
// package: `npm run font:print`. The result is committed, so building needs no font tool.
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import subsetFont from 'subset-font';
import { PRINT_RANGES } from '../print-letters.ts';

const require = createRequire(import.meta.url);
const source = require.resolve('@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf');
const text = PRINT_RANGES.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i))).join('');
// Name records: family and style (1–6), copyright (0), licence and its URL (13, 14).
const woff2 = await subsetFont(await readFile(source), text, { targetFormat: 'woff2', preserveNameIds: [0, 1, 2, 3, 4, 5, 6, 13, 14] });
await writeFile(new URL('print.woff2', import.meta.url), woff2);
await writeFile(new URL('OFL.txt', import.meta.url), await readFile(require.resolve('@expo-google-fonts/noto-serif/LICENSE_FONT')));
console.log(`print.woff2: ${woff2.length} bytes from ${source}`);
