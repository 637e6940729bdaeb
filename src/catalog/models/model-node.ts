import { formatDecimal } from '../../common/money.js';
import type { Model } from '../../generated/prisma/client.js';
import { isoDay, modelKindToApi, type ApiModelKind } from '../catalog-enums.js';
import type { ModelListRow } from './models.repository.js';

/** A model as the GraphQL layer carries it, whether it came from the listing SQL or from Prisma. */
export interface ModelNode {
  slug: string;
  name: string;
  family: string | null;
  creatorSlug: string | null;
  kind: ApiModelKind;
  status: string;
  parametersB: string | null;
  activeParametersB: string | null;
  contextWindow: number | null;
  maxOutputTokens: number | null;
  inputModalities: string[];
  outputModalities: string[];
  releaseDate: string | null;
  knowledgeCutoff: string | null;
  huggingFaceId: string | null;
  licenseId: string | null;
  description: string | null;
}

export function modelNodeFromRow(row: ModelListRow): ModelNode {
  return {
    slug: row.slug,
    name: row.name,
    family: row.family,
    creatorSlug: row.creator_slug,
    kind: row.kind,
    status: row.status,
    parametersB: formatDecimal(row.parameters_b),
    activeParametersB: formatDecimal(row.active_parameters_b),
    contextWindow: row.context_window,
    maxOutputTokens: row.max_output_tokens,
    inputModalities: row.input_modalities,
    outputModalities: row.output_modalities,
    releaseDate: row.release_date,
    knowledgeCutoff: row.knowledge_cutoff,
    huggingFaceId: row.hugging_face_id,
    licenseId: row.license_id,
    description: row.description,
  };
}

export function modelNodeFromRecord(model: Model): ModelNode {
  return {
    slug: model.slug,
    name: model.name,
    family: model.family,
    creatorSlug: model.creatorSlug,
    kind: modelKindToApi(model.kind),
    status: model.status,
    parametersB: formatDecimal(model.parametersB),
    activeParametersB: formatDecimal(model.activeParametersB),
    contextWindow: model.contextWindow,
    maxOutputTokens: model.maxOutputTokens,
    inputModalities: model.inputModalities,
    outputModalities: model.outputModalities,
    releaseDate: isoDay(model.releaseDate),
    knowledgeCutoff: model.knowledgeCutoff,
    huggingFaceId: model.huggingFaceId,
    licenseId: model.licenseId,
    description: model.description,
  };
}
