import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type INestApplication, Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet from '@fastify/helmet';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module';
import { AllExceptionsFilter, sendError } from './common/all-exceptions.filter';
import { createValidationPipe } from './common/validation';
import type { AppConfig } from './config/app-config';
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
  app.setGlobalPrefix('api/v1', { exclude: ['health', 'health/ready'] });
}

export interface CreateAppOptions {
  /** Where JSON logs go (tests capture them); stdout by default. */
  logStream?: DestinationStream;
}

/** Builds the fully configured application without listening: main.ts, tests and scripts share it. */
export async function createApp(
  config: AppConfig,
  options: CreateAppOptions = {},
): Promise<NestFastifyApplication> {
  const adapter = new ContractFastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    requestIdHeader: false,
    genReqId: requestId,
    forceCloseConnections: 'idle',
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, options.logStream),
    adapter,
    // No form/urlencoded parser: a body that is not JSON gets a 415, not a confusing 400.
    { bufferLogs: true, bodyParser: false },
  );
  app.useLogger(app.get(Logger));
  // Nest flushes buffered logs only on listen(); an app that is never listened on (tests,
  // scripts) would otherwise keep every Nest Logger line, errors included, in memory.
  app.flushLogs();
  applyGlobalPrefix(app);
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useGlobalPipes(createValidationPipe());
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins,
      allowedHeaders: ['Authorization', 'X-API-Key', 'Content-Type'],
    });
  }

  const fastify = app.getHttpAdapter().getInstance();
  await app.register(helmet, {
    // Swagger UI needs inline script and style; nothing else here serves HTML.
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
  // Fastify parses text/plain by default; only JSON bodies are part of the contract (else 415).
  fastify.removeContentTypeParser('text/plain');
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('X-Request-Id', request.id);
    // Every API answer is per-caller, and some carry tokens or keys: never cache them.
    if (request.url.startsWith('/api/')) void reply.header('Cache-Control', 'no-store');
  });

  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
    customSiteTitle: 'Keyward API',
  });
  await app.init();
  await fastify.ready();
  return app;
}
