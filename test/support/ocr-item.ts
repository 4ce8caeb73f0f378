// The item.json of the OCR tests' two-page Kant item: page 481 comes with its ALTO, page 482 without
// text, so that ingest with OCR reads only the second. Each test writes its own images beside it.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

export async function writeOcrItemJson(itemFolder: string, id: string): Promise<void> {
  await writeFile(
    path.join(itemFolder, 'item.json'),
    JSON.stringify({
      id,
      title: 'Beantwortung der Frage: Was ist Aufklärung?',
      date: '1784',
      language: ['ger'],
      rights: 'https://creativecommons.org/publicdomain/mark/1.0/',
      attribution: 'Zentral- und Landesbibliothek Berlin',
      pages: [
        { file: 'images/page-0017.tif', label: '481', alto: 'alto/page-0017.xml' },
        { file: 'images/page-0018.tif', label: '482' },
      ],
    }),
  );
}
