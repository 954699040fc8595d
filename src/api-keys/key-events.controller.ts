import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Auth } from '../auth/auth.decorators';
import { KeyEventsService } from './key-events.service';
import { Scope } from './scopes';

const STREAM_EXAMPLE =
  ': ping\n\n' +
  'id: 1042\nevent: key.changed\n' +
  'data: {"key_id":"0f8f5a62-63d5-4a2e-8c53-7f4b1f7e9c11","change":"revoked","at":"2026-12-05T10:00:00.000Z"}\n\n';

@ApiTags('api-keys')
@Controller('api-keys')
export class KeyEventsController {
  constructor(private readonly events: KeyEventsService) {}

  @Get('events')
  @Auth({ scopes: [Scope.VerifyApiKeys] })
  @ApiOperation({
    operationId: 'streamKeyEvents',
    summary: 'Server-Sent Events: every change to any key, for services that cache verify answers',
    description:
      'Each change (revoked, deleted, updated, rotated) is sent within a second as ' +
      '`event: key.changed` with an `id` that is the same on every instance; `: ping` at least ' +
      'every 15 s. `Last-Event-ID` resumes after that event (changes are held for ' +
      'KEY_EVENTS_RETENTION_MS, 15 minutes by default); otherwise, and whenever changes may ' +
      'have been missed, `event: reset` says to drop every cached answer. No secret, name or ' +
      'owner data is ever sent.',
  })
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'The id of the last event received, to resume after it',
  })
  @ApiOkResponse({
    description: 'An endless text/event-stream',
    content: { 'text/event-stream': { schema: { type: 'string' }, example: STREAM_EXAMPLE } },
  })
  stream(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.events.subscribe(request, reply);
  }
}
