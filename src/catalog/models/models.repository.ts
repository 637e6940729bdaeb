import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';

import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { decodeCursor, encodeCursor } from '../../common/cursor.js';
import { dateTextSchema, dbTextSchema, numericTextSchema } from '../../common/db-input.js';
import { InvalidInputException } from '../../common/errors.js';
import { SqlParams } from '../../common/sql.js';
import { DATABASE_CONNECTION, type DatabaseConnection } from '../../database/database-connection.js';
import type { ModelListQuery, ModelSort } from './models.schemas.js';

export interface ModelListRow {
  slug: string;
  name: string;
  family: string | null;
  creator_slug: string | null;
  creator_name: string | null;
  kind: 'closed' | 'open-weights';
  status: string;
  parameters_b: string | null;
  active_parameters_b: string | null;
  context_window: number | null;
  max_output_tokens: number | null;
  knowledge_cutoff: string | null;
  hugging_face_id: string | null;
  description: string | null;
  input_modalities: string[];
  output_modalities: string[];
  release_date: string | null;
  license_id: string | null;
  license_name: string | null;
  commercial_use: string | null;
  input_usd: string | null;
  input_provider: string | null;
  input_offering_id: number | null;
  output_usd: string | null;
  output_provider: string | null;
  output_offering_id: number | null;
  scores: Record<string, string> | null;
  sort_value: string | null;
}

/** SQL expression (over the columns of the listing query) for each sort key, and its type. */
function sortExpression(sort: ModelSort): { expr: string; type: 'text' | 'numeric' | 'date' } {
  switch (sort.key) {
    case 'slug':
      return { expr: 'm.slug', type: 'text' };
    case 'name':
      return { expr: 'lower(m.name)', type: 'text' };
    case 'releaseDate':
      return { expr: 'm.release_date', type: 'date' };
    case 'contextWindow':
      return { expr: 'm.context_window::numeric', type: 'numeric' };
    case 'parameters':
      return { expr: 'm.parameters_b', type: 'numeric' };
    case 'inputPrice':
      return { expr: 'ci.usd', type: 'numeric' };
    case 'outputPrice':
      return { expr: 'co.usd', type: 'numeric' };
    case 'score':
      return { expr: 'sort_score.score', type: 'numeric' };
  }
}

/**
 * A cursor is [sort key, sort value as text, slug]. The value goes back to the database cast to the
 * sort's type, so it is checked as that type (a finite decimal, a date, text without NUL).
 */
const cursorSortKeySchema = z.tuple([dbTextSchema(300, 1), z.unknown(), z.unknown()]);
const CURSOR_VALUE_SCHEMAS = { text: dbTextSchema(1000), numeric: numericTextSchema, date: dateTextSchema } as const;
const cursorSchema = (type: keyof typeof CURSOR_VALUE_SCHEMAS) =>
  z.tuple([dbTextSchema(300, 1), CURSOR_VALUE_SCHEMAS[type].nullable(), dbTextSchema(300, 1)]);

/**
 * The model listing in one statement, as text and values: filters, the
 * cheapest current input and output price of each model (over listed offerings, unconditional
 * price lines), best score per benchmark, and keyset pagination on (sort value, slug) with NULLs
 * last in either direction. It asks for one row more than the page, to tell whether more follow.
 * Pure, so the benchmark's bare Fastify baseline runs the very same SQL.
 */
export function modelListStatement(query: ModelListQuery, priceSourcePriority: readonly string[]): { text: string; values: unknown[]; sortKeyName: string } {
  const sql = new SqlParams();
  const sortKeyName = query.sort.key === 'score' ? `score:${query.sort.benchmark}` : query.sort.key;
  const where: string[] = [];
  const status = query.status ?? 'listed';
  if (status === 'listed') where.push(`m.status IN ('active', 'deprecated')`);
  else if (status !== 'all') where.push(`m.status = ${sql.param(status)}::model_status`);
  if (query.kind) where.push(`m.kind = ${sql.param(query.kind)}::model_kind`);
  if (query.creator) where.push(`m.creator_slug = ANY(${sql.param(query.creator)}::text[])`);
  if (query.family) where.push(`lower(m.family) = ANY(${sql.param(query.family.map((f) => f.toLowerCase()))}::text[])`);
  if (query.license) where.push(`m.license_id = ANY(${sql.param(query.license)}::text[])`);
  if (query.commercialUse) where.push(`l.commercial_use = ${sql.param(query.commercialUse)}::commercial_use`);
  if (query.provider) {
    where.push(`EXISTS (SELECT 1 FROM offering po WHERE po.model_slug = m.slug AND po.status = 'listed'
                         AND po.provider_slug = ANY(${sql.param(query.provider)}::text[]))`);
  }
  if (query.modality) {
    const p = sql.param(query.modality);
    where.push(`(${p} = ANY(m.input_modalities) OR ${p} = ANY(m.output_modalities))`);
  }
  if (query.minContext !== undefined) where.push(`m.context_window >= ${sql.param(query.minContext)}`);
  for (const score of query.score ?? []) {
    where.push(`EXISTS (SELECT 1 FROM benchmark_result br WHERE br.model_slug = m.slug
                         AND br.benchmark_slug = ${sql.param(score.benchmark)} AND br.score >= ${sql.param(score.min)}::numeric)`);
  }
  if (query.maxInputPrice) where.push(`ci.usd <= ${sql.param(query.maxInputPrice)}::numeric`);
  if (query.maxOutputPrice) where.push(`co.usd <= ${sql.param(query.maxOutputPrice)}::numeric`);
  if (query.q) {
    const pattern = sql.param(`%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(lower(m.name) LIKE ${pattern} OR m.slug LIKE ${pattern}
                 OR EXISTS (SELECT 1 FROM model_alias a WHERE a.model_slug = m.slug AND a.alias LIKE ${pattern}))`);
  }

  const sort = sortExpression(query.sort);
  const direction = query.sort.descending ? 'DESC' : 'ASC';
  if (query.cursor) {
    const [cursorSort] = decodeCursor(query.cursor, cursorSortKeySchema);
    if (cursorSort !== sortKeyName) {
      throw new InvalidInputException([{ path: 'cursor', message: `this cursor belongs to sort=${cursorSort}, not sort=${sortKeyName}` }], 'query');
    }
    const [, value, slug] = decodeCursor(query.cursor, cursorSchema(sort.type));
    const s = sql.param(slug);
    if (value === null) {
      where.push(`(${sort.expr} IS NULL AND m.slug > ${s})`);
    } else {
      const v = `${sql.param(value)}::${sort.type}`;
      const beyond = query.sort.descending ? '<' : '>';
      where.push(`(${sort.expr} ${beyond} ${v} OR (${sort.expr} = ${v} AND m.slug > ${s}) OR ${sort.expr} IS NULL)`);
    }
  }

  const scoreJoin =
    query.sort.key === 'score'
      ? `LEFT JOIN LATERAL (SELECT max(br.score) AS score FROM benchmark_result br
                             WHERE br.model_slug = m.slug AND br.benchmark_slug = ${sql.param(query.sort.benchmark)}) sort_score ON true`
      : '';
  const priority = sql.param(priceSourcePriority);
  const limit = sql.param(query.limit + 1);
  // Cheapest current prices: newest point per (offering, component) by one index probe each.
  // Without a price filter or sort, only the offerings of the models on this page are priced.
  const pricesForAll = Boolean(query.maxInputPrice || query.maxOutputPrice || query.sort.key === 'inputPrice' || query.sort.key === 'outputPrice');
  const whereSql = where.length ? `WHERE ${where.join('\n         AND ')}` : '';
  const scope = pricesForAll
    ? ''
    : `AND o.model_slug IN (SELECT m.slug FROM model m LEFT JOIN license l ON l.id = m.license_id ${scoreJoin}
                             ${whereSql} ORDER BY ${sort.expr} ${direction} NULLS LAST, m.slug ASC LIMIT ${limit})`;
  const text = `
    WITH current_price AS (
      SELECT o.id AS offering_id, o.model_slug, o.provider_slug, c.component, cp.usd
        FROM offering o
        CROSS JOIN (VALUES ('input'::price_component), ('output'::price_component)) AS c(component)
        CROSS JOIN LATERAL (
          SELECT p.usd FROM price_point p
           WHERE p.offering_id = o.id AND p.component = c.component AND p.condition_key = '' AND p.valid_from <= now()
           ORDER BY p.valid_from DESC, array_position(${priority}::text[], p.source) NULLS LAST, p.id DESC
           LIMIT 1
        ) cp
       WHERE o.status = 'listed' ${scope}
    ), cheapest AS (
      SELECT DISTINCT ON (cp.model_slug, cp.component) cp.model_slug, cp.component, cp.usd, cp.provider_slug, cp.offering_id
        FROM current_price cp
       WHERE cp.usd IS NOT NULL
       ORDER BY cp.model_slug, cp.component, cp.usd, cp.provider_slug
    )
    SELECT m.slug, m.name, m.family, m.creator_slug, c.name AS creator_name, m.kind::text AS kind, m.status::text AS status,
           m.parameters_b::text AS parameters_b, m.active_parameters_b::text AS active_parameters_b, m.context_window,
           m.max_output_tokens, m.knowledge_cutoff, m.hugging_face_id, m.description,
           m.input_modalities, m.output_modalities, to_char(m.release_date, 'YYYY-MM-DD') AS release_date,
           m.license_id, l.name AS license_name, l.commercial_use::text AS commercial_use,
           ci.usd::text AS input_usd, ci.provider_slug AS input_provider, ci.offering_id AS input_offering_id,
           co.usd::text AS output_usd, co.provider_slug AS output_provider, co.offering_id AS output_offering_id,
           (SELECT jsonb_object_agg(s.benchmark_slug, s.score::text)
              FROM (SELECT br.benchmark_slug, max(br.score) AS score FROM benchmark_result br
                     WHERE br.model_slug = m.slug GROUP BY br.benchmark_slug) s) AS scores,
           (${sort.expr})::text AS sort_value
      FROM model m
      LEFT JOIN creator c ON c.slug = m.creator_slug
      LEFT JOIN license l ON l.id = m.license_id
      LEFT JOIN cheapest ci ON ci.model_slug = m.slug AND ci.component = 'input'
      LEFT JOIN cheapest co ON co.model_slug = m.slug AND co.component = 'output'
      ${scoreJoin}
     ${whereSql}
     ORDER BY ${sort.expr} ${direction} NULLS LAST, m.slug ASC
     LIMIT ${limit}`;
  return { text, values: sql.values, sortKeyName };
}

@Injectable()
export class ModelsRepository {
  constructor(
    @Inject(DATABASE_CONNECTION) private readonly connection: DatabaseConnection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(query: ModelListQuery): Promise<{ rows: ModelListRow[]; nextCursor: string | null }> {
    const { text, values, sortKeyName } = modelListStatement(query, this.config.PRICE_SOURCE_PRIORITY);
    const { rows } = await this.connection.pool.query<ModelListRow>(text, values);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      rows: page,
      nextCursor: rows.length > query.limit && last ? encodeCursor([sortKeyName, last.sort_value, last.slug]) : null,
    };
  }
}
