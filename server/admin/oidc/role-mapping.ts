// Which role someone signing in through the library's identity provider gets: the values of one claim
// (a group list such as `groups`, or a single value such as `role`) matched against the values
// configured for admins and for curators. Admin wins when both match; no match means no access.
import type { Role } from '../contracts.ts';

export interface RoleMapping {
  claim: string;
  admin: readonly string[];
  curator: readonly string[];
}

export function roleFromClaims(claims: Readonly<Record<string, unknown>>, mapping: RoleMapping): Role | undefined {
  const raw = claims[mapping.claim];
  const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
  if (values.some((v) => mapping.admin.includes(v))) return 'admin';
  if (values.some((v) => mapping.curator.includes(v))) return 'curator';
  return undefined;
}
