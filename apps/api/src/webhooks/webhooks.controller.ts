import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Authenticated } from '@app/auth';
import { ApiErrors, ErrorCode, PageQueryDto } from '@app/common';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { RotateWebhookSecretDto } from './dto/rotate-webhook-secret.dto';
import { UpdateWebhookDto } from './dto/update-webhook.dto';
import {
  CreatedWebhookDto,
  WebhookDeliveryDto,
  WebhookDeliveryPageDto,
  WebhookDto,
  WebhookPageDto,
} from './dto/webhook.dto';
import { WebhooksService } from './webhooks.service';

@ApiTags('Webhooks')
@Controller('api/v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  /** The workspace's webhooks, newest first (never their secrets). */
  @Get()
  @Authenticated({ scopes: ['webhooks'], plan: 'webhooks' })
  listWebhooks(@Auth() auth: AuthContext, @Query() query: PageQueryDto): Promise<WebhookPageDto> {
    return this.webhooks.list(auth, query);
  }

  /** Creates a webhook; the response holds its signing `secret`, shown this once. */
  @Post()
  @Authenticated({ scopes: ['webhooks'], plan: 'webhooks' })
  @ApiErrors(ErrorCode.quotaExceeded)
  createWebhook(@Auth() auth: AuthContext, @Body() dto: CreateWebhookDto): Promise<CreatedWebhookDto> {
    return this.webhooks.create(auth, dto);
  }

  /** One webhook: its settings, and whether (and why) it is disabled. */
  @Get(':id')
  @Authenticated({ scopes: ['webhooks'], plan: 'webhooks' })
  getWebhook(@Auth() auth: AuthContext, @Param('id') id: string): Promise<WebhookDto> {
    return this.webhooks.get(auth, id);
  }

  /** Changes the URL, events or filter; `enabled: true` re-enables a webhook the server disabled. */
  @Patch(':id')
  @Authenticated({ scopes: ['webhooks'], plan: 'webhooks' })
  updateWebhook(
    @Auth() auth: AuthContext,
    @Param('id') id: string,
    @Body() dto: UpdateWebhookDto,
  ): Promise<WebhookDto> {
    return this.webhooks.update(auth, id, dto);
  }

  /** Deletes the webhook and its pending deliveries. */
  @Delete(':id')
  @HttpCode(204)
  @Authenticated({ scopes: ['webhooks'], plan: 'webhooks' })
  deleteWebhook(@Auth() auth: AuthContext, @Param('id') id: string): Promise<void> {
    return this.webhooks.delete(auth, id);
  }

  /** A new signing secret, shown once; the old one keeps signing beside it for the grace period (default a day). */
  @Post(':id/rotate-secret')
  @Authenticated({ scopes: ['webhooks'], plan: 'webhooks' })
  rotateWebhookSecret(
    @Auth() auth: AuthContext,
    @Param('id') id: string,
    @Body() dto: RotateWebhookSecretDto,
  ): Promise<CreatedWebhookDto> {
    return this.webhooks.rotateSecret(auth, id, dto);
  }

  /** Queues a `webhook.test` event for this webhook; the delivery shows in its log. */
  @Post(':id/test')
  @HttpCode(202)
  @Authenticated({ scopes: ['webhooks'], plan: 'webhooks' })
  testWebhook(@Auth() auth: AuthContext, @Param('id') id: string): Promise<WebhookDeliveryDto> {
    return this.webhooks.sendTest(auth, id);
  }

  /** The webhook's deliveries, newest first: event, attempts, last answer, next attempt. Kept 30 days. */
  @Get(':id/deliveries')
  @Authenticated({ scopes: ['webhooks'], plan: 'webhooks' })
  listWebhookDeliveries(
    @Auth() auth: AuthContext,
    @Param('id') id: string,
    @Query() query: PageQueryDto,
  ): Promise<WebhookDeliveryPageDto> {
    return this.webhooks.listDeliveries(auth, id, query);
  }

  /** Sends the delivery's event again, as a new delivery with the same `webhook-id`. */
  @Post(':id/deliveries/:deliveryId/replay')
  @HttpCode(202)
  @Authenticated({ scopes: ['webhooks'], plan: 'webhooks' })
  replayWebhookDelivery(
    @Auth() auth: AuthContext,
    @Param('id') id: string,
    @Param('deliveryId') deliveryId: string,
  ): Promise<WebhookDeliveryDto> {
    return this.webhooks.replay(auth, id, deliveryId);
  }
}
