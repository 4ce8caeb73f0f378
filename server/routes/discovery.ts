// IIIF Change Discovery 1.0: the OrderedCollection and its pages that ingest writes under
// `<data>/iiif/discovery/`, served as JSON-LD so harvesters (aggregators, search portals) can follow
// every Create, Update and Delete.
import { Router } from 'express';
import path from 'node:path';
import type { Config } from '../../config.ts';
import { dataPaths } from '../../manifests/layout.ts';
import { CACHE_ACTIVITY, MEDIA, jsonLdType } from '../headers.ts';
import { requireSegment } from '../safe-path.ts';
import { sendDataFile } from '../send-data-file.ts';

const DISCOVERY_FILE = /^[a-z0-9][a-z0-9-]{0,100}\.json$/;

export function discoveryRouter({ config }: { config: Config }): Router {
  const paths = dataPaths(config.DATA_DIR);
  const router = Router();
  router.get('/iiif/discovery/:file', (req, res, next) => {
    const file = requireSegment('discovery document', String(req.params.file), (f) => DISCOVERY_FILE.test(f));
    res.vary('Accept');
    return sendDataFile(res, next, path.join(paths.discovery, file), {
      root: paths.root,
      contentType: jsonLdType((t) => req.accepts(t), MEDIA.discovery),
      cacheControl: CACHE_ACTIVITY,
      what: `discovery document ${file}`,
    });
  });
  return router;
}
