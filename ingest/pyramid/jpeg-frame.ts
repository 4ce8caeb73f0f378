// Reads the marker segments of a JPEG stream before its first scan, and its frame header (SOF): its
// pixel size, its components and the sampling of the first one. The derivative writer uses the frame
// to decide whether a published tile can go into the pyramidal TIFF byte for byte (baseline, the
// TIFF's tile size, the TIFF's sampling); jpeg-dct.ts walks the segments for its tables. Pure; reads
// only the markers before the first scan.

export interface JpegFrame {
  width: number;
  height: number;
  components: number;
  /** Horizontal and vertical sampling factors of the first (luma) component: [2, 2] is 4:2:0. */
  sampling: [number, number];
  /** Baseline or extended sequential Huffman (SOF0/SOF1): the forms TIFF readers decode per tile. */
  sequential: boolean;
}

/** A marker segment before the first scan: its marker and where its fields start and end. */
export interface JpegSegment {
  marker: number;
  /** Offset of the segment's fields, after its marker and length. */
  start: number;
  /** Offset just past the segment, by its declared length (which may run past the data). */
  end: number;
}

/**
 * The marker segments of a JPEG stream after SOI, up to and including the first scan header (SOS);
 * stops early where the stream is not a JPEG stream or a marker is malformed.
 */
export function* jpegSegments(data: Uint8Array): Generator<JpegSegment> {
  if (data.length < 4 || data[0] !== 0xff || data[1] !== 0xd8) return;
  let i = 2;
  while (i + 4 <= data.length) {
    if (data[i] !== 0xff) return;
    const marker = data[i + 1]!;
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    const length = (data[i + 2]! << 8) | data[i + 3]!;
    if (length < 2) return;
    yield { marker, start: i + 4, end: i + 2 + length };
    if (marker === 0xda) return;
    i += 2 + length;
  }
}

/** Whether `marker` starts a frame header (SOF0 to SOF15, which share codes with DHT, JPG and DAC). */
export function isFrameMarker(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** The frame header of `data`, or undefined when it is not a JPEG stream with one before its first scan. */
export function jpegFrame(data: Uint8Array): JpegFrame | undefined {
  for (const { marker, start } of jpegSegments(data)) {
    if (!isFrameMarker(marker)) continue;
    if (start + 6 > data.length) return undefined;
    const components = data[start + 5]!;
    if (components < 1 || start + 6 + 3 * components > data.length) return undefined;
    const factors = data[start + 7]!;
    return {
      height: (data[start + 1]! << 8) | data[start + 2]!,
      width: (data[start + 3]! << 8) | data[start + 4]!,
      components,
      sampling: [factors >> 4, factors & 0x0f],
      sequential: marker === 0xc0 || marker === 0xc1,
    };
  }
  return undefined;
}
