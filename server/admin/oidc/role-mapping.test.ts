import { describe, expect, it } from 'vitest';
import type { Role } from '../contracts.ts';
import { roleFromClaims } from './role-mapping.ts';

const mapping = { claim: 'groups', admin: ['leeszaal-admins'], curator: ['leeszaal-curators', 'erfgoed'] };

describe('roleFromClaims', () => {
  const cases: [string, Record<string, unknown>, Role | undefined][] = [
    ['an admin group', { groups: ['staff', 'leeszaal-admins'] }, 'admin'],
    ['a curator group', { groups: ['erfgoed'] }, 'curator'],
    ['both: admin wins', { groups: ['leeszaal-curators', 'leeszaal-admins'] }, 'admin'],
    ['a single value', { groups: 'leeszaal-curators' }, 'curator'],
    ['no matching group', { groups: ['staff'] }, undefined],
    ['no claim', { sub: 'x' }, undefined],
    ['values that are not strings', { groups: [1, { name: 'leeszaal-admins' }] }, undefined],
    ['case matters', { groups: ['Leeszaal-Admins'] }, undefined],
  ];
  it.each(cases)('%s', (_what, claims, expected) => {
    expect(roleFromClaims(claims, mapping)).toBe(expected);
  });
});
