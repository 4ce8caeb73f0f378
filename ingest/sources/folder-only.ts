// An item folder with page images but no metadata file: published under its folder name (for a
// bag's payload, the bag's identifier), with the neutral "untitled" label, its images in natural
// file-name order, so a curator can publish scans first and catalogue them later.
import type { SourceItem } from './source-item.ts';
import { fileStem, pageKeys } from './page-order.ts';
import type { ItemContext, ItemReading } from './item-context.ts';
import { behaviorFor, compact, labelFor } from './item-fields.ts';
import { toSafeId } from './safe-id.ts';

export function readFolderOnly(ctx: ItemContext): ItemReading {
  const id = (ctx.identifier && toSafeId(ctx.identifier)) || toSafeId(ctx.folderName);
  if (!id)
    return {
      problems: [
        {
          item: ctx.folderName,
          file: ctx.shown(ctx.folder),
          reason: `cannot make an item id from the folder name ${JSON.stringify(ctx.folderName)}: rename the folder with letters or digits`,
        },
      ],
    };
  if (ctx.files.images.length === 0) {
    return {
      problems: [
        {
          item: id,
          file: ctx.shown(ctx.folder),
          reason: 'the item folder has no page images (TIFF, JPEG, PNG or WebP, in the folder or in images/) and no metadata',
        },
      ],
    };
  }
  const keys = pageKeys(ctx.files.images);
  const type = ctx.files.images.length > 1 ? 'book' : 'print';
  const item: SourceItem = {
    id,
    type,
    ...labelFor(undefined),
    agents: [],
    languages: [],
    subjects: [],
    identifiers: [],
    rights: ctx.inherited.rights,
    attribution: ctx.inherited.attribution,
    behavior: behaviorFor(type),
    viewingDirection: 'left-to-right',
    folder: ctx.folder,
    pages: ctx.files.images.map((file, i) => compact({ key: keys[i]!, file, alto: ctx.files.altoByStem.get(fileStem(file)) })),
    toc: [],
  };
  return { item, problems: [] };
}
