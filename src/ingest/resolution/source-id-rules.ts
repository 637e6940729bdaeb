/**
 * Rules as data for the syntax of source ids: what in an id is routing, region, quantization or a
 * serving variant (an attribute of the offering), and what is left to name the model. Each rule has
 * an id that ends up in the evidence of every resolution it touched.
 */

/** A serving attribute recognised in an id. */
export type AttributeKind = 'variant' | 'quantization' | 'region' | 'effort' | 'snapshot' | 'moving-alias';

export interface SuffixRule {
  id: string;
  /** Tested against the end of the lower-cased name; group 1 (if any) is the value. */
  pattern: RegExp;
  kind: AttributeKind;
  /** Fixed value; otherwise group 1 of the match. */
  value?: string;
  /** Only when what is left still carries a number: "yi-lightning" is a model, "minimax-m2.5-lightning" a serving. */
  needsVersion?: boolean;
}

/** Sources' own prefixes: "hf:org/model" (Synthetic), "ft:gpt-4o..." (OpenAI fine-tuned inference). */
export const SCHEME_PREFIXES: ReadonlyArray<{ id: string; pattern: RegExp; variant?: string }> = [
  { id: 'scheme:hf', pattern: /^hf:/i },
  { id: 'scheme:fine-tuned', pattern: /^ft:/i, variant: 'fine-tuned' },
];

/**
 * ":tag" endings. OpenRouter variants (":free", ":thinking", ":exacto", ":nitro"...), reasoning effort
 * (":high", ":max"), thinking budgets (":8192"), Ollama size tags (":70b", ":120b-cloud") handled apart.
 */
export const COLON_TAGS: ReadonlyArray<{ id: string; pattern: RegExp; kind: AttributeKind; value?: string }> = [
  { id: 'tag:variant', pattern: /:(free|thinking|extended|nitro|floor|online|beta|exacto|fast|turbo)$/, kind: 'variant' },
  { id: 'tag:effort', pattern: /:(minimal|low|medium|high|xhigh|max)$/, kind: 'effort' },
  { id: 'tag:thinking-budget', pattern: /:(\d{3,6})$/, kind: 'effort' },
  { id: 'tag:latest', pattern: /:latest$/, kind: 'moving-alias', value: 'latest' },
  { id: 'tag:cloud', pattern: /:cloud$/, kind: 'variant', value: 'cloud' },
];

/** Bedrock artifact versions: "-v1:0", "-v2:0", "-1:0". "-v0:2" is Mistral's model version v0.2. */
export const BEDROCK_ARTIFACT = /-v?([1-9]\d*):(\d+)$/;
export const BEDROCK_V0 = /-v0:(\d+)$/;

/** Path segments that only route (never name a model or its creator). */
export const ROUTING_SEGMENTS = new Set([
  'accounts',
  'fireworks',
  'models',
  '@cf',
  '@hf',
  'workers-ai',
  'ps',
  'public',
  'hf',
  'route',
  'chat-completion',
  'completion',
  'main',
  'afm',
  'text-to-image',
  'image-to-image',
  'text-to-video',
  'image-to-video',
  'text-to-audio',
  'text-to-speech',
  'tts',
]);

/** Path segments that are serving variants ("TEE/gpt-oss-120b", "Pro/deepseek-ai/DeepSeek-V3"). */
export const VARIANT_SEGMENTS: Readonly<Record<string, string>> = {
  tee: 'tee',
  pro: 'pro-tier',
  routers: 'router',
};

/** AWS-style geography prefixes of cross-region inference profiles ("us.", "eu.", "apac.", "global."). */
export const REGION_PREFIX = /^(us|eu|apac|au|jp|ca|global|us-gov)\./;

/** Vendor prefixes of Bedrock / OCI / Vertex-style ids ("anthropic.", "meta.", "openai."). */
export const DOTTED_VENDORS = new Set([
  'anthropic',
  'meta',
  'amazon',
  'mistral',
  'cohere',
  'ai21',
  'deepseek',
  'qwen',
  'openai',
  'writer',
  'google',
  'minimax',
  'moonshot',
  'moonshotai',
  'stability',
  'twelvelabs',
  'luma',
  'nvidia',
  'zai',
  'xai',
]);

/**
 * Quantizations, tested (repeatedly) at the end of the lower-cased name before separators are
 * normalised, so "Q4_K_M" and "mxfp-GGUF" keep their shape. The canonical value is the match
 * lower-cased with "_" -> "-".
 */
export const QUANTIZATION_SUFFIX =
  /[-_.](fp8[-_]dynamic|fp8|fp16|bf16|nvfp4[-_]mtp|nvfp4|mxfp4[-_]gguf|mxfp[-_]gguf|mxfp4|fp4[-_]dflash|fp4|int4[-_]mixed[-_]ar|int4|int8|w4a16|w8a8|awq|gptq|gguf|mlx[-_]\d+bit|mlx|\d+bit|q\d[-_]k[-_][msl]|q\d[-_]k|q\d[-_]\d|iq\d[-_][a-z]{1,2})$/;

/**
 * Serving variants that mean the same anywhere (never part of a model's name), tested at the end
 * of the lower-cased name. Family-dependent words ("fast", "turbo", "thinking", "preview") are in
 * WORD_POLICY below and decided once the family is known.
 */
export const VARIANT_SUFFIXES: readonly SuffixRule[] = [
  { id: 'suffix:free', pattern: /[-_](free)$/, kind: 'variant' },
  { id: 'suffix:tee', pattern: /[-_](tee)$/, kind: 'variant' },
  { id: 'suffix:exacto', pattern: /[-_](exacto)$/, kind: 'variant' },
  { id: 'suffix:maas', pattern: /[-_](maas)$/, kind: 'variant' },
  { id: 'suffix:high-throughput', pattern: /[-_]high[-_]throughput$/, kind: 'variant', value: 'high-throughput' },
  { id: 'suffix:tput', pattern: /[-_]tput$/, kind: 'variant', value: 'high-throughput' },
  { id: 'suffix:nitro', pattern: /[-_](nitro)$/, kind: 'variant' },
  { id: 'suffix:cheaper', pattern: /[-_](cheaper)$/, kind: 'variant' },
  { id: 'suffix:lightning', pattern: /[-_](lightning)$/, kind: 'variant', needsVersion: true },
  { id: 'suffix:highspeed', pattern: /[-_](highspeed|ultraspeed)$/, kind: 'variant', needsVersion: true },
  { id: 'suffix:flex', pattern: /[-_](flex)$/, kind: 'variant', needsVersion: true },
  { id: 'suffix:original', pattern: /[-_](original)$/, kind: 'variant', needsVersion: true },
  { id: 'suffix:cerebras', pattern: /[-_]cs$/, kind: 'variant', value: 'cerebras' },
  { id: 'suffix:fireworks', pattern: /[-_]fw$/, kind: 'variant', value: 'fireworks' },
  { id: 'suffix:sambanova', pattern: /[-_](sambanova)$/, kind: 'variant' },
  { id: 'suffix:lora', pattern: /[-_](lora)$/, kind: 'variant', needsVersion: true },
  { id: 'suffix:draft', pattern: /[-_](draft)(?:[-_]\d+)?$/, kind: 'variant', needsVersion: true },
  { id: 'suffix:cloud', pattern: /[-_](cloud)$/, kind: 'variant', needsVersion: true },
  { id: 'suffix:vertex-default', pattern: /@(default|latest)$/, kind: 'moving-alias' },
];

/**
 * Words whose meaning depends on the family: a serving variant for most open-weights models
 * ("Llama-3.3-70B-Instruct-Turbo" is Together's FP8 serving of Llama 3.3 70B), part of the name
 * elsewhere ("gpt-4-turbo", "grok-4-fast", "qwen-turbo"). `variant` is the default meaning; a
 * family lists the words that are model words for it in `modelWords`.
 */
export const WORD_POLICY: Readonly<Record<string, { kind: AttributeKind; value: string }>> = {
  fast: { kind: 'variant', value: 'fast' },
  turbo: { kind: 'variant', value: 'turbo' },
  instant: { kind: 'variant', value: 'instant' },
  versatile: { kind: 'variant', value: 'versatile' },
  basic: { kind: 'variant', value: 'basic' },
  thinking: { kind: 'variant', value: 'thinking' },
  think: { kind: 'variant', value: 'thinking' },
  reasoning: { kind: 'variant', value: 'thinking' },
  nothink: { kind: 'variant', value: 'non-thinking' },
  nothinking: { kind: 'variant', value: 'non-thinking' },
  'non-reasoning': { kind: 'variant', value: 'non-thinking' },
  'no-think': { kind: 'variant', value: 'non-thinking' },
  minimal: { kind: 'effort', value: 'minimal' },
  low: { kind: 'effort', value: 'low' },
  medium: { kind: 'effort', value: 'medium' },
  high: { kind: 'effort', value: 'high' },
  xhigh: { kind: 'effort', value: 'xhigh' },
};

/** Words that say "the instruction-tuned checkpoint", which is the model hosts serve. Dropped in open families. */
export const INSTRUCT_WORDS = new Set(['instruct', 'it', 'hf', 'chat']);

/**
 * Provider names written into model ids ("databricks-gpt-oss-120b", "cerebras-llama-4-scout...",
 * "alibaba-qwen3-32b", "google-gemma-3-27b-it", "anthropic--claude-4-opus"). Dropped only when what
 * follows is a known family, so "moonshot-v1-8k" (a Moonshot model) keeps its name.
 */
export const PROVIDER_NAME_PREFIX =
  /^(meta-textgeneration|databricks|cerebras|alibaba|alicloud|google|openai|anthropic|azure|groq|meta|moonshot|cohere|nvidia|gemini|duo-chat|deep|labs|coding|mistral-ai|mistralai|ai21|amazon|minimax|xiaomi|arcee|fireworks-ai|poe|kimi|zai-org|z-ai|zai|umans|aion-labs|open|public)-+(.+)$/;

/** Variant implied by some provider-name prefixes ("coding-glm-5.1": a coding plan). */
export const PREFIX_VARIANTS: Readonly<Record<string, string>> = { coding: 'coding-plan', 'duo-chat': 'duo-chat' };

/**
 * Providers that sell only their own models: an id there is by that creator unless a family rule
 * says otherwise. (Aggregators and clouds are not listed.)
 */
export const FIRST_PARTY_PROVIDERS: Readonly<Record<string, string>> = {
  openai: 'openai',
  chatgpt: 'openai',
  anthropic: 'anthropic',
  google: 'google',
  mistral: 'mistral',
  xai: 'xai',
  deepseek: 'deepseek',
  cohere: 'cohere',
  moonshot: 'moonshot',
  'moonshotai-cn': 'moonshot',
  zai: 'zai',
  zhipuai: 'zai',
  minimax: 'minimax',
  ai21: 'ai21',
  voyage: 'voyage',
  jina: 'jina',
  deepgram: 'deepgram',
  stability: 'stability',
  'black-forest-labs': 'black-forest-labs',
  elevenlabs: 'elevenlabs',
  'amazon-nova': 'amazon',
  meta: 'meta',
  inception: 'inception',
  'xiaomi-token-plan-ams': 'xiaomi',
  'xiaomi-token-plan-cn': 'xiaomi',
};

/**
 * Namespaces (HF orgs, provider paths, dotted vendors) -> creator. An org not listed is its own
 * creator (fine-tuners: "sao10k", "thedrummer", "nousresearch"...), except the re-hosters below.
 */
export const NAMESPACE_CREATORS: Readonly<Record<string, string>> = {
  'meta-llama': 'meta',
  meta: 'meta',
  facebook: 'meta',
  llama: 'meta',
  qwen: 'alibaba',
  alibaba: 'alibaba',
  'alibaba-nlp': 'alibaba',
  'deepseek-ai': 'deepseek',
  deepseek: 'deepseek',
  mistralai: 'mistral',
  mistral: 'mistral',
  'mistral-ai': 'mistral',
  google: 'google',
  openai: 'openai',
  anthropic: 'anthropic',
  microsoft: 'microsoft',
  nvidia: 'nvidia',
  cohere: 'cohere',
  cohereforai: 'cohere',
  coherelabs: 'cohere',
  moonshotai: 'moonshot',
  moonshot: 'moonshot',
  kimi: 'moonshot',
  'zai-org': 'zai',
  'z-ai': 'zai',
  zai: 'zai',
  thudm: 'zai',
  zhipuai: 'zai',
  minimaxai: 'minimax',
  minimax: 'minimax',
  'x-ai': 'xai',
  xai: 'xai',
  grok: 'xai',
  amazon: 'amazon',
  'ibm-granite': 'ibm',
  ibm: 'ibm',
  baidu: 'baidu',
  paddlepaddle: 'baidu',
  tencent: 'tencent',
  bytedance: 'bytedance',
  'bytedance-seed': 'bytedance',
  xiaomimimo: 'xiaomi',
  xiaomi: 'xiaomi',
  ai21: 'ai21',
  ai21labs: 'ai21',
  'ai21-labs': 'ai21',
  perplexity: 'perplexity',
  stepfun: 'stepfun',
  'stepfun-ai': 'stepfun',
  inclusionai: 'inclusionai',
  meituan: 'meituan',
  allenai: 'allenai',
  liquid: 'liquid',
  liquidai: 'liquid',
  'arcee-ai': 'arcee',
  arcee_ai: 'arcee',
  'prime-intellect': 'prime-intellect',
  primeintellect: 'prime-intellect',
  inception: 'inception',
  'black-forest-labs': 'black-forest-labs',
  bfl: 'black-forest-labs',
  stability: 'stability',
  stabilityai: 'stability',
  writer: 'writer',
  rekaai: 'reka',
  essentialai: 'essentialai',
  'nex-agi': 'nex-agi',
  nousresearch: 'nousresearch',
  sao10k: 'sao10k',
  thedrummer: 'thedrummer',
  deepcogito: 'deep-cogito',
  baai: 'baai',
  poolside: 'poolside',
  'ibm-research': 'ibm',
  twelvelabs: 'twelvelabs',
  luma: 'luma',
  lumalabs: 'luma',
  voyage: 'voyage',
  'aion-labs': 'aion-labs',
  kwaipilot: 'kuaishou',
  kuaishou: 'kuaishou',
  klingai: 'kuaishou',
  'upstage': 'upstage',
  'inflection': 'inflection',
  'hcompany': 'h-company',
  'perceptron': 'perceptron',
  'relace': 'relace',
  'morph': 'morph',
  'aisingapore': 'aisingapore',
  'cognitivecomputations': 'cognitivecomputations',
  'anthracite-org': 'anthracite-org',
  'gryphe': 'gryphe',
  'undi95': 'undi95',
  'neversleep': 'neversleep',
  'alfredpros': 'alfredpros',
  'mancer': 'mancer',
  'huggingfaceh4': 'huggingface',
  'intfloat': 'microsoft',
  'salesforce': 'salesforce',
  'core42': 'core42',
  'bigscience': 'bigscience',
  'elevenlabs': 'elevenlabs',
  'ideogramai': 'ideogram',
  'leonardo-ai': 'leonardo-ai',
  'tongyi-zhiwen': 'alibaba',
  'baichuan': 'baichuan',
  'llm360': 'llm360',
  deepgram: 'deepgram',
  sakana: 'sakana',
};

/**
 * Orgs that re-host or quantize other creators' weights ("nvidia/DeepSeek-V3.2-NVFP4",
 * "neuralmagic/Meta-Llama-3.1-8B-Instruct-FP8"): the name decides the model, the org only hosts.
 * (Providers' own paths such as "chutesai/" too.)
 */
export const REHOSTING_NAMESPACES = new Set([
  'neuralmagic',
  'redhatai',
  'intel',
  'cortecs',
  'chutesai',
  'unsloth',
  'lukealonso',
  'baseten',
  'novita',
  'nvidia',
  'fireworks-ai',
  'empiriolabs',
  'pearl-ai',
  'openpipe',
  'clarifai',
  'fal-ai',
  'featherless-ai',
  'cerebras',
  'groq',
  'together',
  'togethercomputer',
  'huggingface',
  'openrouter',
  'stealth',
]);

/**
 * Orgs that publish fine-tunes and merges as open weights on Hugging Face: a model under their
 * namespace is open weights even when a reseller's catalog says otherwise.
 */
export const COMMUNITY_ORGS = new Set([
  'sao10k', 'thedrummer', 'nousresearch', 'cognitivecomputations', 'anthracite-org', 'gryphe', 'undi95', 'neversleep', 'steelskull',
  'eva-unit-01', 'huihui-ai', 'failspy', 'mlabonne', 'envoid', 'inflatebot', 'marinaraspaghetti', 'galrionsoftworks', 'infermatic',
  'latitudegames', 'doctor-shotgun', 'readyart', 'vongolachouko', 'nothingiisreal', 'alfredpros', 'soob3123', 'abacusai',
  'tongyi-zhiwen', 'aisingapore', 'speakleash', 'swiss-ai', 'bsc-lt', 'unbabel', 'kblab', 'deep-cogito', 'openpipe', 'essentialai',
  'bigscience', 'thenlper', 'baai', 'intfloat', 'nomic-ai', 'fuseai', 'huggingfaceh4', 'nex-agi', 'llm360', 'allenai', 'ibm',
]);

/**
 * Hosts that list base (pretrained) checkpoints next to instruct ones: there an id without an
 * instruct word ("accounts/fireworks/models/qwen2p5-72b", Replicate's "meta/llama-3-8b") is the base.
 */
export const BASE_LISTING_PROVIDERS = new Set(['fireworks', 'replicate', 'aws-sagemaker']);

/** Ids that are routers, presets or tools, not models. */
export const NOT_A_MODEL: ReadonlyArray<{ id: string; pattern: RegExp; reason: string }> = [
  { id: 'router:auto', pattern: /^(auto|auto-model.*|best|model-router|router|switchpoint-router|fusion|pareto-code|bodybuilder|free|coding-router|claw-(low|medium|high)|hermes-(low|medium|high)|(code|agent)-(max|prime|standard))$/, reason: 'a router or preset that picks a model per request' },
  { id: 'router:namespace', pattern: /^(kilo-auto|orcarouter|preset|nanogpt)\//, reason: 'a router or preset namespace' },
];
