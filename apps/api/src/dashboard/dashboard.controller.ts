import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@app/auth';
import { DashboardService } from './dashboard.service';
import { sendPage } from './dashboard-page';

/** Deep links (/app/links, /app/settings/api-keys) load the SPA; assets under /app/assets are served statically. */
@ApiExcludeController()
@Controller('app')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get(['', '*'])
  @Public()
  async getDashboardPage(@Res() reply: FastifyReply): Promise<void> {
    sendPage(reply, await this.dashboard.page());
  }
}
