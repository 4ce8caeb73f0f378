// Rewrites the two documents that list every published item: the top IIIF Collection (from the
// published records, in id order) and the Change Discovery stream (from the activity log). Both are
// written atomically after the manifests they point to exist, so they never name a missing manifest.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../config.ts';
import { buildCollection } from '../../manifests/collection.ts';
import { buildDiscovery } from '../../manifests/discovery.ts';
import type { ItemRecord } from '../../manifests/item.ts';
import { parseItemRecord } from '../../manifests/item-reader.ts';
import type { DataPaths, PublicUrls } from '../../manifests/layout.ts';
import { DEFAULT_THUMBNAIL_WIDTH } from '../../manifests/thumbnail.ts';
import { validatePresentation } from '../../manifests/validate.ts';
import { readActivities } from '../../manifests/activity-log.ts';
import { writeJsonAtomic } from '../../manifests/atomic-write.ts';
import type { IngestState } from './state.ts';

export async function publishIndexes(paths: DataPaths, urls: PublicUrls, state: IngestState, config: Config): Promise<void> {
  const staging = path.join(paths.state, 'staging');
  const records: ItemRecord[] = [];
  for (const id of Object.keys(state.items).sort()) {
    records.push(parseItemRecord(await readFile(paths.record(id), 'utf8'), paths.record(id), id));
  }
  const collection = buildCollection(records, {
    urls,
    label: {
      nl: [`${config.PROVIDER_LABEL}: collectie`],
      fr: [`${config.PROVIDER_LABEL} : collection`],
      en: [`${config.PROVIDER_LABEL}: collection`],
    },
    provider: { label: config.PROVIDER_LABEL, ...(config.PROVIDER_HOMEPAGE ? { homepage: config.PROVIDER_HOMEPAGE } : {}) },
    thumbnailWidth: DEFAULT_THUMBNAIL_WIDTH,
  });
  const check = validatePresentation(collection, { baseUrl: urls.base });
  if (!check.ok) throw new Error(`collection is not valid IIIF: ${check.errors.slice(0, 3).join('; ')}`);
  await writeJsonAtomic(paths.collection, collection, staging);

  const discovery = buildDiscovery(await readActivities(paths.state), urls);
  for (const [n, page] of discovery.pages.entries()) {
    await writeJsonAtomic(path.join(paths.discovery, `page-${n}.json`), page, staging);
  }
  await writeJsonAtomic(path.join(paths.discovery, 'collection.json'), discovery.collection, staging);
}
