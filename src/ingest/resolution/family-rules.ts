/**
 * Rules as data for model names. Everything here is applied to the "loose name": lower-case,
 * words and numbers joined by "-", version dots written as "-" ("llama-3-3-70b"), decimal sizes
 * keeping their dot ("qwen-2-5-1.5b"). Every rule has an id that ends up in the evidence.
 *
 * - NAME_REWRITES: spellings -> one spelling ("llama3.3" -> "llama-3-3", "claude-4.5-opus" ->
 *   "claude-opus-4-5").
 * - FAMILIES: who makes a family, and how its names read (dated snapshots of one version line or
 *   dated releases of different weights; which words are serving variants; known lines).
 * - LINE_ALIASES: names that are another name of one release ("mistral-small-3-2-24b" ->
 *   "mistral-small-2506", "llama-4-maverick-17b-128e" -> "llama-4-maverick").
 * - REVIEW_RULES: names too ambiguous to link ("deepseek-chat" follows the API's current model).
 * - BASE_PATTERNS: the base model named inside a fine-tune's name ("hermes-3-llama-3-1-70b").
 * - KNOWN_PARAMETERS: sizes the name does not say ("llama-4-maverick": 400B total, 17B active).
 */
import type { ModelKind } from './resolution.types.js';

/** Alibaba's API-only Qwen lines (Model Studio). */
export const QWEN_API =
  /^(qwen(-\d(-\d)?)?-(max|plus|turbo|flash|long|coder-plus|coder-flash|coder-turbo|vl-max|vl-plus|vl-ocr|vl-flash|omni-[a-z]+|asr-[a-z]+|tts-[a-z]+|livetranslate-[a-z-]+|mt-[a-z]+|math-(plus|turbo)|doc-turbo|deep-research|plus-character)|qwq-plus|qvq-max|qwen-image-2)/;

export type Replacement = string | ((match: string, ...groups: string[]) => string);

export interface NameRewrite {
  id: string;
  pattern: RegExp;
  replace: Replacement;
}

/** Applied in order, each once, to the loose name. */
export const NAME_REWRITES: readonly NameRewrite[] = [
  // Llama
  { id: 'rewrite:meta-llama', pattern: /^meta-llama-(?=\d|guard)/, replace: 'llama-' },
  { id: 'rewrite:llama-digit', pattern: /^llama-?v?(\d)/, replace: 'llama-$1' },
  { id: 'rewrite:llamaguard', pattern: /^llamaguard-/, replace: 'llama-guard-' },
  { id: 'rewrite:code-llama', pattern: /^code-?llama-/, replace: 'codellama-' },
  // Qwen
  { id: 'rewrite:qwen-digit', pattern: /^qwen-?v?(\d)/, replace: 'qwen-$1' },
  { id: 'rewrite:qwen-qwq', pattern: /^qwen-(qwq|qvq)-/, replace: '$1-' },
  { id: 'rewrite:codeqwen', pattern: /^code-?qwen-?1-5/, replace: 'codeqwen-1-5' },
  // Dotless versions where the two digits cannot be a version of their own: "qwen25" (2.5), "qwen35" (3.5).
  { id: 'rewrite:qwen-dotless', pattern: /^qwen-([23])([5-9])(?=-|$)/, replace: 'qwen-$1-$2' },
  { id: 'rewrite:gpt-dotless', pattern: /^gpt-(4|5)([1-9])(?=-|$)/, replace: 'gpt-$1-$2' },
  { id: 'rewrite:claude-dotless', pattern: /^claude-(opus|sonnet|haiku)-4([1-9])$/, replace: 'claude-$1-4-$2' },
  { id: 'rewrite:gemini-dotless', pattern: /^gemini-([123])([05])(?=-)/, replace: 'gemini-$1-$2' },
  { id: 'rewrite:minimax-dotless', pattern: /^minimax-m2([157])$/, replace: 'minimax-m2-$1' },
  { id: 'rewrite:kimi-bare', pattern: /^k2-([5-9])(?=-|$)/, replace: 'kimi-k2-$1' },
  { id: 'rewrite:mistral-tier-digit', pattern: /^mistral-(small|medium|large)(\d)/, replace: 'mistral-$1-$2' },
  { id: 'rewrite:mistral-7b-v3', pattern: /^mistral-7b-v0?3$/, replace: 'mistral-7b-v0-3' },
  { id: 'rewrite:lfm-digit', pattern: /^lfm(\d)/, replace: 'lfm-$1' },
  { id: 'rewrite:recraft-v', pattern: /^recraftv(\d)/, replace: 'recraft-v$1' },
  { id: 'rewrite:stepfun', pattern: /^stepfun-(\d)/, replace: 'step-$1' },
  { id: 'rewrite:doubao-seed', pattern: /^doubao-seed-(\d)/, replace: 'seed-$1' },
  { id: 'rewrite:sao10k-dotless', pattern: /^l3([13])-(\d+b)/, replace: 'l3-$1-$2' },
  { id: 'rewrite:hermes-3', pattern: /^hermes-?3-(8b|70b|405b)$/, replace: 'hermes-3-llama-3-1-$1' },
  // Gemma / Phi / Veo
  { id: 'rewrite:gemma-digit', pattern: /^gemma(\d)/, replace: 'gemma-$1' },
  { id: 'rewrite:phi-digit', pattern: /^phi(\d)/, replace: 'phi-$1' },
  { id: 'rewrite:veo-digit', pattern: /^veo(\d)/, replace: 'veo-$1' },
  { id: 'rewrite:google-legacy', pattern: /^gemini-gemma-/, replace: 'gemma-' },
  { id: 'rewrite:imagen-digit', pattern: /^imagen(\d)/, replace: 'imagen-$1' },
  // Claude: "claude-4.5-opus" / "claude-opus4-5" / "opus-4-5" -> "claude-opus-4-5"; 3.x keep "claude-3-5-sonnet".
  { id: 'rewrite:claude-tier-bare', pattern: /^(opus|sonnet|haiku)-(?=\d)/, replace: 'claude-$1-' },
  { id: 'rewrite:claude-tier-digit', pattern: /^claude-(opus|sonnet|haiku|fable)(\d)/, replace: 'claude-$1-$2' },
  {
    id: 'rewrite:claude-order',
    pattern: /^claude-(\d)(?:-(\d))?-(opus|sonnet|haiku)(?=-|$)/,
    replace: (_m, major: string, minor: string | undefined, tier: string) =>
      Number(major) >= 4 ? `claude-${tier}-${major}${minor && minor !== '0' ? `-${minor}` : ''}` : `claude-${major}${minor ? `-${minor}` : ''}-${tier}`,
  },
  {
    id: 'rewrite:claude-legacy-order',
    pattern: /^claude-(opus|sonnet|haiku)-([123])(?:-(\d))?(?=-|$)/,
    replace: (_m, tier: string, major: string, minor: string | undefined) => `claude-${major}${minor ? `-${minor}` : ''}-${tier}`,
  },
  { id: 'rewrite:claude-x-0', pattern: /^(claude-(?:opus|sonnet|haiku)-\d)-0(?=-|$)/, replace: '$1' },
  { id: 'rewrite:claude-v2', pattern: /^claude-v(\d)(?:-(\d))?$/, replace: (_m, a: string, b?: string) => `claude-${a}${b ? `-${b}` : ''}` },
  { id: 'rewrite:claude-instant', pattern: /^claude-instant-v?(\d)$/, replace: 'claude-instant-$1' },
  // OpenAI
  { id: 'rewrite:gpt-35', pattern: /^gpt-?35-/, replace: 'gpt-3-5-' },
  { id: 'rewrite:gpt-4-turbo-preview', pattern: /^gpt-4-(?:1106|0125)-preview$|^gpt-4-turbo-preview$|^gpt-4-vision-preview$|^gpt-4-turbo-vision(?:-preview)?$/, replace: 'gpt-4-turbo' },
  { id: 'rewrite:gpt-instant', pattern: /^gpt-(5(?:-\d)?)-instant$/, replace: 'gpt-$1-chat' },
  // Gemini / Google media
  { id: 'rewrite:gemini-3-0', pattern: /^gemini-3-0-/, replace: 'gemini-3-' },
  { id: 'rewrite:gemini-preview-tts', pattern: /^(gemini-[\d-]+-(?:flash|pro))-preview-tts$/, replace: '$1-tts' },
  { id: 'rewrite:gemini-legacy-order', pattern: /^gemini-(pro|flash)-(1-[05])(?=-|$)/, replace: 'gemini-$2-$1' },
  {
    id: 'rewrite:imagen-generate',
    pattern: /^(imagen|veo)-(\d)(?:-(\d))?(-fast|-ultra|-lite)?-generate$/,
    replace: (_m, line: string, major: string, minor: string | undefined, tier: string | undefined) => `${line}-${major}${minor && minor !== '0' ? `-${minor}` : ''}${tier ?? ''}`,
  },
  { id: 'rewrite:imagen-x-0', pattern: /^(imagen|veo)-(\d)-0(?=-|$)/, replace: '$1-$2' },
  // FLUX: "flux-dev", "flux/dev" and "flux.1-dev" are FLUX.1 [dev]; "flux-pro/v1.1" and "FLUX-1.1-pro" are FLUX1.1 [pro].
  { id: 'rewrite:flux-1-bare', pattern: /^flux-(dev|schnell)$/, replace: 'flux-1-$1' },
  { id: 'rewrite:flux-pro-v1-1', pattern: /^flux-(?:pro-v?1-1|1-1-pro)(?=-|$)/, replace: 'flux-pro-1-1' },
  { id: 'rewrite:flux-1-kontext', pattern: /^(?:flux-1-)?kontext-(pro|max|dev)$/, replace: 'flux-kontext-$1' },
  // xAI: "grok-4-1-fast" is Grok 4.1 Fast
  { id: 'rewrite:grok-code-fast', pattern: /^grok-code-fast$/, replace: 'grok-code-fast-1' },
  // DeepSeek
  { id: 'rewrite:deepseek-chat-version', pattern: /^deepseek-chat-v(\d)/, replace: 'deepseek-v$1' },
  { id: 'rewrite:deepseek-bare-version', pattern: /^deepseek-(\d)(?=-|$)/, replace: 'deepseek-v$1' },
  { id: 'rewrite:deepseek-r1-0528-distill', pattern: /^deepseek-r1-0528-distill-qwen-?3-8b$/, replace: 'deepseek-r1-0528-qwen3-8b' },
  { id: 'rewrite:deepseek-r1-0528-qwen', pattern: /^deepseek-r1-0528-qwen-3-8b$/, replace: 'deepseek-r1-0528-qwen3-8b' },
  // Kimi
  { id: 'rewrite:kimi-k2-0711', pattern: /^kimi-k2-0711$/, replace: 'kimi-k2' },
  // Mistral "open-mistral-7b" (API names of open models)
  { id: 'rewrite:mistral-open', pattern: /^open-(mistral|mixtral|codestral)/, replace: '$1' },
  { id: 'rewrite:mamba-codestral', pattern: /^mamba-codestral-7b(?:-v0-1)?$/, replace: 'codestral-mamba' },
  // Cohere
  { id: 'rewrite:c4ai', pattern: /^c4ai-/, replace: '' },
  { id: 'rewrite:cohere-bedrock-v1', pattern: /^command-r(-plus)?-v1$/, replace: 'command-r$1' },
  // AI21
  { id: 'rewrite:ai21-prefix', pattern: /^ai21-jamba/, replace: 'jamba' },
  { id: 'rewrite:jamba-order', pattern: /^jamba-(1-[5-9])-(large|mini)/, replace: 'jamba-$2-$1' },
  // NVIDIA
  { id: 'rewrite:nemotron-order', pattern: /^nemotron-(nano|super|ultra)-3-/, replace: 'nemotron-3-$1-' },
  // Amazon Nova 1 ("nova-pro-v1") is "nova-pro"
  { id: 'rewrite:nova-v1', pattern: /^nova-(micro|lite|pro|premier|2-lite|2-pro)-v1$/, replace: 'nova-$1' },
  // GLM "-x" / "flashx" / "airx": Zhipu's faster serving of the same weights
  { id: 'rewrite:glm-x', pattern: /^(glm-[\d-]+?)-(air|flash)x$/, replace: '$1-$2' },
  { id: 'rewrite:glm-4-5-x', pattern: /^(glm-4-5)-x$/, replace: '$1' },
];

export interface FamilyRule {
  id: string;
  /** Recognises the family at the start of the rewritten loose name. */
  match: RegExp;
  creator: string;
  /** Default kind of the family's models (per-line exceptions live in license-rules.ts). */
  kind?: ModelKind;
  /** Dated ids are snapshots of one version line (closed API lines): dates are stripped. */
  snapshots?: boolean;
  /** Its closed lines carry no version number ("qwen-plus"): dates go even when nothing numeric is left. */
  unversionedLines?: boolean;
  /** Words that are stages of one line here ("preview", "exp", "beta"): stripped as snapshot markers. */
  stageWords?: readonly string[];
  /** WORD_POLICY words that name models in this family ("fast" in grok-4-fast, "turbo" in gpt-4-turbo). */
  modelWords?: readonly string[];
  /** Model words that are serving variants on some lines only: xAI serves grok-3(-mini)-fast on faster hardware, same model. */
  variantOn?: Readonly<Record<string, RegExp>>;
  /** Extra serving-variant words in this family ("lite" at Together is int4 Llama). */
  variantWords?: readonly string[];
  /** "-high", "-low", "-xhigh" endings are reasoning efforts here ("o3-mini-high"); elsewhere "medium" names a model. */
  effortWords?: boolean;
  /** Keep instruct/chat words: "gpt-3.5-turbo-instruct", "gpt-5-chat" are models. */
  keepInstruct?: boolean;
  /** "128k" style words are serving variants here (Fireworks' "qwen2p5-coder-32b-instruct-128k"). */
  contextIsVariant?: boolean;
  /** Names (with the word) whose thinking/reasoning word names separate weights. */
  reasoningWeights?: RegExp;
  /** The family's known lines; a name outside them waits for review or is read as a fine-tune. */
  lines?: readonly RegExp[];
  /** Providers that are first-party for another creator do not carry this family (Deepgram "nova-2"). */
  exclusiveToCreator?: boolean;
}

/** Most specific first: the first family whose `match` accepts the name wins. */
export const FAMILIES: readonly FamilyRule[] = [
  {
    id: 'llama-nemotron',
    match: /^llama-(3-[123]-)?nemo/,
    creator: 'nvidia',
    kind: 'open-weights',
  },
  { id: 'nemotron', match: /^(nemotron|openreasoning-nemotron)/, creator: 'nvidia', kind: 'open-weights', reasoningWeights: /-omni-.*reasoning$/ },
  {
    id: 'llama-guard',
    match: /^llama-(guard|prompt-guard)/,
    creator: 'meta',
    kind: 'open-weights',
    lines: [/^llama-guard-(7b|2-8b|3-(1b|8b|11b-vision)|4-12b)$/, /^llama-prompt-guard-2-(22m|86m)$/],
  },
  { id: 'codellama', match: /^codellama-/, creator: 'meta', kind: 'open-weights', lines: [/^codellama-(7b|13b|34b|70b)(-python)?(-base)?$/] },
  {
    id: 'llama',
    match: /^llama-\d/,
    creator: 'meta',
    kind: 'open-weights',
    contextIsVariant: true,
    // Groq served "llama-3.2-3b-preview": Llama has no preview releases.
    stageWords: ['preview'],
    variantWords: ['lite', 'reference', 'long', 'f', 'b', 'v1'],
    lines: [
      /^llama-2-(7b|13b|70b)(-base)?$/,
      /^llama-3-(8b|70b)(-base)?$/,
      /^llama-3-1-(8b|70b|405b)(-base)?$/,
      /^llama-3-2-(1b|3b|11b-vision|90b-vision)(-base)?$/,
      /^llama-3-3-(8b|70b)$/,
      /^llama-4-(scout|maverick|behemoth)$/,
    ],
  },
  {
    id: 'deepseek',
    match: /^deepseek-/,
    creator: 'deepseek',
    kind: 'open-weights',
    lines: [
      /^deepseek-(v2|v2-lite|v2-5|v3|v3-0324|v3-1|v3-1-terminus|v3-2|v3-2-exp|v3-2-speciale|v4-flash|v4-pro|r1|r1-0528|r1-zero)(-base)?$/,
      /^deepseek-r1-distill-(llama-(8b|70b)|qwen-(1.5b|1-5b|7b|14b|32b))$/,
      /^deepseek-r1-0528-qwen3-8b$/,
      /^deepseek-coder-(1b|1.3b|1-3b|6.7b|6-7b|7b|33b)(-base)?(-v1-5)?$/,
      /^deepseek-coder-v2(-lite)?(-base)?(-0724)?$/,
      /^deepseek-v2-lite-chat$/,
      /^deepseek-prover-v2(-7b)?$/,
      /^deepseek-math-v2$/,
      /^deepseek-ocr(-2)?$/,
      /^deepseek-vl2(-small|-tiny)?$/,
    ],
  },
  {
    // Alibaba's API-only Qwen lines (Model Studio): dated ids are snapshots of one line.
    id: 'qwen-api',
    match: QWEN_API,
    creator: 'alibaba',
    kind: 'closed',
    snapshots: true,
    unversionedLines: true,
    stageWords: ['preview', 'latest'],
    modelWords: ['turbo', 'instant'],
  },
  {
    id: 'qwen',
    match: /^(qwen|qwq|qvq|codeqwen)(-|$)/,
    creator: 'alibaba',
    kind: 'open-weights',
    contextIsVariant: true,
    // Qwen3 2507, VL, Next and Omni ship "-Thinking" as separate weights; Qwen3 (April) and 3.5+ are hybrid.
    reasoningWeights: /^qwen-3-(vl|next|omni)-.*-thinking$|^qwen-3-(235b-a22b|30b-a3b|235b|30b)-thinking$/,
    lines: [
      /^qwen-1-5-(0.5b|1.8b|4b|7b|14b|32b|72b|110b)(-base)?$/,
      /^codeqwen-1-5-7b$/,
      /^qwen-2-(0.5b|1.5b|7b|57b-a14b|72b)(-base)?$/,
      /^qwen-2-(vl|audio)-(2b|7b|72b)$/,
      /^qwen-2-5-(0.5b|1.5b|3b|7b|14b|32b|72b)(-base)?$/,
      /^qwen-2-5-(coder|math|vl)-(0.5b|1.5b|3b|7b|14b|32b|72b)(-base)?$/,
      /^qwen-2-5-omni-(3b|7b)$/,
      /^qwen-3-(0.6b|1.7b|4b|8b|14b|32b)(-base)?$/,
      /^qwen-3-4b(-thinking)?-2507$/,
      /^qwen-3-(30b-a3b|235b-a22b)(-thinking-2507|-2507)?(-base)?$/,
      /^qwen-3-coder-(30b-a3b|480b-a35b)$/,
      /^qwen-3-coder-next$/,
      /^qwen-3-next-80b-a3b(-thinking)?$/,
      /^qwen-3-vl-(2b|4b|8b|32b|30b-a3b|235b-a22b)(-thinking)?$/,
      /^qwen-3-omni-30b-a3b(-thinking|-captioner)?$/,
      /^qwen-3-(embedding|reranker)-(0.6b|4b|8b)$/,
      /^qwen-3-vl-(embedding|reranker)-(2b|8b)$/,
      /^qwen-3-[5-9]-(0.8b|2b|4b|9b|27b|35b-a3b|122b-a10b|397b-a17b)$/,
      /^qwq-32b(-preview)?$/,
      /^qvq-72b-preview$/,
      /^qwen-image(-edit)?(-2509|-2511)?$/,
      /^qwen-3guard-gen-(0.6b|4b|8b)$/,
      /^qwen-2-5-vl-72b$/,
    ],
  },
  {
    id: 'gemma',
    match: /^gemma-/,
    creator: 'google',
    kind: 'open-weights',
    lines: [/^gemma-(2b|7b)(-base)?$/, /^gemma-1-1-(2b|7b)$/, /^gemma-2-(2b|9b|27b)(-base)?$/, /^gemma-3-(270m|1b|4b|12b|27b)(-base)?$/, /^gemma-3n-e[24]b$/, /^gemma-4-(e2b|e4b|31b|26b-a4b)$/],
  },
  { id: 'google-gemma-derived', match: /^(codegemma|medgemma|paligemma|shieldgemma|embeddinggemma|recurrentgemma)/, creator: 'google', kind: 'open-weights' },
  {
    id: 'gemini',
    match: /^gemini-/,
    creator: 'google',
    kind: 'closed',
    snapshots: true,
    stageWords: ['preview', 'exp', 'experimental'],
    effortWords: true,
    lines: [/^gemini-\d(-\d)?(-[a-z][a-z0-9]*)*$/, /^gemini-exp-\d{4}$/, /^gemini-embedding(-\d+)?$/, /^gemini-(pro|ultra)(-vision)?$/, /^gemini-live-[\d-]+-[a-z-]+$/, /^gemini-robotics-er-[\d-]+$/],
  },
  {
    id: 'google-media',
    match: /^(imagen|veo|lyria|chirp|nano-banana|learnlm|text-embedding-00|text-multilingual-embedding|multimodalembedding|imagegeneration|gemini-embedding)/,
    creator: 'google',
    kind: 'closed',
    snapshots: true,
    stageWords: ['preview', 'exp', 'experimental'],
    modelWords: ['fast', 'turbo'],
  },
  {
    id: 'claude',
    match: /^claude-/,
    creator: 'anthropic',
    kind: 'closed',
    snapshots: true,
    stageWords: ['v1', 'v2', 'june'],
    modelWords: ['turbo'],
    effortWords: true,
    lines: [
      /^claude-(opus|sonnet|haiku|fable)-\d(-\d)?$/,
      /^claude-3(-[57])?-(opus|sonnet|haiku)$/,
      /^claude-(instant-1(-\d)?|1|2|2-1)$/,
      /^claude-(fable|mythos)-\d(-\d)?$/,
      /^claude-mythos-preview$/,
    ],
  },
  {
    id: 'gpt-oss',
    match: /^gpt-oss-/,
    creator: 'openai',
    kind: 'open-weights',
    lines: [/^gpt-oss-(20b|120b)$/, /^gpt-oss-safeguard-(20b|120b)$/],
  },
  {
    id: 'openai',
    match: /^(gpt-|o[1-9](-|$)|chatgpt-|dall-e|tts-1|whisper|text-embedding-(3|ada)|davinci-|babbage-|ada$|omni-moderation|text-moderation|codex-mini|computer-use-preview|sora-)/,
    creator: 'openai',
    kind: 'closed',
    snapshots: true,
    unversionedLines: true,
    modelWords: ['turbo', 'instant', 'fast', 'reasoning'],
    effortWords: true,
    keepInstruct: true,
    lines: [
      /^gpt-(3-5|4|4o|4-1|4-5|5|5-[1-9])(-(\d+k|[a-z][a-z0-9]*|\d))*$/,
      /^gpt-(image|audio|realtime)(-\d+(-\d+)?)?(-mini)?$/,
      /^gpt-(chat|latest|mini|nano)$/,
      /^o[1-9](-(mini|pro|preview|deep-research))*$/,
      /^chatgpt-(4o|image)$/,
      /^(dall-e-[23]|tts-1(-hd)?|whisper-1|whisper-large-v3(-turbo)?|text-embedding-(3-large|3-small|ada-002)|davinci-002|babbage-002|ada|omni-moderation|text-moderation(-stable)?|codex-mini|computer-use-preview|sora-2(-pro)?)$/,
    ],
  },
  {
    id: 'grok',
    match: /^grok-/,
    creator: 'xai',
    kind: 'closed',
    snapshots: true,
    stageWords: ['beta'],
    modelWords: ['fast'],
    variantOn: { fast: /^grok-3(-mini)?-fast$/ },
    effortWords: true,
    lines: [/^grok-\d(-\d{1,2})?(-[a-z][a-z0-9]*)*(-\d)?$/, /^grok-(code-fast-1|build-\d+(-\d+)?|beta|vision-beta)$/, /^grok-(imagine|voice|stt|tts)(-[a-z0-9]+)*$/],
  },
  {
    id: 'mistral',
    match: /^(mistral|mixtral|ministral|codestral|devstral|magistral|pixtral|voxtral|mathstral)(-|$)/,
    creator: 'mistral',
    contextIsVariant: true,
    reasoningWeights: /^ministral-3-\d+b-reasoning/,
    // Lines are the canonical slugs of MISTRAL_RELEASES below: every accepted spelling maps to one.
  },
  {
    id: 'cohere',
    match: /^(command|aya|embed-(english|multilingual|v)|rerank-(v\d|english|multilingual)|cohere-)/,
    creator: 'cohere',
    modelWords: ['light', 'reasoning'],
    lines: [
      /^command-r(-plus)?(-0[48]-2024)?$/,
      /^command-r7b-(12-2024|arabic-02-2025)$/,
      /^command-a-(03-2025|vision-07-2025|reasoning-08-2025|translate-08-2025|plus-05-2026)$/,
      /^command(-light|-nightly|-text-v14|-light-text-v14)?$/,
      /^aya-(expanse|vision)-(8b|32b)$/,
      /^embed(-[a-z0-9]+)+$/,
      /^rerank-.+$/,
    ],
  },
  {
    id: 'kimi',
    match: /^(kimi|moonshot)-/,
    creator: 'moonshot',
    stageWords: ['preview'],
    reasoningWeights: /^kimi-k2-thinking$/,
    lines: [/^kimi-k2(-0905|-thinking)?$/, /^kimi-k2-[5-9](-code)?$/, /^moonshot-v1-(8k|32k|128k|auto)(-vision)?$/, /^kimi-thinking(-preview)?$/],
  },
  {
    id: 'glm',
    match: /^(glm|chatglm|codegeex|cogview|cogvideo)/,
    creator: 'zai',
    modelWords: ['turbo'],
    contextIsVariant: true,
    reasoningWeights: /^glm-4-1v-.*thinking/,
    lines: [
      /^glm-(4|4-plus|4-air|4-airx|4-flash|4-flashx|4-long|4-5|4-5-air|4-5v|4-5-flash|4-6|4-6v|4-6v-flash|4-6v-flashx|4-7|4-7-flash|5|5-1|5-2|5-turbo|5v-turbo|5-code|for-coding)$/,
      /^glm-(4-32b|4-9b|z1-32b|z1-9b|z1-rumination-32b)-0414$/,
      /^glm-(z1-air|z1-airx|z1-flash|zero-preview|4-1v-9b-thinking|4-1v-thinking-flash|4-1v-thinking-flashx|4v|4v-plus|4v-flash)$/,
      /^(chatglm|codegeex|cogview|cogvideo).*$/,
    ],
  },
  { id: 'minimax', match: /^minimax-/, creator: 'minimax', lines: [/^minimax-(m1(-40k|-80k)?|m2(-[157])?(-her)?|m3|text-01|vl-01|01)$/, /^minimax-(speech|hailuo|music)-.+$/] },
  {
    id: 'phi',
    match: /^phi-\d/,
    creator: 'microsoft',
    kind: 'open-weights',
    reasoningWeights: /^phi-4(-mini)?-reasoning(-plus)?$/,
  },
  {
    id: 'amazon',
    match: /^(nova|titan)-/,
    creator: 'amazon',
    kind: 'closed',
    snapshots: true,
    stageWords: ['preview'],
    exclusiveToCreator: true,
  },
  { id: 'perplexity', match: /^(sonar|r1-1776|pplx-)/, creator: 'perplexity', kind: 'closed', modelWords: ['reasoning'] },
  { id: 'jamba', match: /^(jamba|j2-)/, creator: 'ai21', keepInstruct: true, lines: [/^jamba-(large|mini)-1-[5-9]$/, /^jamba-instruct$/, /^j2-(light|mid|ultra)$/] },
  // Families recognised for their creator (kind comes from KIND_RULES or the sources).
  { id: 'granite', match: /^granite-/, creator: 'ibm' },
  { id: 'olmo', match: /^(olmo|olmocr|molmo)/, creator: 'allenai', reasoningWeights: /-think(ing)?$/ },
  { id: 'ernie', match: /^ernie-/, creator: 'baidu', variantWords: ['pt', 'paddle'], reasoningWeights: /^ernie-4-5-.*-thinking$/ },
  { id: 'hunyuan', match: /^(hunyuan|hy\d)/, creator: 'tencent', modelWords: ['turbo'] },
  { id: 'bytedance', match: /^(doubao|seed-|seedream|seedance|ui-tars|dreamina)/, creator: 'bytedance', modelWords: ['turbo', 'fast'], stageWords: ['preview'] },
  { id: 'mimo', match: /^mimo-/, creator: 'xiaomi' },
  { id: 'stepfun', match: /^step-/, creator: 'stepfun' },
  { id: 'inclusionai', match: /^(ling|ring)-/, creator: 'inclusionai' },
  { id: 'longcat', match: /^longcat-/, creator: 'meituan', reasoningWeights: /thinking/ },
  { id: 'liquid', match: /^lfm-/, creator: 'liquid', reasoningWeights: /^lfm-2-5-.*-thinking$/ },
  { id: 'arcee', match: /^(trinity|virtuoso|maestro|coder-large|spotlight|arcee-)/, creator: 'arcee', modelWords: ['reasoning'], reasoningWeights: /^trinity-large-thinking$/ },
  { id: 'intellect', match: /^intellect-/, creator: 'prime-intellect' },
  { id: 'mercury', match: /^mercury/, creator: 'inception', kind: 'closed' },
  { id: 'reka', match: /^reka-/, creator: 'reka' },
  { id: 'palmyra', match: /^palmyra/, creator: 'writer', kind: 'closed' },
  { id: 'yi', match: /^yi-/, creator: '01-ai' },
  { id: 'baichuan', match: /^baichuan/, creator: 'baichuan' },
  { id: 'internlm', match: /^(internlm|internvl)/, creator: 'shanghai-ai-lab' },
  { id: 'flux', match: /^flux/, creator: 'black-forest-labs', modelWords: ['fast', 'turbo'] },
  { id: 'flux-kontext', match: /^kontext-/, creator: 'black-forest-labs' },
  { id: 'stability', match: /^(stable-diffusion|sdxl|sd3|stable-image|stable-audio|stablecode)/, creator: 'stability', modelWords: ['fast', 'turbo'] },
  { id: 'kling', match: /^kling/, creator: 'kuaishou', modelWords: ['turbo'] },
  { id: 'wan', match: /^wan-/, creator: 'alibaba', modelWords: ['flash', 'turbo'] },
  { id: 'cogito', match: /^cogito-/, creator: 'deep-cogito' },
  { id: 'kat', match: /^kat-/, creator: 'kuaishou' },
  { id: 'voyage', match: /^voyage-/, creator: 'voyage', kind: 'closed' },
  { id: 'dbrx', match: /^dbrx/, creator: 'databricks' },
  { id: 'falcon', match: /^falcon/, creator: 'tii' },
  { id: 'ideogram', match: /^ideogram/, creator: 'ideogram', kind: 'closed', modelWords: ['turbo'] },
  { id: 'nous', match: /^(hermes-|nous-|deephermes)/, creator: 'nousresearch', kind: 'open-weights' },
  { id: 'microsoft-mai', match: /^mai-/, creator: 'microsoft' },
  { id: 'jais', match: /^jais-/, creator: 'core42', kind: 'open-weights' },
  { id: 'starcoder', match: /^starcoder/, creator: 'bigcode', kind: 'open-weights' },
  { id: 'pythia', match: /^pythia-/, creator: 'eleutherai', kind: 'open-weights' },
  { id: 'zephyr', match: /^zephyr-/, creator: 'huggingface', kind: 'open-weights' },
  { id: 'mpt', match: /^mpt-/, creator: 'databricks', kind: 'open-weights' },
  { id: 'vicuna', match: /^vicuna/, creator: 'lmsys', kind: 'open-weights' },
  { id: 'openchat', match: /^openchat/, creator: 'openchat', kind: 'open-weights' },
  { id: 'nomic', match: /^nomic-embed/, creator: 'nomic', kind: 'open-weights' },
  { id: 'bge', match: /^bge-/, creator: 'baai', kind: 'open-weights' },
  { id: 'gte', match: /^gte-/, creator: 'alibaba', kind: 'open-weights' },
  { id: 'e5', match: /^(multilingual-)?e5-/, creator: 'microsoft', kind: 'open-weights' },
  { id: 'snowflake-arctic', match: /^snowflake-arctic/, creator: 'snowflake' },
  { id: 'solar', match: /^solar-/, creator: 'upstage' },
  { id: 'sarvam', match: /^sarvam-/, creator: 'sarvam' },
  { id: 'gigachat', match: /^gigachat/, creator: 'sber', kind: 'closed' },
  { id: 'recraft', match: /^recraft/, creator: 'recraft', kind: 'closed' },
  { id: 'runway', match: /^(gen4|gen-4|runway)/, creator: 'runway', kind: 'closed', modelWords: ['turbo'] },
  { id: 'google-legacy', match: /^(chat-bison|text-bison|code-bison|codechat-bison|text-unicorn|textembedding-gecko|text-embedding-(large|preview|gecko)|deep-research-pro)/, creator: 'google', kind: 'closed' },
  { id: 'fireworks', match: /^(firefunction|fireworks-|firellava|firesearch)/, creator: 'fireworks' },
  { id: 'venice', match: /^venice-/, creator: 'venice' },
  { id: 'aion', match: /^aion-/, creator: 'aion-labs' },
  { id: 'morph', match: /^morph-/, creator: 'morph', kind: 'closed', modelWords: ['fast'] },
  { id: 'relace', match: /^relace-/, creator: 'relace', kind: 'closed' },
  { id: 'inflection', match: /^inflection-/, creator: 'inflection', kind: 'closed' },
  { id: 'llava', match: /^llava/, creator: 'llava' },
  { id: 'cohere-embed-legacy', match: /^cohere-embed/, creator: 'cohere', kind: 'closed' },
];

export interface LineAlias {
  id: string;
  pattern: RegExp;
  slug: Replacement;
}

/**
 * Mistral names its releases by YYMM ("mistral-small-2506" is Mistral Small 3.2 24B); a version
 * ("3.2"), a size and the HF repo name are other spellings of the same release. Kind and license
 * per release are in license-rules.ts.
 */
export const MISTRAL_RELEASES: readonly LineAlias[] = [
  { id: 'mistral:large-2402', pattern: /^mistral-large-(2402|1)$/, slug: 'mistral-large-2402' },
  { id: 'mistral:large-2407', pattern: /^mistral-large(-2|-123b)?-2407$|^mistral-large-?2$/, slug: 'mistral-large-2407' },
  { id: 'mistral:large-2411', pattern: /^mistral-large(-123b)?-2411(-001)?$|^mistral-large-2-1$/, slug: 'mistral-large-2411' },
  { id: 'mistral:large-2512', pattern: /^mistral-large-3(-675b)?(-2512)?$|^mistral-large-2512$/, slug: 'mistral-large-2512' },
  { id: 'mistral:medium-2312', pattern: /^mistral-medium-2312$/, slug: 'mistral-medium-2312' },
  { id: 'mistral:medium-2505', pattern: /^mistral-medium-(3|2505|3-2505)$/, slug: 'mistral-medium-2505' },
  { id: 'mistral:medium-2508', pattern: /^mistral-medium-(3-1|2508|3-1-2508)$/, slug: 'mistral-medium-2508' },
  { id: 'mistral:medium-2604', pattern: /^mistral-medium-(3-5|2604|3-5-128b)(-2604)?$/, slug: 'mistral-medium-2604' },
  { id: 'mistral:small-2402', pattern: /^mistral-small-2402$/, slug: 'mistral-small-2402' },
  { id: 'mistral:small-2409', pattern: /^mistral-small(-22b)?-2409$/, slug: 'mistral-small-2409' },
  { id: 'mistral:small-2501', pattern: /^mistral-small(-3)?(-24b)?-2501$/, slug: 'mistral-small-2501' },
  { id: 'mistral:small-2503', pattern: /^mistral-small-(3-1)(-24b)?(-2503)?$|^mistral-small(-24b)?-2503$/, slug: 'mistral-small-2503' },
  { id: 'mistral:small-2506', pattern: /^mistral-small-(3-2)(-24b)?(-2506)?$|^mistral-small(-24b)?-2506$/, slug: 'mistral-small-2506' },
  { id: 'mistral:small-2603', pattern: /^mistral-small-(4)(-119b)?(-2603)?$|^mistral-small(-119b)?-2603$/, slug: 'mistral-small-2603' },
  { id: 'mistral:ministral-8b-2410', pattern: /^ministral-8b-2410$/, slug: 'ministral-8b-2410' },
  { id: 'mistral:ministral-3b-2410', pattern: /^ministral-3b-2410$/, slug: 'ministral-3b-2410' },
  {
    id: 'mistral:ministral-3',
    pattern: /^ministral(?:-3)?-(3b|8b|14b)(-reasoning)?-2512$|^ministral-3-(3b|8b|14b)(-reasoning)?$/,
    slug: (_m, a?: string, ra?: string, b?: string, rb?: string) => `ministral-3-${a ?? b}${ra ?? rb ?? ''}-2512`,
  },
  { id: 'mistral:codestral-2405', pattern: /^codestral(-22b)?-(2405|v0-1)$|^codestral-22b(-v0-1)?$/, slug: 'codestral-2405' },
  { id: 'mistral:codestral-2501', pattern: /^codestral-2501$/, slug: 'codestral-2501' },
  { id: 'mistral:codestral-2508', pattern: /^codestral-2508$/, slug: 'codestral-2508' },
  { id: 'mistral:codestral-mamba', pattern: /^codestral-mamba(-7b)?(-2407)?$/, slug: 'codestral-mamba' },
  { id: 'mistral:devstral-small-2505', pattern: /^devstral-small(-24b)?-2505$/, slug: 'devstral-small-2505' },
  { id: 'mistral:devstral-small-2507', pattern: /^devstral-small(-24b)?-2507$|^devstral-small-1-1$/, slug: 'devstral-small-2507' },
  { id: 'mistral:devstral-medium-2507', pattern: /^devstral-medium-2507$/, slug: 'devstral-medium-2507' },
  { id: 'mistral:devstral-2512', pattern: /^devstral-2(-123b)?(-2512)?$|^devstral-2512$/, slug: 'devstral-2512' },
  { id: 'mistral:devstral-small-2-2512', pattern: /^devstral-small-2(-24b)?(-2512)?$|^devstral-small-2512$/, slug: 'devstral-small-2-2512' },
  { id: 'mistral:magistral', pattern: /^magistral-(small|medium)(?:-1-[0-2])?(?:-24b)?-(2506|2507|2509)$/, slug: 'magistral-$1-$2' },
  { id: 'mistral:pixtral-12b', pattern: /^pixtral-12b(-2409)?$/, slug: 'pixtral-12b-2409' },
  { id: 'mistral:pixtral-large-2411', pattern: /^pixtral-large(-124b)?-2411$/, slug: 'pixtral-large-2411' },
  { id: 'mistral:pixtral-large-2502', pattern: /^pixtral-large-2502$/, slug: 'pixtral-large-2502' },
  { id: 'mistral:voxtral', pattern: /^voxtral-(small-24b|mini-3b|small|mini)(?:-\d+b)?-2507$/, slug: (_m, line: string) => `voxtral-${line.split('-')[0]}-2507` },
  { id: 'mistral:nemo', pattern: /^mistral-nemo(-12b)?(-base)?(-2407)?(-base)?$/, slug: (m: string) => (m.includes('-base') ? 'mistral-nemo-base' : 'mistral-nemo') },
  { id: 'mistral:saba', pattern: /^mistral-saba(-24b)?(-2502)?$/, slug: 'mistral-saba' },
  { id: 'mistral:7b', pattern: /^mistral-7b-v0-([123])$/, slug: 'mistral-7b-v0-$1' },
  { id: 'mistral:7b-base', pattern: /^mistral-7b-v0-([123])-base$/, slug: 'mistral-7b-v0-$1-base' },
  { id: 'mistral:mixtral', pattern: /^mixtral-(8x7b|8x22b)(-v0-1)?(-base)?$/, slug: 'mixtral-$1$3' },
  { id: 'mistral:tiny', pattern: /^mistral-tiny$/, slug: 'mistral-tiny' },
  { id: 'mistral:embed', pattern: /^(mistral|codestral)-embed(-2505)?$/, slug: '$1-embed' },
  { id: 'mistral:ocr', pattern: /^mistral-ocr(-\d{4})?$/, slug: 'mistral-ocr' },
  { id: 'mistral:mathstral', pattern: /^mathstral-7b(-v0-1)?$/, slug: 'mathstral-7b' },
];

/** Canonical slugs of the Mistral releases: the lines of the "mistral" family. */
export const MISTRAL_LINES: readonly RegExp[] = [
  /^(mistral-large-(2402|2407|2411|2512)|mistral-medium-(2312|2505|2508|2604)|mistral-small-(2402|2409|2501|2503|2506|2603))$/,
  /^(ministral-(8b|3b)-2410|ministral-3-(3b|8b|14b)(-reasoning)?-2512)$/,
  /^(codestral-(2405|2501|2508|mamba|embed)|devstral-(small-2505|small-2507|medium-2507|2512|small-2-2512))$/,
  /^(magistral-(small|medium)-(2506|2507|2509)|pixtral-(12b-2409|large-2411|large-2502)|voxtral-(small|mini)-2507)$/,
  /^(mistral-nemo(-base)?|mistral-saba|mistral-7b-v0-[123](-base)?|mixtral-(8x7b|8x22b)(-base)?|mistral-tiny|mistral-embed|mistral-ocr|mathstral-7b)$/,
];

/** Other names of one release, applied after variants are peeled (first match wins). */
export const LINE_ALIASES: readonly LineAlias[] = [
  ...MISTRAL_RELEASES,
  // Llama 4: the codename names the weights; "17b-128e" is its shape.
  { id: 'alias:llama-4-shape', pattern: /^llama-4-(maverick|scout|behemoth)(-17b)?(-\d+e)?(-original)?$/, slug: 'llama-4-$1' },
  // Llama 3.2 11B/90B exist only as Vision models.
  { id: 'alias:llama-3-2-vision', pattern: /^llama-3-2-(11b|90b)$/, slug: 'llama-3-2-$1-vision' },
  { id: 'alias:llama-guard-4', pattern: /^llama-guard-4$/, slug: 'llama-guard-4-12b' },
  // There is no Llama 3 405B: "llama3-405b" (Vertex) is Llama 3.1 405B.
  { id: 'alias:llama-3-405b', pattern: /^llama-3-405b$/, slug: 'llama-3-1-405b' },
  { id: 'alias:glm-4-32b', pattern: /^glm-4-32b$/, slug: 'glm-4-32b-0414' },
  // Dated snapshots of API-only lines whose family otherwise dates releases.
  { id: 'alias:glm-4-api-snapshot', pattern: /^(glm-4-(?:air|plus))-0111$/, slug: '$1' },
  { id: 'alias:moonshot-v1-snapshot', pattern: /^(moonshot-v1-\d+k)-0430$/, slug: '$1' },
  // Qwen3 MoE sizes named without their active parameters.
  { id: 'alias:qwen3-235b', pattern: /^qwen-3-235b(-2507)?$/, slug: 'qwen-3-235b-a22b$1' },
  { id: 'alias:qwen3-235b-thinking', pattern: /^qwen-3-235b-thinking-2507$/, slug: 'qwen-3-235b-a22b-thinking-2507' },
  { id: 'alias:qwen3-30b', pattern: /^qwen-3-30b(-2507)?$/, slug: 'qwen-3-30b-a3b$1' },
  { id: 'alias:qwen3-coder-480b', pattern: /^qwen-3-coder-480b$/, slug: 'qwen-3-coder-480b-a35b' },
  { id: 'alias:qwen3-coder-30b', pattern: /^qwen-3-coder-30b$/, slug: 'qwen-3-coder-30b-a3b' },
  { id: 'alias:qwen3-next-80b', pattern: /^qwen-3-next-80b(-thinking)?$/, slug: 'qwen-3-next-80b-a3b$1' },
  { id: 'alias:qwen3-next-80b-2509', pattern: /^qwen-3-next-80b-a3b(-thinking)?-2509$/, slug: 'qwen-3-next-80b-a3b$1' },
  { id: 'alias:qwen3-vl-235b', pattern: /^qwen-3-vl-235b(-thinking)?$/, slug: 'qwen-3-vl-235b-a22b$1' },
  {
    id: 'alias:qwen3-5-moe',
    pattern: /^qwen-3-([5-9])-(122b|397b|35b)$/,
    slug: (_m, minor: string, size: string) => `qwen-3-${minor}-${size}-${({ '122b': 'a10b', '397b': 'a17b', '35b': 'a3b' } as Record<string, string>)[size]}`,
  },
  // Gemma 4 26B is the 26B-A4B mixture of experts.
  { id: 'alias:gemma-4-26b', pattern: /^gemma-4-26b$/, slug: 'gemma-4-26b-a4b' },
  // DeepSeek: sizes that are the only size of the line, and dated deployment names.
  { id: 'alias:deepseek-671b', pattern: /^deepseek-(v3|v3-1|v3-1-terminus|v3-2|r1|r1-0528|prover-v2)-671b$/, slug: 'deepseek-$1' },
  { id: 'alias:deepseek-v3-2-251201', pattern: /^deepseek-v3-2-251201$/, slug: 'deepseek-v3-2' },
  { id: 'alias:deepseek-v3-1-v', pattern: /^deepseek-v3-1-(terminus)$/, slug: 'deepseek-v3-1-$1' },
  // Kimi: K2 is 1T parameters; "kimi-k2-instruct" (0711) is the first K2.
  { id: 'alias:kimi-k2-size', pattern: /^kimi-k2(-0905|-thinking)?-1t$/, slug: 'kimi-k2$1' },
  // NVIDIA Nemotron 3: sizes named without their active parameters, or not at all.
  { id: 'alias:nemotron-3-nano', pattern: /^nemotron-3-nano(-30b)?$/, slug: 'nemotron-3-nano-30b-a3b' },
  { id: 'alias:nemotron-3-super', pattern: /^nemotron-3-super(-120b)?$/, slug: 'nemotron-3-super-120b-a12b' },
  { id: 'alias:nemotron-3-ultra', pattern: /^nemotron-3-ultra(-550b)?$/, slug: 'nemotron-3-ultra-550b-a55b' },
  { id: 'alias:nemotron-ultra-v1', pattern: /^(llama-3-1-nemotron-ultra-253b)-v1$/, slug: '$1' },
  { id: 'alias:nemotron-70b-hf', pattern: /^(llama-3-1-nemotron-70b)(-hf)?$/, slug: '$1' },
  // Cohere: the first Command R/R+ (04-2024); Command A has one release per line.
  { id: 'alias:command-r-04-2024', pattern: /^command-r(-plus)?-04-2024$/, slug: 'command-r$1' },
  { id: 'alias:command-a', pattern: /^command-a$/, slug: 'command-a-03-2025' },
  { id: 'alias:command-a-lines', pattern: /^command-a-(vision|reasoning|translate)$/, slug: (_m, line: string) => `command-a-${line}-${line === 'vision' ? '07' : '08'}-2025` },
  // MiniMax: "minimax-01" is MiniMax-Text-01.
  { id: 'alias:minimax-01', pattern: /^minimax-01$/, slug: 'minimax-text-01' },
  { id: 'alias:phi-4-14b', pattern: /^phi-4-14b$/, slug: 'phi-4' },
  // Phi-2 is 2.7B.
  { id: 'alias:phi-2', pattern: /^phi-2-(2.7b|3b)$/, slug: 'phi-2' },
  // GLM-4.6V Flash, GLM-4.5 Air spelled with a size.
  { id: 'alias:glm-4-5-air-size', pattern: /^glm-4-5-air-106b(-a12b)?$/, slug: 'glm-4-5-air' },
];

export interface ReviewRule {
  id: string;
  pattern: RegExp;
  reason: string;
}

/** Names that cannot be linked without a person: moving aliases and names of several models. */
export const REVIEW_RULES: readonly ReviewRule[] = [
  { id: 'review:deepseek-api-alias', pattern: /^deepseek-(chat|reasoner|coder)$/, reason: "a DeepSeek API alias that follows the API's current model (V3, V3.1, V3.2...)" },
  { id: 'review:deepseek-r1-size', pattern: /^deepseek-r1-(1.5b|1-5b|7b|8b|14b|32b|70b)$/, reason: 'a DeepSeek-R1 size that is one of the distilled models (Qwen or Llama base, original or 0528)' },
  { id: 'review:qwen3-thinking-undated', pattern: /^qwen-3-(235b-a22b|30b-a3b)-thinking$/, reason: 'Qwen3 thinking without a release: the hybrid Qwen3 in thinking mode or the 2507 Thinking weights?' },
  { id: 'review:qwen-line-without-size', pattern: /^(qwen-3-coder|qwen-3-vl|qwen-3-vl-thinking|qwen-3-vl-instruct|qwen-3|qwen-3-5|qwen-3-6|qwen-2-5|qwen-coder)$/, reason: 'a Qwen line named without its size' },
  { id: 'review:llama-without-size', pattern: /^llama-\d(-\d)?$/, reason: 'a Llama version named without its size' },
  { id: 'review:gemma-without-size', pattern: /^gemma-\d(n)?$/, reason: 'a Gemma generation named without its size' },
  { id: 'review:mistral-moving', pattern: /^(mistral-(large|medium|small)|codestral|devstral-(small|medium)|magistral-(small|medium)|pixtral-large|ministral-(3b|8b|14b)|mistral-7b|mistral-3-14b|mistral|devstral)$/, reason: 'a Mistral line without its release (YYMM): it follows the latest release' },
  { id: 'review:minimax-m1', pattern: /^minimax-m1$/, reason: 'MiniMax-M1 without its thinking budget (40k or 80k: different weights)' },
  { id: 'review:moving-line', pattern: /^(gemini-(pro|flash|flash-lite)|claude-(opus|sonnet|haiku)|gpt|gpt-mini|kimi|minimax|grok|deepseek|qwen|glm)$/, reason: 'a moving alias of a vendor line, not a model' },
];

export interface BasePattern {
  id: string;
  /** Searched anywhere in a fine-tune's loose name. */
  pattern: RegExp;
  base: Replacement;
}

/**
 * Base models named inside fine-tunes and merges: "hermes-3-llama-3-1-70b" (Llama 3.1 70B),
 * Sao10K's "l3-3-euryale-70b" (Llama 3.3 70B), "mn-12b-..." (Mistral Nemo), "ms3-2-24b-..."
 * (Mistral Small 3.2). The result is checked against the family lines before it is used.
 */
export const BASE_PATTERNS: readonly BasePattern[] = [
  { id: 'base:deepseek-distill-llama-70b', pattern: /^deepseek-r1-distill-llama-70b$/, base: 'llama-3-3-70b' },
  { id: 'base:deepseek-distill-llama-8b', pattern: /^deepseek-r1-distill-llama-8b$/, base: 'llama-3-1-8b-base' },
  { id: 'base:deepseek-distill-qwen', pattern: /^deepseek-r1-distill-qwen-(1.5b|1-5b|7b|14b|32b)$/, base: (_m, size: string) => `qwen-2-5-${size === '1-5b' ? '1.5b' : size}` },
  { id: 'base:deepseek-0528-qwen3', pattern: /^deepseek-r1-0528-qwen3-8b$/, base: 'qwen-3-8b' },
  { id: 'base:hermes-4', pattern: /^hermes-4-(70b|405b)$/, base: 'llama-3-1-$1' },
  { id: 'base:hermes-4-14b', pattern: /^hermes-4-14b$/, base: 'qwen-3-14b' },
  { id: 'base:llama-full', pattern: /(?:^|-)llama-?(\d)(?:-(\d))?(?:-[a-z][a-z0-9]*)*?-(\d+b)(?=-|$)/, base: (_m, a: string, b: string | undefined, size: string) => `llama-${a}${b ? `-${b}` : ''}-${size}` },
  { id: 'base:llama-abbrev', pattern: /(?:^|-)l(\d)(?:-(\d))?-(?:[a-z][a-z0-9]*-)*?(\d+b)(?=-|$)/, base: (_m, a: string, b: string | undefined, size: string) => `llama-${a}${b ? `-${b}` : ''}-${size}` },
  { id: 'base:llama-abbrev-size-first', pattern: /(?:^|-)l(\d)(?:-(\d))?-(\d+b)(?=-|$)/, base: (_m, a: string, b: string | undefined, size: string) => `llama-${a}${b ? `-${b}` : ''}-${size}` },
  { id: 'base:mistral-nemo-abbrev', pattern: /(?:^|-)mn-(?:[a-z0-9]+-)*?12b(?=-|$)|mistral-nemo/, base: 'mistral-nemo' },
  { id: 'base:mistral-small-abbrev', pattern: /(?:^|-)ms3-2-24b|mistral-small-3-2-24b/, base: 'mistral-small-2506' },
  { id: 'base:mistral-24b', pattern: /(?:^|-)mistral-24b(?=-|$)/, base: 'mistral-small-2501' },
  { id: 'base:mixtral', pattern: /(?:^|-)mixtral-(8x7b|8x22b)/, base: 'mixtral-$1' },
  { id: 'base:mistral-7b', pattern: /(?:^|-)mistral-7b(?=-|$)/, base: 'mistral-7b-v0-1' },
  { id: 'base:qwen', pattern: /(?:^|-)qwen-?(\d)(?:-(\d))?-(\d+b(?:-a\d+b)?)(?=-|$)/, base: (_m, a: string, b: string | undefined, size: string) => `qwen-${a}${b ? `-${b}` : ''}-${size}` },
  { id: 'base:qwq', pattern: /(?:^|-)qwq-32b/, base: 'qwq-32b' },
  { id: 'base:gemma', pattern: /(?:^|-)gemma-?(\d)-(\d+b|e\db|26b-a4b)(?=-|$)/, base: (_m, v: string, size: string) => `gemma-${v}-${size}` },
  { id: 'base:deepseek', pattern: /(?:^|-)deepseek-(v3-1|v3-2|v3|r1)(?=-|$)/, base: 'deepseek-$1' },
  { id: 'base:glm', pattern: /(?:^|-)glm-(4-[5-7](?:-air|-flash)?|5(?:-[12])?)(?=-|$)/, base: 'glm-$1' },
  { id: 'base:yi-34b', pattern: /(?:^|-)yi-34b/, base: 'yi-34b' },
];

/** Words that make a name a fine-tune or merge of its base rather than a serving of it. */
export const DERIVATIVE_WORDS = new Set([
  'abliterated',
  'uncensored',
  'derestricted',
  'heretic',
  'unslop',
  'unhinged',
  'merge',
  'slerp',
  'rp',
  'roleplay',
  'nsfw',
  'storybreaker',
  'lunaris',
  'euryale',
  'hermes',
  'dolphin',
  'magnum',
  'lumimaid',
  'celeste',
]);

export interface KnownParameters {
  id: string;
  pattern: RegExp;
  totalB: number;
  activeB?: number;
  url: string;
}

/** Sizes the name does not spell out, from the creators' model cards. */
export const KNOWN_PARAMETERS: readonly KnownParameters[] = [
  { id: 'params:llama-4-maverick', pattern: /^llama-4-maverick$/, totalB: 400, activeB: 17, url: 'https://huggingface.co/meta-llama/Llama-4-Maverick-17B-128E-Instruct' },
  { id: 'params:llama-4-scout', pattern: /^llama-4-scout$/, totalB: 109, activeB: 17, url: 'https://huggingface.co/meta-llama/Llama-4-Scout-17B-16E-Instruct' },
  { id: 'params:deepseek-v3', pattern: /^deepseek-(v3|v3-0324|v3-1|v3-1-terminus|v3-2|v3-2-exp|v3-2-speciale|r1|r1-0528)$/, totalB: 671, activeB: 37, url: 'https://huggingface.co/deepseek-ai/DeepSeek-V3' },
  { id: 'params:kimi-k2', pattern: /^kimi-k2(-0905|-thinking|-5|-6)?$/, totalB: 1000, activeB: 32, url: 'https://huggingface.co/moonshotai/Kimi-K2-Instruct' },
  { id: 'params:gpt-oss-120b', pattern: /^gpt-oss(-safeguard)?-120b$/, totalB: 117, activeB: 5.1, url: 'https://huggingface.co/openai/gpt-oss-120b' },
  { id: 'params:gpt-oss-20b', pattern: /^gpt-oss(-safeguard)?-20b$/, totalB: 21, activeB: 3.6, url: 'https://huggingface.co/openai/gpt-oss-20b' },
  { id: 'params:glm-4-5', pattern: /^glm-4-[5-7]$/, totalB: 355, activeB: 32, url: 'https://huggingface.co/zai-org/GLM-4.5' },
  { id: 'params:glm-4-5-air', pattern: /^glm-4-5-air$/, totalB: 106, activeB: 12, url: 'https://huggingface.co/zai-org/GLM-4.5-Air' },
  { id: 'params:mixtral-8x7b', pattern: /^mixtral-8x7b$/, totalB: 46.7, activeB: 12.9, url: 'https://mistral.ai/news/mixtral-of-experts' },
  { id: 'params:mixtral-8x22b', pattern: /^mixtral-8x22b$/, totalB: 141, activeB: 39, url: 'https://mistral.ai/news/mixtral-8x22b' },
  { id: 'params:minimax-m2', pattern: /^minimax-m2(-[157])?$/, totalB: 230, activeB: 10, url: 'https://huggingface.co/MiniMaxAI/MiniMax-M2' },
  { id: 'params:mistral-large-2407', pattern: /^mistral-large-24(07|11)$/, totalB: 123, url: 'https://huggingface.co/mistralai/Mistral-Large-Instruct-2411' },
  { id: 'params:mistral-large-2512', pattern: /^mistral-large-2512$/, totalB: 675, activeB: 41, url: 'https://huggingface.co/mistralai/Mistral-Large-3-675B-Instruct-2512' },
  { id: 'params:mistral-small-24b', pattern: /^mistral-small-(2501|2503|2506)$/, totalB: 24, url: 'https://huggingface.co/mistralai/Mistral-Small-3.2-24B-Instruct-2506' },
  { id: 'params:mistral-small-2603', pattern: /^mistral-small-2603$/, totalB: 119, url: 'https://huggingface.co/mistralai/Mistral-Small-4-119B-2603' },
  { id: 'params:mistral-nemo', pattern: /^mistral-nemo$/, totalB: 12, url: 'https://huggingface.co/mistralai/Mistral-Nemo-Instruct-2407' },
  { id: 'params:devstral-2512', pattern: /^devstral-2512$/, totalB: 123, url: 'https://huggingface.co/mistralai/Devstral-2-123B-Instruct-2512' },
  { id: 'params:mistral-medium-2604', pattern: /^mistral-medium-2604$/, totalB: 128, url: 'https://huggingface.co/mistralai/Mistral-Medium-3.5-128B' },
  { id: 'params:phi-4', pattern: /^phi-4$/, totalB: 14.7, url: 'https://huggingface.co/microsoft/phi-4' },
  { id: 'params:phi-2', pattern: /^phi-2$/, totalB: 2.7, url: 'https://huggingface.co/microsoft/phi-2' },
  { id: 'params:qwq-32b', pattern: /^qwq-32b$/, totalB: 32.5, url: 'https://huggingface.co/Qwen/QwQ-32B' },
  { id: 'params:command-r-plus', pattern: /^command-r-plus(-08-2024)?$/, totalB: 104, url: 'https://huggingface.co/CohereLabs/c4ai-command-r-plus-08-2024' },
  { id: 'params:command-a', pattern: /^command-a-03-2025$/, totalB: 111, url: 'https://huggingface.co/CohereLabs/c4ai-command-a-03-2025' },
];
