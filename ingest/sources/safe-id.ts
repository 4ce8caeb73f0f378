// Turns curator-given names (folder names, CSV ids, file stems) into item ids and page keys that
// fit ID_PATTERN, so they are safe as one path segment and one URL segment without encoding.
import { ID_PATTERN } from '../../manifests/layout.ts';

const MAX_LENGTH = 128;
/** Letters that Unicode decomposition does not reduce to ASCII. */
const LETTERS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', þ: 'th', ſ: 's' };

/** Lower-case, accents dropped, anything else outside [a-z0-9_-] becomes `-`; '' when nothing is left. */
export function toSafeId(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ßæœøłđþſ]/gi, (c) => LETTERS[c.toLowerCase()] ?? c)
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, MAX_LENGTH)
    .replace(/[-_]+$/, '');
  return ID_PATTERN.test(slug) ? slug : '';
}

/** Makes each name's safe id unique among the others by suffixing `-2`, `-3`, … in order of appearance. */
export function uniqueSafeIds(names: readonly string[], fallback: string): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const base = toSafeId(name) || fallback;
    let candidate = base;
    for (let n = 2; taken.has(candidate); n++) {
      const suffix = `-${n}`;
      candidate = base.slice(0, MAX_LENGTH - suffix.length) + suffix;
    }
    taken.add(candidate);
    return candidate;
  });
}
