import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEventEntity } from './audit-event.entity';
import { AuditController } from './audit.controller';
import { AuditRetention } from './audit-retention';
import { AuditService } from './audit.service';

/** Global: every feature that changes state records its events through AuditService. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEventEntity])],
  controllers: [AuditController],
  providers: [AuditService, AuditRetention],
  exports: [AuditService, AuditRetention],
})
export class AuditModule {}
