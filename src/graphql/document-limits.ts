import { type DocumentNode, type FragmentDefinitionNode, Kind, Lexer, type SelectionSetNode, Source, TokenKind } from 'graphql';

/**
 * Bounds on a GraphQL document, checked on its text before anything parses, validates or caches
 * it: a document's size, its number of tokens and how deeply its brackets nest. Parsing and
 * validation cost grows with these (fragment spreads make validation quadratic), and every cache
 * that holds a document holds its text and its tree: with the bounds, no single request can hold
 * the event loop for more than a few milliseconds or make a cache entry large.
 */
export interface DocumentLimits {
  maxBytes: number;
  maxTokens: number;
  maxNesting: number;
}

export interface DocumentLimitViolation {
  limit: 'GRAPHQL_MAX_DOCUMENT_BYTES' | 'GRAPHQL_MAX_TOKENS' | 'GRAPHQL_MAX_NESTING';
  message: string;
}

const OPENERS = new Set<string>([TokenKind.BRACE_L, TokenKind.PAREN_L, TokenKind.BRACKET_L]);
const CLOSERS = new Set<string>([TokenKind.BRACE_R, TokenKind.PAREN_R, TokenKind.BRACKET_R]);

/** The first limit the document breaks, or null. A lexical error is left for the parser to report. */
export function documentLimitViolation(document: string, limits: DocumentLimits): DocumentLimitViolation | null {
  // Cheap bound first: UTF-8 takes at least one byte per UTF-16 unit.
  if (document.length > limits.maxBytes || Buffer.byteLength(document) > limits.maxBytes) {
    return { limit: 'GRAPHQL_MAX_DOCUMENT_BYTES', message: `The GraphQL document is larger than ${limits.maxBytes} bytes` };
  }
  // The lexer is a loop (no recursion) and skips comments: linear in the (bounded) text.
  const lexer = new Lexer(new Source(document));
  let tokens = 0;
  let nesting = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (++tokens > limits.maxTokens) {
        return { limit: 'GRAPHQL_MAX_TOKENS', message: `The GraphQL document has more than ${limits.maxTokens} tokens` };
      }
      if (OPENERS.has(token.kind)) {
        if (++nesting > limits.maxNesting) {
          return { limit: 'GRAPHQL_MAX_NESTING', message: `The GraphQL document nests brackets more than ${limits.maxNesting} levels deep` };
        }
      } else if (CLOSERS.has(token.kind)) nesting--;
    }
  } catch {
    return null;
  }
  return null;
}

/** The documents of a GraphQL HTTP request: `query` of a JSON body (or of each in a batch), a raw application/graphql body, or `?query=`. */
export function documentsOfRequest(body: unknown, query: unknown): string[] {
  const documents: string[] = [];
  const take = (value: unknown) => {
    if (typeof value === 'string') documents.push(value);
    else if (value && typeof value === 'object' && typeof (value as { query?: unknown }).query === 'string') documents.push((value as { query: string }).query);
  };
  if (Array.isArray(body)) body.forEach(take);
  else take(body);
  take(query);
  return documents;
}

/**
 * Validation compares every pair of fields that share a response name in a selection set
 * (fragments included), and each pair's sub-selections: a few hundred copies of one field make it
 * take hundreds of milliseconds while the document stays small. A real query repeats a field a
 * handful of times at most (through overlapping fragments), so more than `maxRepeats` fields of one
 * response name in one merged selection set is refused before validation runs. The walk expands
 * fragments with a work budget, so it is linear however the document is built.
 */
export function repeatedFieldViolation(document: DocumentNode, maxRepeats: number, budget = 20_000): string | null {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  let work = 0;
  const pending: SelectionSetNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) pending.push(definition.selectionSet);
  }
  const seenSets = new Set<SelectionSetNode>();
  while (pending.length) {
    const set = pending.pop()!;
    if (seenSets.has(set)) continue;
    seenSets.add(set);
    // The fields this selection set merges: its own, and those of its inline fragments and spreads.
    const counts = new Map<string, number>();
    const stack: SelectionSetNode[] = [set];
    const spreadCounts = new Map<string, number>();
    while (stack.length) {
      const current = stack.pop()!;
      for (const selection of current.selections) {
        if (++work > budget) return 'The GraphQL document is too complex to validate (fragments expand too far)';
        if (selection.kind === Kind.FIELD) {
          const name = selection.alias?.value ?? selection.name.value;
          const count = (counts.get(name) ?? 0) + 1;
          if (count > maxRepeats) return `The field "${name}" is selected more than ${maxRepeats} times in one selection set`;
          counts.set(name, count);
          if (selection.selectionSet) pending.push(selection.selectionSet);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          stack.push(selection.selectionSet);
        } else {
          const name = selection.name.value;
          const spreads = (spreadCounts.get(name) ?? 0) + 1;
          if (spreads > maxRepeats) return `The fragment "${name}" is spread more than ${maxRepeats} times in one selection set`;
          spreadCounts.set(name, spreads);
          const fragment = fragments.get(name);
          // Each fragment's fields once per selection set: spreading it again adds nothing to merge.
          if (fragment && spreads === 1) stack.push(fragment.selectionSet);
        }
      }
    }
  }
  return null;
}
