// Checks a BagIt bag (RFC 8493) is complete and intact before anything of it is published: its
// declaration, no fetch.txt (ingest downloads nothing), every file of data/ in every payload
// manifest and every listed file there, Payload-Oxum, and every checksum of the payload and tag
// manifests, hashed as a stream in bounded parallel so a bag of large TIFFs never sits in memory.
// A bag verified before, whose manifests and files (size, mtime) are unchanged, is not hashed again:
// ingest keeps the returned record in its state and hands it back as `known`.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LimitFunction } from 'p-limit';
import {
  type Algorithm,
  BAG_DECLARATION,
  BAG_INFO,
  isAlgorithm,
  manifestName,
  PAYLOAD_DIR,
  parseDeclaration,
  parseManifest,
  parseOxum,
  parseTagFile,
  tagValue,
} from './bagit.ts';

/** One thing wrong with a bag: the file at fault, relative to the bag's folder, and why. */
export interface BagProblem {
  file: string;
  reason: string;
}

/** A bag problem as the curator reads it: the whole item is held back, not just one file. */
export function bagProblemText(problem: BagProblem): string {
  return `bag not intact, nothing of it is published: ${problem.reason}`;
}

/** What a successful verification saw, to recognise the same bag next time. */
export interface VerifiedBag {
  /** sha256 over the names and contents of the bag's manifests and declaration. */
  manifests: string;
  /** Every file checked, relative to the bag: its size and modification time then. */
  files: Record<string, { size: number; mtimeMs: number }>;
}

export type BagVerification = { ok: true; verified: VerifiedBag; filesHashed: number } | { ok: false; problems: BagProblem[] };

export interface VerifyOptions {
  /** Bounds the files hashed at once, shared by every bag of a run (`pLimit(INGEST_JOBS)`). */
  limit: LimitFunction;
  /** The record of the last successful verification of this bag, if any. */
  known?: VerifiedBag;
}

interface FileInfo {
  size: number;
  mtimeMs: number;
}

/** The regular files below `dir` (relative to `root`), with the symbolic links found there. */
async function walk(root: string, dir: string, files: Map<string, FileInfo>, links: string[]): Promise<void> {
  const entries = await readdir(path.join(root, dir), { withFileTypes: true });
  for (const entry of entries) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isSymbolicLink()) links.push(rel);
    else if (entry.isDirectory()) await walk(root, rel, files, links);
    else if (entry.isFile()) {
      const info = await lstat(path.join(root, rel));
      files.set(rel, { size: info.size, mtimeMs: info.mtimeMs });
    }
  }
}

async function fileInfo(file: string): Promise<FileInfo | 'link' | undefined> {
  const info = await lstat(file).catch(() => undefined);
  if (!info) return undefined;
  if (info.isSymbolicLink()) return 'link';
  return info.isFile() ? { size: info.size, mtimeMs: info.mtimeMs } : undefined;
}

/** Hashes a file once for every algorithm that lists it, reading it in 1 MiB chunks. */
async function digests(file: string, algorithms: Algorithm[]): Promise<Map<Algorithm, string>> {
  const hashes: [Algorithm, Hash][] = algorithms.map((a) => [a, createHash(a)]);
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) for (const [, h] of hashes) h.update(chunk as Buffer);
  return new Map(hashes.map(([a, h]) => [a, h.digest('hex')]));
}

interface Manifest {
  file: string;
  tag: boolean;
  algorithm: Algorithm;
  entries: Map<string, string>;
}

/** What a bag's checksums are checked against: its manifests and the files they cover. */
interface BagContents {
  manifests: Manifest[];
  verified: VerifiedBag;
}

type Inspection = { ok: true; contents: BagContents } | { ok: false; problems: BagProblem[] };

/**
 * Everything about a bag but its checksums, reading no file's content beyond the tag files: cheap
 * enough for the scan, which reports a bag that is not complete instead of reading its item.
 */
export async function inspectBag(root: string): Promise<{ ok: true } | { ok: false; problems: BagProblem[] }> {
  const inspected = await inspect(root);
  return inspected.ok ? { ok: true } : inspected;
}

async function inspect(root: string): Promise<Inspection> {
  const fail = (file: string, reason: string): Inspection => ({ ok: false, problems: [{ file, reason }] });
  const declaration = await readFile(path.join(root, BAG_DECLARATION), 'utf8').catch(() => undefined);
  if (declaration === undefined) return fail(BAG_DECLARATION, `${BAG_DECLARATION} cannot be read`);
  const declared = parseDeclaration(declaration);
  if (!declared.ok) return fail(BAG_DECLARATION, declared.reason);

  const top = await readdir(root, { withFileTypes: true });
  if (top.some((e) => e.name === 'fetch.txt')) {
    return fail(
      'fetch.txt',
      'the bag lists files to fetch from elsewhere (fetch.txt); ingest downloads nothing: complete the bag (fetch its files into data/) and remove fetch.txt',
    );
  }
  if (!top.some((e) => e.name === PAYLOAD_DIR && e.isDirectory())) return fail(PAYLOAD_DIR, `the bag has no ${PAYLOAD_DIR}/ payload folder`);

  const problems: BagProblem[] = [];
  const manifests: Manifest[] = [];
  const manifestTexts: string[] = [`${BAG_DECLARATION}\n${declaration}`];
  for (const entry of top.filter((e) => e.isFile()).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const name = manifestName(entry.name);
    if (!name) continue;
    if (!isAlgorithm(name.algorithm)) {
      problems.push({
        file: name.file,
        reason: `${name.file} uses the checksum algorithm ${name.algorithm}, which ingest cannot verify (md5, sha1, sha256 and sha512 are read)`,
      });
      continue;
    }
    const text = await readFile(path.join(root, name.file), 'utf8');
    manifestTexts.push(`${name.file}\n${text}`);
    const parsed = parseManifest(text, name.file, name.algorithm);
    if (!parsed.ok) problems.push({ file: name.file, reason: parsed.reason });
    else manifests.push({ file: name.file, tag: name.tag, algorithm: name.algorithm, entries: parsed.value });
  }
  const payloadManifests = manifests.filter((m) => !m.tag);
  if (problems.length === 0 && payloadManifests.length === 0)
    return fail('manifest-sha512.txt', 'the bag has no payload manifest (manifest-<algorithm>.txt), so its files cannot be checked');
  if (problems.length > 0) return { ok: false, problems };

  const payload = new Map<string, FileInfo>();
  const links: string[] = [];
  await walk(root, PAYLOAD_DIR, payload, links);
  for (const link of links) problems.push({ file: link, reason: `${link} is a symbolic link; links are not followed: copy the file into the bag` });
  for (const m of payloadManifests) {
    for (const file of m.entries.keys()) {
      if (!file.startsWith(`${PAYLOAD_DIR}/`)) problems.push({ file: m.file, reason: `${m.file} lists ${file}, which is not in ${PAYLOAD_DIR}/` });
      else if (!payload.has(file)) problems.push({ file, reason: `${file} is listed in ${m.file} but missing from the bag` });
    }
    for (const file of payload.keys()) {
      if (!m.entries.has(file)) problems.push({ file, reason: `${file} is in the bag's ${PAYLOAD_DIR}/ but not listed in ${m.file}` });
    }
  }
  const checked = new Map(payload);
  for (const m of manifests.filter((x) => x.tag)) {
    for (const file of m.entries.keys()) {
      if (checked.has(file)) continue;
      const info = await fileInfo(path.join(root, file));
      if (info === 'link') problems.push({ file, reason: `${file} is a symbolic link; links are not followed` });
      else if (!info) problems.push({ file, reason: `${file} is listed in ${m.file} but missing from the bag` });
      else checked.set(file, info);
    }
  }
  const info = await readFile(path.join(root, BAG_INFO), 'utf8').catch(() => undefined);
  if (info !== undefined) {
    const labels = parseTagFile(info, BAG_INFO);
    const oxumText = labels.ok ? tagValue(labels.value, 'Payload-Oxum') : undefined;
    if (!labels.ok) problems.push({ file: BAG_INFO, reason: labels.reason });
    else if (oxumText !== undefined) {
      const oxum = parseOxum(oxumText);
      const octets = [...payload.values()].reduce((n, f) => n + f.size, 0);
      if (!oxum.ok) problems.push({ file: BAG_INFO, reason: oxum.reason });
      else if (oxum.value.octets !== octets || oxum.value.files !== payload.size) {
        problems.push({
          file: BAG_INFO,
          reason: `${BAG_INFO} Payload-Oxum says ${oxum.value.files} file(s) of ${oxum.value.octets} bytes; ${PAYLOAD_DIR}/ holds ${payload.size} of ${octets}`,
        });
      }
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  const verified: VerifiedBag = {
    manifests: createHash('sha256').update(manifestTexts.join('\n')).digest('hex'),
    files: Object.fromEntries([...checked].sort(([a], [b]) => (a < b ? -1 : 1))),
  };
  return { ok: true, contents: { manifests, verified } };
}

/** Verifies the bag in folder `root`; problems name files relative to it. */
export async function verifyBag(root: string, opts: VerifyOptions): Promise<BagVerification> {
  const inspected = await inspect(root);
  if (!inspected.ok) return inspected;
  const { manifests, verified } = inspected.contents;
  const checked = Object.keys(verified.files);
  if (opts.known && sameBag(opts.known, verified)) return { ok: true, verified, filesHashed: 0 };

  const listedBy = (file: string) => manifests.filter((m) => m.entries.has(file));
  const results = await Promise.all(
    checked.map((file) =>
      opts.limit(async (): Promise<BagProblem[]> => {
        const lists = listedBy(file);
        const actual = await digests(path.join(root, file), [...new Set(lists.map((m) => m.algorithm))]);
        return lists
          .filter((m) => m.entries.get(file) !== actual.get(m.algorithm))
          .map((m) => ({ file, reason: `${file} does not match its ${m.algorithm} checksum in ${m.file}: the file was changed or damaged` }));
      }),
    ),
  );
  const mismatches = results.flat();
  return mismatches.length > 0 ? { ok: false, problems: mismatches } : { ok: true, verified, filesHashed: checked.length };
}

function sameBag(a: VerifiedBag, b: VerifiedBag): boolean {
  const names = Object.keys(b.files);
  return (
    a.manifests === b.manifests &&
    Object.keys(a.files).length === names.length &&
    names.every((n) => a.files[n]?.size === b.files[n]!.size && a.files[n]?.mtimeMs === b.files[n]!.mtimeMs)
  );
}
