import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ErrorDetailDto, ErrorResponseDto } from './common/error-response.dto';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Keyward')
    .setDescription(
      'API keys for service-to-service authentication. Sign in with email and password, manage ' +
        'keys, and let other services authenticate with those keys. Every error answers ' +
        '`{ error, code, details? }`.',
    )
    .setVersion('1.0.0')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'A session access token',
      },
      'bearer',
    )
    .addApiKey(
      { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'An API key (kw_...)' },
      'api_key',
    )
    .build();
  return SwaggerModule.createDocument(app, config, {
    extraModels: [ErrorResponseDto, ErrorDetailDto],
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
  });
}
