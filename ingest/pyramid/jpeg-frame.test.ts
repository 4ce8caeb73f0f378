import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { jpegFrame } from './jpeg-frame.ts';

const image = (width: number, height: number, channels: 1 | 3) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } }).toColourspace(channels === 1 ? 'b-w' : 'srgb');

describe('jpegFrame', () => {
  it.each([
    {
      name: 'colour 4:2:0',
      make: () => image(512, 300, 3).jpeg({ quality: 85 }),
      want: { width: 512, height: 300, components: 3, sampling: [2, 2], sequential: true },
    },
    {
      name: 'colour 4:4:4',
      make: () => image(77, 1025, 3).jpeg({ quality: 85, chromaSubsampling: '4:4:4' }),
      want: { width: 77, height: 1025, components: 3, sampling: [1, 1], sequential: true },
    },
    {
      name: 'grey',
      make: () => image(64, 64, 1).jpeg({ quality: 85 }),
      want: { width: 64, height: 64, components: 1, sampling: [1, 1], sequential: true },
    },
    {
      name: 'progressive',
      make: () => image(40, 30, 3).jpeg({ quality: 85, progressive: true }),
      want: { width: 40, height: 30, components: 3, sampling: [2, 2], sequential: false },
    },
  ])('reads the frame of a $name JPEG', async ({ make, want }) => {
    expect(jpegFrame(await make().toBuffer())).toEqual(want);
  });

  it.each([
    { name: 'empty', data: Buffer.alloc(0) },
    { name: 'PNG', data: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex') },
    { name: 'SOI only', data: Buffer.from('ffd8', 'hex') },
    { name: 'truncated segment', data: Buffer.from('ffd8ffe00010', 'hex') },
    { name: 'garbage after SOI', data: Buffer.from('ffd8001122334455', 'hex') },
  ])('returns undefined for $name', ({ data }) => {
    expect(jpegFrame(data)).toBeUndefined();
  });
});
