// The embedded index's lifecycle, for the backend that writes and reads through it: which database
// file in `<data>/search/` is current (the `current.json` pointer), opening it and reopening it when
// a rebuild (in this or another process) switched the pointer, building a new file aside and
// switching to it only when complete (so readers never see a half-built index), and closing.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { SearchUnavailableError } from './backend.ts';
import { POINTER, parseIndexPointer } from './index-pointer.ts';
import { SCHEMA, SCHEMA_VERSION } from './sqlite-schema.ts';
const POINTER_CHECK_MS = 500;

function newFileName(): string {
  return `index-${Date.now()}-${randomBytes(3).toString('hex')}.sqlite`;
}

function openFile(file: string, building: boolean): DatabaseSync {
  const db = new DatabaseSync(file, { timeout: 5000 });
  if (building) {
    db.exec('PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;');
  } else {
    db.exec('PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;');
  }
  db.exec(SCHEMA);
  db.prepare("INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', ?), ('generation', '0')").run(SCHEMA_VERSION);
  return db;
}

export class IndexDatabase {
  readonly dir: string;
  private database: DatabaseSync | undefined;
  private file: string | undefined;
  private pointerCheckedAt = 0;
  private pointerStamp = '';

  /** `dir` is the index folder, `dataPaths(dataDir).search`. */
  constructor(dir: string) {
    this.dir = dir;
  }

  /**
   * The index file the pointer names, or undefined when there is no pointer yet. A damaged pointer
   * throws (IndexPointerError, naming it) rather than silently starting an empty index beside the
   * real one; a rebuild (`npm run reindex`) writes a good one.
   */
  private readPointer(): string | undefined {
    const file = path.join(this.dir, POINTER);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    return parseIndexPointer(text, file);
  }

  private writePointer(file: string): void {
    const tmp = path.join(this.dir, `${POINTER}.${process.pid}.tmp`);
    writeFileSync(tmp, JSON.stringify({ file }));
    renameSync(tmp, path.join(this.dir, POINTER));
  }

  /** The open database, reopened when a rebuild (in this or another process) switched the pointer. */
  current(): DatabaseSync {
    const now = Date.now();
    if (this.database && now - this.pointerCheckedAt < POINTER_CHECK_MS) return this.database;
    this.pointerCheckedAt = now;
    let stamp = '';
    try {
      const st = statSync(path.join(this.dir, POINTER));
      stamp = `${st.ino}:${st.mtimeMs}`;
    } catch {
      stamp = '';
    }
    if (this.database && stamp === this.pointerStamp) return this.database;
    try {
      mkdirSync(this.dir, { recursive: true });
      let file = this.readPointer();
      if (file === undefined) {
        file = newFileName();
        openFile(path.join(this.dir, file), false).close();
        this.writePointer(file);
        stamp = `${statSync(path.join(this.dir, POINTER)).ino}:${statSync(path.join(this.dir, POINTER)).mtimeMs}`;
      }
      if (this.database && file === this.file) {
        this.pointerStamp = stamp;
        return this.database;
      }
      const db = openFile(path.join(this.dir, file), false);
      this.close();
      this.database = db;
      this.file = file;
      this.pointerStamp = stamp;
      return db;
    } catch (err) {
      throw new SearchUnavailableError(`the search index in ${this.dir} cannot be opened: ${(err as Error).message}`);
    }
  }

  /** Whether `db` is still the open database (a reader working across turns of the event loop asks). */
  isCurrent(db: DatabaseSync): boolean {
    return this.database === db;
  }

  /**
   * Fills a new database file with `load`, then points `current.json` at it and deletes the file it
   * replaces; a failed load leaves no file behind and the current index as it was.
   */
  async build<T>(load: (db: DatabaseSync) => Promise<T>): Promise<T> {
    mkdirSync(this.dir, { recursive: true });
    const file = newFileName();
    const full = path.join(this.dir, file);
    const db = openFile(full, true);
    let loaded: T;
    try {
      loaded = await load(db);
      db.exec('PRAGMA journal_mode=WAL');
      db.close();
    } catch (err) {
      db.close();
      rmSync(full, { force: true });
      throw err;
    }
    // A damaged pointer names no file to delete; the new one replaces it.
    let old: string | undefined;
    try {
      old = this.readPointer();
    } catch {
      old = undefined;
    }
    this.writePointer(file);
    this.close();
    this.pointerStamp = '';
    if (old && old !== file) {
      for (const suffix of ['', '-wal', '-shm']) rmSync(path.join(this.dir, old + suffix), { force: true });
    }
    return loaded;
  }

  close(): void {
    this.database?.close();
    this.database = undefined;
    this.file = undefined;
  }
}
