/**
 * What an HTTP request must be before GraphQL sees it: from no other site than the allowed
 * ones, of a JSON (or GraphQL) media type, and no larger than the body limit counted as the
 * bytes arrive. Also the Yoga plugin that keeps subscriptions off HTTP: they are served only
 * over graphql-ws, where token expiry, shared execution, lease renewal and the caps apply.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getOperationAST, GraphQLError } from 'graphql';
import { processRegularResult, type Plugin } from 'graphql-yoga';
import type { ErrorCode } from '../../shared/errors';

/** A refusal answered before GraphQL runs: status, contract code and a message for a person. */
export interface HttpRefusal {
  status: number;
  code: ErrorCode;
  message: string;
  headers?: Record<string, string>;
}

/** Request media types a browser cannot send cross-site without a CORS preflight. */
const ACCEPTED_MEDIA_TYPES = new Set(['application/json', 'application/graphql']);

/** Methods the endpoint answers; anything else is refused before its body is read. */
const ANSWERED_METHODS = new Set(['GET', 'HEAD', 'POST', 'OPTIONS']);

/** Writes a refusal as a GraphQL-shaped JSON body. */
export function sendRefusal(res: ServerResponse, refusal: HttpRefusal): void {
  const body = JSON.stringify({ errors: [{ message: refusal.message, extensions: { code: refusal.code } }] });
  res.writeHead(refusal.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    ...refusal.headers,
  });
  res.end(body);
}

/**
 * Whether a browser page of another site sent the request. Allowed: no `Origin` (curl,
 * Node, the console's main process), the server's own origin, or one of `corsOrigins`.
 * Without an `Origin`, a browser's `Sec-Fetch-Site` of `cross-site` or `same-site` (another
 * port on this host is the same site) is refused too.
 */
export function crossSiteRefusal(req: IncomingMessage, corsOrigins: readonly string[]): HttpRefusal | null {
  const origin = req.headers.origin;
  if (origin !== undefined) {
    if (corsOrigins.includes(origin) || isOwnOrigin(origin, req.headers.host)) return null;
    return {
      status: 403,
      code: 'FORBIDDEN',
      message: `Requests from web pages of ${origin} are refused. Call the API from a program, or start the backend with --cors-origin ${origin} to allow that site.`,
    };
  }
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') {
    return {
      status: 403,
      code: 'FORBIDDEN',
      message:
        'Requests from web pages of other sites are refused. Call the API from a program, or from an origin named with --cors-origin.',
    };
  }
  return null;
}

function isOwnOrigin(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  return (
    origin.toLowerCase() === `http://${host}`.toLowerCase() ||
    origin.toLowerCase() === `https://${host}`.toLowerCase()
  );
}

/**
 * Refuses methods the endpoint does not answer and POST bodies of any media type but
 * `application/json` and `application/graphql`: form posts (urlencoded, multipart, text) are
 * what a web page may send to another site without asking first.
 */
export function requestShapeRefusal(req: IncomingMessage): HttpRefusal | null {
  const method = req.method ?? 'GET';
  if (!ANSWERED_METHODS.has(method)) {
    return {
      status: 405,
      code: 'BAD_USER_INPUT',
      message: `${method} is not answered here: send queries and mutations with POST (application/json).`,
      headers: { allow: 'GET, POST, OPTIONS' },
    };
  }
  if (method !== 'POST') return null;
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (ACCEPTED_MEDIA_TYPES.has(mediaType)) return null;
  return {
    status: 415,
    code: 'BAD_USER_INPUT',
    message: `${mediaType ? `Content-Type ${mediaType} is not accepted` : 'The request has no Content-Type'}: send the operation as JSON with Content-Type: application/json.`,
  };
}

/** The refusal for a body over the limit. */
export function tooLarge(maxBytes: number): HttpRefusal {
  return {
    status: 413,
    code: 'BAD_USER_INPUT',
    message: `The request is too large: bodies may have at most ${Math.round(maxBytes / 1024)} KiB. Send a smaller document or fewer variables.`,
    headers: { connection: 'close' },
  };
}

/**
 * Reads a request body, counting bytes as they arrive, into one buffer of at most
 * `maxBytes`. Over the limit it stops reading at once (the rest is never read) and resolves
 * `null`; the caller answers 413 and the connection is closed after the answer.
 */
export function readBoundedBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  return new Promise<Buffer | null>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > maxBytes) {
        cleanup();
        req.pause();
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.concat(chunks, received));
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/**
 * After a 413 sent mid-body: the rest of the body is not read, and the socket is closed a
 * moment after the answer is flushed, which leaves the client time to read the answer
 * before the unread bytes make the close a reset.
 */
export function closeAfterAnswer(req: IncomingMessage, res: ServerResponse, lingerMs = 1_000): void {
  const socket = req.socket;
  res.once('finish', () => {
    socket.end();
    setTimeout(() => socket.destroy(), lingerMs).unref();
  });
}

/** The graphql-ws URL of an HTTP request's endpoint, for messages. */
function webSocketUrlOf(request: Request): string {
  const url = new URL(request.url);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = '';
  return url.toString();
}

/**
 * Subscriptions only over graphql-ws: a subscription sent over HTTP is refused (no
 * Server-Sent Events), and every HTTP answer is one JSON result (no event stream, no
 * multipart), whatever the `Accept` header asks for.
 */
export const httpWithoutSubscriptions: Plugin = {
  onParse() {
    return ({ result, context }) => {
      // Only Yoga's HTTP requests carry `request`; graphql-ws parses through the same pipeline without it.
      const request = (context as { request?: Request }).request;
      if (!request || result instanceof Error || !result) return;
      const operationName =
        (context as { params?: { operationName?: string | null } }).params?.operationName ?? null;
      if (getOperationAST(result, operationName)?.operation !== 'subscription') return;
      throw new GraphQLError(
        `Subscriptions are served only over WebSocket (graphql-transport-ws) at ${webSocketUrlOf(request)}, not over HTTP or Server-Sent Events.`,
        { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } },
      );
    };
  },
  onResultProcess({ request, resultProcessor, setResultProcessor }) {
    if (!resultProcessor || resultProcessor === processRegularResult) return;
    const accept = request.headers.get('accept') ?? '';
    const mediaType =
      accept.includes('application/graphql-response+json') && !accept.includes('application/json')
        ? 'application/graphql-response+json'
        : 'application/json';
    setResultProcessor(processRegularResult, mediaType);
  },
};
