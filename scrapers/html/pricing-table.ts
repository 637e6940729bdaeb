/**
 * Finds price tables in a pricing page by what their headers mean, not by where they sit: a column
 * whose header says "model", and either input and output price columns or one price column (one
 * price for input and output alike). Columns are mapped by header text, so a page that reorders
 * its columns still parses. Works on <table> and on ARIA grids (role="table"/"row"/"cell").
 *
 * Cells read: "$0.88", "$0.88 / $0.88" (input / output), "$3.00 input, $8.00 output", "Free",
 * "$0.59 (1.69M / $1)" (the parenthesised note is dropped), "$1,200". Tables priced in another unit
 * (per hour, minute, image, step, megapixel, character) or for training are skipped, row by row.
 */
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

import { plainDecimal } from '../shared/decimal.js';

export const MODEL_HEADER = /model/i;
export const INPUT_HEADER = /input/i;
export const OUTPUT_HEADER = /output/i;
export const PRICE_HEADER = /price|cost|\$|usd/i;
const CACHE_HEADER = /cache/i;
/** A header that speaks of money or a token unit (so "Input modalities" is not a price column). */
const PRICE_LIKE = /price|cost|\$|usd|per\s*(1\s*)?m\b|million|\/\s*1?m\b|tokens?/i;
/** Headers, captions or notes naming a unit other than tokens, or training rather than inference. */
const OTHER_UNIT =
  /per\s*(hour|hr|minute|min|second|sec|image|step|megapixel|mp|character|char|page|gpu|video)|\/\s*(hour|hr|minute|min|second|sec|image|step|mp|audio\s*minute|character|page)\b|hour\s*transcribed|training|fine-?tun|characters/i;
const PER_THOUSAND = /per\s*1\s*k\b|\/\s*1\s*k\b|per\s*thousand/i;

export type PriceColumnRole = 'model' | 'input' | 'output' | 'cached_input' | 'price';

export interface PricingRow {
  /** Model cell text, whitespace collapsed, badges dropped. */
  name: string;
  /** Nearest heading (or full-width sub-heading row) above the row. */
  section?: string;
  /** USD per 1M tokens, decimal text. */
  input?: string;
  output?: string;
  cachedInput?: string;
  /** Why the row has no usable price ("Contact sales"), when it has none. */
  problem?: string;
  tableIndex: number;
}

export interface PricingTablesResult {
  rows: PricingRow[];
  /** Rows in tables priced in another unit, size buckets etc. are counted by the caller. */
  skippedRows: number;
  /** Token-priced tables found. */
  tables: number;
}

export class MissingPricingTableError extends Error {
  constructor(
    message: string,
    /** The header that no table had: "model", "input/output or price". */
    readonly missingHeader: string,
  ) {
    super(message);
    this.name = 'MissingPricingTableError';
  }
}

interface Grid {
  element: Element;
  rows: Element[][];
}

const text = ($: cheerio.CheerioAPI, node: AnyNode) =>
  $(node)
    .text()
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();

/** Tables and ARIA grids in document order, each with the heading that precedes it. */
function findGrids($: cheerio.CheerioAPI): Array<Grid & { heading?: string }> {
  const out: Array<Grid & { heading?: string }> = [];
  let heading: string | undefined;
  $('h1, h2, h3, h4, h5, table, [role="table"], [role="grid"]').each((_, element) => {
    const tag = element.tagName.toLowerCase();
    if (/^h[1-5]$/.test(tag)) {
      heading = text($, element) || heading;
      return;
    }
    // A table nested in another table or grid is read as its own grid only.
    let rows: Element[][];
    if (tag === 'table') {
      rows = $(element)
        .find('tr')
        .filter((_, tr) => $(tr).closest('table').get(0) === element)
        .toArray()
        .map((tr) => $(tr).children('th, td').toArray());
    } else {
      rows = $(element)
        .find('[role="row"]')
        .toArray()
        .map((row) => $(row).find('[role="columnheader"], [role="rowheader"], [role="cell"], [role="gridcell"]').toArray());
    }
    out.push({ element, rows: rows.filter((cells) => cells.length > 0), heading });
  });
  return out;
}

function headerRowIndex($: cheerio.CheerioAPI, rows: Element[][]): number {
  const index = rows.findIndex((cells) => cells.some((cell) => cell.tagName === 'th' || $(cell).attr('role') === 'columnheader'));
  return index === -1 ? 0 : index;
}

/** Header text -> column role; undefined when the header is not one we use. */
export function columnRole(header: string): PriceColumnRole | undefined {
  if (INPUT_HEADER.test(header) && OUTPUT_HEADER.test(header)) return PRICE_LIKE.test(header) ? 'price' : undefined;
  if (CACHE_HEADER.test(header) && (PRICE_LIKE.test(header) || /^\s*cached?\s*input\s*$/i.test(header))) return 'cached_input';
  if (INPUT_HEADER.test(header) && (PRICE_LIKE.test(header) || /^\s*input\s*$/i.test(header))) return 'input';
  if (OUTPUT_HEADER.test(header) && (PRICE_LIKE.test(header) || /^\s*output\s*$/i.test(header))) return 'output';
  if (MODEL_HEADER.test(header) && !PRICE_HEADER.test(header)) return 'model';
  if (PRICE_HEADER.test(header) || /per\s*(1\s*)?m(illion)?\s*tokens/i.test(header)) return 'price';
  return undefined;
}

export interface ParsedPriceCell {
  /** USD amounts in order of appearance, as decimal text. */
  amounts: string[];
  input?: string;
  output?: string;
  free: boolean;
}

const AMOUNT = /\$\s*((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)/g;

/** "$0.88 / $0.88" -> amounts [0.88, 0.88]; "$3.00 input, $8.00 output" -> input 3, output 8; "Free" -> free. */
export function parsePriceCell(raw: string): ParsedPriceCell {
  const cell = raw
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
  const free = /^free\b/i.test(cell);
  const amounts: string[] = [];
  let input: string | undefined;
  let output: string | undefined;
  for (const match of cell.matchAll(AMOUNT)) {
    const value = plainDecimal(match[1]!.replace(/,/g, ''));
    amounts.push(value);
    const after = cell.slice(match.index + match[0].length, match.index + match[0].length + 30);
    const before = cell.slice(Math.max(0, match.index - 12), match.index);
    if (/^\s*(\/\s*1?m\w*\s*)?(tokens?\s*)?input/i.test(after) || /input\s*:?\s*$/i.test(before)) input ??= value;
    else if (/^\s*(\/\s*1?m\w*\s*)?(tokens?\s*)?output/i.test(after) || /output\s*:?\s*$/i.test(before)) output ??= value;
  }
  if (amounts.length === 0 && /^\d+(\.\d+)?$/.test(cell)) amounts.push(plainDecimal(cell));
  return { amounts, input, output, free };
}

/**
 * Every token-priced row of every table whose headers have the needed meaning (per-1K prices are
 * scaled to per 1M). Throws MissingPricingTableError naming the header no table had.
 */
export function extractPricingTables(html: string): PricingTablesResult {
  const $ = cheerio.load(html);
  const grids = findGrids($);
  const result: PricingTablesResult = { rows: [], skippedRows: 0, tables: 0 };
  let sawModelColumn = false;
  let sawPricedTable = false;

  grids.forEach((grid, tableIndex) => {
    if (grid.rows.length < 2) return;
    const headerIndex = headerRowIndex($, grid.rows);
    const headers = grid.rows[headerIndex]!.map((cell) => text($, cell));
    const roles = new Map<PriceColumnRole, number>();
    headers.forEach((header, index) => {
      const role = columnRole(header);
      if (role && !roles.has(role)) roles.set(role, index);
    });
    const hasModel = roles.has('model');
    // Input and output columns, one price column, or (embeddings) an input column alone.
    const hasPrices = roles.has('input') || roles.has('output') || roles.has('price');
    if (hasModel) sawModelColumn = true;
    if (!hasModel || !hasPrices) return;
    sawPricedTable = true;

    const caption = $(grid.element).children('caption').text();
    // Only price headers and the caption speak of the unit ("Speed (tokens per second)" does not).
    const priceHeaders = [...roles.entries()].filter(([role]) => role !== 'model').map(([, index]) => headers[index]);
    const unitText = `${priceHeaders.join(' ')} ${caption}`;
    const dataRows = grid.rows.slice(headerIndex + 1);
    if (OTHER_UNIT.test(unitText)) {
      result.skippedRows += dataRows.length;
      return;
    }
    const scale = PER_THOUSAND.test(unitText) ? 1000 : 1;
    result.tables++;

    let section = grid.heading;
    for (const cells of dataRows) {
      // A single full-width cell is a sub-heading ("Llama models").
      if (cells.length === 1 && Number($(cells[0]).attr('colspan') ?? '1') > 1) {
        section = text($, cells[0]!) || section;
        continue;
      }
      const modelCell = cells[roles.get('model')!];
      if (!modelCell) continue;
      const nameNode = $(modelCell).clone();
      nameNode.find('sup, .badge, [class*="badge"], [class*="tag"], [aria-hidden="true"]').remove();
      const name = nameNode.text().replace(/[\s\u00a0]+/g, ' ').trim();
      if (!name) continue;
      result.rows.push(readRow(name, section, cells, roles, scale, tableIndex, $));
    }
  });

  if (!sawPricedTable) {
    if (!sawModelColumn) {
      throw new MissingPricingTableError(
        grids.length === 0
          ? 'no pricing table on the page (no <table> or role="table" element)'
          : `no pricing table: no header cell matches ${MODEL_HEADER} in ${grids.length} table(s)`,
        'model',
      );
    }
    throw new MissingPricingTableError(
      `no pricing table: tables with a ${MODEL_HEADER} column have no ${INPUT_HEADER} or ${OUTPUT_HEADER} price column nor a ${PRICE_HEADER} column`,
      'input/output price',
    );
  }
  if (result.tables === 0) {
    throw new MissingPricingTableError(
      `no per-token pricing table: every table with ${MODEL_HEADER} and price headers is priced in another unit`,
      'price per tokens',
    );
  }
  return result;
}

function readRow(
  name: string,
  section: string | undefined,
  cells: Element[],
  roles: Map<PriceColumnRole, number>,
  scale: number,
  tableIndex: number,
  $: cheerio.CheerioAPI,
): PricingRow {
  const cellText = (role: PriceColumnRole) => {
    const index = roles.get(role);
    const cell = index === undefined ? undefined : cells[index];
    return cell ? text($, cell) : undefined;
  };
  const scaled = (value: string | undefined) => (value === undefined || scale === 1 ? value : plainDecimal(`${value}e3`));
  const row: PricingRow = { name, section, tableIndex };
  const first = (role: PriceColumnRole) => {
    const raw = cellText(role);
    if (raw === undefined) return undefined;
    const parsed = parsePriceCell(raw);
    return parsed.free ? '0' : parsed.amounts[0];
  };

  if (roles.has('input') || roles.has('output')) {
    row.input = scaled(first('input'));
    row.output = scaled(first('output'));
  } else {
    const raw = cellText('price') ?? '';
    const parsed = parsePriceCell(raw);
    if (parsed.free) {
      row.input = '0';
      row.output = '0';
    } else if (parsed.input !== undefined || parsed.output !== undefined) {
      row.input = scaled(parsed.input);
      row.output = scaled(parsed.output);
    } else if (parsed.amounts.length >= 2) {
      row.input = scaled(parsed.amounts[0]);
      row.output = scaled(parsed.amounts[1]);
    } else if (parsed.amounts.length === 1) {
      row.input = scaled(parsed.amounts[0]);
      row.output = row.input;
    }
  }
  if (roles.has('cached_input')) row.cachedInput = scaled(first('cached_input'));

  if (row.input === undefined && row.output === undefined) {
    const shown = ['input', 'output', 'price']
      .map((role) => cellText(role as PriceColumnRole))
      .filter((value) => value !== undefined)
      .join(' | ');
    row.problem = `no price in "${shown}"`;
  }
  return row;
}
