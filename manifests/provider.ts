// The `provider` Agent of every manifest and collection: the institution publishing the reading
// room, with its homepage (the site itself unless PROVIDER_HOMEPAGE names another).
import type { ResourceProvider } from '@iiif/presentation-3';
import type { PublicUrls } from './layout.ts';
import { webPage } from './web-resource.ts';

export interface ProviderInfo {
  label: string;
  homepage?: string;
}

export function buildProvider(urls: PublicUrls, provider: ProviderInfo): ResourceProvider {
  const label = { none: [provider.label] };
  return {
    id: `${urls.base}/#provider`,
    type: 'Agent',
    label,
    homepage: [webPage(provider.homepage ?? `${urls.base}/`, label)],
  };
}
