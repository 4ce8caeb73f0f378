// A small published data folder for the server tests, made here with sharp from one real scan, the
// bundled sample's Kant page 481 (so they do not wait for ingest): the page tiled in the IIIF Image API 3 level-0 layout, its
// pyramidal TIFF derivative, a second image with no derivative, a manifest, full text, a record,
// Change Discovery, private state, and a secret file beside the folder that must never be served.
import { randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Express } from 'express';
import sharp from 'sharp';
import { loadConfig, type Config } from '../../config.ts';
import { dataPaths, publicUrls } from '../../manifests/layout.ts';
import { KANT_PAGE_0017 } from '../support/inputs.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SOURCE_PAGE = KANT_PAGE_0017;
export const BASE_URL = 'https://leeszaal.example.org';
export const ITEM = 'kant';
export const PAGE = 'page-0017';
export const IMAGE_ID = 'kant-page-0017';
/** An image published without a derivative: the server must render from its full/max file. */
export const PLAIN_ID = 'plain-1';
export const TILE = 512;

export interface Fixture {
  root: string;
  dataDir: string;
  secret: string;
  width: number;
  height: number;
  plain: { width: number; height: number };
  config: (env?: Record<string, string>) => Config;
  cleanup: () => Promise<void>;
}

export async function buildFixture(): Promise<Fixture> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-server-'));
  const dataDir = path.join(root, 'data');
  const paths = dataPaths(dataDir);
  const urls = publicUrls(BASE_URL);
  const secret = `SECRET-${randomBytes(8).toString('hex')}`;
  await writeFile(path.join(root, 'secret.txt'), secret);
  await writeFile(path.join(root, 'secret.json'), JSON.stringify({ secret }));
  await mkdir(paths.state, { recursive: true });
  await writeFile(path.join(paths.state, 'state.json'), JSON.stringify({ secret }));

  const meta = await sharp(SOURCE_PAGE).metadata();
  const { width, height } = meta;
  const imageDir = paths.imageDir(IMAGE_ID);
  await mkdir(path.dirname(imageDir), { recursive: true });
  const work = path.join(root, 'tiling');
  await sharp(SOURCE_PAGE).jpeg({ quality: 90 }).tile({ layout: 'iiif3', size: TILE, depth: 'onetile', id: BASE_URL }).toFile(work);
  await cp(work, imageDir, { recursive: true });
  const fullMax = path.join(imageDir, 'full', 'max', '0', 'default.jpg');
  await mkdir(path.dirname(fullMax), { recursive: true });
  await sharp(SOURCE_PAGE).jpeg({ quality: 90 }).toFile(fullMax);
  await writeInfo(imageDir, urls.imageService(IMAGE_ID), width, height);
  await mkdir(path.dirname(paths.derivative(IMAGE_ID)), { recursive: true });
  await sharp(SOURCE_PAGE)
    .tiff({ tile: true, tileWidth: 256, tileHeight: 256, pyramid: true, compression: 'jpeg', quality: 90 })
    .toFile(paths.derivative(IMAGE_ID));

  const plain = { width: 300, height: 200 };
  const plainDir = paths.imageDir(PLAIN_ID);
  await mkdir(path.join(plainDir, 'full', 'max', '0'), { recursive: true });
  await sharp(SOURCE_PAGE)
    .resize(plain.width, plain.height, { fit: 'fill' })
    .jpeg({ quality: 95 })
    .toFile(path.join(plainDir, 'full', 'max', '0', 'default.jpg'));
  await writeInfo(plainDir, urls.imageService(PLAIN_ID), plain.width, plain.height);

  await writeManifest(dataDir, width, height);
  await mkdir(paths.recordDir(ITEM), { recursive: true });
  await writeFile(paths.record(ITEM), JSON.stringify({ id: ITEM, label: { de: ['Was ist Aufklärung?'] } }));
  await writeFile(path.join(paths.recordDir(ITEM), 'mets.xml'), '<mets xmlns="http://www.loc.gov/METS/"/>');
  // A link inside the data folder that points outside it must not be followed.
  await symlink(path.join(root, 'secret.json'), path.join(paths.recordDir(ITEM), 'leak.json'));
  await symlink(path.join(root, 'secret.json'), path.join(paths.discovery, 'leak.json'));

  return {
    root,
    dataDir,
    secret,
    width,
    height,
    plain,
    config: (env = {}) => loadConfig({ DATA_DIR: dataDir, PUBLIC_BASE_URL: BASE_URL, LOG_LEVEL: 'silent', ...env }),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

async function writeInfo(dir: string, id: string, width: number, height: number): Promise<void> {
  const info = {
    '@context': 'http://iiif.io/api/image/3/context.json',
    id,
    type: 'ImageService3',
    protocol: 'http://iiif.io/api/image',
    profile: 'level0',
    width,
    height,
    sizes: [{ width: Math.ceil(width / 4), height: Math.ceil(height / 4) }],
    tiles: [{ width: TILE, height: TILE, scaleFactors: [1, 2, 4] }],
  };
  await writeFile(path.join(dir, 'info.json'), JSON.stringify(info, null, 2));
}

async function writeManifest(dataDir: string, width: number, height: number): Promise<void> {
  const paths = dataPaths(dataDir);
  const urls = publicUrls(BASE_URL);
  const canvasId = urls.canvas(ITEM, PAGE);
  const manifest = {
    '@context': 'http://iiif.io/api/presentation/3/context.json',
    id: urls.manifest(ITEM),
    type: 'Manifest',
    label: { de: ['Beantwortung der Frage: Was ist Aufklärung?'] },
    summary: { en: ['Kant’s essay in the Berlinische Monatsschrift, 1784. '.repeat(20)] },
    start: { id: canvasId, type: 'Canvas' },
    items: [
      {
        id: canvasId,
        type: 'Canvas',
        label: { none: ['481'] },
        width,
        height,
        items: [
          {
            id: urls.paintingPage(ITEM, PAGE),
            type: 'AnnotationPage',
            items: [
              {
                id: urls.paintingAnnotation(ITEM, PAGE),
                type: 'Annotation',
                motivation: 'painting',
                target: canvasId,
                body: {
                  id: `${urls.imageService(IMAGE_ID)}/full/max/0/default.jpg`,
                  type: 'Image',
                  format: 'image/jpeg',
                  width,
                  height,
                  service: [{ id: urls.imageService(IMAGE_ID), type: 'ImageService3', profile: 'level0' }],
                },
              },
            ],
          },
        ],
        annotations: [{ id: urls.textPage(ITEM, PAGE), type: 'AnnotationPage' }],
      },
    ],
    structures: [{ id: urls.range(ITEM, 'r1'), type: 'Range', label: { de: ['Aufsatz'] }, items: [{ id: canvasId, type: 'Canvas' }] }],
  };
  await mkdir(paths.itemDir(ITEM), { recursive: true });
  await writeFile(paths.manifest(ITEM), JSON.stringify(manifest, null, 2));
  await mkdir(path.dirname(paths.textPage(ITEM, PAGE)), { recursive: true });
  await writeFile(
    paths.textPage(ITEM, PAGE),
    JSON.stringify({
      '@context': 'http://iiif.io/api/presentation/3/context.json',
      id: urls.textPage(ITEM, PAGE),
      type: 'AnnotationPage',
      items: [
        {
          id: `${urls.textPage(ITEM, PAGE)}#l1`,
          type: 'Annotation',
          motivation: 'supplementing',
          body: { type: 'TextualBody', value: 'Aufklärung ist der Ausgang', format: 'text/plain' },
          target: `${canvasId}#xywh=100,200,800,60`,
        },
      ],
    }),
  );
  await writeFile(
    paths.collection,
    JSON.stringify({
      '@context': 'http://iiif.io/api/presentation/3/context.json',
      id: urls.collection,
      type: 'Collection',
      label: { en: ['Leeszaal'] },
      items: [{ id: urls.manifest(ITEM), type: 'Manifest', label: manifest.label }],
    }),
  );
  await mkdir(paths.discovery, { recursive: true });
  await writeFile(
    path.join(paths.discovery, 'collection.json'),
    JSON.stringify({
      '@context': 'http://iiif.io/api/discovery/1/context.json',
      id: urls.discovery,
      type: 'OrderedCollection',
      totalItems: 1,
      first: { id: urls.discoveryPage(0), type: 'OrderedCollectionPage' },
      last: { id: urls.discoveryPage(0), type: 'OrderedCollectionPage' },
    }),
  );
  await writeFile(
    path.join(paths.discovery, 'page-0.json'),
    JSON.stringify({
      '@context': 'http://iiif.io/api/discovery/1/context.json',
      id: urls.discoveryPage(0),
      type: 'OrderedCollectionPage',
      partOf: { id: urls.discovery, type: 'OrderedCollection' },
      orderedItems: [{ type: 'Create', object: { id: urls.manifest(ITEM), type: 'Manifest' }, endTime: '2026-11-21T00:00:00Z' }],
    }),
  );
}

export interface RunningServer {
  url: string;
  close: () => Promise<void>;
}

/** Serves an app on a free port of 127.0.0.1 over real HTTP. */
export async function serve(app: Express): Promise<RunningServer> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
