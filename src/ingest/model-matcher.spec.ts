import { describe, expect, it } from 'vitest';

import { buildModelIndex, discoveredSlug, idVariants, matchModel } from './model-matcher.js';

const index = buildModelIndex([
  { alias: 'llama-3-3-70b', modelSlug: 'llama-3-3-70b' },
  { alias: 'meta-llama/Llama-3.3-70B-Instruct', modelSlug: 'llama-3-3-70b' },
  { alias: 'gpt-4o', modelSlug: 'gpt-4o' },
  { alias: 'gpt-4o-mini', modelSlug: 'gpt-4o-mini' },
  { alias: 'deepseek-chat', modelSlug: 'deepseek-v3' },
  { alias: 'claude-3-5-sonnet', modelSlug: 'claude-3-5-sonnet' },
  { alias: 'qwen-2-5-72b', modelSlug: 'qwen-2-5-72b' },
]);

describe('matchModel', () => {
  it.each([
    ['meta-llama/Llama-3.3-70B-Instruct-Turbo', 'llama-3-3-70b'],
    ['together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo', 'llama-3-3-70b'],
    ['accounts/fireworks/models/llama-v3p3-70b-instruct', 'llama-3-3-70b'],
    ['llama-3.3-70b-versatile', 'llama-3-3-70b'],
    ['meta-llama/llama-3.3-70b-instruct:free', 'llama-3-3-70b'],
    ['gpt-4o-2024-08-06', 'gpt-4o'],
    ['openai/gpt-4o', 'gpt-4o'],
    ['gpt-4o-mini-2024-07-18', 'gpt-4o-mini'],
    ['deepseek/deepseek-chat', 'deepseek-v3'],
    ['claude-3-5-sonnet-20241022', 'claude-3-5-sonnet'],
    ['claude-3-5-sonnet-latest', 'claude-3-5-sonnet'],
    ['Qwen/Qwen2.5-72B-Instruct-Turbo', 'qwen-2-5-72b'],
    ['qwen-2.5-72b-instruct', 'qwen-2-5-72b'],
    ['mystery-model-9000', null],
  ])('%s -> %s', (id, expected) => {
    expect(matchModel(index, [id])).toBe(expected);
  });

  it('does not take gpt-4o-mini for gpt-4o', () => {
    expect(matchModel(index, ['gpt-4o-mini-tts'])).not.toBe('gpt-4o');
  });
});

describe('idVariants and discoveredSlug', () => {
  it('peels prefixes and suffixes one at a time', () => {
    expect(idVariants('together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo')).toEqual([
      'together_ai/meta-llama/llama-3.3-70b-instruct-turbo',
      'llama-3.3-70b-instruct-turbo',
      'llama-3.3-70b-instruct',
      'llama-3.3-70b',
    ]);
  });

  it('makes a slug from the most specific id', () => {
    expect(discoveredSlug(['mistral/magistral-medium-2506'])).toBe('magistral-medium-2506');
  });
});
