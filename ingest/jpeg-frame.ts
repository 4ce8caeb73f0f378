// Reads the frame header (SOF) of a JPEG stream: its pixel size, its components and the sampling of
// the first one. The derivative writer uses it to decide whether a published tile can go into the
// pyramidal TIFF byte for byte (baseline, the TIFF's tile size, the TIFF's sampling) or must be
// re-encoded. Pure; reads only the markers before the first scan.

export interface JpegFrame {
  width: number;
  height: number;
  components: number;
  /** Horizontal and vertical sampling factors of the first (luma) component: [2, 2] is 4:2:0. */
  sampling: [number, number];
  /** Baseline or extended sequential Huffman (SOF0/SOF1): the forms TIFF readers decode per tile. */
  sequential: boolean;
}

/** The frame header of `data`, or undefined when it is not a JPEG stream with one before its first scan. */
export function jpegFrame(data: Uint8Array): JpegFrame | undefined {
  if (data.length < 4 || data[0] !== 0xff || data[1] !== 0xd8) return undefined;
  let i = 2;
  while (i + 4 <= data.length) {
    if (data[i] !== 0xff) return undefined;
    const marker = data[i + 1]!;
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    const length = (data[i + 2]! << 8) | data[i + 3]!;
    const start = i + 4;
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
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
    if (marker === 0xda || length < 2) return undefined;
    i = start + length - 2;
  }
  return undefined;
}
