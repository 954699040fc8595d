import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { type INestApplication, Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyHttpOptions, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import { SwaggerModule } from '@nestjs/swagger';
import type { DestinationStream, Logger } from 'pino';
import { AppModule } from './app.module';
import { sendError } from './common/all-exceptions.filter';
import { ErrorCode } from './common/error-codes';
import { InvalidJsonError } from './common/errors';
import { createLogger, installAccessLog, PinoNestLogger } from './common/logging';
import type { AppConfig } from './config/app-config';
import { MetricsService } from './metrics/metrics.service';
import { buildOpenApiDocument } from './openapi';

/**
 * Errors Fastify raises before a Nest handler runs (bad JSON, 413, 415) reach Nest's fallback
 * error handler, which turns them into generic HttpExceptions and loses their codes (invalid JSON
 * and any other 400 look alike). Ours takes its place and answers them in the contract's shape.
 */
class ContractFastifyAdapter extends FastifyAdapter {
  private readonly errorLogger = new NestLogger('Errors');

  override setErrorHandler(): ReturnType<FastifyAdapter['setErrorHandler']> {
    return this.getInstance().setErrorHandler((error, request, reply) =>
      sendError(reply, request, error, this.errorLogger),
    );
  }
}

/**
 * helmet's headers, computed once. They do not depend on the request (no CSP nonces), and
 * @fastify/helmet rebuilt the whole middleware, CSP parsing included, on every request.
 */
function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string | number) => (headers[name] = String(value)),
    removeHeader: () => undefined, // X-Powered-By: Fastify never sets it
  };
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, () => undefined);
  return headers;
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (a request head over 16 kB, broken
 * framing) get Fastify's default body, which is off-contract; this writes the contract's shape.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, error] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, ErrorCode.HeadersTooLarge, 'Request headers are too large']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, ErrorCode.RequestTimeout, 'Request timed out']
        : [400, ErrorCode.BadRequest, 'Malformed HTTP request'];
  const body = JSON.stringify({ error, code });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${randomUUID()}\r\n` +
        `Cache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

/**
 * Holds every answer until the end of the event-loop turn that produced it, then writes them all
 * in a row. Written the moment each is ready, every answer woke its client on its own (a
 * cross-CPU wake-up per response on loopback, charged to us as kernel time); written together,
 * the first wakes the client and the rest find it running. The delay is the rest of the turn: microseconds when idle,
 * under load the time the turn takes to answer the requests it read together (one pass of the
 * event loop at most).
 *
 * Writing happens outside the hook runner, so a failure to write one answer (an invalid header,
 * a reply already sent) is logged and its connection closed here, not left to crash the process
 * or to keep the answers after it from being written.
 */
function coalesceResponseWrites(fastify: FastifyInstance, logger: Logger): void {
  type Release = (err: null, payload: unknown) => void;
  let held: { reply: FastifyReply; release: Release; payload: unknown }[] = [];
  const releaseAll = (): void => {
    const answers = held;
    held = [];
    for (const { reply, release, payload } of answers) {
      try {
        release(null, payload);
      } catch (err) {
        logger.error(
          { reqId: reply.request.id, err: { name: (err as Error)?.name, message: String(err) } },
          'answer could not be written',
        );
        reply.raw.destroy();
      }
    }
  };
  fastify.addHook('onSend', (_request, reply, payload, release) => {
    if (held.length === 0) setImmediate(releaseAll);
    held.push({ reply, release, payload });
  });
}

/**
 * JSON must be UTF-8 (RFC 8259). Fastify's own parser decodes while it reads, turning bad bytes
 * into U+FFFD, and then finds the decoded length off and blames the Content-Length. Reading bytes
 * and decoding strictly names the real problem; parsing stays Fastify's (same poisoning rules).
 */
function installStrictJsonParser(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser(
    fastify.initialConfig.onProtoPoisoning ?? 'error',
    fastify.initialConfig.onConstructorPoisoning ?? 'error',
  );
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(new InvalidJsonError('Request body is not valid UTF-8, which JSON must be'), undefined);
      return;
    }
    void parseJson(request, text, done);
  });
}

/**
 * Swagger UI at /docs, the document at /docs-json, and `/` sends a browser to the UI (outside the
 * document: it is no API operation). What a person authorizes survives a reload: Swagger UI keeps
 * it in the page's localStorage until they log out in the Authorize dialog.
 */
function serveApiDocs(app: NestFastifyApplication, fastify: FastifyInstance): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
    customSiteTitle: 'Keyward API',
    swaggerOptions: { persistAuthorization: true },
  });
  fastify.get('/', (_request, reply) => reply.redirect('/docs', 302));
}

/**
 * TRUST_PROXY names the proxies in front (addresses and ranges, handed to Fastify as they are)
 * or counts them. Fastify no longer takes a bare count (a client reaching the service directly
 * could then name its own address), so a count is its documented trust function: the nearest
 * `hops` addresses, the socket's peer first, are proxies.
 */
function trustProxyOption(trust: number | string[]): FastifyHttpOptions<Server>['trustProxy'] {
  if (Array.isArray(trust)) return trust;
  return trust > 0 ? (_address: string, hop: number) => hop < trust : false;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** A caller's X-Request-Id is kept when it is a sane token, so logs join up across services. */
function requestId(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * The routing that the OpenAPI document depends on; scripts/write-openapi.ts applies it to an app
 * built in preview mode, so the committed spec has exactly the paths the server serves.
 */
export function applyGlobalPrefix(app: INestApplication): void {
  app.setGlobalPrefix('api/v1', { exclude: ['health', 'health/ready', 'metrics'] });
}

export interface CreateAppOptions {
  /** Where JSON logs go (tests capture them); stdout by default. */
  logStream?: DestinationStream;
}

/** The app and the pino logger behind it (main.ts flushes it before exiting). */
export interface KeywardApp {
  app: NestFastifyApplication;
  logger: Logger;
}

/** Builds the fully configured application without listening: main.ts, tests and scripts share it. */
export async function createApp(
  config: AppConfig,
  options: CreateAppOptions = {},
): Promise<NestFastifyApplication> {
  return (await createKeywardApp(config, options)).app;
}

export async function createKeywardApp(
  config: AppConfig,
  options: CreateAppOptions = {},
): Promise<KeywardApp> {
  const logger = createLogger(config, options.logStream);
  const fastifyOptions: FastifyHttpOptions<Server> = {
    bodyLimit: config.bodyLimitBytes,
    trustProxy: trustProxyOption(config.trustProxy),
    return503OnClosing: true,
    requestIdHeader: false,
    genReqId: requestId,
    forceCloseConnections: 'idle',
    // Errors the router raises before any route or error handler (a path parameter over 100
    // characters, malformed percent-encoding): Fastify's own body for them is off-contract
    // (`FST_ERR_*` codes, the raw path echoed back, 414). Found by the OpenAPI fuzzer.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => {
      void reply.header('X-Request-Id', request.id).header('Cache-Control', 'no-store');
      sendError(reply, request, error, new NestLogger('Errors'));
    },
    clientErrorHandler: answerClientError,
    // A client that stalls or trickles its request (head or body) would otherwise hold its
    // connection for as long as it likes; past the bound it gets a 408 (answerClientError).
    // Node checks the bound on an interval (30 s by default), so that is kept well under it.
    requestTimeout: config.requestTimeoutMs,
    http: {
      requestTimeout: config.requestTimeoutMs,
      headersTimeout: config.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(1000, Math.ceil(config.requestTimeoutMs / 4)),
    },
  };
  const adapter = new ContractFastifyAdapter({
    ...fastifyOptions,
    // No Express-style middleware anywhere: @fastify/middie's per-request hook would be pure cost.
    skipMiddie: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    adapter,
    // No form/urlencoded parser: a body that is not JSON gets a 415, not a confusing 400.
    { logger: new PinoNestLogger(logger), bodyParser: false },
  );
  applyGlobalPrefix(app);
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins,
      // Last-Event-ID: a browser's own resume of the key change stream is automatic, but code
      // that resumes with fetch() sends it itself.
      allowedHeaders: ['Authorization', 'X-API-Key', 'Content-Type', 'Last-Event-ID'],
      // A browser hides every answer header but a handful from cross-origin code; these are
      // part of the contract's answers (limits, credits, back-off, and the id to quote).
      exposedHeaders: [
        'X-RateLimit-Limit',
        'X-RateLimit-Remaining',
        'X-RateLimit-Reset',
        'Retry-After',
        'X-Credits-Remaining',
        'X-Request-Id',
      ],
    });
  }

  const fastify = app.getHttpAdapter().getInstance();
  // Swagger UI (HTML) gets helmet's full set; every other answer is JSON and gets the set the
  // OWASP REST Security Cheat Sheet lists for APIs. Half the headers on the hot path, none of
  // them meaningful for a JSON body (X-DNS-Prefetch-Control, X-Download-Options, ...).
  const htmlHeaders = securityHeaders({
    // Swagger UI needs inline script and style.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        // Served over plain HTTP on localhost in try-outs: do not make browsers upgrade to HTTPS.
        upgradeInsecureRequests: null,
      },
    },
  });
  const jsonHeaders = securityHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
    xFrameOptions: { action: 'deny' },
    crossOriginOpenerPolicy: false,
    crossOriginResourcePolicy: false,
    referrerPolicy: false,
    originAgentCluster: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  });
  // Every API answer is per-caller, and some carry tokens or keys: never cache them.
  const apiHeaders = { ...jsonHeaders, 'Cache-Control': 'no-store' };
  fastify.addHook('onRequest', (request, reply, done) => {
    const url = request.url;
    void reply
      .headers(
        url.startsWith('/api/') ? apiHeaders : url.startsWith('/docs') ? htmlHeaders : jsonHeaders,
      )
      .header('X-Request-Id', request.id);
    // SDKs (Fluxbase's among them) send `Content-Type: application/json` on every request, also
    // on a bodiless DELETE or sign-out. An empty body is "no body", not malformed JSON.
    const length = request.headers['content-length'];
    const bodiless =
      (length === undefined || length === '0') && !request.headers['transfer-encoding'];
    if (bodiless) delete request.headers['content-type'];
    done();
  });
  coalesceResponseWrites(fastify, logger);
  // Fastify parses text/plain by default; only JSON bodies are part of the contract (else 415).
  fastify.removeContentTypeParser('text/plain');
  installStrictJsonParser(fastify);

  // Without METRICS_TOKEN nobody can read the histogram, so no request is timed for it.
  const metrics = app.get(MetricsService);
  installAccessLog(
    fastify,
    logger,
    config.logRefusalsPerSecond,
    metrics.enabled
      ? (route, status, ms) => metrics.observeHttp(route, status, ms / 1000)
      : undefined,
  );

  serveApiDocs(app, fastify);
  await app.init();
  await fastify.ready();
  return { app, logger };
}
