// The `metadata` pairs a manifest shows for an item: field labels in nl, fr and en, catalogue values
// as the source wrote them (historical spelling such as the long s `ſ` kept verbatim) and sanitised,
// with item types and language names translated. Used by the manifest builder.
import type { InternationalString, MetadataItem } from '@iiif/presentation-3';
import { type FieldName, fieldLabel, itemTypeLabel, languageName, roleLabel } from './field-labels.ts';
import type { ItemRecord } from './item.ts';
import { normaliseLanguageMap, UI_LANGUAGES, type UiLanguage } from './language-map.ts';
import { canonicalRights } from './rights.ts';
import { sanitizeLanguageMap } from './sanitize.ts';

/** The metadata pairs of an item, in the order a reader scans a catalogue card. */
export function buildMetadata(item: ItemRecord): MetadataItem[] {
  const pairs: MetadataItem[] = [];
  const add = (label: InternationalString, value: InternationalString) => {
    const clean = sanitizeLanguageMap(value);
    if (Object.keys(clean).length > 0) pairs.push({ label, value: clean });
  };
  const addText = (field: FieldName, values: readonly (string | undefined)[]) => {
    const present = values.filter((v): v is string => v !== undefined && v.trim() !== '');
    if (present.length > 0) add(fieldLabel(field), { none: present });
  };

  if (!item.untitled) add(fieldLabel('title'), normaliseLanguageMap(item.label));
  for (const [role, names] of groupAgentsByRole(item)) add(roleLabel(role), { none: names });
  addText('publisher', [item.publisher]);
  addText('place', [item.place]);
  addText('date', [item.date]);
  if (item.languages.length > 0) add(fieldLabel('language'), languageNames(item.languages));
  addText('subject', item.subjects);
  add(fieldLabel('type'), itemTypeLabel(item.type));
  addText('partOf', [item.partOf]);
  addText('shelfmark', [item.shelfmark]);
  addText('holdingInstitution', [item.holdingInstitution]);
  addText(
    'identifier',
    item.identifiers.map((i) => `${i.value} (${i.type})`),
  );
  if (item.externalUrl !== undefined && /^https?:\/\//i.test(item.externalUrl)) {
    add(fieldLabel('externalUrl'), { none: [link(item.externalUrl)] });
  }
  addText('note', [item.note]);
  // IIIF `rights` only takes CC and RightsStatements.org URIs; any other statement still reaches the reader.
  if (item.rights.trim() !== '' && canonicalRights(item.rights) === undefined) {
    add(fieldLabel('rights'), { none: [/^https?:\/\//i.test(item.rights) ? link(item.rights) : item.rights] });
  }
  return pairs;
}

/** Agents grouped by role in first-seen order; an agent without a role counts as a contributor. */
function groupAgentsByRole(item: ItemRecord): Map<string | undefined, string[]> {
  const groups = new Map<string | undefined, string[]>();
  for (const agent of item.agents) {
    const role = agent.role?.trim().toLowerCase() || undefined;
    const names = groups.get(role) ?? [];
    if (!names.includes(agent.name)) names.push(agent.name);
    groups.set(role, names);
  }
  return groups;
}

/** Language names per UI language; a code CLDR does not know appears as itself in each. */
function languageNames(codes: readonly string[]): InternationalString {
  const out: Record<UiLanguage, string[]> = { nl: [], fr: [], en: [] };
  for (const code of codes) {
    const names = languageName(code);
    for (const ui of UI_LANGUAGES) out[ui].push(names[ui]?.[0] ?? code);
  }
  return out;
}

function link(url: string): string {
  return `<a href="${escapeAttribute(url)}">${escapeText(url)}</a>`;
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;');
}
