// `npm run user`: the operator's account command (accounts/user-command.ts) on the data folder the
// configuration names. A password is asked for without echo on a terminal, or read from the first
// line of standard input (for scripts).
import os from 'node:os';
import readline from 'node:readline';
import { Writable } from 'node:stream';
import { ConfigError, loadConfig } from '../../config.ts';
import { parseUserCommand, runUserCommand, UsageError, USAGE } from './accounts/user-command.ts';
import { AccountError } from './accounts/users.ts';
import { migrateAccounts } from './admin.ts';
import { openAdminDb } from './db.ts';

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const lines = readline.createInterface({ input: process.stdin });
    for await (const line of lines) return line;
    return '';
  }
  // Typed characters are echoed to a stream that drops them, so the password never shows.
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const ask = (prompt: string) =>
    new Promise<string>((resolve) => {
      process.stdout.write(prompt);
      const rl = readline.createInterface({ input: process.stdin, output: silent, terminal: true });
      rl.question('', (answer) => {
        rl.close();
        process.stdout.write('\n');
        resolve(answer);
      });
    });
  const first = await ask('Password (at least 12 characters): ');
  const again = await ask('Again: ');
  if (first !== again) throw new AccountError('the two passwords are not the same');
  return first;
}

try {
  const command = parseUserCommand(process.argv.slice(2));
  const config = loadConfig(process.env);
  const db = openAdminDb(config.DATA_DIR);
  try {
    migrateAccounts(db);
    await runUserCommand(command, {
      db,
      publicBaseUrl: config.PUBLIC_BASE_URL,
      linkHours: config.ADMIN_LINK_HOURS,
      operator: `command line (${os.userInfo().username})`,
      out: (line) => console.log(line),
      readPassword,
    });
  } finally {
    db.close();
  }
} catch (err) {
  if (err instanceof UsageError) console.error(`${err.message}\n\n${USAGE}`);
  else if (err instanceof AccountError || err instanceof ConfigError) console.error(err.message);
  else throw err;
  process.exitCode = 1;
}
