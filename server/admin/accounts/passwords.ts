// Passwords of admin accounts: the rule (NIST SP 800-63B: at least 12 characters, no composition
// rules, a bounded length so hashing cannot be made to take long) and hashing with argon2id.
import { hash, verify } from '@node-rs/argon2';

export const MIN_PASSWORD = 12;
export const MAX_PASSWORD = 1024;

export type PasswordProblem = 'too-short' | 'too-long';

/** What is wrong with a new password, if anything; length counts characters as people see them. */
export function passwordProblem(password: string): PasswordProblem | undefined {
  const length = [...password.normalize('NFC')].length;
  if (length < MIN_PASSWORD) return 'too-short';
  if (length > MAX_PASSWORD) return 'too-long';
  return undefined;
}

// argon2id (the library's default algorithm) with its default cost: 19 MiB, 2 passes (OWASP's minimum).
export const hashPassword = (password: string) => hash(password.normalize('NFC'));

/** True when `password` matches `stored`; a malformed hash or an overlong password never matches. */
export async function passwordMatches(stored: string, password: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD * 4) return false;
  try {
    return await verify(stored, password.normalize('NFC'));
  } catch {
    return false;
  }
}

let decoy: Promise<string> | undefined;
/**
 * A hash to check a password against when the account does not exist, is disabled or has no password
 * yet, so that signing in takes as long as with a real account and says nothing about which it was.
 */
export const decoyHash = () => {
  decoy ??= hashPassword('decoy password that matches no account');
  return decoy;
};
