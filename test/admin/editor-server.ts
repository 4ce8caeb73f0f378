// The item editor's test server: the whole Leeszaal as `npm start` composes it (IIIF, search with its
// activity follower, the curators' workspace at /admin, the site) with ingest's record publisher, on
// its own copy of the published sample, and two curators' accounts made through the accounts API.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../config.ts';
import { recordPublisher } from '../../ingest/publishing/record-publisher.ts';
import { addAccount, setAccountPassword } from '../../server/admin/accounts/manage.ts';
import { hashPassword } from '../../server/admin/accounts/passwords.ts';
import { type AuditRow, auditPage } from '../../server/admin/audit.ts';
import { createLeeszaal } from '../../server/leeszaal.ts';
import { createLogger } from '../../server/logger.ts';
import { ensureBuilt, listen } from '../browser/support.ts';
import { publishedSample } from '../support/sample.ts';

/** The curators' accounts, with passwords of the length the workspace asks for. */
export const CURATORS = { anna: 'anna-leest-kant-1784', bram: 'bram-corrigeert-titels' } as const;

export interface EditorServer {
  baseUrl: string;
  dataDir: string;
  config: Config;
  /** The workspace's audit log, oldest first. */
  auditLog: () => AuditRow[];
  /** Brings search up to date with the activity log now, rather than at the follower's next tick. */
  syncSearch: () => Promise<void>;
  close: () => Promise<void>;
}

export async function startEditorServer(): Promise<EditorServer> {
  ensureBuilt();
  const { server, baseUrl, setHandler } = await listen();
  const sample = await publishedSample(baseUrl);
  const root = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-editor-'));
  const dataDir = path.join(root, 'data');
  // A copy of its own: the tests edit, withdraw and restore.
  // Without another test's lock or workspace database.
  const left = [path.join('.leeszaal', 'ingest.lock'), path.join('.leeszaal', 'admin')];
  await cp(sample.dataDir, dataDir, { recursive: true, filter: (src) => !left.includes(path.relative(sample.dataDir, src)) });
  const config = loadConfig({ DATA_DIR: dataDir, PUBLIC_BASE_URL: baseUrl, LOG_LEVEL: 'silent' });
  const publisher = {
    ...recordPublisher(config),
    publishFolder: () => Promise.reject(new Error('uploads are not part of the item editor tests')),
    checkUpload: () => Promise.reject(new Error('uploads are not part of the item editor tests')),
  };
  const leeszaal = createLeeszaal(config, createLogger(config), { publisher });
  const db = leeszaal.admin.db;
  for (const [name, password] of Object.entries(CURATORS)) {
    const { account } = addAccount(db, { name: 'test' }, name, 'curator', 3_600_000);
    setAccountPassword(db, { name: 'test' }, account.id, await hashPassword(password));
  }
  setHandler(leeszaal.app);
  await leeszaal.search.follower.sync();
  return {
    baseUrl,
    dataDir,
    config,
    auditLog: () => auditPage(db, 1, 1000).rows.reverse(),
    syncSearch: async () => {
      await leeszaal.search.follower.sync();
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await leeszaal.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
