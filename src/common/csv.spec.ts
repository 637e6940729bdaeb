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
});
