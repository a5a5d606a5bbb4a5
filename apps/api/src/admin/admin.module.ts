import { Module } from '@nestjs/common';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { AdminController } from './admin.controller';

@Module({ imports: [WorkspacesModule], controllers: [AdminController] })
export class AdminModule {}
