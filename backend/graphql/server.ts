import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { GraphQLError, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { createSchema, createYoga, type Plugin } from 'graphql-yoga';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { isErrorCode } from '../../shared/errors';
import { typeDefs } from '../../shared/graphql/schema';
import type { Services } from '../services';
import { contextFor, type BackendContext } from './context';
import { Mutation } from './resolvers/mutations';
import { Query } from './resolvers/queries';
import { Subscription } from './resolvers/subscriptions';
import { LiveRights } from './live-rights';
import { keyOperation, subscribeShared } from './shared-execution';
import { documentLimitPlugins } from './document-limits';
import { createErrorMasker } from './error-masking';
import { checkOperationInput, operationInputPlugin } from './operation-input';
import { typeResolvers } from './resolvers/types';
import {
  closeAfterAnswer,
  crossSiteRefusal,
  httpWithoutSubscriptions,
  readBoundedBody,
  requestShapeRefusal,
  sendRefusal,
  tooLarge,
} from './http-guard';
import { SubscriptionCaps } from './transport-caps';

const MAX_BODY_BYTES = 256 * 1024;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Whether a Host header names this machine's loopback (with or without a port). */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
  return LOOPBACK_HOSTS.has(name.toLowerCase());
}

/**
 * Every refusal carries one of the contract's codes: a document that does not parse or
 * validate (syntax, unknown field, depth, alias or cost limit) is BAD_USER_INPUT.
 */
function withRefusalCode(error: GraphQLError): GraphQLError {
  const code = error.extensions['code'];
  if (typeof code === 'string' && isErrorCode(code)) return error;
  if (code === 'INTERNAL_SERVER_ERROR') return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code: 'BAD_USER_INPUT', ...(code ? { graphqlCode: code } : {}) },
  });
}

const refusalCodePlugin: Plugin = {
  onResultProcess({ result, setResult }) {
    if (Array.isArray(result) || !result || typeof result !== 'object' || !('errors' in result)) return;
    const single = result as ExecutionResult;
    if (!single.errors?.length) return;
    setResult({ ...single, errors: single.errors.map((e) => withRefusalCode(e)) });
  },
};
const CONNECTION_INIT_TIMEOUT_MS = 5_000;

export interface GraphqlServerOptions {
  connectionInitTimeoutMs?: number;
  /**
   * Browser origins allowed to call over HTTP (CORS) and to open the WebSocket; none by
   * default. Requests from any other web page (`Origin`, `Sec-Fetch-Site`) are refused.
   */
  corsOrigins?: string[];
  /** Subscriptions one WebSocket may hold (default 100). */
  subscriptionsPerSocket?: number;
  /** Subscriptions one staff member may hold across their WebSockets (default 200). */
  subscriptionsPerStaff?: number;
  /**
   * Bound to a loopback address: requests must name a loopback host, so that a web page
   * cannot reach this server through DNS rebinding.
   */
  loopbackOnly?: boolean;
  /** Called for unexpected errors (never with a client's secrets). */
  log?: (message: string) => void;
}

/** The HTTP server carrying both transports, and how to close it with every connection. */
export interface GraphqlServer {
  server: Server;
  close(): Promise<void>;
}

type WsExtra = {
  request: IncomingMessage;
  socket: WebSocket;
  context?: BackendContext;
};

/**
 * GraphQL over HTTP (yoga) and graphql-ws on one port and one path, with the same schema,
 * limits (depth, aliases, cost, tokens) and context on both.
 */
export function createGraphqlServer(services: Services, options: GraphqlServerOptions = {}): GraphqlServer {
  const masker = createErrorMasker(options.log);
  const schema = createSchema<BackendContext>({
    typeDefs,
    resolvers: { Query, Mutation, Subscription, ...typeResolvers },
  });
  const yoga = createYoga<{ req?: IncomingMessage; backend?: BackendContext }, BackendContext>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: false,
    landingPage: false,
    batching: false,
    logging: false,
    // Only JSON (and application/graphql) bodies reach Yoga (http-guard); no form parsers.
    multipart: false,
    maxRequestBodySize: MAX_BODY_BYTES,
    cors: options.corsOrigins?.length ? { origin: options.corsOrigins, credentials: false } : false,
    // Refusals pass as they are; anything unexpected is logged and masked (WebSocket too).
    maskedErrors: { maskError: (error, message) => masker.maskError(error, message) },
    plugins: [httpWithoutSubscriptions, refusalCodePlugin, ...documentLimitPlugins(), operationInputPlugin],
    context: (initial) => {
      if (initial.backend) return initial.backend;
      const request = initial.request;
      const address = initial.req?.socket.remoteAddress ?? 'unknown';
      return contextFor(services, request.headers.get('authorization'), address);
    },
  });

  const corsOrigins = options.corsOrigins ?? [];
  const hostAllowed = (req: IncomingMessage): boolean =>
    !options.loopbackOnly || isLoopbackHost(req.headers.host);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (!hostAllowed(req)) {
      res
        .writeHead(421, { 'content-type': 'text/plain' })
        .end('This server answers only to a loopback host name.');
      req.resume();
      return;
    }
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (path === '/readyz') {
      void services.store.ping().then((storeUp) => {
        const up = storeUp && services.pubsub.ready();
        res.writeHead(up ? 200 : 503, { 'content-type': 'text/plain' }).end(up ? 'ready' : 'not ready');
      });
      return;
    }
    void guardThenHandle(req, res);
  });

  /**
   * Before Yoga: refuse other sites' pages, form posts and oversized bodies, the body
   * counted as it streams and never read past the limit; Yoga then gets the read body.
   */
  const guardThenHandle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const refusal = crossSiteRefusal(req, corsOrigins) ?? requestShapeRefusal(req);
    if (refusal) {
      closeAfterAnswer(req, res);
      sendRefusal(res, refusal);
      return;
    }
    if (req.method === 'POST') {
      const length = Number(req.headers['content-length'] ?? 0);
      const body =
        length > MAX_BODY_BYTES ? null : await readBoundedBody(req, MAX_BODY_BYTES).catch(() => undefined);
      if (body === undefined) return; // the client went away mid-body
      if (body === null) {
        closeAfterAnswer(req, res);
        sendRefusal(res, tooLarge(MAX_BODY_BYTES));
        return;
      }
      // @whatwg-node/server takes a body already read from `req.body` (as behind Express).
      (req as IncomingMessage & { body?: Uint8Array }).body = body;
    }
    await yoga.handle(req, res, { req });
  };

  const wss = new WebSocketServer({
    server,
    path: '/graphql',
    maxPayload: MAX_BODY_BYTES,
    verifyClient: (
      { req }: { req: IncomingMessage },
      done: (ok: boolean, status?: number, message?: string) => void,
    ) => {
      if (!hostAllowed(req)) return done(false, 421, 'This server answers only to a loopback host name.');
      const refusal = crossSiteRefusal(req, corsOrigins);
      return refusal ? done(false, refusal.status, refusal.message) : done(true);
    },
  });
  const caps = new SubscriptionCaps({
    perSocket: options.subscriptionsPerSocket,
    perStaff: options.subscriptionsPerStaff,
  });
  const rights = LiveRights.for(services, (message) => options.log?.(message)); // expiry, sign-out, room rights
  useServer<Record<string, unknown> | undefined, WsExtra>(
    {
      connectionInitWaitTimeout: options.connectionInitTimeoutMs ?? CONNECTION_INIT_TIMEOUT_MS,
      // Close reasons never carry internal error messages (graphql-ws sends them unless isProd).
      isProd: true,
      subscribe: (args) => subscribeShared(args, masker),
      // The same masking as HTTP for results and errors sent over the socket.
      onNext: (_ctx, _id, _payload, _args, result) => {
        const masked = masker.maskResult(result);
        return masked === result ? undefined : masked;
      },
      onError: (_ctx, _id, _payload, errors) => masker.maskErrors(errors),
      async onConnect(ctx) {
        const address = ctx.extra.request.socket.remoteAddress ?? 'unknown';
        let context: BackendContext;
        try {
          context = await contextFor(services, ctx.connectionParams?.['authorization'], address);
        } catch (error) {
          // Logged here, once, rather than by graphql-ws on stderr; the client reads nothing internal.
          options.log?.(`unexpected error on connect: ${(error as Error | null)?.stack ?? String(error)}`);
          ctx.extra.socket.close(CloseCode.InternalServerError, 'Internal server error');
          return false;
        }
        if (!context.principal || context.principal.kind !== 'staff') return false; // closes 4403 Forbidden
        if (!rights.admit(ctx.extra, ctx.extra.socket, context.principal)) return false; // signed out: closed 4401
        ctx.extra.context = context;
        return true;
      },
      onClose: (ctx) => rights.release(ctx.extra),
      async onSubscribe(ctx, _id, payload) {
        try {
          const context = ctx.extra.context;
          const principal = context?.principal;
          if (
            !context ||
            !principal ||
            (principal.kind === 'staff' && principal.expiresAt * 1000 <= Date.now())
          ) {
            ctx.extra.socket.close(CloseCode.Forbidden, 'Forbidden');
            return [
              new GraphQLError('Your access token expired; reconnect with a fresh one.', {
                extensions: { code: 'UNAUTHENTICATED' },
              }),
            ];
          }
          const overCap = principal.kind === 'staff' ? caps.admit(ctx, principal.staffId) : null;
          if (overCap) return [overCap];
          const enveloped = yoga.getEnveloped({
            req: ctx.extra.request,
            backend: context,
            params: payload,
            request: undefined,
          });
          let document;
          try {
            document = enveloped.parse(payload.query);
          } catch (error) {
            return [
              withRefusalCode(
                error instanceof GraphQLError ? error : new GraphQLError('The query could not be parsed.'),
              ),
            ];
          }
          let errors: readonly GraphQLError[];
          try {
            errors = enveloped.validate(enveloped.schema, document);
          } catch (error) {
            // A refused subscription must not close the connection; nothing internal is sent.
            errors = error instanceof GraphQLError ? [error] : masker.maskErrors([error]);
          }
          if (errors.length > 0) return errors.map((e: GraphQLError) => withRefusalCode(e));
          const inputErrors = checkOperationInput(
            enveloped.schema,
            document,
            payload.operationName,
            payload.variables,
          );
          if (inputErrors.length > 0) return inputErrors;
          keyOperation(document, payload.query, payload.variables, payload.operationName);
          const args: ExecutionArgs = {
            schema: enveloped.schema,
            document,
            operationName: payload.operationName ?? null,
            variableValues: payload.variables ?? null,
            contextValue: await enveloped.contextFactory(),
          };
          return args;
        } catch (error) {
          // Unexpected: logged and masked like HTTP, and the connection stays open.
          return masker.maskErrors([error]);
        }
      },
    },
    wss,
  );
  return {
    server,
    async close() {
      rights.close();
      for (const client of wss.clients) client.close(1001, 'Going away');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
