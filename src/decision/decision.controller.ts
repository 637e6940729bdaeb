import { Body, Controller, HttpCode, Post } from '@nestjs/common';

import { ApiDoc } from '../common/openapi/api-doc.decorator.js';
import { ZodPipe } from '../common/zod-validation.pipe.js';
import { decisionRequestSchema, routeRequestSchema, type DecisionRequest, type RouteRequest } from './decision.schemas.js';
import { DecisionService } from './decision.service.js';
import { licenseCheckRequestSchema, type LicenseCheckRequest } from './license/license-check.js';
import { LicenseCheckService } from './license-check.service.js';

@Controller('v1')
export class DecisionController {
  constructor(
    private readonly decisions: DecisionService,
    private readonly licenseChecks: LicenseCheckService,
  ) {}

  @Post('decision')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Closed API, hosted open model or self-hosted? Ranked options with monthly cost, license verdict and the rules that fired',
    description:
      'Prices the workload on every API offering (closed and open models) and every self-hosted deployment profile (GPUs x $/hour x hours per month, ' +
      'replicas sized for the peak, + infrastructure + ops), checks the license for the `use`, applies the article\'s decision framework ' +
      '(rules as data) and ranks the options: constraints met, then the tiers the rules prefer, then cost.',
    tag: 'decision',
    body: decisionRequestSchema,
    responses: { 400: 'Invalid body: names each field (also an unknown SPDX id in use.productLicense, an unknown model in only/exclude)' },
  })
  decide(@Body(new ZodPipe(decisionRequestSchema)) body: DecisionRequest) {
    return this.decisions.decide(body);
  }

  @Post('route')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Hybrid routing: a tier and model per task class, the total, and the saving against one frontier model',
    tag: 'decision',
    body: routeRequestSchema,
    responses: { 400: 'Invalid body: names each field' },
  })
  route(@Body(new ZodPipe(routeRequestSchema)) body: RouteRequest) {
    return this.decisions.route(body);
  }

  @Post('license-check')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Does the license allow this use? Verdict, obligations and the clauses it rests on',
    tag: 'decision',
    body: licenseCheckRequestSchema,
    responses: { 400: 'Invalid body: names each field (an unknown SPDX id names use.productLicense)', 404: 'No model or license with that name' },
  })
  licenseCheck(@Body(new ZodPipe(licenseCheckRequestSchema)) body: LicenseCheckRequest) {
    return this.licenseChecks.check(body);
  }
}
