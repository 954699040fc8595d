import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthFailureBudget } from '../auth/auth-failure-budget';
import { ApiKeyAuthService } from './api-key-auth.service';
import { ApiKeyVerificationController } from './api-key-verification.controller';
import { ApiKeyVerificationService } from './api-key-verification.service';
import { ApiKeyEntity } from './api-key.entity';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { ClientKeysController } from './client-keys.controller';
import { ClientKeysService } from './client-keys.service';
import { CreditsService } from './credits.service';
import { KeyAccessPolicy } from './key-access.policy';
import { KeyCache } from './key-cache';
import { KeyEventsController } from './key-events.controller';
import { KeyEventsService } from './key-events.service';
import { KeyInvalidationBus } from './key-invalidation.bus';
import { LastUsedTracker } from './last-used.tracker';
import { WebhooksModule } from '../webhooks/webhooks.module';

@Module({
  imports: [TypeOrmModule.forFeature([ApiKeyEntity]), WebhooksModule],
  // The verification and events controllers first: their static paths must win over :id.
  controllers: [
    ApiKeyVerificationController,
    KeyEventsController,
    ApiKeysController,
    ClientKeysController,
  ],
  providers: [
    ApiKeysService,
    ClientKeysService,
    ApiKeyAuthService,
    ApiKeyVerificationService,
    // Stateless over the global RateLimiterService: the same per-IP budget as the auth guard's.
    AuthFailureBudget,
    LastUsedTracker,
    KeyCache,
    KeyInvalidationBus,
    KeyAccessPolicy,
    CreditsService,
    KeyEventsService,
  ],
  exports: [
    ApiKeysService,
    ApiKeyAuthService,
    KeyInvalidationBus,
    KeyCache,
    KeyAccessPolicy,
    CreditsService,
  ],
})
export class ApiKeysModule {}
