import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';

/** One CSV column: its header and how to read it from an item of the JSON answer. */
export interface CsvColumn<T> {
  header: string;
  value: (item: T) => unknown;
}

/**
 * A cell a spreadsheet could run as a formula: one starting with = + - @, a tab, CR or LF (or their
 * full-width forms), also after leading spaces. `-2+3+cmd|' /C calc'!A0` starts like a number and
 * is a formula all the same.
 */
const FORMULA_START = /^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r\n]/;
/** Only a value that is wholly a number (-12.5, 3e-7) is left as it is: a spreadsheet reads it as that number. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/** Quoted when needed (RFC 4180); a cell that could run as a formula is prefixed with ' so it reads as text. */
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  const safe = FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv<T>(items: readonly T[], columns: readonly CsvColumn<T>[]): string {
  const lines = [columns.map((column) => csvCell(column.header)).join(',')];
  for (const item of items) lines.push(columns.map((column) => csvCell(column.value(item))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

const CSV_COLUMNS = Symbol('csvColumns');

type CsvColumns<T> = readonly CsvColumn<T>[] | ((result: never) => readonly CsvColumn<T>[]);

/**
 * Marks a list handler as exportable: `?format=csv` or `Accept: text/csv` answers CSV of the
 * answer's `items` (or `rows`) with these columns, or with the columns a function derives from the answer.
 */
export const CsvExport = <T>(columns: CsvColumns<T>, options: { rows?: (result: never) => readonly T[] } = {}) =>
  SetMetadata(CSV_COLUMNS, { columns, rows: options.rows });

export function wantsCsv(request: FastifyRequest): boolean {
  const format = (request.query as Record<string, unknown> | undefined)?.format;
  if (format === 'csv') return true;
  if (format === 'json') return false;
  const accept = request.headers.accept ?? '';
  return /\btext\/csv\b/.test(accept) && !/\bapplication\/json\b/.test(accept);
}

@Injectable()
export class CsvInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const spec = this.reflector.get<{ columns: CsvColumns<unknown>; rows?: (result: never) => readonly unknown[] } | undefined>(
      CSV_COLUMNS,
      context.getHandler(),
    );
    if (!spec || context.getType() !== 'http') return next.handle();
    const { columns, rows } = spec;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!wantsCsv(request)) return next.handle();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((result: { items?: unknown[]; rows?: unknown[]; nextCursor?: string | null }) => {
        const items = rows ? rows(result as never) : (result.items ?? result.rows ?? []);
        void reply.header('content-type', 'text/csv; charset=utf-8');
        if (result.nextCursor) void reply.header('x-next-cursor', result.nextCursor);
        return toCsv(items, typeof columns === 'function' ? columns(result as never) : columns);
      }),
    );
  }
}
