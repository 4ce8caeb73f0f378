// HTTP errors the server answers with, and the one error handler that turns any thrown value into a
// short JSON (or plain text) body. Clients of the IIIF APIs get the status the specs ask for and a
// message naming what was wrong; nobody ever sees a stack trace.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';

export class HttpError extends Error {
  override name = 'HttpError';
  status: number;
  /** Seconds a client should wait before retrying (503). */
  retryAfter: number | undefined;

  constructor(status: number, message: string, retryAfter?: number) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

export const badRequest = (message: string) => new HttpError(400, message);
export const notFound = (message: string) => new HttpError(404, message);

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

/** Final handler for requests no route took. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(notFound(`nothing at ${req.path.length > 200 ? `${req.path.slice(0, 200)}…` : req.path}`));
};

/** Answers every error with its status and a message; unexpected errors become a bare 500 and are logged. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    let status = 500;
    let message = 'internal error';
    if (err instanceof HttpError) {
      status = err.status;
      message = err.message;
      if (err.retryAfter !== undefined) res.setHeader('Retry-After', String(err.retryAfter));
    } else if (vanished(err)) {
      // Found, then removed before it could be read: a re-publish or removal raced this request.
      status = 404;
      message = 'not found (removed while being read)';
    } else if (clientStatus(err) !== undefined) {
      // Errors Express and its parsers raise for a malformed request (bad percent-encoding, …).
      status = clientStatus(err) ?? 400;
      message = status === 400 ? 'malformed request (bad percent-encoding?)' : (TITLES[status] ?? 'request refused').toLowerCase();
    } else {
      log.error({ err, url: req.originalUrl }, 'request failed');
    }
    if (status >= 500 && status !== 503 && status !== 501) message = 'internal error';
    res.status(status);
    res.removeHeader('ETag');
    res.removeHeader('Content-Disposition');
    res.setHeader('Cache-Control', 'no-store');
    const body = { error: TITLES[status] ?? 'Error', status, message };
    if (req.accepts(['json', 'html']) === 'html') {
      res.type('text/plain; charset=utf-8').send(`${status} ${body.error}: ${message}\n`);
      return;
    }
    res.type('application/json; charset=utf-8').send(JSON.stringify(body));
  };
}

/** A file system error saying the file is not there (any more). */
export function vanished(err: unknown): boolean {
  return typeof err === 'object' && err !== null && ((err as { code?: unknown }).code === 'ENOENT' || (err as { code?: unknown }).code === 'ENOTDIR');
}

function clientStatus(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { status?: unknown; statusCode?: unknown };
  const status = e.status ?? e.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}
