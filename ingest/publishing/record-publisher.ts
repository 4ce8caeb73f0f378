// The item editor's side of the admin Publisher (server/admin/contracts.ts): republishing an edited
// record, withdrawing and restoring an item, each under the ingest lock so an edit and a CLI ingest
// never interleave. start.ts composes it with the upload part's publishFolder.
import type { Config } from '../../config.ts';
import type { ItemRecord } from '../../manifests/item.ts';
import { republishRecord } from './record-edit.ts';
import { restoreItem, withdrawItem } from './withdraw.ts';

/** How long an edit waits for a running ingest before it fails with the lock's message. */
const LOCK_WAIT_MS = 30_000;

export function recordPublisher(config: Config, lockWaitMs = LOCK_WAIT_MS) {
  const opts = { dataDir: config.DATA_DIR, baseUrl: config.PUBLIC_BASE_URL, config, lockWaitMs };
  return {
    republishRecord: (record: ItemRecord) => republishRecord(opts, record),
    withdraw: (id: string) => withdrawItem(opts, id),
    restore: (id: string) => restoreItem(opts, id),
  };
}
