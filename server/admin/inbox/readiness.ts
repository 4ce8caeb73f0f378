// When a folder dropped in the inbox is complete, decided from what a scan of it saw: at once when it
// holds a `READY` (or `.done`) marker file, the way a scanning workflow or a copy script says "done";
// otherwise once its files (names, sizes, modification times) have stayed the same for the settle
// time, which a copy over a network share that writes for a while and then stops satisfies.

/** Marker file names that say a folder is complete, at its top level. */
export const MARKERS = ['READY', '.done'];

export interface FolderScan {
  /** Every file's relative path, size and mtime, sorted; what must stay the same to count as settled. */
  signature: string;
  files: number;
  marker: boolean;
}

export interface Seen {
  signature: string;
  /** When this signature was first seen (ms). */
  since: number;
}

export type Readiness = { ready: true; why: 'marker' | 'settled' } | { ready: false; seen: Seen };

export function readiness(scan: FolderScan, previous: Seen | undefined, now: number, settleMs: number): Readiness {
  if (scan.marker && scan.files > 0) return { ready: true, why: 'marker' };
  const seen = previous?.signature === scan.signature ? previous : { signature: scan.signature, since: now };
  if (scan.files > 0 && now - seen.since >= settleMs) return { ready: true, why: 'settled' };
  return { ready: false, seen };
}
