import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSchema, createYoga } from 'graphql-yoga';

/**
 * The floor for a GraphQL request over HTTP on this machine: a bare graphql-yoga server with a
 * one-field schema on Node's http server, port 0, with the transport settings our backend uses
 * (no GraphiQL, landing page, batching, CORS or logging), so that it differs from ours only in
 * schema, plugins (limits, error masking) and context (the caller).
 */

export interface BareYoga {
  url: string;
  close(): Promise<void>;
}

export async function startBareYoga(): Promise<BareYoga> {
  const yoga = createYoga({
    schema: createSchema({
      typeDefs: /* GraphQL */ `
        type Query {
          hello: String!
        }
      `,
      resolvers: { Query: { hello: () => 'world' } },
    }),
    graphqlEndpoint: '/graphql',
    graphiql: false,
    landingPage: false,
    batching: false,
    cors: false,
    logging: false,
  });
  const server = createServer((req, res) => void yoga.handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
