import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@app/auth';
import { RedirectService, SlugRequest } from './redirect.service';

/**
 * `GET|HEAD /:slug` on a short domain. Fastify answers HEAD with the GET handler (without the body).
 * Routes with a fixed first segment (`/api/...`, `/docs`) take precedence over this one. Kept out of the
 * OpenAPI document: it is the public face of short links, not part of the integration API.
 */
@ApiExcludeController()
@Controller()
export class RedirectController {
  constructor(private readonly redirect: RedirectService) {}

  /** `/` of a short domain: a custom domain's `rootUrl`, else the not-found page. */
  @Get()
  @Public()
  followRoot(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.redirect.root(request, reply);
  }

  // A request log line per redirect would cost more than the redirect itself: they log at debug.
  @Get(':slug')
  @Public()
  @RouteConfig({ requestLogLevel: 'debug' })
  followLink(@Req() request: SlugRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.redirect.follow(request, reply);
  }

  @Post(':slug')
  @Public()
  unlockLink(@Req() request: SlugRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.redirect.unlock(request, reply);
  }
}
