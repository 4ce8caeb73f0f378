// Drop caps joined to the line they begin. A source often makes a printed initial a text block of its
// own ("A" beside "ufklaͤrung iſt der Ausgang …"); read as it stands, the first word is split in two
// wherever the text goes. The reading view (viewer), the text downloads and the PDF's text layer
// (server, through manifests/page-text.ts) all join it here, so a page's first word is the same
// word whether a reader sees, hears, copies, searches or takes the text away.

/** A block that is one capital (with its marks, as in "Uͤ"): a drop cap when the next block goes on in lowercase. */
const CAPITAL = /^\p{Lu}\p{M}*$/u;
const LOWERCASE_START = /^\p{Ll}/u;

/**
 * Blocks with each drop cap joined to the line it begins: a block of one line holding one capital,
 * followed by a block whose first line starts with a lowercase letter, becomes the start of that line
 * ("A" + "ufklaͤrung iſt" → "Aufklaͤrung iſt"). `keep` makes the joined line from the line with its new
 * text and the initial's line (to keep the initial's box); by default the line as joined. A capital
 * before a capital ("A" then "Treatise") is left alone: it is a word, or a signature mark, not the
 * first letter of the next.
 */
export function joinInitials<L extends { text: string }>(
  blocks: readonly (readonly L[])[],
  keep: (joined: L, initial: L) => L = (joined) => joined,
): L[][] {
  const out: L[][] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    const next = blocks[i + 1];
    const letter = block.length === 1 ? block[0]!.text.trim() : '';
    const first = next?.[0];
    if (next && first && CAPITAL.test(letter) && LOWERCASE_START.test(first.text.trimStart())) {
      out.push([keep({ ...first, text: letter + first.text.trimStart() }, block[0]!), ...next.slice(1)]);
      i++;
    } else out.push([...block]);
  }
  return out;
}
