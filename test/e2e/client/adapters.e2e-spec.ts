import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Controller, Get, HttpException, Module, Req } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { createKeyVerifier, type KeyVerifier } from '@keyward/client';
import { keywardMiddleware } from '@keyward/client/express';
import { keywardPreHandler } from '@keyward/client/fastify';
import { KeywardGuard, RequireScopes } from '@keyward/client/nest';
import type { VerifiedKey } from '@keyward/client/nest';
import express from 'express';
import Fastify, { type FastifyInstance } from 'fastify';
import request from 'supertest';
import { expectError } from '../../helpers/contract';
import { API, bearer, createApiKey, createUser, type TestUser } from '../../helpers/factories';
import { startListeningApp, type ListeningApp } from './server';

/**
 * The drop-in adapters, each in a real app of its framework in front of a running Keyward: a
 * valid key reaches the route with the verified key on the request; revoked, unknown,
 * over-limit and under-scoped keys get Keyward's refusal and status.
 */

interface Protected {
  name: string;
  /** `/open` needs a key; `/write` also needs write:users. */
  http: () => Server;
  close: () => Promise<void>;
}

async function expressApp(verifier: KeyVerifier): Promise<Protected> {
  const app = express();
  app.get('/open', keywardMiddleware(verifier), (req, res) => {
    res.json({ keyward: (req as unknown as { keyward: VerifiedKey }).keyward });
  });
  app.get('/write', keywardMiddleware(verifier, { requiredScopes: ['write:users'] }), (_r, res) => {
    res.json({ ok: true });
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    name: 'express',
    http: () => server,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

async function fastifyApp(verifier: KeyVerifier): Promise<Protected> {
  const app: FastifyInstance = Fastify();
  app.get('/open', { preHandler: keywardPreHandler(verifier) }, (req) => ({
    keyward: (req as unknown as { keyward: VerifiedKey }).keyward,
  }));
  app.get(
    '/write',
    { preHandler: keywardPreHandler(verifier, { requiredScopes: ['write:users'] }) },
    () => ({ ok: true }),
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { name: 'fastify', http: () => app.server, close: () => app.close() };
}

async function nestApp(verifier: KeyVerifier): Promise<Protected> {
  @Controller()
  class ProtectedController {
    @Get('open')
    open(@Req() req: { keyward: VerifiedKey }): { keyward: VerifiedKey } {
      return { keyward: req.keyward };
    }

    @Get('write')
    @RequireScopes('write:users')
    write(): { ok: boolean } {
      return { ok: true };
    }
  }
  @Module({ controllers: [ProtectedController] })
  class ProtectedModule {}
  const app = await NestFactory.create<NestFastifyApplication>(
    ProtectedModule,
    new FastifyAdapter(),
    { logger: false },
  );
  app.useGlobalGuards(
    new KeywardGuard(verifier, { toException: (r) => new HttpException(r.body, r.status) }),
  );
  await app.listen(0, '127.0.0.1');
  return { name: 'nest', http: () => app.getHttpServer(), close: () => app.close() };
}

describe('adapters in front of Keyward', () => {
  let keyward: ListeningApp;
  let owner: TestUser;
  let verifier: KeyVerifier;
  const apps: Protected[] = [];

  beforeAll(async () => {
    keyward = await startListeningApp({});
    owner = await createUser(keyward.http);
    const service = await createApiKey(keyward.http, owner, { scopes: ['verify:api-keys'] });
    verifier = createKeyVerifier({ url: keyward.url, apiKey: service.key });
    apps.push(await expressApp(verifier), await fastifyApp(verifier), await nestApp(verifier));
  });
  afterAll(async () => {
    verifier?.close();
    await Promise.all(apps.map((app) => app.close()));
    await keyward?.close();
  });

  it.each(['express', 'fastify', 'nest'])(
    '%s: admits a valid key and refuses the rest',
    async (name) => {
      const app = apps.find((a) => a.name === name)!;
      const http = app.http();
      expect((http.address() as AddressInfo).port).toBeGreaterThan(0);
      const good = await createApiKey(keyward.http, owner, {
        scopes: ['read:users'],
        metadata: { plan: 'pro' },
        rate_limit_per_minute: 2,
      });
      const ok = await request(http).get('/open').set('X-API-Key', good.key).expect(200);
      expect(ok.body).toEqual({
        keyward: {
          id: good.id,
          user_id: owner.id,
          scopes: ['read:users'],
          metadata: { plan: 'pro' },
        },
      });
      expect(ok.headers['x-ratelimit-limit']).toBe('2');

      expectError(
        await request(http).get('/write').set('Authorization', `Bearer ${good.key}`),
        403,
        'insufficient_scope',
      );
      const limited = expectError(
        await request(http).get('/open').set('X-API-Key', good.key),
        429,
        'rate_limited',
      );
      expect(limited).toBeDefined();

      const revoked = await createApiKey(keyward.http, owner);
      await request(keyward.http)
        .post(`${API}/api-keys/${revoked.id}/revoke`)
        .set(...bearer(owner.accessToken))
        .expect(200);
      expectError(
        await request(http).get('/open').set('X-API-Key', revoked.key),
        401,
        'api_key_revoked',
      );
      expectError(
        await request(http).get('/open').set('X-API-Key', 'kw_not-a-key'),
        401,
        'invalid_api_key',
      );
      expectError(await request(http).get('/open'), 401, 'missing_credentials');
    },
  );
});
