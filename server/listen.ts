// The HTTP server around the application: bound before the application exists, so that the port it
// really got (PORT=0 picks a free one) is known before anything is published under it; answers 503
// while start-up work runs. It caps open connections and closes idle and slow ones, so that a flood
// of sockets cannot use up the process's file descriptors. On SIGTERM or SIGINT it stops taking
// work (the listener closes, new requests on open connections get 503, queued renders are refused),
// lets requests in flight finish within a grace period, then exits.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config.ts';

/** Longest a shutdown waits for in-flight requests before closing their connections. */
const SHUTDOWN_GRACE_MS = 10_000;

/** What the application does when the server stops. */
export interface StopHooks {
  /** Called first: refuse work that has not started (queued renders). */
  drain: () => void;
  /** Called last, once requests have finished or the grace period ended (search engine, follower). */
  close: () => Promise<void>;
}

export interface Listening {
  /** The port the server is bound to. */
  port: number;
  /** The local address it can be reached at, for the start-up line. */
  localUrl: string;
  /** Starts answering with `handler`; on SIGTERM or SIGINT stops as `stopServing` does, then exits. */
  serve: (handler: http.RequestListener, hooks: StopHooks) => void;
}

export interface ServerControl {
  server: http.Server;
  /** Replaces the request handler (the start-up one answers 503). */
  setHandler: (handler: http.RequestListener) => void;
  /** Stops taking work, lets requests in flight finish (at most `graceMs`), then runs `hooks.close`. */
  stop: (hooks: StopHooks, graceMs?: number) => Promise<void>;
}

const answer503 = (res: http.ServerResponse, text: string, retryAfter: number) => {
  res.shouldKeepAlive = false;
  res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': String(retryAfter), Connection: 'close' }).end(`${text}\n`);
};

/** An HTTP server with the configured connection cap and timeouts; not yet listening. */
export function createHttpServer(config: Config): ServerControl {
  let handler: http.RequestListener = (_req, res) => answer503(res, 'Leeszaal is starting; try again in a few seconds.', 5);
  let stopping = false;
  const server = http.createServer(
    {
      maxHeaderSize: 16 * 1024,
      headersTimeout: config.HEADERS_TIMEOUT_MS,
      requestTimeout: config.REQUEST_TIMEOUT_MS,
      keepAliveTimeout: config.KEEP_ALIVE_TIMEOUT_MS,
      // Node checks the two timeouts above only this often (30 s by default), so a slow-header client
      // would otherwise keep its socket up to 30 s longer than HEADERS_TIMEOUT_MS.
      connectionsCheckingInterval: Math.min(1000, config.HEADERS_TIMEOUT_MS),
    },
    (req, res) => {
      if (stopping) {
        answer503(res, 'Leeszaal is shutting down; try again shortly.', 5);
        return;
      }
      // Once stopping, a connection closes after its response is flushed, never while it still
      // writes (Node's closeIdleConnections would cut a large response whose end() was called).
      res.once('finish', () => {
        if (stopping) res.socket?.end();
      });
      handler(req, res);
    },
  );
  // Connections beyond the cap are closed as soon as they are accepted.
  server.maxConnections = config.MAX_CONNECTIONS;
  // Any connection on which nothing moves this long is destroyed (no 'timeout' listener is set).
  server.setTimeout(config.IDLE_TIMEOUT_MS);

  const stop = async (hooks: StopHooks, graceMs = SHUTDOWN_GRACE_MS) => {
    stopping = true;
    hooks.drain();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    let grace: NodeJS.Timeout | undefined;
    const expired = new Promise<void>((resolve) => {
      grace = setTimeout(resolve, graceMs);
    });
    await Promise.race([closed, expired]);
    clearTimeout(grace);
    server.closeAllConnections();
    await hooks.close();
  };

  return {
    server,
    setHandler: (h) => {
      handler = h;
    },
    stop,
  };
}

/** Binds to HOST:PORT; a port in use or a bad host ends the process with a message naming them. */
export async function listen(config: Config): Promise<Listening> {
  const control = createHttpServer(config);
  const { server } = control;
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
    serve: (app, hooks) => {
      control.setHandler(app);
      let closing = false;
      const shutdown = () => {
        if (closing) return;
        closing = true;
        void control
          .stop(hooks)
          .catch((err: unknown) => console.error(`Leeszaal: error while stopping: ${err instanceof Error ? err.message : String(err)}`))
          .finally(() => process.exit(0));
      };
      process.on('SIGTERM', shutdown);
      process.on('SIGINT', shutdown);
    },
  };
}
