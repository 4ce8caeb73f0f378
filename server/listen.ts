// The HTTP server around the application: bound before the application exists, so that the port it
// really got (PORT=0 picks a free one) is known before anything is published under it; answers 503
// while start-up work runs; stops on SIGTERM or SIGINT letting in-flight requests finish first.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config.ts';

/** Longest a shutdown waits for in-flight requests before closing their connections. */
const SHUTDOWN_GRACE_MS = 10_000;

export interface Listening {
  /** The port the server is bound to. */
  port: number;
  /** The local address it can be reached at, for the start-up line. */
  localUrl: string;
  /** Starts answering with `handler`; `close` runs on shutdown before the process exits. */
  serve: (handler: http.RequestListener, close: () => Promise<void>) => void;
}

/** Binds to HOST:PORT; a port in use or a bad host ends the process with a message naming them. */
export async function listen(config: Config): Promise<Listening> {
  let handler: http.RequestListener = (_req, res) => {
    res
      .writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '5' })
      .end('Leeszaal is starting; try again in a few seconds.\n');
  };
  const server = http.createServer({ maxHeaderSize: 16 * 1024, requestTimeout: 60_000 }, (req, res) => handler(req, res));
  await new Promise<void>((resolve) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      console.error(`Leeszaal: cannot listen on ${config.HOST}:${config.PORT}: ${err.code ?? err.message}`);
      process.exit(1);
    });
    server.listen(config.PORT, config.HOST, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = ['127.0.0.1', '::1', '0.0.0.0', '::'].includes(config.HOST) ? 'localhost' : config.HOST;
  return {
    port,
    localUrl: `http://${host}:${port}`,
    serve: (app, close) => {
      handler = app;
      let closing = false;
      const shutdown = () => {
        if (closing) return;
        closing = true;
        server.close(() => {
          void close().finally(() => process.exit(0));
        });
        server.closeIdleConnections();
        setTimeout(() => {
          server.closeAllConnections();
          process.exit(0);
        }, SHUTDOWN_GRACE_MS).unref();
      };
      process.on('SIGTERM', shutdown);
      process.on('SIGINT', shutdown);
    },
  };
}
