// `npm run user -- <command>`: accounts managed by the server's operator, on the server, before
// anyone can sign in (the first admin) and when the web page cannot help (a locked-out admin).
// Parsing is pure and tested; running takes the database and its input and output from the caller.
import { parseArgs } from 'node:util';
import type { Role } from '../contracts.ts';
import type { AdminDb } from '../db.ts';
import { addAccount, endAccountSessions, newSetPasswordLink, setAccountDisabled, setAccountPassword } from './manage.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { setPasswordUrl } from './set-password-links.ts';
import { AccountError, findUser, listUsers } from './users.ts';

export const USAGE = `Usage: npm run user -- <command>
  add <name> [--admin] [--password]   make an account (a curator unless --admin)
  list                                 list the accounts
  disable <name>                       disable an account and end its sessions
  enable <name>                        enable a disabled account
  end-sessions <name>                  sign an account out everywhere
  reset <name> [--password]            a new set-password link (earlier ones stop working)
Without --password a one-time link to set the password is printed; with it the password is asked
for (or read from the first line of standard input when that is not a terminal).`;

export type UserCommand =
  | { kind: 'add'; name: string; role: Role; askPassword: boolean }
  | { kind: 'list' }
  | { kind: 'disable' | 'enable' | 'end-sessions'; name: string }
  | { kind: 'reset'; name: string; askPassword: boolean }
  | { kind: 'help' };

export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseUserCommand(argv: readonly string[]): UserCommand {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const [command, name, ...rest] = parsed.positionals;
  if (parsed.values.help || command === undefined || command === 'help') return { kind: 'help' };
  if (rest.length > 0) throw new UsageError(`unexpected ${JSON.stringify(rest[0])}`);
  const needName = () => {
    if (name === undefined) throw new UsageError(`${command} needs an account name`);
    return name;
  };
  const onlyFor = (flag: 'admin' | 'password', allowed: string[]) => {
    if (parsed.values[flag] && !allowed.includes(command)) throw new UsageError(`--${flag} is not an option of ${command}`);
  };
  onlyFor('admin', ['add']);
  onlyFor('password', ['add', 'reset']);
  switch (command) {
    case 'add':
      return { kind: 'add', name: needName(), role: parsed.values.admin ? 'admin' : 'curator', askPassword: parsed.values.password === true };
    case 'reset':
      return { kind: 'reset', name: needName(), askPassword: parsed.values.password === true };
    case 'disable':
    case 'enable':
    case 'end-sessions':
      return { kind: command, name: needName() };
    case 'list':
      if (name !== undefined) throw new UsageError('list takes no name');
      return { kind: 'list' };
    default:
      throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  }
}

const parse = (argv: readonly string[]) =>
  parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: { admin: { type: 'boolean' }, password: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });

export interface CommandIo {
  db: AdminDb;
  publicBaseUrl: string;
  linkHours: number;
  /** Who is recorded in the audit log. */
  operator: string;
  out: (line: string) => void;
  readPassword: () => Promise<string>;
}

/** Runs a command; throws AccountError or UsageError with a message for the operator. */
export async function runUserCommand(command: UserCommand, io: CommandIo): Promise<void> {
  const by = { name: io.operator };
  const linkMs = io.linkHours * 3_600_000;
  const existing = (name: string) => {
    const account = findUser(io.db, name);
    if (!account) throw new AccountError(`no account named ${JSON.stringify(name)}`);
    return account;
  };
  const askPassword = async (id: number) => {
    const password = await io.readPassword();
    const problem = passwordProblem(password);
    if (problem)
      throw new AccountError(
        problem === 'too-short' ? 'the password must be at least 12 characters long' : 'the password may be at most 1024 characters long',
      );
    setAccountPassword(io.db, by, id, await hashPassword(password));
  };
  const printLink = (name: string, token: string) => {
    io.out(`Give ${name} this link to set a password; it works once, for ${io.linkHours} hours:`);
    io.out(`  ${setPasswordUrl(io.publicBaseUrl, token)}`);
  };

  switch (command.kind) {
    case 'help':
      io.out(USAGE);
      return;
    case 'list':
      for (const a of listUsers(io.db)) {
        io.out(`${a.name}\t${a.role}\t${a.disabled ? 'disabled' : a.hasPassword ? 'active' : 'no password yet'}\tsince ${a.created.slice(0, 10)}`);
      }
      return;
    case 'add': {
      if (command.askPassword) {
        // The password is asked for first, so a refused one leaves no account behind.
        const password = await io.readPassword();
        const problem = passwordProblem(password);
        if (problem)
          throw new AccountError(
            problem === 'too-short' ? 'the password must be at least 12 characters long' : 'the password may be at most 1024 characters long',
          );
        const { account } = addAccount(io.db, by, command.name, command.role, linkMs);
        setAccountPassword(io.db, by, account.id, await hashPassword(password));
        io.out(`Made ${account.role} ${account.name}, with the password given.`);
        return;
      }
      const { account, token } = addAccount(io.db, by, command.name, command.role, linkMs);
      io.out(`Made ${account.role} ${account.name}.`);
      printLink(account.name, token);
      return;
    }
    case 'reset': {
      const account = existing(command.name);
      if (command.askPassword) {
        await askPassword(account.id);
        io.out(`Set the password of ${account.name}; their sessions have ended.`);
        return;
      }
      const { token } = newSetPasswordLink(io.db, by, account.id, linkMs);
      printLink(account.name, token);
      return;
    }
    case 'disable':
    case 'enable': {
      const account = existing(command.name);
      setAccountDisabled(io.db, by, account.id, command.kind === 'disable');
      io.out(`${command.kind === 'disable' ? 'Disabled' : 'Enabled'} ${account.name}.`);
      return;
    }
    case 'end-sessions': {
      const account = existing(command.name);
      const ended = endAccountSessions(io.db, by, account.id);
      io.out(`Ended ${ended} session${ended === 1 ? '' : 's'} of ${account.name}.`);
      return;
    }
  }
}
