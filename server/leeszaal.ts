// The whole server as `npm start` runs it, composed explicitly: the IIIF routes and records (app.ts),
// the search part (engine, routers, health, activity follower) and the public site, mounted last
// because its not-found page catches everything else. Tests and other hosts build the same thing.
import type { Express } from 'express';
import type { Config } from '../config.ts';
import { createApp } from './app.ts';
import { RenderQueue } from './image/render-queue.ts';
import type { Logger } from './logger.ts';
import { renderQueueOptions } from './routes/image.ts';
import { createSiteRouter } from './routes/site.ts';
import { createSearchPart, type SearchPart } from './search-part.ts';

export interface Leeszaal {
  app: Express;
  search: SearchPart;
  /** Refuses renders still waiting (503) and any new ones: the first step of a shutdown. */
  drain: () => void;
  /** Stops the search follower and closes the engine; the HTTP server is the caller's. */
  close: () => Promise<void>;
}

export function createLeeszaal(config: Config, log: Logger): Leeszaal {
  const search = createSearchPart(config, log);
  const renderQueue = new RenderQueue(renderQueueOptions(config));
  const app = createApp({ config, logger: log, routers: [...search.routers, createSiteRouter(config)], health: search.health, renderQueue });
  return { app, search, drain: () => renderQueue.close(), close: search.close };
}
