import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeRelativePath, UnsafeNameError } from './safe-name.ts';

describe('safeRelativePath', () => {
  it.each([
    ['kant/00000001.tif', 'kant/00000001.tif'],
    ['00000001.tif', '00000001.tif'],
    ['../../etc/passwd', 'etc/passwd'],
    ['/etc/passwd', 'etc/passwd'],
    ['C:\\Windows\\win.ini', 'C_/Windows/win.ini'],
    ['kant\\..\\..\\mets.xml', 'kant/mets.xml'],
    ['a/./b//c.jpg', 'a/b/c.jpg'],
    ['.leeszaal/admin/admin.sqlite', '_.leeszaal/admin/admin.sqlite'],
    ['kant/.htaccess', 'kant/_.htaccess'],
    ['bad\u0000name\n.tif', 'bad_name_.tif'],
    ['evil\u202egpj.tif', 'evil_gpj.tif'],
    ['what?<>|*".jpg', 'what______.jpg'],
    ['NUL.tif', '_NUL.tif'],
    ['trailing. . ', 'trailing'],
    ['Cafe\u0301.tif', 'Café.tif'],
    ['1/2/3/4/5/6/7/8/9/10/x.tif', '4/5/6/7/8/9/10/x.tif'],
  ])('%j becomes %j', (reported, safe) => {
    expect(safeRelativePath(reported)).toBe(safe);
  });

  it('bounds a long name and keeps its extension', () => {
    const safe = safeRelativePath(`${'é'.repeat(300)}.tiff`);
    expect(new TextEncoder().encode(safe).length).toBeLessThanOrEqual(200);
    expect(safe.endsWith('.tiff')).toBe(true);
  });

  it.each(['', '/', '..', '../..', './', '\\\\'])('refuses %j', (reported) => {
    expect(() => safeRelativePath(reported)).toThrow(UnsafeNameError);
  });

  it('never leaves its folder, whatever it is given', () => {
    const root = '/staging/batch';
    for (const hostile of ['../x', '..\\..\\x', '/abs/x', 'a/../../x', '....//x', '%2e%2e/x', 'a/\u0000/../x']) {
      const resolved = path.resolve(root, safeRelativePath(hostile));
      expect(resolved.startsWith(`${root}/`)).toBe(true);
    }
  });
});
