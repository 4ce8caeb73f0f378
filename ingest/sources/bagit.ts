// Reads the tag files of a BagIt bag (RFC 8493), as archives and OCR-D exchange digitised items:
// the declaration `bagit.txt`, the metadata `bag-info.txt`, and the checksum manifests
// (`manifest-<algorithm>.txt`, `tagmanifest-<algorithm>.txt`). Pure parsers, each error naming
// the file and line; bag-verification.ts checks a bag's files against them, scan.ts takes its
// payload `data/` as the item.
import path from 'node:path';

export const BAG_DECLARATION = 'bagit.txt';
export const BAG_INFO = 'bag-info.txt';
export const PAYLOAD_DIR = 'data';

/** Checksum algorithms a manifest may use (RFC 8493 §2.4 names these; node:crypto computes them). */
export const ALGORITHMS = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'] as const;
export type Algorithm = (typeof ALGORITHMS)[number];

const MANIFEST_NAME = /^(tag)?manifest-([a-z0-9]+)\.txt$/;

export interface ManifestName {
  file: string;
  tag: boolean;
  algorithm: string;
}

/** Whether a file at the top of a bag is a payload or tag manifest, and with which algorithm. */
export function manifestName(file: string): ManifestName | undefined {
  const match = MANIFEST_NAME.exec(file);
  return match ? { file, tag: match[1] === 'tag', algorithm: match[2]! } : undefined;
}

export function isAlgorithm(name: string): name is Algorithm {
  return (ALGORITHMS as readonly string[]).includes(name);
}

type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * A tag file's `Label: value` lines, in order (a label may repeat); a line starting with space or
 * tab continues the value before it (§2.2.2).
 */
export function parseTagFile(text: string, file: string): Parsed<[string, string][]> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const labels: [string, string][] = [];
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const last = labels.at(-1);
    if (/^[ \t]/.test(line)) {
      if (!last) return { ok: false, reason: `${file} line ${i + 1} continues a value, but no label comes before it` };
      last[1] = `${last[1]} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) return { ok: false, reason: `${file} line ${i + 1} is not "Label: value": ${JSON.stringify(line.slice(0, 80))}` };
    labels.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return { ok: true, value: labels };
}

/** The first value of a label, matched without regard to case (as §2.2.2 allows readers to). */
export function tagValue(labels: readonly [string, string][], label: string): string | undefined {
  return labels.find(([l]) => l.toLowerCase() === label.toLowerCase())?.[1];
}

/** `bagit.txt`: BagIt-Version 0.9x or 1.x and, since only UTF-8 is read, Tag-File-Character-Encoding UTF-8. */
export function parseDeclaration(text: string): Parsed<{ version: string }> {
  const parsed = parseTagFile(text, BAG_DECLARATION);
  if (!parsed.ok) return parsed;
  const version = tagValue(parsed.value, 'BagIt-Version');
  const encoding = tagValue(parsed.value, 'Tag-File-Character-Encoding');
  if (!version) return { ok: false, reason: `${BAG_DECLARATION} has no BagIt-Version` };
  if (!/^(0\.9\d|1\.\d+)$/.test(version))
    return { ok: false, reason: `${BAG_DECLARATION} declares BagIt-Version ${version}; versions 0.93 to 1.x are read` };
  if (!encoding) return { ok: false, reason: `${BAG_DECLARATION} has no Tag-File-Character-Encoding` };
  if (!/^utf-?8$/i.test(encoding)) return { ok: false, reason: `${BAG_DECLARATION} declares tag files in ${encoding}; only UTF-8 is read` };
  return { ok: true, value: { version } };
}

/** Payload-Oxum `octets.streams`: the payload's total size and number of files (§2.2.2). */
export function parseOxum(value: string): Parsed<{ octets: number; files: number }> {
  const match = /^(\d+)\.(\d+)$/.exec(value.trim());
  if (!match) return { ok: false, reason: `${BAG_INFO} Payload-Oxum ${JSON.stringify(value)} is not "octets.files"` };
  return { ok: true, value: { octets: Number(match[1]), files: Number(match[2]) } };
}

/**
 * A manifest's lines `<checksum> <path>`: paths relative to the bag, `/`-separated, with `%0A`,
 * `%0D` and `%25` decoded (§2.1.3). A path that leaves the bag, or a digest of the wrong length,
 * is an error naming the line.
 */
export function parseManifest(text: string, file: string, algorithm: Algorithm): Parsed<Map<string, string>> {
  const digestLength = { md5: 32, sha1: 40, sha224: 56, sha256: 64, sha384: 96, sha512: 128 }[algorithm];
  const entries = new Map<string, string>();
  for (const [i, line] of text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n/)
    .entries()) {
    if (line.trim() === '') continue;
    const match = /^([0-9a-fA-F]+)[ \t]+(.+)$/.exec(line);
    const where = `${file} line ${i + 1}`;
    if (!match) return { ok: false, reason: `${where} is not "<checksum> <path>": ${JSON.stringify(line.slice(0, 80))}` };
    const [, digest, rawPath] = match as unknown as [string, string, string];
    if (digest.length !== digestLength)
      return { ok: false, reason: `${where} has a ${digest.length}-digit checksum; ${algorithm} has ${digestLength}` };
    const decoded = rawPath.replace(/%0A/gi, '\n').replace(/%0D/gi, '\r').replace(/%25/g, '%');
    const normal = path.posix.normalize(decoded);
    if (decoded.includes('\\') || path.posix.isAbsolute(normal) || normal === '..' || normal.startsWith('../') || normal.includes('\0')) {
      return { ok: false, reason: `${where} names ${JSON.stringify(decoded)}, which is not a path inside the bag` };
    }
    entries.set(normal, digest.toLowerCase());
  }
  return { ok: true, value: entries };
}

/**
 * The identifier a bag gives itself in `bag-info.txt`: External-Identifier (§2.2.2), else OCR-D's
 * Ocrd-Identifier; the item id when the item's own metadata names none.
 */
export function bagIdentifier(labels: readonly [string, string][]): string | undefined {
  return tagValue(labels, 'External-Identifier') || tagValue(labels, 'Ocrd-Identifier') || undefined;
}
