// Which language the site sends a page in: `?lang=` when it names one, else the reader's saved choice
// (the `leeszaal-lang` cookie the site's language switch sets), else the best of nl/fr/en in the
// browser's Accept-Language, else Dutch. Pure, so the order of precedence is tested on its own.

export const SITE_LANGS = ['nl', 'fr', 'en'] as const;
export type SiteLang = (typeof SITE_LANGS)[number];
/** Written by viewer/site/shell.ts when the reader switches language; the two sides agree on the name only. */
export const LANG_COOKIE = 'leeszaal-lang';

const isSiteLang = (value: unknown): value is SiteLang => typeof value === 'string' && (SITE_LANGS as readonly string[]).includes(value);

/** The value of one cookie in a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const pair of header?.split(';') ?? []) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
  }
  return undefined;
}

/** The supported language an Accept-Language header prefers most (`fr-BE` counts as `fr`); ties keep the header's order. */
export function fromAcceptLanguage(header: string | undefined): SiteLang | undefined {
  const ranked = (header ?? '')
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { base: tag.trim().toLowerCase().split('-')[0], q: q === undefined ? 1 : Number(q), order };
    })
    .filter((r) => r.q > 0 && isSiteLang(r.base))
    .sort((a, b) => b.q - a.q || a.order - b.order);
  return ranked[0]?.base as SiteLang | undefined;
}

export interface LanguageAsked {
  query: unknown;
  cookie: string | undefined;
  acceptLanguage: string | undefined;
}

export function chooseSiteLang({ query, cookie, acceptLanguage }: LanguageAsked): SiteLang {
  if (isSiteLang(query)) return query;
  const saved = cookieValue(cookie, LANG_COOKIE);
  if (isSiteLang(saved)) return saved;
  return fromAcceptLanguage(acceptLanguage) ?? 'nl';
}
