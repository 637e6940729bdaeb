import { Logger } from '@nestjs/common';
import { GraphQLError, type ASTVisitor, type Location, type DocumentNode, type ValidationContext, type ValueNode } from 'graphql';

import { toErrorBody } from '../common/http-exception.filter.js';
import { NUL_MESSAGE, nulCharacterIssues } from '../common/zod-validation.pipe.js';

/**
 * What GraphQL callers see when something fails: the same classification REST uses
 * (toErrorBody), as GraphQL errors with a code, and never a database message, source path or
 * stack. A database outage answers 503 with Retry-After, like REST, instead of 200 and nulls that
 * read as "not found".
 */

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  422: 'BAD_USER_INPUT',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

const logger = new Logger('GraphQL');

interface ExecutionWithErrors {
  data?: unknown;
  errors: readonly GraphQLError[];
  statusCode?: number;
}

interface ReplyLike {
  header(name: string, value: string): unknown;
}

/** An error raised before execution (hooks) that mercurius answers with `statusCode` and these errors. */
export class GraphqlRequestError extends Error {
  readonly statusCode = 400;
  constructor(readonly errors: GraphQLError[]) {
    super(errors.map((error) => error.message).join('; '));
  }
}

/**
 * Structural, not `instanceof`: mercurius loads graphql's CommonJS build and, under Vite (tests),
 * our code may get the ESM one, whose classes differ.
 */
function isGraphQLError(value: unknown): value is GraphQLError {
  return value instanceof Error && value.name === 'GraphQLError' && typeof (value as GraphQLError).toJSON === 'function';
}

function copyWith(error: GraphQLError, message: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, extensions });
}

/** One error as the caller may see it, and the HTTP status it asks for (500 when it is our bug). */
function classify(error: GraphQLError): { error: GraphQLError; status: number; headers?: Record<string, string> } {
  const original = error.originalError;
  // Errors GraphQL made itself (syntax, validation, coercion) or that we raised with a code.
  if (!original || isGraphQLError(original) || typeof error.extensions?.code === 'string') return { error, status: 400 };
  const { status, body, headers } = toErrorBody(original);
  if (status >= 500 && status !== 503) {
    logger.error({ err: original, path: error.path }, original.message);
    return { error: copyWith(error, 'Internal server error', { code: 'INTERNAL_SERVER_ERROR' }), status };
  }
  const { statusCode: _status, error: _name, message, ...details } = body;
  return { error: copyWith(error, message, { code: CODE_BY_STATUS[status] ?? 'ERROR', ...details }), status, headers };
}

/** mercurius `errorFormatter`. */
export function formatGraphqlErrors(execution: ExecutionWithErrors, context: { reply?: ReplyLike }) {
  // Errors thrown before execution come wrapped, with the real ones in `originalError.errors`.
  const flat = execution.errors.flatMap((error) => {
    const inner = (error.originalError as { errors?: unknown } | undefined)?.errors;
    return Array.isArray(inner) ? inner.map((e: Error) => (isGraphQLError(e) ? e : new GraphQLError(e.message, { originalError: e }))) : [error];
  });
  const classified = flat.map(classify);
  const unavailable = classified.find((c) => c.status === 503);

  let statusCode = execution.data ? 200 : (execution.statusCode ?? 200);
  if (unavailable) {
    statusCode = 503;
    for (const [name, value] of Object.entries(unavailable.headers ?? {})) context.reply?.header(name, value);
  } else if (!execution.data && execution.statusCode === undefined) {
    // Nothing ran: a request error carries its own status (400 for syntax, validation, limits).
    const original = execution.errors[0]?.originalError as { statusCode?: unknown } | undefined;
    statusCode = execution.errors.length === 1 && typeof original?.statusCode === 'number' ? original.statusCode : 200;
  }
  return {
    statusCode,
    response: { data: (execution.data ?? null) as Record<string, unknown> | null, errors: classified.map((c) => c.error.toJSON()) },
  };
}

/**
 * mercurius `preValidation` hook. When a query does not parse, mercurius tries it as a JSON-encoded
 * AST and runs whatever that gives ("{}" or "[]" then fail inside graphql-js). A document the parser
 * made carries a Location, whose methods JSON cannot give; one built by JSON.parse is refused as the
 * syntax error it is (checked by shape, as in isGraphQLError).
 */
export function refuseUnparsedDocuments(_schema: unknown, document: DocumentNode): void {
  if (typeof (document?.loc as Partial<Location> | undefined)?.toJSON !== 'function') {
    throw new GraphqlRequestError([new GraphQLError('Syntax Error: the query is not a GraphQL document.', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })]);
  }
}

function literalContainsNul(node: ValueNode): boolean {
  switch (node.kind) {
    case 'StringValue':
      return node.value.includes('\u0000');
    case 'ListValue':
      return node.values.some(literalContainsNul);
    case 'ObjectValue':
      return node.fields.some((field) => literalContainsNul(field.value));
    default:
      return false;
  }
}

/**
 * PostgreSQL text cannot hold NUL (a query with one fails in the database): refuse it in argument
 * literals here, as ZodPipe does for REST, naming the argument.
 */
export function noNulCharactersRule(context: ValidationContext): ASTVisitor {
  return {
    Argument(node) {
      if (literalContainsNul(node.value)) {
        context.reportError(new GraphQLError(`Invalid argument ${node.name.value}: ${NUL_MESSAGE}`, { nodes: [node], extensions: { code: 'BAD_USER_INPUT', argument: node.name.value } }));
      }
    },
  };
}

/**
 * mercurius `preExecution` hook. Variables must be an object (over GET a JSON string holding a
 * string reaches graphql-js, which throws a plain Error), and carry no NUL: the literal rule's
 * refusal for the values validation does not see.
 */
export function checkVariables(_schema: unknown, _document: DocumentNode, _context: unknown, variables?: unknown): void {
  if (variables === undefined || variables === null) return;
  if (typeof variables !== 'object' || Array.isArray(variables)) {
    throw new GraphqlRequestError([new GraphQLError('Invalid variables: expected a JSON object of variable values', { extensions: { code: 'BAD_USER_INPUT', argument: 'variables' } })]);
  }
  // The same walk ZodPipe uses for REST input (iterative: deep variables cannot overflow the stack).
  const [issue] = nulCharacterIssues(variables, [], 1);
  if (issue) {
    throw new GraphqlRequestError([new GraphQLError(`Invalid variable $${issue.path}: ${issue.message}`, { extensions: { code: 'BAD_USER_INPUT', argument: issue.path } })]);
  }
}
