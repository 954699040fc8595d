import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { SessionsModule } from '../auth/sessions.module';
import { UserEntity } from './user.entity';
import { UsersController } from './users.controller';
import { UserCache } from './user-cache';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity]), ApiKeysModule, SessionsModule],
  controllers: [UsersController],
  providers: [UsersService, UserCache],
  exports: [UsersService],
})
export class UsersModule {}
