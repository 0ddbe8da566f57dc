/**
 * The GraphQL documents the console sends. Their selections produce exactly the shapes of
 * `../domain.ts`, so a result can be handed to the renderer as it is. They live in
 * shared/graphql/operations/, one file per part of the console; the fragments they share
 * are in operations/fragments.ts.
 */
export * from './operations/session';
export * from './operations/board';
export * from './operations/room';
export * from './operations/supervisor';
export * from './operations/audit-and-settings';
