// The link rule against the tricks browsers accept in href: case, controls, tabs inside the scheme,
// entities already decoded, protocol-relative and relative references.
import { describe, expect, it } from 'vitest';
import { httpUrlProblem, isHttpUrl, linkHref } from './safe-url.ts';

describe('linkHref', () => {
  it.each([
    ['https://rightsstatements.org/vocab/InC/1.0/', true],
    ['http://example.org/a?b#c', true],
    ['HTTPS://EXAMPLE.ORG', true],
    ['//example.org/x', true],
    ['/records/kant/mets.xml', true],
    ['records/kant/mets.xml', true],
    ['?page=2', true],
    ['#top', true],
    ['javascript:alert(1)', false],
    ['JavaScript:alert(1)', false],
    [' javascript:alert(1)', false],
    ['\u0001javascript:alert(1)', false],
    ['java\tscript:alert(1)', false],
    ['java\nscript:alert(1)', false],
    ['jav&#x09;ascript:alert(1)', true], // no scheme once parsed: a relative path, never script
    ['data:text/html,<script>alert(1)</script>', false],
    ['vbscript:msgbox(1)', false],
    ['mailto:a@example.org', false],
    ['file:///etc/passwd', false],
    ['ftp://example.org/', false],
    ['', false],
    ['   ', false],
  ])('%j → linked: %s', (value, ok) => expect(linkHref(value)).toBe(ok ? value : undefined));

  it('refuses what is not a string', () => {
    for (const value of [undefined, null, 1, {}, ['https://example.org']]) expect(linkHref(value)).toBeUndefined();
  });
});

describe('isHttpUrl and httpUrlProblem', () => {
  it.each([
    ['https://viaf.org/viaf/100180950', undefined],
    ['http://example.org', undefined],
    ['javascript:alert(1)', /"javascript:alert\(1\)" is a javascript: URL; only http and https links are accepted/],
    ['JAVASCRIPT:alert(1)', /is a javascript: URL/],
    ['data:text/html,x', /is a data: URL/],
    [' https://example.org', /is not an http or https URL/],
    ['https://exa mple.org', /is not an http or https URL/],
    ['https://', /is not an http or https URL/],
    ['/relative/path', /is not an http or https URL/],
    ['www.example.org', /is not an http or https URL/],
  ])('%j', (value, problem) => {
    expect(isHttpUrl(value)).toBe(problem === undefined);
    if (problem === undefined) expect(httpUrlProblem(value)).toBeUndefined();
    else expect(httpUrlProblem(value)).toMatch(problem);
  });
});
