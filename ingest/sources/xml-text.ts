// Turns the bytes of an XML file (METS, MARCXML, Dublin Core, ALTO, PAGE XML, hOCR) into text in the
// encoding the file says it is in: its byte order mark, else the `encoding` of its XML declaration,
// else UTF-8. Library systems still export ISO-8859-1 and Windows-1252 (`<?xml version="1.0"
// encoding="ISO-8859-1"?>`) and Windows tools UTF-16; read as UTF-8, their accented letters would
// be published as `�` without a word. For the readers of every such file; pure.

/** The `encoding` pseudo-attribute of an XML declaration at the start of the text. */
const DECLARED = /^<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z][\w.:-]*)["']/;

/** The encoding a file's bytes say they are in: by byte order mark, else by XML declaration, else UTF-8. */
export function xmlEncoding(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  // The declaration is ASCII in every encoding a file without a byte order mark may declare.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  return DECLARED.exec(head)?.[1]?.toLowerCase() ?? 'utf-8';
}

/** The file's text, decoded as it declares; throws naming an encoding that cannot be decoded. */
export function xmlText(bytes: Uint8Array): string {
  const encoding = xmlEncoding(bytes);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding);
  } catch {
    throw new Error(`its XML declaration names the encoding ${JSON.stringify(encoding)}, which ingest cannot read: save the file as UTF-8`);
  }
  return decoder.decode(bytes);
}
