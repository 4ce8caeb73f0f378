// The seams of the curators' workspace (`/admin`), for the parts that build it: who is signed in and
// may do what (the guard, from the accounts part), and what publishing needs from outside the server
// (the publisher, implemented in ingest/ and composed in start.ts, since the server never imports
// ingest). Types only.
import type { RequestHandler, Response } from 'express';
import type { ItemRecord } from '../../manifests/item.ts';

export type Role = 'admin' | 'curator';

export interface SignedInUser {
  id: number;
  name: string;
  role: Role;
}

/** Sign-in, roles and CSRF for every admin route; an admin may do all a curator may. */
export interface AdminGuard {
  /** Lets the request on only with a live session of at least `role`; else 401 (no session) or 403. */
  requireRole: (role: Role) => RequestHandler;
  /** Refuses a state-changing request (POST, PUT, PATCH, DELETE) without the session's CSRF token (403). */
  verifyCsrf: RequestHandler;
  /** The user `requireRole` let through. */
  user: (res: Response) => SignedInUser;
  /** The session's CSRF token, for pages and scripts to send back (header `x-csrf-token` or form field `_csrf`). */
  csrfToken: (res: Response) => string;
}

/** Where a publish job is, as ingest reports it. */
export interface PublishProgress {
  /** Pages done and in all; total 0 until the scan has counted them. */
  done: number;
  total: number;
}

/** A job's outcome: the same per-item report as the CLI prints. */
export interface PublishOutcome {
  published: string[];
  unchanged: string[];
  failed: { item: string; file?: string; reason: string }[];
  /** The CLI's summary text. */
  report: string;
}

/** Publishing as the admin side asks for it; every operation is atomic and safe to repeat. */
export interface Publisher {
  /** Runs the ingest pipeline on a staged folder (one item or a collection), at lower priority than the site. */
  publishFolder: (folder: string, onProgress: (p: PublishProgress) => void, signal: AbortSignal) => Promise<PublishOutcome>;
  /** Publishes an edited record of a published item: only the JSON changes, no image is re-tiled. */
  republishRecord: (record: ItemRecord) => Promise<void>;
  /** Takes a published item off the site, search and collection (Change Discovery Delete), undoably. */
  withdraw: (id: string) => Promise<void>;
  /** Puts a withdrawn item back as it was. */
  restore: (id: string) => Promise<void>;
  /** Why ingest cannot read an uploaded file (its path on disk), or undefined when it can: told to the curator at once. */
  checkUpload: (file: string) => Promise<string | undefined>;
}
