import { Args, Query, Resolver } from '@nestjs/graphql';

import { asUserInputError, parseArgs } from '../graphql/graphql-input.js';
import { decisionRequestSchema, routeRequestSchema } from './decision.schemas.js';
import { DecisionService } from './decision.service.js';
import {
  DecisionInputType,
  DecisionType,
  LicenseCheckInputType,
  LicenseCheckType,
  RouteInputType,
  RoutingType,
} from './decision.types.js';
import { licenseCheckRequestSchema } from './license/license-check.js';
import { LicenseCheckService } from './license-check.service.js';

/** GraphQL leaves unset nullable fields null; the zod schemas want them absent. `quality {best: true}` is REST's "best". */
export function fromGraphql(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromGraphql);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).filter(([, field]) => field !== null && field !== undefined);
  const object = Object.fromEntries(entries.map(([key, field]) => [key, key === 'quality' ? qualityFromGraphql(field) : fromGraphql(field)]));
  return object;
}

function qualityFromGraphql(value: unknown): unknown {
  if (value && typeof value === 'object' && (value as { best?: unknown }).best === true) return 'best';
  if (value && typeof value === 'object') {
    const { best: _best, ...rest } = fromGraphql(value) as Record<string, unknown>;
    return rest;
  }
  return value;
}

/** Service input errors (an unknown SPDX id: "use.productLicense") named as arguments: "input.use.productLicense". */
const underInput = (error: unknown): never => {
  const issues = (error as { issues?: { path: string }[] }).issues;
  return asUserInputError(error, Object.fromEntries((issues ?? []).map((issue) => [issue.path, `input.${issue.path}`])));
};

@Resolver()
export class DecisionResolver {
  constructor(
    private readonly decisions: DecisionService,
    private readonly licenseChecks: LicenseCheckService,
  ) {}

  @Query(() => DecisionType, { description: 'Closed API, hosted open model or self-hosted: ranked options, recommendation, the rules that fired' })
  async decision(@Args('input', { type: () => DecisionInputType }) input: DecisionInputType) {
    const request = parseArgs(decisionRequestSchema, fromGraphql(input), 'input');
    return this.decisions.decide(request).catch(underInput);
  }

  @Query(() => RoutingType, { description: 'Hybrid routing of task classes, the total and the saving against one frontier model' })
  async route(@Args('input', { type: () => RouteInputType }) input: RouteInputType) {
    const request = parseArgs(routeRequestSchema, fromGraphql(input), 'input');
    return this.decisions.route(request).catch(underInput);
  }

  @Query(() => LicenseCheckType, { description: 'License verdict for a use of a model (or a license), with the clauses it rests on' })
  async licenseCheck(@Args('input', { type: () => LicenseCheckInputType }) input: LicenseCheckInputType) {
    const request = parseArgs(licenseCheckRequestSchema, fromGraphql(input), 'input');
    return this.licenseChecks.check(request).catch(underInput);
  }
}
