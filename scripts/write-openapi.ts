import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { applyGlobalPrefix } from '../src/app.factory';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/config/app-config';
import { buildOpenApiDocument } from '../src/openapi';

/**
 * Builds the OpenAPI document the server serves at /docs-json, without a database or a port:
 * in preview mode Nest scans modules and controllers but instantiates no provider, so TypeORM
 * never connects. The configuration is fixed (not read from the environment) so the output only
 * changes when the code does.
 */
export async function buildSpec(): Promise<string> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused',
    JWT_SECRET: randomBytes(32).toString('base64url'),
    KEY_PEPPER: randomBytes(32).toString('base64url'),
    LOG_LEVEL: 'silent',
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    new FastifyAdapter(),
    { preview: true, logger: false, abortOnError: false },
  );
  applyGlobalPrefix(app);
  const document = buildOpenApiDocument(app);
  await app.close();
  return `${JSON.stringify(canonical(document), null, 2)}\n`;
}

/** Code-point order, not localeCompare: the output must not depend on the machine's locale. */
const codePoints = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const byKey = <T>(record: Record<string, T>, order = codePoints): Record<string, T> =>
  Object.fromEntries(Object.entries(record).sort(([a], [b]) => order(a, b)));

/** `default` after the numeric status codes, which sort as numbers. */
const statusOrder = (a: string, b: string): number =>
  (a === 'default' ? 1000 : Number(a)) - (b === 'default' ? 1000 : Number(b));

/**
 * Sorts the map-like parts of the document (paths, component maps, status codes) so that its
 * text, and the drift check on it, does not depend on module import or decorator order. Schema
 * properties keep their declaration order: it is the order of the fields on the wire.
 */
function canonical(document: OpenAPIObject): OpenAPIObject {
  const paths = byKey(document.paths);
  for (const item of Object.values(paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (operation) operation.responses = byKey(operation.responses, statusOrder);
    }
  }
  const components = Object.fromEntries(
    Object.entries(document.components ?? {}).map(([kind, map]) => [
      kind,
      byKey(map as Record<string, unknown>),
    ]),
  );
  return { ...document, paths, components: byKey(components) };
}

if (require.main === module) {
  const out = resolve(process.argv[2] ?? resolve(__dirname, '..', 'openapi.json'));
  buildSpec()
    .then((spec) => {
      writeFileSync(out, spec);
      console.log(`wrote ${out}`);
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
