// The table of contents as IIIF Ranges (`structures`): each entry a Range over its pages' canvases,
// nested entries as nested Ranges, canvases and sub-ranges interleaved in reading order. Used by the
// manifest builder; a toc naming a page the item does not have is an error, never silently dropped.
import type { Range, RangeItems } from '@iiif/presentation-3';
import type { ItemRecord, TocEntry } from './item.ts';
import type { PublicUrls } from './layout.ts';

export function buildStructures(item: ItemRecord, urls: PublicUrls): Range[] {
  const pageIndex = new Map(item.pages.map((p, i) => [p.key, i]));
  const build = (entry: TocEntry, path: number[]): Range | undefined => {
    const ownPages = new Set(entry.pages);
    const childPages = new Set(collectPages(entry.children));
    const positioned: { at: number; item: RangeItems }[] = [];
    for (const key of ownPages) {
      const at = pageIndex.get(key);
      if (at === undefined) {
        throw new Error(`item ${item.id}: table of contents entry "${entry.label}" names page "${key}", which the item does not have`);
      }
      if (!childPages.has(key)) positioned.push({ at, item: { id: urls.canvas(item.id, key), type: 'Canvas' } as RangeItems });
    }
    entry.children.forEach((child, i) => {
      const range = build(child, [...path, i + 1]);
      if (range) positioned.push({ at: firstIndex(child, pageIndex), item: range });
    });
    if (positioned.length === 0) return undefined;
    positioned.sort((a, b) => a.at - b.at);
    return {
      id: urls.range(item.id, `r${path.join('-')}`),
      type: 'Range',
      label: { none: [entry.label] },
      items: positioned.map((p) => p.item),
    };
  };
  return item.toc.map((entry, i) => build(entry, [i + 1])).filter((r): r is Range => r !== undefined);
}

function collectPages(entries: readonly TocEntry[]): string[] {
  return entries.flatMap((e) => [...e.pages, ...collectPages(e.children)]);
}

function firstIndex(entry: TocEntry, pageIndex: ReadonlyMap<string, number>): number {
  const indices = [...entry.pages, ...collectPages(entry.children)].map((k) => pageIndex.get(k)).filter((i): i is number => i !== undefined);
  return indices.length > 0 ? Math.min(...indices) : Number.POSITIVE_INFINITY;
}
