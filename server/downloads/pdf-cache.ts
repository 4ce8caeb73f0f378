// Built PDFs kept on disk for the next reader, in a private folder of the data folder
// (`.leeszaal/cache/pdf/`, never served as such). A PDF is written aside while it streams to its
// first reader and renamed into place only when complete, so a reader never gets half of one; its
// name is a hash of everything it was made from (the item's record and text, the options), so a
// re-published item simply misses. The oldest-used files go when the total passes the bound.
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';

export interface CacheWriter {
  stream: WriteStream;
  /** Closes the file and moves it into the cache. */
  commit: () => Promise<void>;
  /** Drops the unfinished file. */
  abort: () => Promise<void>;
}

let counter = 0;

export class PdfCache {
  readonly #dir: string;
  readonly #maxBytes: number;

  constructor(dir: string, maxBytes: number) {
    this.#dir = dir;
    this.#maxBytes = maxBytes;
  }

  #file(key: string): string {
    if (!/^[0-9a-f]{16,128}$/.test(key)) throw new Error(`bad cache key ${key}`);
    return path.join(this.#dir, `${key}.pdf`);
  }

  /** The cached PDF for `key`, marked as just used; undefined on a miss. */
  async lookup(key: string): Promise<string | undefined> {
    if (this.#maxBytes === 0) return undefined;
    const file = this.#file(key);
    try {
      const now = new Date();
      await utimes(file, now, now);
      return file;
    } catch {
      return undefined;
    }
  }

  /** A file to write the PDF of `key` into, or undefined when caching is off. */
  async writer(key: string): Promise<CacheWriter | undefined> {
    if (this.#maxBytes === 0) return undefined;
    const target = this.#file(key);
    const partDir = path.join(this.#dir, 'part');
    await mkdir(partDir, { recursive: true });
    const part = path.join(partDir, `${key}.${process.pid}-${counter++}`);
    const stream = createWriteStream(part);
    const closed = () =>
      new Promise<void>((resolve, reject) => {
        if (stream.closed) resolve();
        else stream.end(() => resolve()).once('error', reject);
      });
    return {
      stream,
      commit: async () => {
        await closed();
        await rename(part, target);
        await this.evict();
      },
      abort: async () => {
        // The file is removed only once the stream has closed it: a stream destroyed while its file
        // is still being opened creates that file afterwards, which would outlive an earlier rm.
        await new Promise<void>((resolve) => {
          if (stream.closed) return resolve();
          stream.once('close', () => resolve());
          stream.destroy();
        });
        await rm(part, { force: true });
      },
    };
  }

  /** Deletes the least recently used PDFs until the cache is within its bound. */
  async evict(): Promise<void> {
    const names = (await readdir(this.#dir).catch(() => [] as string[])).filter((n) => n.endsWith('.pdf'));
    const files = (
      await Promise.all(
        names.map(async (n) => {
          const s = await stat(path.join(this.#dir, n)).catch(() => undefined);
          return s === undefined ? [] : [{ file: path.join(this.#dir, n), size: s.size, used: s.mtimeMs }];
        }),
      )
    ).flat();
    let total = files.reduce((sum, f) => sum + f.size, 0);
    for (const f of files.sort((a, b) => a.used - b.used)) {
      if (total <= this.#maxBytes) break;
      await rm(f.file, { force: true });
      total -= f.size;
    }
  }
}
