// Finds the optional parts `npm start` mounts beside the IIIF routes: the search part (its routers,
// health check and ingest hooks) and the site (pages and viewer assets). Each is imported only when
// its module is present, so the server runs, and is tested, on its own.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Router } from 'express';
import type { Config } from '../config.ts';
import type { HealthContributor } from './routes/health.ts';
import type { Logger } from './logger.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface Parts {
  routers: Router[];
  health: HealthContributor[];
  /** Hooks ingest calls while publishing the sample (the search index follows each item). */
  ingestHooks: object;
  close: () => Promise<void>;
}

/** What a part module's `createPart(config, logger)` export returns. */
export interface PartModule {
  routers?: Router[];
  health?: HealthContributor[];
  ingestHooks?: object;
  close?: () => Promise<void> | void;
}

type PartFactory = (config: Config, logger: Logger) => Promise<PartModule> | PartModule;

/** Part modules in mounting order: search before the site, whose routes catch everything else. */
export const PART_MODULES = ['search/part.ts', 'routes/site.ts'];

export async function loadParts(config: Config, log: Logger, modules: string[] = PART_MODULES): Promise<Parts> {
  const loaded: PartModule[] = [];
  for (const rel of modules) {
    const file = path.join(here, rel);
    if (!existsSync(file)) {
      log.info({ module: rel }, 'part not present; serving without it');
      continue;
    }
    const mod = (await import(pathToFileURL(file).href)) as { createPart?: PartFactory };
    if (typeof mod.createPart !== 'function') throw new Error(`server/${rel} does not export createPart(config, logger)`);
    loaded.push(await mod.createPart(config, log));
  }
  return {
    routers: loaded.flatMap((p) => p.routers ?? []),
    health: loaded.flatMap((p) => p.health ?? []),
    ingestHooks: Object.assign({}, ...loaded.map((p) => p.ingestHooks ?? {})),
    close: async () => {
      await Promise.allSettled(loaded.map((p) => p.close?.()));
    },
  };
}
