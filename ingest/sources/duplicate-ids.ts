// Two items claiming one id would overwrite each other's published files, so the scan leaves out
// every item whose id another item also claims, with a problem for each naming the others. Linear
// in the number of items: a spreadsheet of 100,000 rows pasted with one id must be reported in
// seconds, and each message names only the first few other claimants, so it stays readable (and
// the whole report stays linear in size) however many there are; every claimant still gets a
// problem of its own, naming its own line.
import type { SourceItem, SourceProblem, SourceScan } from './source-item.ts';

/** How many other lines and other files one message names before "and N more". */
export const NAMED_CLAIMANTS = 5;

/** One id's claimants, located once: by metadata file (in order of first appearance). */
interface Claims {
  count: number;
  byFile: Map<string, FileClaims>;
}

interface FileClaims {
  items: SourceItem[];
  /** Whether every claimant in the file knows its line (CSV rows), so the message can name lines. */
  lined: boolean;
}

function claimsOf(claimants: SourceItem[], where: (item: SourceItem) => string): Claims {
  const byFile = new Map<string, FileClaims>();
  for (const item of claimants) {
    const file = where(item);
    const lined = item.metadataLine !== undefined;
    const claims = byFile.get(file);
    if (claims) {
      claims.items.push(item);
      claims.lined &&= lined;
    } else byFile.set(file, { items: [item], lined });
  }
  return { count: claimants.length, byFile };
}

/** The first NAMED_CLAIMANTS of `values` other than `except`, then "and N more" for the rest. */
function someOf<T>(values: Iterable<T>, total: number, except: T, name: (value: T) => string): string {
  const named: string[] = [];
  for (const value of values) {
    if (value === except) continue;
    if (named.length === NAMED_CLAIMANTS) break;
    named.push(name(value));
  }
  return total > named.length ? `${named.join(', ')} and ${total - named.length} more` : named.join(', ');
}

function duplicateReason(item: SourceItem, file: string, claims: Claims): string {
  const { items: sameFile, lined } = claims.byFile.get(file)!;
  const parts: string[] = [];
  if (sameFile.length > 1) {
    const lines = lined
      ? `: line${sameFile.length > 2 ? 's' : ''} ${someOf(sameFile, sameFile.length - 1, item, (c) => String(c.metadataLine))}`
      : '';
    parts.push(`also ${sameFile.length - 1} more time(s) in the same file${lines}`);
  }
  if (claims.byFile.size > 1) parts.push(`also by ${someOf(claims.byFile.keys(), claims.byFile.size - 1, file, (f) => f)}`);
  const at = item.metadataLine === undefined ? '' : `line ${item.metadataLine}: `;
  return `${at}item id ${item.id} is claimed ${claims.count} times (${parts.join('; ')}); give each item its own id`;
}

/**
 * The items no other item shares an id with, in their order, and a problem for each of the others.
 * `shown` gives a path as the report shows it (relative to the source folder).
 */
export function withoutDuplicateIds(scanned: SourceScan, shown: (absolutePath: string) => string): SourceScan {
  const byId = new Map<string, SourceItem[]>();
  for (const item of scanned.items) {
    const list = byId.get(item.id);
    if (list) list.push(item);
    else byId.set(item.id, [item]);
  }
  const where = (item: SourceItem) => shown(item.metadataFile ?? item.folder);
  const claimsById = new Map<string, Claims>();
  const items: SourceItem[] = [];
  const problems: SourceProblem[] = [...scanned.problems];
  for (const item of scanned.items) {
    const claimants = byId.get(item.id)!;
    if (claimants.length === 1) {
      items.push(item);
      continue;
    }
    let claims = claimsById.get(item.id);
    if (!claims) {
      claims = claimsOf(claimants, where);
      claimsById.set(item.id, claims);
    }
    const file = where(item);
    problems.push({ item: item.id, file, reason: duplicateReason(item, file, claims) });
  }
  return { items, problems };
}
