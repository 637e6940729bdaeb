/**
 * Rules as data for kind (open weights or closed) and license per canonical model slug, each
 * citing where it can be checked. First match wins. License ids are those of
 * seed/data/licenses.json where one exists; NEW_LICENSES lists the ids these rules add.
 *
 * In production the Hugging Face scraper's license tag of the weights is stronger than these rules
 * (FACT_SOURCES order); the rules cover well-known families when no HF metadata is at hand.
 */
import { QWEN_API } from './family-rules.js';
import type { ModelKind } from './resolution.types.js';

export interface KindRule {
  id: string;
  pattern: RegExp;
  kind: ModelKind;
  url: string;
}

export const KIND_RULES: readonly KindRule[] = [
  { id: 'kind:gpt-oss', pattern: /^gpt-oss-/, kind: 'open-weights', url: 'https://openai.com/index/introducing-gpt-oss/' },
  { id: 'kind:whisper-large', pattern: /^whisper-large/, kind: 'open-weights', url: 'https://huggingface.co/openai/whisper-large-v3' },
  { id: 'kind:openai-api', pattern: /^(gpt-|o[1-9](-|$)|chatgpt-|dall-e|tts-1|whisper-1|text-embedding-(3|ada)|davinci-|babbage-|ada$|omni-moderation|text-moderation|codex-mini|computer-use|sora-)/, kind: 'closed', url: 'https://platform.openai.com/docs/models' },
  { id: 'kind:claude', pattern: /^claude-/, kind: 'closed', url: 'https://docs.anthropic.com/en/docs/about-claude/models' },
  { id: 'kind:gemini', pattern: /^(gemini|imagen|veo|lyria|chirp|nano-banana|learnlm|text-embedding-00|text-multilingual-embedding|multimodalembedding)/, kind: 'closed', url: 'https://ai.google.dev/gemini-api/docs/models' },
  { id: 'kind:gemma', pattern: /^(gemma|codegemma|medgemma|paligemma|shieldgemma|embeddinggemma)/, kind: 'open-weights', url: 'https://ai.google.dev/gemma' },
  { id: 'kind:grok-1', pattern: /^grok-1$/, kind: 'open-weights', url: 'https://github.com/xai-org/grok-1' },
  { id: 'kind:grok', pattern: /^grok-/, kind: 'closed', url: 'https://docs.x.ai/docs/models' },
  { id: 'kind:llama', pattern: /^(llama-|codellama-)/, kind: 'open-weights', url: 'https://www.llama.com/llama-downloads/' },
  // Mistral: open releases (Apache-2.0, MRL, MNPL, modified MIT) vs API-only releases.
  {
    id: 'kind:mistral-open',
    pattern: /^(mistral-large-(2407|2411|2512)|mistral-medium-2604|mistral-small-(2409|2501|2503|2506|2603)|ministral-8b-2410|ministral-3-.*-2512|codestral-(2405|mamba)|devstral-(small-2505|small-2507|2512|small-2-2512)|magistral-small-.*|pixtral-(12b-2409|large-2411)|voxtral-.*|mistral-nemo(-base)?|mistral-7b-.*|mixtral-.*|mathstral-7b)$/,
    kind: 'open-weights',
    url: 'https://docs.mistral.ai/getting-started/models/weights/',
  },
  { id: 'kind:mistral-api', pattern: /^(mistral|ministral|codestral|devstral|magistral|pixtral)-/, kind: 'closed', url: 'https://docs.mistral.ai/getting-started/models/models_overview/' },
  { id: 'kind:qwen-api', pattern: QWEN_API, kind: 'closed', url: 'https://www.alibabacloud.com/help/en/model-studio/models' },
  { id: 'kind:qwen-open', pattern: /^(qwen-|qwq-|qvq-)/, kind: 'open-weights', url: 'https://huggingface.co/Qwen' },
  { id: 'kind:deepseek', pattern: /^deepseek-/, kind: 'open-weights', url: 'https://huggingface.co/deepseek-ai' },
  { id: 'kind:kimi-thinking-preview-api', pattern: /^kimi-thinking-preview$/, kind: 'closed', url: 'https://platform.moonshot.ai/docs/pricing/chat' },
  { id: 'kind:kimi-open', pattern: /^kimi-k2/, kind: 'open-weights', url: 'https://huggingface.co/moonshotai' },
  { id: 'kind:moonshot-api', pattern: /^(moonshot-v1|kimi-thinking|kimi-latest)/, kind: 'closed', url: 'https://platform.moonshot.ai/docs/pricing/chat' },
  {
    id: 'kind:glm-open',
    pattern: /^glm-(4-5|4-5-air|4-5v|4-6|4-6v|4-6v-flash|4-7|4-7-flash|5|5-1|5-2|4-32b-0414|4-9b-0414|z1-(32b|9b|rumination-32b)-0414|4-1v-9b-thinking)$/,
    kind: 'open-weights',
    url: 'https://huggingface.co/zai-org',
  },
  { id: 'kind:glm-api', pattern: /^glm-/, kind: 'closed', url: 'https://docs.z.ai/guides/overview/pricing' },
  { id: 'kind:minimax-open', pattern: /^minimax-(m1-40k|m1-80k|m2|m2-[157]|m3|text-01|vl-01)$/, kind: 'open-weights', url: 'https://huggingface.co/MiniMaxAI' },
  { id: 'kind:minimax-api', pattern: /^minimax-/, kind: 'closed', url: 'https://platform.minimax.io/docs/guides/models-intro' },
  { id: 'kind:phi', pattern: /^phi-/, kind: 'open-weights', url: 'https://huggingface.co/microsoft' },
  { id: 'kind:nemotron', pattern: /^(nemotron|llama-(3-[123]-)?nemo|openreasoning-nemotron)/, kind: 'open-weights', url: 'https://huggingface.co/nvidia' },
  {
    id: 'kind:cohere-open',
    pattern: /^(command-r(-plus)?(-08-2024)?|command-r7b-.*|command-a-(03-2025|vision-07-2025|reasoning-08-2025|translate-08-2025)|aya-.*)$/,
    kind: 'open-weights',
    url: 'https://huggingface.co/CohereLabs',
  },
  { id: 'kind:cohere-api', pattern: /^(command|embed-|rerank-)/, kind: 'closed', url: 'https://docs.cohere.com/docs/models' },
  { id: 'kind:amazon', pattern: /^(nova-|titan-)/, kind: 'closed', url: 'https://aws.amazon.com/ai/generative-ai/nova/' },
  { id: 'kind:jamba-open', pattern: /^jamba-(large|mini)-1-[5-9]$/, kind: 'open-weights', url: 'https://huggingface.co/ai21labs' },
  { id: 'kind:ai21-api', pattern: /^(jamba-instruct|j2-)/, kind: 'closed', url: 'https://docs.ai21.com/docs/jamba-foundation-models' },
  { id: 'kind:perplexity', pattern: /^(sonar|pplx-)/, kind: 'closed', url: 'https://docs.perplexity.ai/getting-started/models' },
  { id: 'kind:ernie-open', pattern: /^ernie-4-5-(0.3b|21b-a3b|28b-a3b|300b-a47b|vl-28b-a3b|vl-424b-a47b)(-thinking)?$/, kind: 'open-weights', url: 'https://huggingface.co/baidu' },
  { id: 'kind:ernie-api', pattern: /^ernie-/, kind: 'closed', url: 'https://cloud.baidu.com/doc/WENXINWORKSHOP/index.html' },
  { id: 'kind:granite', pattern: /^granite-/, kind: 'open-weights', url: 'https://huggingface.co/ibm-granite' },
  { id: 'kind:olmo', pattern: /^(olmo|olmocr|molmo)/, kind: 'open-weights', url: 'https://huggingface.co/allenai' },
  { id: 'kind:mimo-open', pattern: /^mimo-(v2-flash|v2-5|v2-5-pro)$/, kind: 'open-weights', url: 'https://huggingface.co/XiaomiMiMo' },
  { id: 'kind:mimo-api', pattern: /^mimo-/, kind: 'closed', url: 'https://platform.xiaomimimo.com/' },
  { id: 'kind:flux-open', pattern: /^flux-(1-dev|1-schnell|kontext-dev|1-kontext-dev|2-dev|2-klein-4b|2-klein-9b|schnell)$/, kind: 'open-weights', url: 'https://huggingface.co/black-forest-labs' },
  { id: 'kind:flux-api', pattern: /^flux-(pro|1-1-pro|kontext-(pro|max)|2-(pro|max|flex)|realism)/, kind: 'closed', url: 'https://docs.bfl.ai/' },
  { id: 'kind:bytedance-api', pattern: /^(doubao|seed-1|seed-2|seedream|seedance|dreamina)/, kind: 'closed', url: 'https://www.volcengine.com/docs/82379' },
  { id: 'kind:seed-oss', pattern: /^seed-oss-36b$/, kind: 'open-weights', url: 'https://huggingface.co/ByteDance-Seed/Seed-OSS-36B-Instruct' },
  { id: 'kind:mercury', pattern: /^mercury/, kind: 'closed', url: 'https://www.inceptionlabs.ai/' },
  { id: 'kind:palmyra', pattern: /^palmyra/, kind: 'closed', url: 'https://writer.com/llms/' },
  { id: 'kind:voyage', pattern: /^voyage-/, kind: 'closed', url: 'https://docs.voyageai.com/docs/embeddings' },
  { id: 'kind:ling-ring', pattern: /^(ling|ring)-/, kind: 'open-weights', url: 'https://huggingface.co/inclusionAI' },
  { id: 'kind:lfm2', pattern: /^lfm-2/, kind: 'open-weights', url: 'https://huggingface.co/LiquidAI' },
  { id: 'kind:mai-ds-r1', pattern: /^mai-ds-r1$/, kind: 'open-weights', url: 'https://huggingface.co/microsoft/MAI-DS-R1' },
  { id: 'kind:mai', pattern: /^mai-/, kind: 'closed', url: 'https://microsoft.ai/' },
  { id: 'kind:kimi-thinking-preview', pattern: /^kimi-thinking/, kind: 'closed', url: 'https://platform.moonshot.ai/docs/pricing/chat' },
  { id: 'kind:yi-open', pattern: /^yi-(6b|9b|34b)(-base|-200k)?$/, kind: 'open-weights', url: 'https://huggingface.co/01-ai' },
  { id: 'kind:yi-api', pattern: /^yi-/, kind: 'closed', url: 'https://platform.01.ai/' },
  { id: 'kind:trinity', pattern: /^trinity-(mini|large|large-thinking|large-preview|nano)$/, kind: 'open-weights', url: 'https://huggingface.co/arcee-ai' },
];

export interface LicenseRule {
  id: string;
  pattern: RegExp;
  license: string;
  url: string;
}

/** For open-weights models. First match wins. */
export const LICENSE_RULES: readonly LicenseRule[] = [
  // NVIDIA's Llama derivatives first: the Llama rules below would otherwise claim them.
  { id: 'license:nemotron-llama-3.1', pattern: /^llama-3-1-nemotron-70b$/, license: 'llama-3.1', url: 'https://huggingface.co/nvidia/Llama-3.1-Nemotron-70B-Instruct-HF' },
  { id: 'license:nvidia-open-model', pattern: /^(nemotron|llama-(3-[123]-)?nemo|openreasoning-nemotron)/, license: 'nvidia-open-model', url: 'https://www.nvidia.com/en-us/agreements/enterprise-software/nvidia-open-model-license/' },
  // Meta
  { id: 'license:llama-2', pattern: /^(llama-2-|codellama-|llama-guard-7b$)/, license: 'llama-2', url: 'https://ai.meta.com/llama/license/' },
  { id: 'license:llama-3', pattern: /^(llama-3-(8b|70b)(-base)?$|llama-guard-2-8b$)/, license: 'llama-3', url: 'https://www.llama.com/llama3/license/' },
  { id: 'license:llama-3.1', pattern: /^(llama-3-1-|llama-guard-3-8b$)/, license: 'llama-3.1', url: 'https://www.llama.com/llama3_1/license/' },
  { id: 'license:llama-3.2', pattern: /^(llama-3-2-|llama-guard-3-(1b|11b-vision)$)/, license: 'llama-3.2', url: 'https://www.llama.com/llama3_2/license/' },
  { id: 'license:llama-3.3', pattern: /^llama-3-3-/, license: 'llama-3.3', url: 'https://www.llama.com/llama3_3/license/' },
  { id: 'license:llama-4', pattern: /^(llama-4-|llama-guard-4-|llama-prompt-guard-2-)/, license: 'llama-4', url: 'https://www.llama.com/llama4/license/' },
  // Google: Gemma 1-3 under the Gemma Terms of Use; Gemma 4 under Apache-2.0.
  { id: 'license:gemma-4', pattern: /^gemma-4-/, license: 'Apache-2.0', url: 'https://ai.google.dev/gemma/docs/core' },
  { id: 'license:gemma', pattern: /^(gemma|codegemma|medgemma|paligemma|shieldgemma|embeddinggemma)/, license: 'gemma', url: 'https://ai.google.dev/gemma/terms' },
  // Alibaba: Qwen License for 72B-class, Qwen Research License for 3B, Apache-2.0 otherwise.
  { id: 'license:qwen-research', pattern: /^qwen-2-5(-coder|-vl)?-3b$/, license: 'qwen-research', url: 'https://huggingface.co/Qwen/Qwen2.5-3B-Instruct/blob/main/LICENSE' },
  { id: 'license:qwen', pattern: /^(qwen-2-5(-vl|-math)?-72b|qwen-2-72b|qwen-2-vl-72b|qvq-72b-preview|qwen-1-5-)/, license: 'qwen', url: 'https://huggingface.co/Qwen/Qwen2.5-72B-Instruct/blob/main/LICENSE' },
  { id: 'license:qwen-apache', pattern: /^(qwen-|qwq-)/, license: 'Apache-2.0', url: 'https://huggingface.co/Qwen/Qwen3-32B/blob/main/LICENSE' },
  // DeepSeek: DeepSeek License for V2/V3 (Dec 2024) and the coders; MIT from V3-0324 and R1 on.
  { id: 'license:deepseek-model', pattern: /^deepseek-(v2|v2-lite|v2-5|v3|v2-lite-chat|coder-.*|coder-v2.*|vl2.*|prover-v2.*)$/, license: 'deepseek-model', url: 'https://github.com/deepseek-ai/DeepSeek-V3/blob/main/LICENSE-MODEL' },
  { id: 'license:deepseek-math-v2', pattern: /^deepseek-math-v2$/, license: 'Apache-2.0', url: 'https://huggingface.co/deepseek-ai/DeepSeek-Math-V2' },
  { id: 'license:deepseek-mit', pattern: /^deepseek-/, license: 'MIT', url: 'https://huggingface.co/deepseek-ai/DeepSeek-R1/blob/main/LICENSE' },
  // Mistral: per release.
  { id: 'license:mistral-mrl', pattern: /^(mistral-large-(2407|2411)|pixtral-large-2411|ministral-8b-2410|mistral-small-2409)$/, license: 'mrl', url: 'https://mistral.ai/licenses/MRL-0.1.md' },
  { id: 'license:mistral-mnpl', pattern: /^codestral-2405$/, license: 'mnpl', url: 'https://mistral.ai/licenses/MNPL-0.1.md' },
  { id: 'license:mistral-modified-mit', pattern: /^(devstral-2512|mistral-medium-2604)$/, license: 'mistral-modified-mit', url: 'https://huggingface.co/mistralai/Devstral-2-123B-Instruct-2512/blob/main/LICENSE' },
  {
    id: 'license:mistral-apache',
    pattern: /^(mistral-large-2512|mistral-small-(2501|2503|2506|2603)|ministral-3-.*|codestral-mamba|devstral-(small-2505|small-2507|small-2-2512)|magistral-small-.*|pixtral-12b-2409|voxtral-.*|mistral-nemo(-base)?|mistral-7b-.*|mixtral-.*|mathstral-7b)$/,
    license: 'Apache-2.0',
    url: 'https://docs.mistral.ai/getting-started/models/weights/',
  },
  // Moonshot, Zhipu, MiniMax
  { id: 'license:kimi', pattern: /^kimi-k2/, license: 'kimi-modified-mit', url: 'https://huggingface.co/moonshotai/Kimi-K2-Instruct/blob/main/LICENSE' },
  { id: 'license:glm', pattern: /^glm-/, license: 'MIT', url: 'https://huggingface.co/zai-org/GLM-4.5/blob/main/LICENSE' },
  { id: 'license:minimax-m1', pattern: /^minimax-m1-(40k|80k)$/, license: 'Apache-2.0', url: 'https://huggingface.co/MiniMaxAI/MiniMax-M1-80k' },
  { id: 'license:minimax-m2', pattern: /^minimax-m2$/, license: 'MIT', url: 'https://huggingface.co/MiniMaxAI/MiniMax-M2' },
  { id: 'license:minimax-01', pattern: /^minimax-(text|vl)-01$/, license: 'minimax-model', url: 'https://huggingface.co/MiniMaxAI/MiniMax-Text-01/blob/main/LICENSE' },
  // OpenAI open weights
  { id: 'license:gpt-oss', pattern: /^gpt-oss-/, license: 'Apache-2.0', url: 'https://huggingface.co/openai/gpt-oss-120b' },
  { id: 'license:whisper', pattern: /^whisper-large/, license: 'MIT', url: 'https://github.com/openai/whisper/blob/main/LICENSE' },
  // Cohere open weights: CC-BY-NC-4.0
  { id: 'license:cohere', pattern: /^(command-|aya-)/, license: 'cc-by-nc-4.0', url: 'https://huggingface.co/CohereLabs/c4ai-command-r-plus-08-2024' },
  // Microsoft, NVIDIA, others
  { id: 'license:phi', pattern: /^phi-/, license: 'MIT', url: 'https://huggingface.co/microsoft/phi-4/blob/main/LICENSE' },
  { id: 'license:grok-1', pattern: /^grok-1$/, license: 'Apache-2.0', url: 'https://github.com/xai-org/grok-1/blob/main/LICENSE.txt' },
  { id: 'license:granite', pattern: /^granite-/, license: 'Apache-2.0', url: 'https://huggingface.co/ibm-granite' },
  { id: 'license:olmo', pattern: /^(olmo|olmocr|molmo)/, license: 'Apache-2.0', url: 'https://huggingface.co/allenai' },
  { id: 'license:ernie', pattern: /^ernie-4-5-/, license: 'Apache-2.0', url: 'https://huggingface.co/baidu/ERNIE-4.5-300B-A47B-PT' },
  { id: 'license:jamba', pattern: /^jamba-(large|mini)-1-[5-9]$/, license: 'jamba-open-model', url: 'https://www.ai21.com/jamba-open-model-license/' },
  { id: 'license:mimo', pattern: /^mimo-(v2-flash|v2-5|v2-5-pro)$/, license: 'MIT', url: 'https://huggingface.co/XiaomiMiMo/MiMo-V2-Flash' },
  { id: 'license:flux-schnell', pattern: /^flux-(1-schnell|schnell|2-klein-4b)$/, license: 'Apache-2.0', url: 'https://huggingface.co/black-forest-labs/FLUX.1-schnell' },
  { id: 'license:flux-dev', pattern: /^flux-(1-dev|kontext-dev|1-kontext-dev|2-dev|2-klein-9b)$/, license: 'flux-dev-non-commercial', url: 'https://huggingface.co/black-forest-labs/FLUX.1-dev/blob/main/LICENSE.md' },
  { id: 'license:ling-ring', pattern: /^(ling|ring)-/, license: 'MIT', url: 'https://huggingface.co/inclusionAI/Ling-1T' },
  { id: 'license:seed-oss', pattern: /^seed-oss-36b$/, license: 'Apache-2.0', url: 'https://huggingface.co/ByteDance-Seed/Seed-OSS-36B-Instruct' },
  { id: 'license:trinity', pattern: /^trinity-/, license: 'Apache-2.0', url: 'https://huggingface.co/arcee-ai/Trinity-Mini' },
  { id: 'license:mai-ds-r1', pattern: /^mai-ds-r1$/, license: 'MIT', url: 'https://huggingface.co/microsoft/MAI-DS-R1' },
  { id: 'license:lfm', pattern: /^lfm-2/, license: 'lfm-open', url: 'https://www.liquid.ai/lfm-license' },
  { id: 'license:yi', pattern: /^yi-(6b|9b|34b)/, license: 'Apache-2.0', url: 'https://huggingface.co/01-ai/Yi-34B' },
];

/** Terms that govern a creator's closed models. */
export const PROPRIETARY_LICENSES: Readonly<Record<string, { license: string; url: string }>> = {
  openai: { license: 'proprietary-openai', url: 'https://openai.com/policies/terms-of-use/' },
  anthropic: { license: 'proprietary-anthropic', url: 'https://www.anthropic.com/legal/commercial-terms' },
  google: { license: 'proprietary-google', url: 'https://ai.google.dev/gemini-api/terms' },
  xai: { license: 'proprietary-xai', url: 'https://x.ai/legal/terms-of-service-enterprise' },
  mistral: { license: 'proprietary-mistral', url: 'https://mistral.ai/terms' },
  alibaba: { license: 'proprietary-alibaba', url: 'https://www.alibabacloud.com/help/en/legal/latest/alibaba-cloud-international-website-product-terms-of-service-v-3-8-0' },
  amazon: { license: 'proprietary-amazon', url: 'https://aws.amazon.com/service-terms/' },
  cohere: { license: 'proprietary-cohere', url: 'https://cohere.com/terms-of-use' },
  perplexity: { license: 'proprietary-perplexity', url: 'https://www.perplexity.ai/hub/legal/perplexity-api-terms-of-service' },
  moonshot: { license: 'proprietary-moonshot', url: 'https://platform.moonshot.ai/docs/agreement/modeluse' },
  zai: { license: 'proprietary-zai', url: 'https://docs.z.ai/legal-agreement/terms-of-use' },
  minimax: { license: 'proprietary-minimax', url: 'https://www.minimax.io/platform/protocol/terms-of-service' },
  ai21: { license: 'proprietary-ai21', url: 'https://www.ai21.com/terms-of-service/' },
  // Vendors whose terms page is not pinned yet: the URL is their model documentation, to be replaced by the terms.
  bytedance: { license: 'proprietary-bytedance', url: 'https://www.volcengine.com/docs/82379' },
  voyage: { license: 'proprietary-voyage', url: 'https://docs.voyageai.com/docs/embeddings' },
  deepgram: { license: 'proprietary-deepgram', url: 'https://developers.deepgram.com/docs/models-languages-overview' },
  'black-forest-labs': { license: 'proprietary-black-forest-labs', url: 'https://docs.bfl.ai/' },
  baidu: { license: 'proprietary-baidu', url: 'https://cloud.baidu.com/doc/WENXINWORKSHOP/index.html' },
  xiaomi: { license: 'proprietary-xiaomi', url: 'https://platform.xiaomimimo.com/' },
};

/** License ids these rules use that seed/data/licenses.json does not hold yet. */
export const NEW_LICENSES: ReadonlyArray<{ id: string; name: string; url: string }> = [
  { id: 'llama-4', name: 'Llama 4 Community License Agreement', url: 'https://www.llama.com/llama4/license/' },
  { id: 'kimi-modified-mit', name: 'Modified MIT License (Moonshot AI, Kimi K2)', url: 'https://huggingface.co/moonshotai/Kimi-K2-Instruct/blob/main/LICENSE' },
  { id: 'mistral-modified-mit', name: 'Modified MIT License (Mistral AI, revenue threshold)', url: 'https://huggingface.co/mistralai/Devstral-2-123B-Instruct-2512/blob/main/LICENSE' },
  { id: 'nvidia-open-model', name: 'NVIDIA Open Model License Agreement', url: 'https://www.nvidia.com/en-us/agreements/enterprise-software/nvidia-open-model-license/' },
  { id: 'minimax-model', name: 'MiniMax Model License Agreement', url: 'https://huggingface.co/MiniMaxAI/MiniMax-Text-01/blob/main/LICENSE' },
  { id: 'jamba-open-model', name: 'Jamba Open Model License Agreement', url: 'https://www.ai21.com/jamba-open-model-license/' },
  { id: 'lfm-open', name: 'LFM Open License v1.0 (Liquid AI)', url: 'https://www.liquid.ai/lfm-license' },
  { id: 'flux-dev-non-commercial', name: 'FLUX.1 [dev] Non-Commercial License', url: 'https://huggingface.co/black-forest-labs/FLUX.1-dev/blob/main/LICENSE.md' },
  ...Object.values(PROPRIETARY_LICENSES)
    .filter(({ license }) => !['proprietary-openai', 'proprietary-anthropic', 'proprietary-google'].includes(license))
    .map(({ license, url }) => ({ id: license, name: `${license.replace('proprietary-', '')} terms of service (API, proprietary)`, url })),
];
