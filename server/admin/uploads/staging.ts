// Where uploads wait to be published: `<DATA_DIR>/.leeszaal/uploads/`, inside the private state
// folder that no route serves (manifests/data-file.ts treats it as private); not `.leeszaal/staging/`,
// which is ingest's own write-aside folder and emptied by every ingest run. Files being received live in
// `.parts/` (the tus file store's own names); a finished file moves into its batch's folder
// `<batch>/<safe relative path>`, which is what a publish job hands to ingest.
import path from 'node:path';
import { dataPaths } from '../../../manifests/layout.ts';

export interface Staging {
  root: string;
  /** Files still being received, named by upload id. */
  parts: string;
  /** A batch's folder: what its publish job publishes. */
  batch: (batchId: string) => string;
  /** Where a received file of a batch lands; `relative` must come from safeRelativePath. */
  file: (batchId: string, relative: string) => string;
}

/** Batch ids are the server's own (random hex), never a client's text. */
export const BATCH_ID = /^[0-9a-f]{16}$/;

export function staging(dataDir: string): Staging {
  const root = path.join(dataPaths(dataDir).state, 'uploads');
  const batch = (batchId: string) => {
    if (!BATCH_ID.test(batchId)) throw new Error(`not a batch id: ${JSON.stringify(batchId)}`);
    return path.join(root, batchId);
  };
  return {
    root,
    parts: path.join(root, '.parts'),
    batch,
    file: (batchId, relative) => {
      const dir = batch(batchId);
      const file = path.resolve(dir, relative);
      // safeRelativePath guarantees this; checked again because a file outside would be published.
      if (!file.startsWith(`${dir}${path.sep}`)) throw new Error(`${JSON.stringify(relative)} is outside its batch folder`);
      return file;
    },
  };
}
