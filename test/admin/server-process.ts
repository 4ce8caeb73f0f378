// Starts test/admin/publishing-server.ts as a child process on a free port and waits until it listens;
// makes curators in its data folder's admin database through the accounts API, as an admin would.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { addAccount, setAccountPassword } from '../../server/admin/accounts/manage.ts';
import { hashPassword } from '../../server/admin/accounts/passwords.ts';
import type { Role } from '../../server/admin/contracts.ts';
import { openAdminDb } from '../../server/admin/db.ts';
import { migrateAccounts } from '../../server/admin/admin.ts';
import { REPO_ROOT } from '../support/inputs.ts';

export const PASSWORD = 'correct horse battery staple';

/** Accounts (password PASSWORD) in the admin database of `dataDir`, made before or while a server runs. */
export async function makeAccounts(dataDir: string, accounts: [string, Role][]): Promise<void> {
  const db = openAdminDb(dataDir);
  try {
    migrateAccounts(db);
    for (const [name, role] of accounts) {
      const { account } = addAccount(db, { name: 'test' }, name, role, 3_600_000);
      setAccountPassword(db, { name: 'test' }, account.id, await hashPassword(PASSWORD));
    }
  } finally {
    db.close();
  }
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything it printed on stderr so far. */
  stderr: () => string;
  /** Ends it with `signal` and waits for it to exit. */
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

export async function startPublishingServer(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'test', 'admin', 'publishing-server.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', INGEST_JOBS: '2', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /LISTENING (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`publishing server exited (${code}) before listening:\n${err}`)));
  });
  return {
    url,
    child,
    stderr: () => err,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
