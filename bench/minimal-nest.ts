/**
 * The calibration app, measured in the same run as everything else: a minimal Nest
 * app on the Fastify adapter, one global guard doing an HMAC and a map lookup and one Redis
 * command (a Lua script through ioredis, as our GCRA call is), no logging, no headers of its
 * own. `nest-min-health` / `nest-min-keyed` show what Nest itself costs on this machine, so that
 * our ratios can be read against the framework's, not only against `bare`. `nest-min-verify` is
 * a verify written the way a Nest app usually writes one: a keyed POST whose JSON body Nest's
 * ValidationPipe checks against a class-validator DTO (the fields of Keyward's verify), then the
 * key in the body checked the guard's way (HMAC, map, one Redis command) and a verify-sized answer.
 *
 * Run by bench/run.ts as a child process: PORT, REDIS_URL and KEY (the one valid key) from env.
 */
import 'reflect-metadata';
import { createHmac } from 'node:crypto';
import {
  Body,
  type CanActivate,
  Controller,
  type ExecutionContext,
  Get,
  HttpCode,
  Injectable,
  Module,
  Post,
  ValidationPipe,
} from '@nestjs/common';
import { APP_GUARD, APP_PIPE, NestFactory } from '@nestjs/core';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsIP,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
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

const SCOPES = ['read:users', 'write:users', 'verify:api-keys'];

class VerifyBody {
  @MaxLength(256)
  @IsString()
  key!: string;

  @IsOptional()
  @IsIP()
  ip?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsIn(SCOPES, { each: true })
  required_scopes?: string[];

  @IsOptional()
  @IsBoolean()
  lease?: boolean;
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

  @Post('verify')
  @HttpCode(200)
  async verify(@Body() body: VerifyBody): Promise<Record<string, unknown>> {
    const key = keys.get(digest(body.key));
    if (!key) return { valid: false, code: 'invalid_api_key' };
    const used = await redis.spend(`bench:calibration:${key.id}`);
    return {
      valid: true,
      code: 'valid',
      api_key: {
        id: key.id,
        name: 'calibration',
        description: null,
        key_prefix: body.key.slice(0, 12),
        scopes: SCOPES,
        rate_limit_per_minute: 1_000_000_000,
        expires_at: null,
        revoked_at: null,
        last_used_at: new Date().toISOString(),
        created_at: '2026-12-05T00:00:00.000Z',
        updated_at: '2026-12-05T00:00:00.000Z',
        user_id: 'calibration-user',
      },
      user_id: 'calibration-user',
      scopes: SCOPES,
      rate_limit: { limit: 1_000_000_000, remaining: 1_000_000_000 - used, reset: 1 },
    };
  }
}

@Module({
  controllers: [CalibrationController],
  providers: [
    { provide: APP_GUARD, useClass: KeyGuard },
    {
      provide: APP_PIPE,
      useValue: new ValidationPipe({
        whitelist: true,
        forbidNonWhitelisted: true,
        transform: true,
      }),
    },
  ],
})
class CalibrationModule {}

void NestFactory.create(CalibrationModule, new FastifyAdapter(), { logger: false }).then((app) =>
  app.listen(Number(process.env.PORT), '127.0.0.1'),
);
