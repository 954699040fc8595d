import { Global, Module } from '@nestjs/common';
import { UsageController } from './usage.controller';
import { UsageCounter } from './usage-counter';
import { UsageRetentionJob } from './usage-retention.job';
import { UsageService } from './usage.service';

/** Global: the authentication and budget steps of the pipeline count into UsageCounter. */
@Global()
@Module({
  controllers: [UsageController],
  providers: [UsageCounter, UsageService, UsageRetentionJob],
  exports: [UsageCounter],
})
export class UsageModule {}
