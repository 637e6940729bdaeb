/**
 * Our provider slugs, and each source's names for them. The same company gets the same slug from
 * every source (LiteLLM "together_ai", models.dev "togetherai" -> "together"). A name not listed
 * keeps a slug derived from itself (lower-case, "_" -> "-"), so new providers still come through.
 */

/** LiteLLM `litellm_provider` -> our slug. `vertex_ai*` (vertex_ai-language-models...) is handled by prefix. */
export const LITELLM_PROVIDER_SLUGS: Readonly<Record<string, string>> = {
  openai: 'openai',
  'text-completion-openai': 'openai',
  chatgpt: 'chatgpt', // ChatGPT subscription models, not the API
  anthropic: 'anthropic',
  deepseek: 'deepseek',
  gemini: 'google',
  palm: 'google',
  vertex_ai: 'google-vertex',
  mistral: 'mistral',
  codestral: 'mistral',
  'text-completion-codestral': 'mistral',
  groq: 'groq',
  together_ai: 'together',
  fireworks_ai: 'fireworks',
  'fireworks_ai-embedding-models': 'fireworks',
  bedrock: 'aws-bedrock',
  bedrock_converse: 'aws-bedrock',
  bedrock_mantle: 'aws-bedrock',
  sagemaker: 'aws-sagemaker',
  azure: 'azure',
  azure_ai: 'azure',
  azure_text: 'azure',
  openrouter: 'openrouter',
  xai: 'xai',
  cohere: 'cohere',
  cohere_chat: 'cohere',
  perplexity: 'perplexity',
  replicate: 'replicate',
  anyscale: 'anyscale',
  deepinfra: 'deepinfra',
  novita: 'novita',
  cerebras: 'cerebras',
  sambanova: 'sambanova',
  nebius: 'nebius',
  dashscope: 'alibaba',
  moonshot: 'moonshot',
  zai: 'zai',
  minimax: 'minimax',
  lambda_ai: 'lambda',
  cloudflare: 'cloudflare',
  vercel_ai_gateway: 'vercel',
  github_copilot: 'github-copilot',
  databricks: 'databricks',
  snowflake: 'snowflake',
  watsonx: 'ibm-watsonx',
  oci: 'oracle-oci',
  ollama: 'ollama',
  nvidia_nim: 'nvidia',
  friendliai: 'friendli',
  meta_llama: 'meta',
  amazon_nova: 'amazon-nova',
  ai21: 'ai21',
  voyage: 'voyage',
  hyperbolic: 'hyperbolic',
  baseten: 'baseten',
  featherless_ai: 'featherless',
  jina_ai: 'jina',
};

/** models.dev provider id -> our slug. */
export const MODELSDEV_PROVIDER_SLUGS: Readonly<Record<string, string>> = {
  openai: 'openai',
  anthropic: 'anthropic',
  google: 'google',
  'google-vertex': 'google-vertex',
  'google-vertex-anthropic': 'google-vertex',
  'amazon-bedrock': 'aws-bedrock',
  togetherai: 'together',
  groq: 'groq',
  'fireworks-ai': 'fireworks',
  deepseek: 'deepseek',
  mistral: 'mistral',
  azure: 'azure',
  xai: 'xai',
  cohere: 'cohere',
  openrouter: 'openrouter',
  perplexity: 'perplexity',
  deepinfra: 'deepinfra',
  'novita-ai': 'novita',
  cerebras: 'cerebras',
  nebius: 'nebius',
  alibaba: 'alibaba',
  moonshotai: 'moonshot',
  zai: 'zai',
  minimax: 'minimax',
  'cloudflare-workers-ai': 'cloudflare',
  vercel: 'vercel',
  'github-copilot': 'github-copilot',
  databricks: 'databricks',
  'snowflake-cortex': 'snowflake',
  nvidia: 'nvidia',
  friendli: 'friendli',
  llama: 'meta',
  baseten: 'baseten',
  huggingface: 'huggingface',
};

/** A slug our provider regex accepts, from any provider name: "Together_AI" -> "together-ai". */
export function slugifyProvider(name: string): string {
  const slug = name
    .trim()
    .toLowerCase()
    .replace(/[_\s/]+/g, '-')
    .replace(/[^a-z0-9.-]/g, '')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|-+$/g, '');
  return slug || 'unknown';
}

export function litellmProviderSlug(litellmProvider: string): string {
  const known = LITELLM_PROVIDER_SLUGS[litellmProvider];
  if (known) return known;
  if (litellmProvider.startsWith('vertex_ai')) return 'google-vertex';
  return slugifyProvider(litellmProvider);
}

export function modelsDevProviderSlug(providerId: string): string {
  return MODELSDEV_PROVIDER_SLUGS[providerId] ?? slugifyProvider(providerId);
}
