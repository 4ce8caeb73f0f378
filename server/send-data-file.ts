// Sends one published file from the data folder with the media type and caching its API wants;
// `send` adds ETag/Last-Modified and answers conditional requests with 304 and ranges with 206.
import type { NextFunction, Response } from 'express';
import { existingFileInside } from '../manifests/data-file.ts';
import { notFound } from './errors.ts';

export interface SendOptions {
  root: string;
  contentType?: string;
  cacheControl: string;
  /** What the 404 message calls the file when it is missing. */
  what: string;
}

/** Sends `file` (which must lie inside `root`) or passes a 404 on. */
export async function sendDataFile(res: Response, next: NextFunction, file: string, options: SendOptions): Promise<void> {
  const real = await existingFileInside(options.root, file);
  if (real === undefined) {
    next(notFound(`${options.what} not found`));
    return;
  }
  sendFound(res, next, real, options);
}

/** Sends a file already known to exist inside the data folder. */
export function sendFound(res: Response, next: NextFunction, real: string, options: Pick<SendOptions, 'contentType' | 'cacheControl'>): void {
  if (options.contentType !== undefined) res.setHeader('Content-Type', options.contentType);
  res.setHeader('Cache-Control', options.cacheControl);
  res.sendFile(real, { cacheControl: false, dotfiles: 'allow', lastModified: true, etag: true }, (err) => {
    if (err && !res.headersSent) next(err);
  });
}
