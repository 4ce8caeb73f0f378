// The resumable upload endpoint (tus 1.0, @tus/server with its file store) at /admin/uploads/files:
// each file streams to disk in `.leeszaal/uploads/.parts/` (never held in memory), can be resumed after a cut
// connection from the last byte received, and on completion moves to its batch folder under its safe
// relative path and is checked at once (the Publisher's checkUpload: ingest's own readers). Every request must belong to the signed-in
// curator's own open batch (an admin may add to any); the limits are refused with a message that
// names them. Finished files are never sent back (no GET): nothing staged is served.
import type { IncomingMessage } from 'node:http';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { FileStore } from '@tus/file-store';
import { Server } from '@tus/server';
import type { RequestHandler } from 'express';
import type { SignedInUser } from '../contracts.ts';
import { BatchLimitError, type BatchLimits, type BatchStore } from './batches.ts';
import { safeRelativePath, UnsafeNameError } from './safe-name.ts';
import type { Staging } from './staging.ts';

export const UPLOAD_PATH = '/admin/uploads/files';

export interface TusOptions {
  staging: Staging;
  batches: BatchStore;
  limits: BatchLimits & { maxFileBytes: number };
  /** The signed-in user of a request the guard let through. */
  userOf: (req: IncomingMessage) => SignedInUser;
  /** Why ingest cannot read an arrived file (the Publisher's check); absent without a Publisher. */
  checkUpload?: (file: string) => Promise<string | undefined>;
  /** Told of each file that arrived (for the audit log). */
  onReceived?: (user: SignedInUser, batchId: string, file: { path: string; size: number; problem: string | null }) => void;
}

/** A refusal the tus server sends as it is (status and a one-line reason). */
const refuse = (status_code: number, body: string) => ({ status_code, body: `${body}\n` });

export function tusHandler(options: TusOptions): RequestHandler {
  const { staging, batches, limits, userOf } = options;
  const mayUse = (user: SignedInUser, owner: string) => user.role === 'admin' || user.name === owner;

  const server = new Server({
    path: UPLOAD_PATH,
    datastore: new FileStore({ directory: staging.parts }),
    maxSize: limits.maxFileBytes,
    relativeLocation: true,
    // Same-origin only: no Access-Control-Allow-Origin at all.
    allowedOrigins: [],
    allowedHeaders: ['x-csrf-token'],
    async onIncomingRequest(req, _res, uploadId) {
      if (req.method === 'POST' || req.method === 'OPTIONS') return;
      const batch = batches.batchOf(uploadId);
      if (!batch || !mayUse(userOf(req), batch.user)) throw refuse(404, 'no such upload');
      if (batch.state !== 'open') throw refuse(409, 'this batch is already being published; start a new upload');
    },
    async onUploadCreate(req, res, upload) {
      const user = userOf(req);
      const batchId = upload.metadata?.batch ?? '';
      const batch = batchId ? batches.get(batchId) : undefined;
      if (!batch || !mayUse(user, batch.user)) throw refuse(404, 'no such batch: start the upload from the uploads page');
      if (batch.state !== 'open') throw refuse(409, 'this batch is already being published; start a new upload');
      if (upload.sizeIsDeferred || upload.size === undefined) throw refuse(400, 'the file size must be given (Upload-Length)');
      const reported = upload.metadata?.relativePath || upload.metadata?.filename || '';
      let relative: string;
      try {
        relative = safeRelativePath(reported);
      } catch (err) {
        if (err instanceof UnsafeNameError) throw refuse(400, err.message);
        throw err;
      }
      try {
        batches.addFile(batch.id, { uploadId: upload.id, path: relative, size: upload.size }, limits);
      } catch (err) {
        if (err instanceof BatchLimitError) throw refuse(413, `${relative}: ${err.message}`);
        throw err;
      }
      return { res, metadata: { ...upload.metadata, safePath: relative } };
    },
    async onUploadFinish(req, res, upload) {
      const file = batches.file(upload.id);
      if (!file) throw refuse(404, 'no such upload');
      const target = staging.file(file.batchId, file.path);
      await mkdir(path.dirname(target), { recursive: true });
      await rename(path.join(staging.parts, upload.id), target);
      await rm(path.join(staging.parts, `${upload.id}.json`), { force: true });
      const problem = (await options.checkUpload?.(target)) ?? null;
      batches.received(upload.id, problem);
      options.onReceived?.(userOf(req), file.batchId, { path: file.path, size: file.size, problem });
      // The check's outcome rides along, so the page can name a bad file at once.
      const headers: Record<string, string> = problem ? { 'Leeszaal-File-Problem': encodeURIComponent(problem) } : {};
      return { res, headers };
    },
    async onResponseError(_req, _res, err) {
      // The tus server's own wording for an oversized file does not say what the limit is.
      if ('status_code' in err && err.status_code === 413 && /Maximum size/i.test(err.body)) {
        return refuse(413, `a file may be at most ${Math.round(limits.maxFileBytes / 2 ** 20)} MB (UPLOAD_MAX_FILE_MB)`);
      }
      return undefined;
    },
  });

  return (req, res, next) => {
    if (req.method === 'GET') {
      res.setHeader('Allow', 'HEAD, POST, PATCH, DELETE, OPTIONS');
      res.status(405).type('text/plain').send('staged files are not served\n');
      return;
    }
    // The tus server reads the full path (it was built with UPLOAD_PATH), not the router's rest.
    req.url = req.originalUrl;
    server.handle(req, res).catch(next);
  };
}
