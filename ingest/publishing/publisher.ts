// The curators' workspace's publisher (server/admin/contracts.ts `Publisher`), made from ingest: a
// staged folder is published by the ingest CLI in a child process at lower priority (folder-job.ts),
// an edited record, a withdrawal and a restore by record-publisher.ts, and an uploaded file is
// checked by ingest's own readers (upload-check.ts). start.ts hands it to the
// server, which never imports ingest itself (so the shape is checked there, structurally).
import type { Config } from '../../config.ts';
import { folderPublisher } from './folder-job.ts';
import { recordPublisher } from './record-publisher.ts';
import { uploadProblem } from './upload-check.ts';

export function ingestPublisher(config: Config) {
  return {
    ...folderPublisher({ dataDir: config.DATA_DIR, jobs: config.INGEST_JOBS, env: { ...process.env, PUBLIC_BASE_URL: config.PUBLIC_BASE_URL } }),
    ...recordPublisher(config),
    checkUpload: uploadProblem,
  };
}
