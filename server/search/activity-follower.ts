// Keeps a search index in step with the published data by following the Change Discovery activity
// log that ingest appends to (`<data>/.leeszaal/activities.jsonl`), as any harvester would. Ingest
// never calls search, so an item published by `npm run ingest`, by `npm start`'s sample, or by an
// ingest on another machine sharing the data folder is indexed alike. Where the index has got to is
// kept in `<data>/search/activity-cursor.json`; with no usable cursor (a new index, another engine,
// a replaced or shortened log) the whole index is rebuilt from the published data once.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import * as v from 'valibot';
import { activityLogFile, readActivitiesFrom } from '../../manifests/activity-log.ts';
import { writeJsonAtomic } from '../../manifests/atomic-write.ts';
import { dataPaths } from '../../manifests/layout.ts';
import type { SearchBackend } from './backend.ts';
import { UnreadableItemError, indexItem, reindexAll, removeItem, type ReindexReport } from './reindex.ts';

/**
 * What the index documents are made of: raised when buildIndexDocument, parseTextPage or pageText
 * read the published data differently (2: drop caps joined to their line; 3: words hyphenated across
 * line ends indexed whole), so an index built the old way is rebuilt once rather than kept.
 */
const INDEX_VERSION = 3;

const cursorSchema = v.object({
  version: v.literal(INDEX_VERSION),
  /** The engine the cursor was written for: switching engines starts over. */
  backend: v.string(),
  /** `dev:ino` of the log file, so a replaced log is noticed. */
  log: v.string(),
  offset: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
type Cursor = v.InferOutput<typeof cursorSchema>;

interface WarnLog {
  warn: (obj: object, msg: string) => void;
  info: (obj: object, msg: string) => void;
}

export interface FollowerOptions {
  dataDir: string;
  backend: SearchBackend;
  log?: WarnLog;
  /** Whether the engine's index exists at all (the embedded one can lose its files); default: yes. */
  indexExists?: () => boolean;
}

/** What one sync did: `rebuilt` when the whole index was built anew, else the items it touched. */
export interface SyncReport {
  rebuilt?: ReindexReport;
  indexed: string[];
  removed: string[];
}

export function cursorFile(dataDir: string): string {
  return path.join(dataPaths(dataDir).search, 'activity-cursor.json');
}

async function readCursor(dataDir: string): Promise<Cursor | undefined> {
  const text = await readFile(cursorFile(dataDir), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const parsed = v.safeParse(cursorSchema, JSON.parse(text));
    return parsed.success ? parsed.output : undefined;
  } catch {
    return undefined;
  }
}

async function writeCursor(dataDir: string, cursor: Cursor): Promise<void> {
  await writeJsonAtomic(cursorFile(dataDir), cursor, dataPaths(dataDir).search);
}

async function logIdentity(dataDir: string): Promise<{ id: string; size: number }> {
  const s = await stat(activityLogFile(dataPaths(dataDir).state)).catch(() => undefined);
  return s === undefined ? { id: 'none', size: 0 } : { id: `${s.dev}:${s.ino}`, size: s.size };
}

/**
 * Rebuilds the whole index from the published data and marks the log as read up to where it ended
 * when the rebuild began (what came later is read again; indexing an item twice does no harm).
 */
export async function rebuildIndex(
  dataDir: string,
  backend: SearchBackend,
  progress?: (done: number, total: number) => void,
): Promise<ReindexReport> {
  const log = await logIdentity(dataDir);
  const report = await reindexAll(dataDir, backend, progress);
  await writeCursor(dataDir, { version: INDEX_VERSION, backend: backend.kind, log: log.id, offset: log.size });
  return report;
}

/** Last wins per item: Create, Update and Move index it again, Delete removes it. */
export function pendingChanges(activities: readonly { type: string; itemId: string }[]): Map<string, 'index' | 'remove'> {
  const changes = new Map<string, 'index' | 'remove'>();
  for (const a of activities) {
    changes.delete(a.itemId);
    changes.set(a.itemId, a.type === 'Delete' ? 'remove' : 'index');
  }
  return changes;
}

export class ActivityFollower {
  private readonly opts: FollowerOptions;
  private running: Promise<SyncReport> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(opts: FollowerOptions) {
    this.opts = opts;
  }

  /** Brings the index up to the end of the log; concurrent calls share one pass. */
  sync(): Promise<SyncReport> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Syncs now and then every `intervalMs`; a failed pass is logged and tried again at the next tick. */
  start(intervalMs = 1000): void {
    const tick = () =>
      this.sync().catch((err: unknown) =>
        this.opts.log?.warn({ err: err instanceof Error ? err.message : String(err) }, 'search index not updated; will retry'),
      );
    void tick();
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  private async pass(): Promise<SyncReport> {
    const { dataDir, backend, log } = this.opts;
    const cursor = await readCursor(dataDir);
    const current = await logIdentity(dataDir);
    const report: SyncReport = { indexed: [], removed: [] };
    const usable =
      cursor !== undefined &&
      cursor.backend === backend.kind &&
      cursor.log === current.id &&
      cursor.offset <= current.size &&
      (this.opts.indexExists?.() ?? true);
    if (!usable) {
      report.rebuilt = await rebuildIndex(dataDir, backend);
      log?.info({ items: report.rebuilt.count, problems: report.rebuilt.problems }, 'search index built from the published data');
      return report;
    }
    let offset = cursor.offset;
    while (offset < current.size) {
      const chunk = await readActivitiesFrom(dataPaths(dataDir).state, offset);
      if (chunk.next === offset) break;
      for (const [itemId, change] of pendingChanges(chunk.activities)) {
        if (change === 'remove') {
          await removeItem(backend, itemId);
          report.removed.push(itemId);
          continue;
        }
        try {
          await indexItem(backend, dataDir, itemId);
          report.indexed.push(itemId);
        } catch (err) {
          // An item withdrawn or damaged since cannot be indexed; the engine's own failures stop the pass.
          if (!(err instanceof UnreadableItemError)) throw err;
          log?.warn({ item: itemId, err: err.message }, 'item not indexed');
        }
      }
      offset = chunk.next;
      await writeCursor(dataDir, { ...cursor, offset });
    }
    return report;
  }
}
