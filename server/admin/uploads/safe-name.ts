// The path an uploaded file gets inside its batch's staging folder, made from the relative path the
// browser reports (folder drops keep their sub-folders) by a curator we trust, through a browser we
// do not: no `..`, nothing absolute, no control or reserved characters, no hidden names, bounded
// length and depth, so a hostile name can only ever land inside the staging folder it was meant for.

/** Bytes of one name in UTF-8 (what ext4 and most shares allow). */
const MAX_SEGMENT_BYTES = 200;
/** Folders deep: an item folder under a collection folder with its image and ALTO folders fits well. */
const MAX_DEPTH = 8;

export class UnsafeNameError extends Error {
  override name = 'UnsafeNameError';
}

// C0 and C1 controls, bidirectional overrides (which make a report show `evil.tif` for `fit.live`)
// and the characters Windows shares and SMB refuse.
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const BAD_CHARS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069<>:"|?*]/g;
const DEVICE_NAMES = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

function safeSegment(raw: string): string {
  let name = raw
    .replace(BAD_CHARS, '_')
    .replace(/[. ]+$/, '')
    .trim();
  if (name.startsWith('.') || DEVICE_NAMES.test(name)) name = `_${name}`;
  const encoder = new TextEncoder();
  while (encoder.encode(name).length > MAX_SEGMENT_BYTES) {
    // Cut before the extension so the file keeps its type.
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = [...name.slice(0, name.length - ext.length)].slice(0, -1).join('') + ext;
  }
  return name;
}

/**
 * The safe relative path (with `/`) for a reported name such as `kant/00000001.tif`; throws
 * UnsafeNameError when nothing usable is left (an empty name, or only `..` and slashes).
 */
export function safeRelativePath(reported: string): string {
  const segments = reported
    .normalize('NFC')
    .split(/[\\/]+/)
    .filter((s) => s !== '' && s !== '.' && s !== '..')
    .map(safeSegment)
    .filter((s) => s !== '');
  if (segments.length === 0) throw new UnsafeNameError(`no usable file name in ${JSON.stringify(reported.slice(0, 100))}`);
  // Too deep: the outer folders go, the item folder and the file stay.
  return segments.slice(-MAX_DEPTH).join('/');
}
