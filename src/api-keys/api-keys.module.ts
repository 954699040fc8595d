import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKeyAuthService } from './api-key-auth.service';
import { ApiKeyVerificationController } from './api-key-verification.controller';
import { ApiKeyVerificationService } from './api-key-verification.service';
import { ApiKeyEntity } from './api-key.entity';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { ClientKeysController } from './client-keys.controller';
import { ClientKeysService } from './client-keys.service';
import { KeyCache } from './key-cache';
import { KeyInvalidationBus } from './key-invalidation.bus';
import { LastUsedTracker } from './last-used.tracker';
import { WebhooksModule } from '../webhooks/webhooks.module';

@Module({
  imports: [TypeOrmModule.forFeature([ApiKeyEntity]), WebhooksModule],
  // The verification controller first: its static paths (verify, scopes) must win over :id.
  controllers: [ApiKeyVerificationController, ApiKeysController, ClientKeysController],
  providers: [
    ApiKeysService,
    ClientKeysService,
    ApiKeyAuthService,
    ApiKeyVerificationService,
    LastUsedTracker,
    KeyCache,
    KeyInvalidationBus,
  ],
  exports: [ApiKeysService, ApiKeyAuthService, KeyInvalidationBus, KeyCache],
})
export class ApiKeysModule {}
