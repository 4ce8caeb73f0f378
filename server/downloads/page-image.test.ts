import { describe, expect, it } from 'vitest';
import { choosePageImage } from './page-image.ts';

// Kant's page 481 as ingest publishes it: listed sizes up to the 1024-pixel pyramid levels, the thumbnail.
const kant = {
  width: 1457,
  height: 2083,
  sizes: [
    { width: 183, height: 261 },
    { width: 200, height: 286 },
    { width: 365, height: 521 },
  ],
};

describe('choosePageImage', () => {
  it.each<{ info: Parameters<typeof choosePageImage>[0]; size: number; expected: unknown }>([
    { info: kant, size: 3000, expected: { file: 'full/max/0/default.jpg', width: 1457, height: 2083 } },
    { info: kant, size: 2083, expected: { file: 'full/max/0/default.jpg', width: 1457, height: 2083 } },
    { info: kant, size: 2000, expected: { render: true, width: 1399, height: 2000 } },
    { info: kant, size: 1000, expected: { render: true, width: 699, height: 1000 } },
    { info: kant, size: 600, expected: { file: 'full/365,521/0/default.jpg', width: 365, height: 521 } },
    { info: kant, size: 521, expected: { file: 'full/365,521/0/default.jpg', width: 365, height: 521 } },
    { info: { ...kant, maxWidth: 1000, maxHeight: 1430 }, size: 1500, expected: { file: 'full/max/0/default.jpg', width: 1000, height: 1430 } },
    { info: { width: 3000, height: 2000 }, size: 1500, expected: { render: true, width: 1500, height: 1000 } },
  ])('$size px of $info.width x $info.height', ({ info, size, expected }) => {
    expect(choosePageImage(info, size)).toEqual(expected);
  });
});
