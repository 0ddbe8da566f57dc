import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import {
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { refusal } from '../domain/errors';

/**
 * What one request may ask for, on HTTP and WebSocket alike. Tokens, depth and aliases
 * depend on the document alone (graphql-armor, at parse and validation); the page size and
 * the cost depend on variables' values too, so they are checked once those are known, just
 * before execution (see operation-input.ts): `first: $n` costs what `first: 1000` costs.
 */
export const DOCUMENT_LIMITS = {
  /** Names, punctuation and values in one document. */
  tokens: 4000,
  /** Nested selections. */
  depth: 10,
  /** Aliased fields in one document. */
  aliases: 15,
  /** Items per page of a connection (`first`), GitHub's maximum too. */
  pageSize: 100,
  /** Estimated cost of one operation (see operationCost). */
  cost: 5000,
} as const;

/**
 * The cost model. Every object the answer may hold costs 1; a field whose resolver reads
 * the store costs STORE_READ more per parent value (root fields once; `Staff.tenant` and
 * `Staff.presence` once per staff member, as they are read one by one). A list is as long as
 * its `first` / `last` says (its default when absent), and other lists are assumed to hold
 * UNSIZED_LIST items. A page of 100 enquiries with visitor, owner, participants and monitors
 * costs about 1,400; asking for every participant's tenant on such a page costs over 6,000,
 * as it reads the store ~600 times.
 */
const STORE_READ = 20;
const STORE_READING_FIELDS = new Set(['Staff.tenant', 'Staff.presence', 'Room.messages']);
const UNSIZED_LIST = 5;
const LIST_SIZE: Record<string, number> = { 'Query.staffMembers': 50 };
/** Page sizes the resolvers use when `first` / `last` is absent. */
const DEFAULT_PAGE: Record<string, number> = {
  'Query.enquiryOverview': 100,
  'Query.auditTrail': 50,
  'Room.messages': 50,
};

type Variables = Record<string, unknown>;

const isRoot = (schema: GraphQLSchema, type: GraphQLCompositeType): boolean =>
  type === schema.getQueryType() ||
  type === schema.getMutationType() ||
  type === schema.getSubscriptionType();

function intArgument(field: FieldNode, name: string, variables: Variables): number | null {
  const argument = field.arguments?.find((a) => a.name.value === name);
  if (!argument) return null;
  const value = argument.value;
  if (value.kind === Kind.INT) return Number.parseInt(value.value, 10);
  if (value.kind === Kind.VARIABLE) {
    const given = variables[value.name.value];
    return typeof given === 'number' && Number.isFinite(given) ? given : null;
  }
  return null;
}

class CostEstimate {
  private readonly fragmentCosts = new Map<string, number>();
  private readonly visiting = new Set<string>();
  /** Page-size refusals found on the way. */
  readonly problems: GraphQLError[] = [];

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Map<string, FragmentDefinitionNode>,
    private readonly variables: Variables,
  ) {}

  selections(type: GraphQLCompositeType, set: SelectionSetNode, pageSize: number | null): number {
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) cost += this.field(type, selection, pageSize);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition
          ? this.schema.getType(selection.typeCondition.name.value)
          : type;
        if (condition && isCompositeType(condition))
          cost += this.selections(condition, selection.selectionSet, pageSize);
      } else cost += this.fragment(selection.name.value, pageSize);
    }
    return cost;
  }

  /** A fragment's cost, once per fragment and page size (a chain of spreads stays linear). */
  private fragment(name: string, pageSize: number | null): number {
    const key = `${name}\u0000${pageSize ?? ''}`;
    const known = this.fragmentCosts.get(key);
    if (known !== undefined) return known;
    const fragment = this.fragments.get(name);
    if (!fragment || this.visiting.has(name)) return 0; // unknown or cyclic: validation refuses it
    const type = this.schema.getType(fragment.typeCondition.name.value);
    if (!type || !isCompositeType(type)) return 0;
    this.visiting.add(name);
    const cost = this.selections(type, fragment.selectionSet, pageSize);
    this.visiting.delete(name);
    this.fragmentCosts.set(key, cost);
    return cost;
  }

  private field(parent: GraphQLCompositeType, node: FieldNode, pageSize: number | null): number {
    if (node.name.value.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) return 0;
    const definition = parent.getFields()[node.name.value];
    if (!definition) return 0;
    const named = getNamedType(definition.type);
    if (!isCompositeType(named) || !node.selectionSet) return 0;
    const coordinate = `${parent.name}.${node.name.value}`;
    const first = intArgument(node, 'first', this.variables);
    if (first !== null && first > DOCUMENT_LIMITS.pageSize) {
      this.problems.push(
        refusal(
          'BAD_USER_INPUT',
          `A page holds at most ${DOCUMENT_LIMITS.pageSize} items (${coordinate} asked for first: ${first}). ` +
            `Ask for first: ${DOCUMENT_LIMITS.pageSize} or fewer, and for the next page pass pageInfo.endCursor as after.`,
          { limit: 'pageSize', max: DOCUMENT_LIMITS.pageSize },
        ),
      );
    }
    const requested = first ?? intArgument(node, 'last', this.variables);
    const sized = requested !== null ? Math.max(1, requested) : (DEFAULT_PAGE[coordinate] ?? null);
    const nullable = isNonNullType(definition.type) ? definition.type.ofType : definition.type;
    // A list holds its page (or its connection's page: edges); a connection passes its page on.
    const count = isListType(nullable) ? (sized ?? pageSize ?? LIST_SIZE[coordinate] ?? UNSIZED_LIST) : 1;
    const childPage = isListType(nullable) ? null : sized;
    const reads = isRoot(this.schema, parent) || STORE_READING_FIELDS.has(coordinate);
    return (reads ? STORE_READ : 0) + count * (1 + this.selections(named, node.selectionSet, childPage));
  }
}

/**
 * The estimated cost of an operation with its (coerced) variables' values, and any page
 * asked for beyond DOCUMENT_LIMITS.pageSize.
 */
export function operationCost(
  schema: GraphQLSchema,
  fragments: Map<string, FragmentDefinitionNode>,
  operation: OperationDefinitionNode,
  variables: Variables,
): { cost: number; problems: GraphQLError[] } {
  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (!root) return { cost: 0, problems: [] };
  const estimate = new CostEstimate(schema, fragments, variables);
  const cost = estimate.selections(root, operation.selectionSet, null);
  return { cost, problems: estimate.problems };
}

/** The refusals for an operation's page sizes and cost, none when it is within the limits. */
export function costProblems(
  schema: GraphQLSchema,
  fragments: Map<string, FragmentDefinitionNode>,
  operation: OperationDefinitionNode,
  variables: Variables,
): GraphQLError[] {
  const { cost, problems } = operationCost(schema, fragments, operation, variables);
  if (problems.length > 0) return problems;
  if (cost <= DOCUMENT_LIMITS.cost) return [];
  const format = (n: number): string => Math.round(n).toLocaleString('en-GB');
  return [
    refusal(
      'BAD_USER_INPUT',
      `This request would cost about ${format(cost)}, over the limit of ${format(DOCUMENT_LIMITS.cost)} per request. ` +
        "Every item of a page and of a nested list counts, and a staff member's tenant or presence costs " +
        `${STORE_READ} each. Ask for fewer items per page (first), fewer nested lists or aliases, or split it into several requests.`,
      { limit: 'cost', max: DOCUMENT_LIMITS.cost, cost: Math.round(cost) },
    ),
  ];
}

const found = (error: GraphQLError): string => /found (\d+)/.exec(error.message)?.[1] ?? 'more';

/**
 * graphql-armor's token, depth and alias limits with refusals that say the limit and how to
 * stay under it (its own read "Syntax Error: …").
 */
export function documentLimitPlugins(): Plugin[] {
  return [
    maxTokensPlugin({
      n: DOCUMENT_LIMITS.tokens,
      propagateOnRejection: false,
      onReject: [
        () => {
          throw refusal(
            'BAD_USER_INPUT',
            `This request has more than ${DOCUMENT_LIMITS.tokens.toLocaleString('en-GB')} tokens (names, punctuation and values). ` +
              'Send a shorter document: fewer fields or aliases, and pass long values as variables.',
            { limit: 'tokens', max: DOCUMENT_LIMITS.tokens },
          );
        },
      ],
    }),
    maxDepthPlugin({
      n: DOCUMENT_LIMITS.depth,
      ignoreIntrospection: true,
      propagateOnRejection: false,
      onReject: [
        (context: ValidationContext | null, error: GraphQLError) =>
          context?.reportError(
            refusal(
              'BAD_USER_INPUT',
              `This query nests ${found(error)} levels deep; the depth limit is ${DOCUMENT_LIMITS.depth}. ` +
                'Ask for fewer nested fields, or fetch the deeper part in a second request.',
              { limit: 'depth', max: DOCUMENT_LIMITS.depth },
            ),
          ),
      ],
    }),
    maxAliasesPlugin({
      n: DOCUMENT_LIMITS.aliases,
      propagateOnRejection: false,
      onReject: [
        (context: ValidationContext | null, error: GraphQLError) =>
          context?.reportError(
            refusal(
              'BAD_USER_INPUT',
              `This query uses ${found(error)} aliases; the limit is ${DOCUMENT_LIMITS.aliases}. ` +
                'Use fewer aliases, or split the query into several requests.',
              { limit: 'aliases', max: DOCUMENT_LIMITS.aliases },
            ),
          ),
      ],
    }),
  ];
}
