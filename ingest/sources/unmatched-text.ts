// The full-text files of an item folder (in `alto/`, `page/`, `hocr/` …) that belong to no page: no
// page uses them and no page image has their stem. A curator who exported text under other names
// than the scans would otherwise see pages without text and no word why. Items described by METS
// are not judged here: METS names the text files it means, and workflow exports keep others beside.
import type { ItemFiles } from './item-folder.ts';
import { fileStem } from './page-order.ts';
import type { SourcePage } from './source-item.ts';

/** Text files of `files` that match none of `pages`, with the reason to show. */
export function unmatchedTextFiles(
  files: Pick<ItemFiles, 'altoByStem' | 'images'>,
  pages: readonly SourcePage[],
): { file: string; reason: string }[] {
  const used = new Set(pages.flatMap((p) => (p.alto ? [p.alto] : [])));
  const stems = new Set(files.images.map(fileStem));
  return [...files.altoByStem.entries()]
    .filter(([stem, file]) => !used.has(file) && !stems.has(stem))
    .map(([stem, file]) => ({
      file,
      reason: `${file} is a full-text file that matches no page: no page image is named ${stem} (with any extension); name it after its page image`,
    }));
}
