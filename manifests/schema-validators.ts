// The JSON Schema validators of IIIF Presentation 3 (one per class a document claims to be, and the
// whole schema), for validate.ts. Compiling the official schema with ajv takes about half a second
// of CPU, paid by every ingest run and test worker; so the compiled code is also written as a
// standalone module under node_modules/.cache/leeszaal/, keyed by the schema, ajv and these options,
// and later processes load that in milliseconds. A missing, stale or unreadable cache only means
// compiling again. ajv itself (30 ms to load) loads only to compile.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ValidateFunction } from 'ajv';
import type * as AjvModule from 'ajv';
import type AddFormats from 'ajv-formats';
import type StandaloneCode from 'ajv/dist/standalone/index.js';

export const SCHEMA_ID = 'http://iiif.io/api/presentation/3/schema.json';
/** The schema's classes validated on their own; `*` is the whole schema. */
export const SCHEMA_CLASSES = ['manifest', 'collection', 'annotationPage', 'annotationCollection', 'annotation'] as const;
export type SchemaClass = (typeof SCHEMA_CLASSES)[number] | '*';

const require = createRequire(import.meta.url);
const CACHE_DIR = path.resolve(import.meta.dirname, '..', 'node_modules', '.cache', 'leeszaal');
const OPTIONS = { strict: false, allErrors: true } as const;

const loaded = new Map<string, Record<SchemaClass, ValidateFunction>>();

function refOf(c: SchemaClass): string {
  return c === '*' ? SCHEMA_ID : `${SCHEMA_ID}#/classes/${c}`;
}

/** The validators for the schema in `schemaPath`, from memory, the cache, or compiled. */
export function schemaValidators(schemaPath: string): Record<SchemaClass, ValidateFunction> {
  const known = loaded.get(schemaPath);
  if (known) return known;
  let text: string;
  try {
    text = fs.readFileSync(schemaPath, 'utf8');
  } catch (e) {
    throw new Error(
      `IIIF Presentation 3 JSON Schema not found at ${schemaPath} (${(e as NodeJS.ErrnoException).code ?? String(e)}): ` +
        'reinstall the project or pass schemaPath',
    );
  }
  const key = createHash('sha256')
    .update(JSON.stringify([text, OPTIONS, SCHEMA_CLASSES, require('ajv/package.json').version, require('ajv-formats/package.json').version]))
    .digest('hex')
    .slice(0, 16);
  const file = path.join(CACHE_DIR, `presentation-3-validators-${key}.cjs`);
  const validators = fromCache(file) ?? compile(text, file);
  loaded.set(schemaPath, validators);
  return validators;
}

function fromCache(file: string): Record<SchemaClass, ValidateFunction> | undefined {
  try {
    const module = require(file) as Partial<Record<string, ValidateFunction>>;
    const all = ['*' as const, ...SCHEMA_CLASSES].map((c) => [c, module[c === '*' ? 'all' : c]] as const);
    if (all.some(([, v]) => typeof v !== 'function')) return undefined;
    return Object.fromEntries(all) as Record<SchemaClass, ValidateFunction>;
  } catch {
    return undefined;
  }
}

function compile(text: string, file: string): Record<SchemaClass, ValidateFunction> {
  const { Ajv } = require('ajv') as typeof AjvModule;
  const addFormats = require('ajv-formats') as typeof AddFormats;
  const standaloneCode = require('ajv/dist/standalone/index.js') as typeof StandaloneCode;
  const ajv = new Ajv({ ...OPTIONS, code: { source: true } });
  addFormats.default(ajv);
  ajv.addSchema(JSON.parse(text) as object, SCHEMA_ID);
  const classes = ['*' as const, ...SCHEMA_CLASSES];
  const validators = Object.fromEntries(classes.map((c) => [c, ajv.compile({ $ref: refOf(c) })])) as Record<SchemaClass, ValidateFunction>;
  try {
    const code = standaloneCode.default(ajv, Object.fromEntries(classes.map((c) => [c === '*' ? 'all' : c, refOf(c)])));
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, code);
    fs.renameSync(tmp, file);
  } catch {
    // A read-only install still validates; it compiles each time.
  }
  return validators;
}
