// Search snippets arrive as HTML with the matches in <mark> and everything else escaped. The site
// shows them without ever parsing them as HTML: split into plain text runs and marked runs. Pure.
export interface SnippetPart {
  text: string;
  mark: boolean;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'", '&apos;': "'" };

function unescapeHtml(s: string): string {
  // Tags first, then entities: an escaped `&lt;b&gt;` is text the reader should see.
  return s.replace(/<[^>]*>/g, '').replace(/&(?:amp|lt|gt|quot|apos|#39|#x27);/g, (e) => ENTITIES[e] ?? e);
}

export function snippetParts(html: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const re = /<mark>([\s\S]*?)<\/mark>/g;
  let last = 0;
  for (const m of html.matchAll(re)) {
    if (m.index > last) parts.push({ text: unescapeHtml(html.slice(last, m.index)), mark: false });
    parts.push({ text: unescapeHtml(m[1]!), mark: true });
    last = m.index + m[0].length;
  }
  if (last < html.length) parts.push({ text: unescapeHtml(html.slice(last)), mark: false });
  return parts.filter((p) => p.text !== '');
}
