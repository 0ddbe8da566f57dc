import type { GraphQLError } from 'graphql';
import {
  getOperationAST,
  getVariableValues,
  Kind,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { refusal } from '../domain/errors';
import { costProblems } from './document-limits';

/**
 * The boundary check of an operation's input, run once the document is valid and before
 * any resolver: variables of the right types (graphql's own coercion, answered as
 * BAD_USER_INPUT in words a person reads), text the store can keep, and the page size and
 * cost with the variables' values (document-limits.ts). The same check runs for HTTP (the
 * plugin below) and for graphql-ws (server.ts, onSubscribe).
 *
 * Text: a NUL character (U+0000) is refused, not dropped: PostgreSQL cannot store it in
 * text, and silently changing what someone typed (or an id they pasted) is worse than
 * saying so. An unpaired UTF-16 surrogate (U+D800–U+DFFF alone, only possible through a
 * JSON `\uD83D` escape from a broken client) is refused too, for the same reasons.
 */

/** How deep a variables object may nest; no input type of the schema nests deeper than 3. */
const MAX_VARIABLE_DEPTH = 16;

const INT_RANGE = 'Int values are whole numbers from -2147483648 to 2147483647.';

/** What is wrong with one string, or null. */
export function textProblem(text: string): string | null {
  if (text.includes('\u0000'))
    return 'contains a NUL character (U+0000), which cannot be stored; remove it and send again';
  // An unpaired surrogate: a high one not followed by a low one, or a low one not after a high one.
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)) {
    return 'contains a broken character (an unpaired UTF-16 surrogate); send the text as valid Unicode';
  }
  return null;
}

/** Walks a JSON value without recursion (a hostile one may nest thousands deep). */
function variableProblems(variables: Record<string, unknown>): GraphQLError[] {
  const stack: { value: unknown; path: string; depth: number }[] = Object.entries(variables).map(
    ([name, value]) => ({
      value,
      path: `$${name}`,
      depth: 1,
    }),
  );
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) return [refusal('BAD_USER_INPUT', `The value of ${path} ${problem}.`, { variable: path })];
    } else if (value !== null && typeof value === 'object') {
      if (depth > MAX_VARIABLE_DEPTH) {
        return [
          refusal(
            'BAD_USER_INPUT',
            `The value of ${path} nests deeper than any input of this API; send it as its type says.`,
          ),
        ];
      }
      for (const [key, inner] of Object.entries(value)) {
        const keyProblem = textProblem(key);
        if (keyProblem) return [refusal('BAD_USER_INPUT', `A field name in ${path} ${keyProblem}.`)];
        stack.push({
          value: inner,
          path: Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`,
          depth: depth + 1,
        });
      }
    }
  }
  return [];
}

/** Text written in the document itself, e.g. `enquiry(id: "a\u0000")`. */
function literalProblems(document: DocumentNode): GraphQLError[] {
  const problems: GraphQLError[] = [];
  visit(document, {
    StringValue(node) {
      const problem = problems.length === 0 ? textProblem(node.value) : null;
      if (problem) problems.push(refusal('BAD_USER_INPUT', `A string in the query ${problem}.`));
    },
  });
  return problems;
}

/** graphql's coercion message, said for a person: which variable, what is wrong, what fits. */
function coercionRefusal(error: GraphQLError): GraphQLError {
  let message = error.message.replace(/\.?$/, '.');
  if (/non 32-bit signed integer|cannot represent non-integer/.test(message)) message += ` ${INT_RANGE}`;
  if (/does not exist in "\w+" enum/.test(message))
    message = message.replace(/ Did you mean[^.]*\./, '') + ' Use one of the values the schema lists for it.';
  return refusal('BAD_USER_INPUT', message);
}

/** The refusals for an operation's input; none when it may run. */
export function checkOperationInput(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  rawVariables: unknown,
): GraphQLError[] {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) return []; // graphql answers "Unknown operation" itself
  if (rawVariables != null && (typeof rawVariables !== 'object' || Array.isArray(rawVariables))) {
    return [refusal('BAD_USER_INPUT', 'variables must be a JSON object of names to values.')];
  }
  const raw = (rawVariables ?? {}) as Record<string, unknown>;
  const textual = variableProblems(raw);
  if (textual.length > 0) return textual;
  const literal = literalProblems(document);
  if (literal.length > 0) return literal;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], raw, { maxErrors: 5 });
  if (coerced.errors) return coerced.errors.map(coercionRefusal);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return costProblems(schema, fragments, operation, coerced.coerced);
}

/** Runs checkOperationInput before Yoga executes or subscribes (HTTP). */
export const operationInputPlugin: Plugin = {
  onExecute({ args, setResultAndStopExecution }) {
    const errors = checkOperationInput(args.schema, args.document, args.operationName, args.variableValues);
    if (errors.length > 0) setResultAndStopExecution({ errors });
  },
  onSubscribe({ args, setResultAndStopExecution }) {
    const errors = checkOperationInput(args.schema, args.document, args.operationName, args.variableValues);
    if (errors.length > 0) setResultAndStopExecution({ errors });
  },
};

/**
 * An audit-trail cursor (an event's position, as this server hands it out), or null;
 * BAD_USER_INPUT for anything else, before it reaches SQL.
 */
export function auditCursor(after: string | null | undefined): string | null {
  if (after == null || after === '') return null;
  if (!/^\d{1,15}$/.test(after)) {
    throw refusal(
      'BAD_USER_INPUT',
      'That page cursor is not valid: pass pageInfo.endCursor of the previous page as it is.',
    );
  }
  return after;
}
