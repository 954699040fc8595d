import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../common/error-response.dto';
import { MetricsService } from './metrics.service';

@ApiTags('health')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @ApiOperation({
    operationId: 'metrics',
    summary: 'Prometheus metrics (with `Authorization: Bearer <METRICS_TOKEN>`)',
    description:
      'Served only when `METRICS_TOKEN` is set and the request carries it as a bearer token; ' +
      'otherwise 404, as for a path that does not exist.',
  })
  @ApiOkResponse({
    description: 'The Prometheus text exposition format',
    content: {
      'text/plain': {
        schema: { type: 'string' },
        example: 'keyward_key_verifications_total{outcome="valid"} 1180\n',
      },
    },
  })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { contentType, body } = await this.metrics.scrape(authorization);
    void reply.header('Content-Type', contentType).header('Cache-Control', 'no-store');
    return body;
  }
}
