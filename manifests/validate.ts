// Checks that a manifest, collection or annotation page is valid IIIF Presentation 3 before it is
// published: the official validator's JSON Schema, plus the rules a schema cannot express (unique
// ids, canvas sizes matching their images, targets inside their canvas, ranges and start pointing at
// real canvases, well-formed language maps, ids under the public base URL). Ingest runs it before
// every publish; the conformance tests run it on everything the builders produce.
import path from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Size } from './image/levels.ts';
import { isLanguageMap } from './language-map.ts';
import { schemaValidators, type SchemaClass } from './schema-validators.ts';

export interface ValidationOptions {
  /** When given, every id (outside `provider`) must be this URL or lie under it. */
  baseUrl?: string;
  /**
   * Canvas sizes by canvas id, to check `#xywh=` targets of a standalone AnnotationPage against the
   * canvases of its manifest (see `canvasSizes`). A manifest's own canvases are always known.
   */
  canvases?: ReadonlyMap<string, Size>;
  /** JSON Schema file; defaults to the copy bundled beside this module (see DEFAULT_SCHEMA_PATH). */
  schemaPath?: string;
}

export interface ValidationResult {
  ok: boolean;
  /** One line per problem: `<JSON pointer>: <what is wrong>`; schema problems start with `schema`. */
  errors: string[];
}

type Json = Record<string, unknown>;

/**
 * The official validator's schema (IIIF presentation-validator, schema/iiif_3_0.json at commit
 * fb5bd90), bundled so ingest validates on any machine; a conformance test pins its SHA-256 to that
 * of the maintainers' reference copy.
 */
export const DEFAULT_SCHEMA_PATH = path.resolve(import.meta.dirname, 'presentation-3.schema.json');

const CLASS_BY_TYPE: Record<string, SchemaClass> = {
  Manifest: 'manifest',
  Collection: 'collection',
  AnnotationPage: 'annotationPage',
  AnnotationCollection: 'annotationCollection',
  Annotation: 'annotation',
};

export function validatePresentation(json: unknown, opts: ValidationOptions = {}): ValidationResult {
  const validate = schemaValidator(opts.schemaPath ?? DEFAULT_SCHEMA_PATH, typeOf(json));
  const errors: string[] = [];
  if (!validate(json)) {
    for (const e of validate.errors ?? []) errors.push(formatSchemaError(e));
  }
  errors.push(...checkRules(json, opts));
  return { ok: errors.length === 0, errors: [...new Set(errors)] };
}

/** The size of every canvas of a manifest, by id: pass it as `canvases` when validating its annotation pages. */
export function canvasSizes(manifest: unknown): Map<string, Size> {
  const sizes = new Map<string, Size>();
  if (!isObject(manifest) || !Array.isArray(manifest.items)) return sizes;
  for (const canvas of manifest.items) {
    if (isObject(canvas) && typeof canvas.id === 'string' && isPositiveInt(canvas.width) && isPositiveInt(canvas.height)) {
      sizes.set(canvas.id, { width: canvas.width, height: canvas.height });
    }
  }
  return sizes;
}

// ---- schema ----

function schemaValidator(schemaPath: string, type: string | undefined): ValidateFunction {
  // Validating against the class the document claims to be gives errors about that class only,
  // instead of one failure per alternative of the schema's top-level oneOf.
  return schemaValidators(schemaPath)[(type === undefined ? undefined : CLASS_BY_TYPE[type]) ?? '*'];
}

function formatSchemaError(e: ErrorObject): string {
  const params = e.keyword === 'additionalProperties' || e.keyword === 'required' || e.keyword === 'pattern' ? ` (${JSON.stringify(e.params)})` : '';
  return `schema ${e.instancePath || '/'}: ${e.message ?? e.keyword}${params}`;
}

// ---- rules no schema expresses ----

function checkRules(json: unknown, opts: ValidationOptions): string[] {
  const errors: string[] = [];
  const fail = (at: string, message: string) => errors.push(`${at || '/'}: ${message}`);
  if (!isObject(json)) {
    fail('', 'not a JSON object');
    return errors;
  }
  const base = opts.baseUrl?.replace(/\/+$/, '');
  const canvases = new Map<string, Size>(opts.canvases ?? []);
  if (json.type === 'Manifest') for (const [id, size] of canvasSizes(json)) canvases.set(id, size);

  walk(json, '', false, (value, at, key, inProvider) => {
    if ((key === 'id' || key === '@id') && typeof value === 'string') checkId(value, at, base, inProvider, fail);
    if ((key === 'label' || key === 'summary') && value !== null) checkLanguageMap(value, at, fail);
    if (key === 'metadata' && Array.isArray(value)) {
      value.forEach((pair, i) => checkPair(pair, `${at}/${i}`, fail));
    }
    if (key === 'requiredStatement' && value !== null) checkPair(value, at, fail);
    if (key === 'thumbnail' && Array.isArray(value)) {
      value.forEach((t, i) => {
        if (isObject(t) && t.type === 'Image' && !(isPositiveInt(t.width) && isPositiveInt(t.height))) {
          fail(`${at}/${i}`, 'thumbnail image must give its width and height as positive integers');
        }
      });
    }
    if (typeof value === 'string' && value.includes('#xywh=')) checkXywh(value, at, canvases, fail);
  });

  checkUniqueIds(json, fail);
  if (json.type === 'Manifest') checkManifest(json, canvases, fail);
  return errors;
}

type Fail = (at: string, message: string) => void;

/** Visits every property of every object, depth first, telling whether it sits inside `provider`. */
function walk(node: unknown, at: string, inProvider: boolean, visit: (value: unknown, at: string, key: string, inProvider: boolean) => void) {
  if (Array.isArray(node)) {
    node.forEach((v, i) => walk(v, `${at}/${i}`, inProvider, visit));
  } else if (isObject(node)) {
    for (const [k, v] of Object.entries(node)) {
      const p = `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      visit(v, p, k, inProvider);
      walk(v, p, inProvider || k === 'provider', visit);
    }
  }
}

function checkId(id: string, at: string, base: string | undefined, inProvider: boolean, fail: Fail) {
  let url: URL | undefined;
  try {
    url = new URL(id);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    fail(at, `id ${JSON.stringify(id)} is not an absolute http(s) URI`);
    return;
  }
  if (base !== undefined && !inProvider && !(id === base || (/^[/#?]/.test(id.slice(base.length)) && id.startsWith(base)))) {
    fail(at, `id ${JSON.stringify(id)} is not under the public base URL ${base}`);
  }
}

function checkLanguageMap(value: unknown, at: string, fail: Fail) {
  if (!isLanguageMap(value)) {
    fail(at, 'language map must be a non-empty object whose values are non-empty arrays of strings');
    return;
  }
  for (const lang of Object.keys(value)) {
    if (lang === 'none') continue;
    const canonical = canonicalTag(lang);
    if (canonical === undefined) fail(at, `language map key ${JSON.stringify(lang)} is neither a BCP 47 tag nor "none"`);
    else if (canonical.toLowerCase() !== lang.toLowerCase())
      fail(at, `language map key ${JSON.stringify(lang)} should be the BCP 47 tag ${JSON.stringify(canonical)}`);
  }
}

function checkPair(pair: unknown, at: string, fail: Fail) {
  if (!isObject(pair)) {
    fail(at, 'must be an object with label and value');
    return;
  }
  if (!('label' in pair)) fail(at, 'missing label');
  if (!('value' in pair)) fail(at, 'missing value');
  else checkLanguageMap(pair.value, `${at}/value`, fail);
}

function checkXywh(value: string, at: string, canvases: ReadonlyMap<string, Size>, fail: Fail) {
  const [source, fragment] = splitFragment(value);
  const m = /(?:^|&)xywh=([^&]*)/.exec(fragment ?? '');
  const spec = m?.[1] ?? '';
  if (spec.startsWith('pct:')) return;
  const nums = /^(?:pixel:)?(\d+),(\d+),(\d+),(\d+)$/.exec(spec);
  if (!nums) {
    fail(at, `xywh fragment ${JSON.stringify(spec)} is not four non-negative integers x,y,w,h`);
    return;
  }
  const [x, y, w, h] = nums.slice(1).map(Number) as [number, number, number, number];
  if (w === 0 || h === 0) fail(at, `xywh fragment ${spec} has an empty area`);
  const size = canvases.get(source);
  if (size && (x + w > size.width || y + h > size.height)) {
    fail(at, `xywh fragment ${spec} reaches outside its ${size.width}x${size.height} canvas`);
  }
}

/** Ids of the resources a document defines (not those it merely references) must be unique. */
function checkUniqueIds(json: Json, fail: Fail) {
  const seen = new Map<string, string>();
  const define = (node: unknown, at: string) => {
    if (!isObject(node) || typeof node.id !== 'string') return;
    const first = seen.get(node.id);
    if (first !== undefined) fail(`${at}/id`, `id ${node.id} is already used at ${first}`);
    else seen.set(node.id, `${at}/id`);
  };
  const eachItem = (node: unknown, at: string, fn: (item: unknown, at: string) => void) => {
    if (isObject(node) && Array.isArray(node.items)) node.items.forEach((item, i) => fn(item, `${at}/items/${i}`));
  };
  const annotationPage = (page: unknown, at: string) => {
    define(page, at);
    eachItem(page, at, define);
  };
  const range = (r: unknown, at: string) => {
    define(r, at);
    eachItem(r, at, (item, p) => {
      if (isObject(item) && item.type === 'Range') range(item, p);
    });
  };
  define(json, '');
  if (json.type === 'Manifest') {
    eachItem(json, '', (canvas, at) => {
      define(canvas, at);
      eachItem(canvas, at, annotationPage);
      if (isObject(canvas) && Array.isArray(canvas.annotations)) {
        canvas.annotations.forEach((page, i) => annotationPage(page, `${at}/annotations/${i}`));
      }
    });
    if (Array.isArray(json.structures)) json.structures.forEach((r, i) => range(r, `/structures/${i}`));
  } else if (json.type === 'Collection') {
    eachItem(json, '', define);
  } else if (json.type === 'AnnotationPage') {
    eachItem(json, '', define);
  }
}

function checkManifest(json: Json, canvases: ReadonlyMap<string, Size>, fail: Fail) {
  const items = Array.isArray(json.items) ? json.items : [];
  if (items.length === 0) fail('/items', 'a manifest needs at least one canvas');
  items.forEach((canvas, ci) => {
    const at = `/items/${ci}`;
    if (!isObject(canvas)) return;
    if (canvas.duration === undefined && !(isPositiveInt(canvas.width) && isPositiveInt(canvas.height))) {
      fail(at, 'canvas width and height must be positive integers');
    }
    if (!Array.isArray(canvas.items)) return;
    canvas.items.forEach((page, pi) => {
      if (!isObject(page) || !Array.isArray(page.items)) return;
      page.items.forEach((anno, ai) => {
        const aAt = `${at}/items/${pi}/items/${ai}`;
        if (!isObject(anno) || anno.motivation !== 'painting') return;
        const target = targetId(anno.target);
        const [targetCanvas, fragment] = splitFragment(target ?? '');
        if (targetCanvas !== canvas.id) {
          fail(`${aAt}/target`, `painting annotation must target its canvas ${String(canvas.id)}, not ${JSON.stringify(target)}`);
          return;
        }
        const bodies = Array.isArray(anno.body) ? anno.body : [anno.body];
        bodies.forEach((body, bi) => {
          if (!isObject(body) || body.type !== 'Image') return;
          const bAt = Array.isArray(anno.body) ? `${aAt}/body/${bi}` : `${aAt}/body`;
          if (!(isPositiveInt(body.width) && isPositiveInt(body.height))) {
            fail(bAt, 'painted image must give its width and height as positive integers');
          } else if (fragment === undefined && (body.width !== canvas.width || body.height !== canvas.height)) {
            fail(bAt, `painted image is ${body.width}x${body.height} but its canvas is ${String(canvas.width)}x${String(canvas.height)}`);
          }
        });
      });
    });
  });
  const canvasIds = new Set(items.filter(isObject).map((c) => c.id));
  const checkRange = (r: unknown, at: string) => {
    if (!isObject(r) || !Array.isArray(r.items)) return;
    r.items.forEach((item, i) => {
      const iAt = `${at}/items/${i}`;
      if (isObject(item) && item.type === 'Range') return checkRange(item, iAt);
      const id =
        typeof item === 'string' ? item : isObject(item) && item.type === 'SpecificResource' ? targetId(item) : isObject(item) ? item.id : undefined;
      const [canvasId] = splitFragment(typeof id === 'string' ? id : '');
      if (!canvasIds.has(canvasId)) fail(iAt, `range refers to ${JSON.stringify(id)}, which is not a canvas of this manifest`);
    });
  };
  if (Array.isArray(json.structures)) json.structures.forEach((r, i) => checkRange(r, `/structures/${i}`));
  if (json.start !== undefined && json.start !== null) {
    const [startId] = splitFragment(targetId(json.start) ?? '');
    if (!canvases.has(startId) && !canvasIds.has(startId)) fail('/start', `start ${JSON.stringify(startId)} is not a canvas of this manifest`);
  }
}

/** The id a target (or a start) points at: a string, a resource's id, or a SpecificResource's source. */
function targetId(target: unknown): string | undefined {
  if (typeof target === 'string') return target;
  if (!isObject(target)) return undefined;
  if (target.type === 'SpecificResource') {
    const source = targetId(target.source);
    if (source === undefined) return undefined;
    const selector = Array.isArray(target.selector) ? target.selector[0] : target.selector;
    return isObject(selector) && selector.type === 'FragmentSelector' && typeof selector.value === 'string' ? `${source}#${selector.value}` : source;
  }
  return typeof target.id === 'string' ? target.id : undefined;
}

function splitFragment(uri: string): [string, string | undefined] {
  const i = uri.indexOf('#');
  return i < 0 ? [uri, undefined] : [uri.slice(0, i), uri.slice(i + 1)];
}

function typeOf(json: unknown): string | undefined {
  return isObject(json) && typeof json.type === 'string' ? json.type : undefined;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isPositiveInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0;
}

function canonicalTag(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}
