// Bag verification on small bags written for each case: several manifests at once, tag manifests,
// and each way a bag can be incomplete or damaged, named by file; an unchanged bag is not hashed
// again, and any change (content at the same size, an mtime) is.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pLimit from 'p-limit';
import { verifyBag } from './bag-verification.ts';

let dir: string;
let n = 0;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'leeszaal-bagverify-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const digest = (alg: string, text: string) => createHash(alg).update(text).digest('hex');
const PAYLOAD = { 'data/mets.xml': '<mets/>', 'data/img/p 1.tif': 'TIFF' };

interface BagSpec {
  payload?: Record<string, string>;
  algorithms?: string[];
  /** Changes to make after the manifests are written. */
  after?: (bag: string) => Promise<void>;
  extraTags?: Record<string, string>;
}

async function makeBag(spec: BagSpec = {}): Promise<string> {
  const bag = path.join(dir, `bag-${++n}`);
  const payload = spec.payload ?? PAYLOAD;
  for (const [rel, text] of Object.entries(payload)) {
    await mkdir(path.dirname(path.join(bag, rel)), { recursive: true });
    await writeFile(path.join(bag, rel), text);
  }
  await writeFile(path.join(bag, 'bagit.txt'), 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
  const octets = Object.values(payload).reduce((a, t) => a + Buffer.byteLength(t), 0);
  const info = `Bagging-Date: 2026-01-01\nPayload-Oxum: ${octets}.${Object.keys(payload).length}\n`;
  await writeFile(path.join(bag, 'bag-info.txt'), info);
  const tags: Record<string, string> = { 'bagit.txt': 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n', 'bag-info.txt': info };
  for (const alg of spec.algorithms ?? ['sha512']) {
    const manifest = Object.entries(payload)
      .map(([rel, text]) => `${digest(alg, text)}  ${rel}`)
      .join('\n');
    await writeFile(path.join(bag, `manifest-${alg}.txt`), manifest);
    tags[`manifest-${alg}.txt`] = manifest;
  }
  for (const [name, text] of Object.entries(spec.extraTags ?? {})) await writeFile(path.join(bag, name), text);
  await writeFile(
    path.join(bag, 'tagmanifest-sha256.txt'),
    Object.entries(tags)
      .map(([name, text]) => `${digest('sha256', text)} ${name}`)
      .join('\n'),
  );
  await spec.after?.(bag);
  return bag;
}

describe('verifyBag', () => {
  it('verifies every payload and tag manifest, hashing each file once', async () => {
    const bag = await makeBag({ algorithms: ['md5', 'sha1', 'sha256', 'sha512'] });
    const result = await verifyBag(bag, { limit: pLimit(2) });
    expect(result).toMatchObject({ ok: true, filesHashed: 2 + 6 });
    expect(Object.keys(result.ok ? result.verified.files : {})).toEqual([
      'bag-info.txt',
      'bagit.txt',
      'data/img/p 1.tif',
      'data/mets.xml',
      'manifest-md5.txt',
      'manifest-sha1.txt',
      'manifest-sha256.txt',
      'manifest-sha512.txt',
    ]);
  });

  it.each<{ name: string; spec: BagSpec; file: string; reason: RegExp }>([
    {
      name: 'a payload file changed at the same size, against the md5 manifest',
      spec: { algorithms: ['sha256', 'md5'], after: (b) => writeFile(path.join(b, 'data/mets.xml'), '<METS/>') },
      file: 'data/mets.xml',
      reason: /data\/mets\.xml does not match its md5 checksum in manifest-md5\.txt/,
    },
    {
      name: 'a changed tag file',
      spec: { after: (b) => writeFile(path.join(b, 'bagit.txt'), 'BagIt-Version: 1.0\nTag-File-Character-Encoding: utf-8\n') },
      file: 'bagit.txt',
      reason: /bagit\.txt does not match its sha256 checksum in tagmanifest-sha256\.txt/,
    },
    {
      name: 'a symbolic link in the payload',
      spec: { after: (b) => symlink('/etc/passwd', path.join(b, 'data/img/passwd')) },
      file: 'data/img/passwd',
      reason: /is a symbolic link; links are not followed/,
    },
    {
      name: 'a manifest in an algorithm ingest cannot check',
      spec: { extraTags: { 'manifest-whirlpool.txt': 'abc  data/mets.xml' } },
      file: 'manifest-whirlpool.txt',
      reason: /uses the checksum algorithm whirlpool, which ingest cannot verify/,
    },
    {
      name: 'a manifest naming a file outside the bag',
      spec: { extraTags: { 'manifest-md5.txt': `${'0'.repeat(32)}  ../../etc/passwd` } },
      file: 'manifest-md5.txt',
      reason: /line 1 names "\.\.\/\.\.\/etc\/passwd", which is not a path inside the bag/,
    },
    {
      name: 'no payload manifest',
      spec: { algorithms: [] },
      file: 'manifest-sha512.txt',
      reason: /has no payload manifest/,
    },
    {
      name: 'a tag file the tag manifest lists but the bag lacks',
      spec: { after: (b) => rm(path.join(b, 'bag-info.txt')) },
      file: 'bag-info.txt',
      reason: /bag-info\.txt is listed in tagmanifest-sha256\.txt but missing from the bag/,
    },
    {
      name: 'an unreadable declaration',
      spec: { after: (b) => writeFile(path.join(b, 'bagit.txt'), 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-16\n') },
      file: 'bagit.txt',
      reason: /only UTF-8 is read/,
    },
  ])('refuses $name, naming the file', async ({ spec, file, reason }) => {
    const result = await verifyBag(await makeBag(spec), { limit: pLimit(2) });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems[0]).toEqual({ file, reason: expect.stringMatching(reason) });
  });

  it('hashes nothing when the bag is as verified before, and everything after any change', async () => {
    const bag = await makeBag();
    const first = await verifyBag(bag, { limit: pLimit(2) });
    if (!first.ok) throw new Error('expected the bag to verify');
    expect(first.filesHashed).toBe(5);
    const known = first.verified;
    expect(await verifyBag(bag, { limit: pLimit(2), known })).toMatchObject({ ok: true, filesHashed: 0 });
    const later = new Date(Date.now() + 10_000);
    await utimes(path.join(bag, 'data/img/p 1.tif'), later, later);
    expect(await verifyBag(bag, { limit: pLimit(2), known })).toMatchObject({ ok: true, filesHashed: 5 });
    const again = await verifyBag(bag, { limit: pLimit(2), known });
    // A manifest that says something else is verified again even if every file kept its size and mtime.
    if (!again.ok) throw new Error('expected the bag to verify');
    const manifest = path.join(bag, 'manifest-sha512.txt');
    const recorded = again.verified.files['manifest-sha512.txt']!;
    await writeFile(manifest, `${digest('sha512', '<METS/>')}  data/mets.xml\n${digest('sha512', 'TIFF')}  data/img/p 1.tif`);
    await utimes(manifest, recorded.mtimeMs / 1000, recorded.mtimeMs / 1000);
    expect(await verifyBag(bag, { limit: pLimit(2), known: again.verified })).toMatchObject({
      ok: false,
      problems: expect.arrayContaining([{ file: 'data/mets.xml', reason: expect.stringMatching(/does not match its sha512 checksum/) }]),
    });
  });
});
