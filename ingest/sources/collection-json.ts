// Reads `collection.json`, the optional file in a collection folder that sets the rights and the
// attribution of every item in it (and in its subfolders) whose own metadata gives none.
import * as v from 'valibot';
import type { Inherited } from './item-context.ts';
import { issueMessages, jsonFile, nonEmptyText, rightsField } from './item-fields.ts';

export const collectionJsonSchema = jsonFile({
  rights: v.optional(rightsField),
  attribution: v.optional(nonEmptyText),
});

/** The inherited rights and attribution with collection.json's applied, or the reasons it is invalid. */
export function readCollectionJson(json: string, inherited: Inherited): { inherited: Inherited } | { errors: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    return { errors: [`collection.json is not valid JSON: ${(error as Error).message}`] };
  }
  const parsed = v.safeParse(collectionJsonSchema, raw);
  if (!parsed.success) return { errors: issueMessages(parsed.issues).map((m) => `collection.json ${m}`) };
  return { inherited: { rights: parsed.output.rights ?? inherited.rights, attribution: parsed.output.attribution ?? inherited.attribution } };
}
