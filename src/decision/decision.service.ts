import { Inject, Injectable } from '@nestjs/common';

import { normalizeAlias } from '../catalog/model-aliases.js';
import { InvalidInputException, type InputIssue } from '../common/errors.js';
import type { DecisionCatalog } from './decision-catalog.js';
import { DecisionCatalogRepository } from './decision-catalog.repository.js';
import { DECISION_CONFIG, type DecisionConfig } from '../config/decision.config.js';
import { decide, modelFilters, type ModelFilters } from './decision-engine.js';
import type { DecisionRequest, RouteRequest, Selection } from './decision.schemas.js';
import { LicenseCheckInputError } from './license/license-check.js';
import { route } from './routing.js';

/** Input problems found past the schema (an unknown SPDX id in use.productLicense) become 400s naming the field. */
export function withInputErrors<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof LicenseCheckInputError) throw new InvalidInputException([error.toInputIssue()]);
    throw error;
  }
}

/** `POST /v1/decision` and `POST /v1/route`: loads the catalog (DecisionCatalogRepository), the rest is pure. */
@Injectable()
export class DecisionService {
  constructor(
    private readonly catalogs: DecisionCatalogRepository,
    @Inject(DECISION_CONFIG) private readonly config: DecisionConfig,
  ) {}

  async decide(request: DecisionRequest) {
    const catalog = await this.catalogs.load(request);
    const filters = await this.filters(catalog, request.only, request.exclude);
    return withInputErrors(() => decide(catalog, request, { ...this.config, filters }));
  }

  async route(request: RouteRequest) {
    const catalog = await this.catalogs.load(request);
    const filters = await this.filters(catalog, request.only, request.exclude);
    return withInputErrors(() => route(catalog, request, { ...this.config, filters }));
  }

  /** only/exclude models may be slugs or any alias; a name that is neither is a 400 naming it. */
  private async filters(catalog: DecisionCatalog, only: Selection | undefined, exclude: Selection | undefined): Promise<ModelFilters> {
    const named = [...(only?.models ?? []), ...(exclude?.models ?? [])];
    const slugOf = (name: string) => (catalog.models.has(name) ? name : catalog.models.has(normalizeAlias(name)) ? normalizeAlias(name) : undefined);
    const aliases = await this.catalogs.resolveAliases(named.filter((name) => slugOf(name) === undefined));
    const resolve = (name: string) => slugOf(name) ?? aliases.get(name);
    const issues: InputIssue[] = [];
    for (const [field, selection] of [['only', only], ['exclude', exclude]] as const) {
      selection?.models?.forEach((name, index) => {
        if (resolve(name) === undefined) issues.push({ path: `${field}.models.${index}`, message: `no model with slug or alias "${name}"` });
      });
    }
    if (issues.length) throw new InvalidInputException(issues, 'body');
    return modelFilters(only, exclude, (name) => resolve(name)!);
  }
}
