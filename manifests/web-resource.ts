// Linked web resources (homepage, seeAlso) shaped as Presentation 3 describes them. The spec lets
// any resource carry a `label`, `profile` or `language`; the @iiif/presentation-3 types leave them
// off ExternalWebResource, so the one assertion that bridges the two lives here.
import type { ExternalWebResource, InternationalString } from '@iiif/presentation-3';

interface WebResource {
  id: string;
  type: 'Text' | 'Dataset';
  label: InternationalString;
  format: string;
  profile?: string;
}

function asResource(r: WebResource): ExternalWebResource {
  return r as ExternalWebResource;
}

/** An HTML page (a `homepage`). */
export function webPage(id: string, label: InternationalString): ExternalWebResource {
  return asResource({ id, type: 'Text', label, format: 'text/html' });
}

/** A machine-readable description (a `seeAlso`), with the profile it follows when there is one. */
export function dataset(id: string, label: InternationalString, format: string, profile?: string): ExternalWebResource {
  return asResource({ id, type: 'Dataset', label, format, ...(profile === undefined ? {} : { profile }) });
}
