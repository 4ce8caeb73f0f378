// Moving a published data folder to another PUBLIC_BASE_URL without re-tiling: every URL in the
// published JSON (manifests, annotation pages, collection, discovery, info.json) that lies under the
// old base is rewritten to the new one. Used by ingest's rebase command and the server's tests.

/**
 * A deep copy of `json` where every string equal to `oldBase`, or starting with `oldBase` followed
 * by `/`, `#` or `?`, has that prefix replaced by `newBase`. Strings that merely share a prefix
 * (`http://a.org/x` against `http://a.org/xy`) and object keys are left alone.
 */
export function rebaseJson<T>(json: T, oldBase: string, newBase: string): T {
  const from = oldBase.replace(/\/+$/, '');
  const to = newBase.replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]/.test(from) || !/^https?:\/\/[^/]/.test(to)) {
    throw new Error(`rebase needs two absolute http(s) base URLs, got ${JSON.stringify(oldBase)} and ${JSON.stringify(newBase)}`);
  }
  const rewrite = (s: string): string => {
    if (!s.startsWith(from)) return s;
    const rest = s.slice(from.length);
    return rest === '' || rest[0] === '/' || rest[0] === '#' || rest[0] === '?' ? to + rest : s;
  };
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return rewrite(value);
    if (Array.isArray(value)) return value.map(walk);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    }
    return value;
  };
  return walk(json) as T;
}
