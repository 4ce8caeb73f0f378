// Reads `collection.json`, the optional file in a collection folder that sets the rights and the
// attribution of every item in it (and in its subfolders) whose own metadata gives none.
import { z } from 'zod';
import type { Inherited } from './item-context.ts';
import { rightsField } from './item-fields.ts';

export const collectionJsonSchema = z.strictObject({
  rights: rightsField.optional(),
  attribution: z.string().trim().min(1, 'must not be empty').optional(),
});

/** The inherited rights and attribution with collection.json's applied, or the reasons it is invalid. */
export function readCollectionJson(json: string, inherited: Inherited): { inherited: Inherited } | { errors: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    return { errors: [`collection.json is not valid JSON: ${(error as Error).message}`] };
  }
  const parsed = collectionJsonSchema.safeParse(raw);
  if (!parsed.success) {
    return { errors: parsed.error.issues.map((i) => `collection.json ${i.path.join('.') || '(top level)'}: ${i.message}`) };
  }
  return { inherited: { rights: parsed.data.rights ?? inherited.rights, attribution: parsed.data.attribution ?? inherited.attribution } };
}
