import { describe, expect, it } from 'vitest';

import { fixturePayload, inlinePayload } from '../../test/fixtures/load-fixture.js';
import { ScraperParseError } from '../http/scraper-errors.js';
import { huggingFaceModelUrl, huggingFaceModelUrls, HuggingFaceScraper } from './huggingface.scraper.js';

const scraper = new HuggingFaceScraper();
const meta = (file: string) => {
  const result = scraper.parse(fixturePayload(`huggingface/${file}`));
  expect(result.offerings).toEqual([]);
  expect(result.rejected).toEqual([]);
  expect(result.modelMeta).toHaveLength(1);
  return result.modelMeta[0]!;
};

describe('HuggingFaceScraper', () => {
  it('reads license, parameter count in billions and gating of a gated model', () => {
    expect(meta('meta-llama__Llama-3.3-70B-Instruct.json')).toEqual({
      huggingFaceId: 'meta-llama/Llama-3.3-70B-Instruct',
      licenseTag: 'llama3.3',
      parametersB: '70.553706496',
      gated: true,
      sourceUrl: 'https://huggingface.co/meta-llama/Llama-3.3-70B-Instruct',
    });
  });

  it('reads license_name and license_link of an "other" license, and gated false', () => {
    expect(meta('Qwen__Qwen2.5-72B-Instruct.json')).toEqual({
      huggingFaceId: 'Qwen/Qwen2.5-72B-Instruct',
      licenseTag: 'other',
      licenseName: 'qwen',
      licenseUrl: 'https://huggingface.co/Qwen/Qwen2.5-72B-Instruct/blob/main/LICENSE',
      parametersB: '72.706203648',
      gated: false,
      sourceUrl: 'https://huggingface.co/Qwen/Qwen2.5-72B-Instruct',
    });
  });

  it('falls back to the license: tag and resolves a relative license link', () => {
    expect(meta('mistralai__Mistral-7B-Instruct-v0.3.json')).toMatchObject({
      licenseTag: 'apache-2.0',
      licenseUrl: 'https://huggingface.co/mistralai/Mistral-7B-Instruct-v0.3/blob/main/LICENSE',
      parametersB: '7.248023552',
      gated: true,
    });
  });

  it('throws ScraperParseError on a payload that is not a model', () => {
    expect(() => scraper.parse(fixturePayload('huggingface/not-a-model.json'))).toThrow(ScraperParseError);
  });

  it('reads a listing (array) and rejects entries without an id', () => {
    const result = scraper.parse(inlinePayload([{ id: 'org/a', gated: false, tags: ['license:mit'] }, { modelId: 'x' }]));
    expect(result.modelMeta).toEqual([{ huggingFaceId: 'org/a', licenseTag: 'mit', gated: false, sourceUrl: 'https://huggingface.co/org/a' }]);
    expect(result.rejected).toEqual([{ key: '[1]', reason: 'model without a string id' }]);
  });

  it('lists one API URL per distinct id', () => {
    expect(huggingFaceModelUrls(['meta-llama/Llama-3.3-70B-Instruct', 'Qwen/Qwen2.5-72B-Instruct', 'meta-llama/Llama-3.3-70B-Instruct'])).toEqual([
      'https://huggingface.co/api/models/meta-llama/Llama-3.3-70B-Instruct',
      'https://huggingface.co/api/models/Qwen/Qwen2.5-72B-Instruct',
    ]);
    expect(() => huggingFaceModelUrl('../../etc/passwd')).toThrow(RangeError);
  });
});
