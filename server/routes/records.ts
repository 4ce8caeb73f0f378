// The published item records: `records/<id>/record.json` (the normalised ItemRecord) and the copied
// source metadata (METS, CSV row, item.json, MARC, Dublin Core), for people and harvesters who want the original
// description. Served inert: a sandboxing content policy stops any markup in them from running.
import path from 'node:path';
import { Router } from 'express';
import type { Config } from '../../config.ts';
import { dataPaths, isSafeId } from '../../manifests/layout.ts';
import { CACHE_DOCUMENT } from '../headers.ts';
import { isSafeFileName, requireSegment } from '../safe-path.ts';
import { sendDataFile } from '../send-data-file.ts';

const TYPES: Record<string, string> = {
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.marcxml': 'application/marcxml+xml; charset=utf-8',
  // Binary MARC 21 (ISO 2709) is bytes with its own record structure, not text to render.
  '.mrc': 'application/marc',
  '.marc': 'application/marc',
};

export function recordsRouter({ config }: { config: Config }): Router {
  const paths = dataPaths(config.DATA_DIR);
  const router = Router();
  router.get('/records/:item/:file', (req, res, next) => {
    const item = requireSegment('item id', String(req.params.item), isSafeId);
    const file = requireSegment('file name', String(req.params.file), isSafeFileName);
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    return sendDataFile(res, next, path.join(paths.recordDir(item), file), {
      root: paths.root,
      contentType: TYPES[path.extname(file).toLowerCase()] ?? 'text/plain; charset=utf-8',
      cacheControl: CACHE_DOCUMENT,
      what: `record file ${file} of ${item}`,
    });
  });
  return router;
}
