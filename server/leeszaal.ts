// The whole server as `npm start` runs it, composed explicitly: the IIIF routes and records (app.ts),
// the search part (engine, routers, health, activity follower), the curators' workspace at /admin
// (with the publisher start.ts gives it) and the public site, mounted last because its not-found
// page catches everything else. Tests and other hosts build the same thing.
import type { Express } from 'express';
import type { Config } from '../config.ts';
import { type Admin, createAdmin } from './admin/admin.ts';
import type { Publisher } from './admin/contracts.ts';
import { createApp } from './app.ts';
import { RenderQueue } from './image/render-queue.ts';
import type { Logger } from './logger.ts';
import { renderQueueOptions } from './routes/image.ts';
import { createSiteRouter } from './routes/site.ts';
import { createSearchPart, type SearchPart } from './search-part.ts';

export interface Leeszaal {
  app: Express;
  search: SearchPart;
  admin: Admin;
  /** Refuses renders still waiting (503) and any new ones: the first step of a shutdown. */
  drain: () => void;
  /** Stops the search follower, the workspace's work and closes both databases; the HTTP server is the caller's. */
  close: () => Promise<void>;
}

export interface LeeszaalOptions {
  /** Publishing for the workspace (ingest's, composed in start.ts); without it, publishing answers 503. */
  publisher?: Publisher;
}

export function createLeeszaal(config: Config, log: Logger, options: LeeszaalOptions = {}): Leeszaal {
  const search = createSearchPart(config, log);
  const renderQueue = new RenderQueue(renderQueueOptions(config));
  const admin = createAdmin(config, log, options.publisher ? { publisher: options.publisher } : {});
  const app = createApp({
    config,
    logger: log,
    admin: admin.router,
    routers: [...search.routers, createSiteRouter(config)],
    health: search.health,
    renderQueue,
  });
  const close = async () => {
    await admin.close();
    await search.close();
  };
  return { app, search, admin, drain: () => renderQueue.close(), close };
}
