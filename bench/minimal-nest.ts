/**
 * The calibration app, measured in the same run as everything else: a minimal Nest
 * app on the Fastify adapter, one global guard doing an HMAC and a map lookup and one Redis
 * command (a Lua script through ioredis, as our GCRA call is), no logging, no headers of its
 * own. `nest-min-health` / `nest-min-keyed` show what Nest itself costs on this machine, so that
 * our ratios can be read against the framework's, not only against `bare`.
 *
 * Run by bench/run.ts as a child process: PORT, REDIS_URL and KEY (the one valid key) from env.
 */
import 'reflect-metadata';
import { createHmac } from 'node:crypto';
import {
  type CanActivate,
  Controller,
  type ExecutionContext,
  Get,
  Injectable,
  Module,
} from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';

const PEPPER = 'calibration-pepper';
const digest = (key: string): string => createHmac('sha256', PEPPER).update(key).digest('hex');
const keys = new Map([[digest(process.env.KEY ?? ''), { id: 'calibration-key' }]]);
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379') as Redis & {
  spend(bucket: string): Promise<number>;
};
redis.defineCommand('spend', {
  numberOfKeys: 1,
  lua: "local n = redis.call('INCR', KEYS[1]) redis.call('PEXPIRE', KEYS[1], 60000) return n",
});

@Injectable()
class KeyGuard implements CanActivate {
  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (request.url === '/health') return true;
    const presented = request.headers['x-api-key'];
    const key = typeof presented === 'string' ? keys.get(digest(presented)) : undefined;
    if (!key) return false;
    await redis.spend(`bench:calibration:${key.id}`);
    return true;
  }
}

@Controller()
class CalibrationController {
  @Get('health')
  health(): { status: string } {
    return { status: 'ok' };
  }

  @Get('keyed')
  keyed(): { id: string; email: string; role: string } {
    return { id: 'calibration-user', email: 'calibration@example.com', role: 'user' };
  }
}

@Module({
  controllers: [CalibrationController],
  providers: [{ provide: APP_GUARD, useClass: KeyGuard }],
})
class CalibrationModule {}

void NestFactory.create(CalibrationModule, new FastifyAdapter(), { logger: false }).then((app) =>
  app.listen(Number(process.env.PORT), '127.0.0.1'),
);
