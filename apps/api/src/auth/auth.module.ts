import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MembershipEntity, SessionEntity, UserEntity, WorkspaceEntity } from '@app/database';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { AuthController } from './auth.controller';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';
import { LocalStrategy } from './local.strategy';
import { LoginGuard } from './login.guard';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, WorkspaceEntity, MembershipEntity, SessionEntity]), WorkspacesModule],
  controllers: [AuthController],
  providers: [AuthService, AuthRepository, LocalStrategy, LoginGuard],
})
export class AuthModule {}
