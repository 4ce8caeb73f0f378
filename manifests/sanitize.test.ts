import { describe, expect, it } from 'vitest';
import { sanitizeLanguageMap, sanitizeValue } from './sanitize.ts';

describe('sanitizeValue', () => {
  it.each([
    ['plain text stays verbatim', 'Was iſt Aufklärung?', 'Was iſt Aufklärung?'],
    ['ampersand and a lone < stay text', 'Haude & Spener, a < b', 'Haude & Spener, a < b'],
    ['allowed markup is kept', '<p>Gedruckt bei <i>Haude</i><br/>Berlin</p>', '<p>Gedruckt bei <i>Haude</i><br />Berlin</p>'],
    ['text with markup is wrapped so it starts with < and ends with >', 'Hello <b>bold</b>', '<span>Hello <b>bold</b></span>'],
    [
      'every allowed tag survives',
      '<p><a href="https://x.org/">a</a><b>b</b><small>s</small><sub>1</sub><sup>2</sup><span>t</span></p>',
      '<p><a href="https://x.org/">a</a><b>b</b><small>s</small><sub>1</sub><sup>2</sup><span>t</span></p>',
    ],
    ['image with src and alt', '<img src="https://x.org/a.jpg" alt="wapen">', '<img src="https://x.org/a.jpg" alt="wapen" />'],
    ['script removed with its content', '<p>a<script>alert(1)</script>b</p>', '<p>ab</p>'],
    ['script alone leaves nothing', '<script>alert(1)</script>', ''],
    ['onerror dropped, image without absolute src dropped', '<img src=x onerror=alert(1)>', ''],
    ['event handlers dropped from allowed images', '<img src="https://x.org/a.jpg" onerror="alert(1)">', '<img src="https://x.org/a.jpg" />'],
    ['javascript: link loses its href', '<a href="javascript:alert(1)">x</a>', '<a>x</a>'],
    ['obfuscated javascript: link loses its href', '<a href="jav&#x09;ascript:alert(1)">x</a>', '<a>x</a>'],
    ['data: image dropped', '<p>a<img src="data:image/png;base64,AAAA"></p>', '<p>a</p>'],
    ['protocol-relative link loses its href', '<a href="//evil.example/">x</a>', '<a>x</a>'],
    ['relative link loses its href', '<a href="/items/x">x</a>', '<a>x</a>'],
    ['mailto link kept', '<a href="mailto:info@example.org">mail</a>', '<a href="mailto:info@example.org">mail</a>'],
    ['other attributes on a dropped', '<a href="https://x.org/" target="_blank" rel="x" style="color:red">ok</a>', '<a href="https://x.org/">ok</a>'],
    ['style and class attributes dropped', '<p style="color:red" class="x" id="y">hi</p>', '<p>hi</p>'],
    ['style element removed with its content', 'text <style>body{display:none}</style> more', '<span>text  more</span>'],
    ['comments removed', '<!-- secret --><b>y</b>', '<b>y</b>'],
    ['CDATA removed', '<![CDATA[<script>x</script>]]><b>y</b>', '<b>y</b>'],
    ['disallowed tags unwrapped', '<div><h1>Titel</h1></div>', '<span>Titel</span>'],
    ['iframe removed', '<iframe src="https://evil.example/"></iframe><i>ok</i>', '<i>ok</i>'],
    ['svg with onload removed', '<svg onload=alert(1)>', ''],
    ['upper-case tags normalised', '<B>vet</B>', '<b>vet</b>'],
  ])('%s', (_name, input, expected) => {
    expect(sanitizeValue(input)).toBe(expected);
  });

  it('never lets an HTML value start or end without a tag', () => {
    for (const input of ['<b>a</b> tail', 'head <i>b</i>', '<br> x']) {
      const out = sanitizeValue(input);
      expect(out.startsWith('<') && out.endsWith('>')).toBe(true);
    }
  });
});

describe('sanitizeLanguageMap', () => {
  it('sanitises every value and drops values and languages left empty', () => {
    expect(sanitizeLanguageMap({ nl: ['<b>ok</b>', '<script>x</script>'], fr: ['<script>x</script>'], none: ['Eſſay'] })).toEqual({
      nl: ['<b>ok</b>'],
      none: ['Eſſay'],
    });
  });
});
