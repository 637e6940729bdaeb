import { describe, expect, it } from 'vitest';

import { looseName, parametersFromName, versionSpelling } from './name-grammar.js';
import { checkSourceId } from './source-id-guard.js';

describe('looseName', () => {
  it.each([
    ['Llama-3.3-70B-Instruct', 'llama-3-3-70b-instruct'],
    ['llama-v3p3-70b-instruct', 'llama-v3-3-70b-instruct'],
    ['Meta-Llama-3_3-70B-Instruct', 'meta-llama-3-3-70b-instruct'],
    ['Qwen2.5-1.5B-Instruct', 'qwen2-5-1.5b-instruct'],
    ['qwen2p5-coder-1p5b', 'qwen2-5-coder-1.5b'],
    ['LFM2.5-1.2B-Thinking', 'lfm2-5-1.2b-thinking'],
    ['  GPT 4o  ', 'gpt-4o'],
  ])('%s -> %s', (raw, loose) => {
    expect(looseName(raw)).toBe(loose);
  });

  it('spells versions one way', () => {
    expect(versionSpelling('v3p3')).toBe('v3.3');
    expect(versionSpelling('3_3')).toBe('3.3');
    expect(versionSpelling('1p5b')).toBe('1.5b');
  });
});

describe('parametersFromName', () => {
  it.each([
    ['Llama-3.3-70B-Instruct', { totalB: 70 }],
    ['Qwen3-235B-A22B', { totalB: 235, activeB: 22 }],
    ['qwen3-30b-a3b', { totalB: 30, activeB: 3 }],
    ['Llama-4-Maverick-17B-128E-Instruct', { activeB: 17 }],
    ['Qwen2.5-1.5B', { totalB: 1.5 }],
    ['qwen2p5-coder-1p5b', { totalB: 1.5 }],
    ['Meta-Llama-3-8B-Instruct', { totalB: 8 }],
    ['kimi-k2:1t', { totalB: 1000 }],
    ['llama-prompt-guard-2-86m', { totalB: 0.086 }],
  ])('%s', (name, expected) => {
    expect(parametersFromName(name)).toMatchObject(expected);
  });

  it('does not guess sizes it cannot read for sure', () => {
    expect(parametersFromName('deepseek-r1-distill-qwen-1-5b')).toBeUndefined(); // 1.5B or 5B?
    expect(parametersFromName('mixtral-8x7b')).toBeUndefined(); // not 56B
    expect(parametersFromName('gpt-4o')).toBeUndefined();
  });
});

describe('checkSourceId', () => {
  it('accepts and trims a normal id', () => {
    expect(checkSourceId('  openai/gpt-4o ')).toEqual({ ok: true, id: 'openai/gpt-4o' });
  });

  it.each([
    [undefined, 'not a string'],
    ['', 'empty'],
    ['\t \n', 'control'],
    ['a'.repeat(201), 'more than 200'],
    ['gpt-4o\u001b[31m', 'U+001B'],
    ['gpt\u202e-4o', 'U+202E'],
    ['---', 'no letter or digit'],
  ])('rejects %j', (id, reason) => {
    const result = checkSourceId(id);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});
