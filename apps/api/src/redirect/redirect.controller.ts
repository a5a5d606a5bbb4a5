import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@app/auth';
import type { BodyRouteConfig } from '../bootstrap';
import { RedirectService, SlugRequest } from './redirect.service';

/**
 * `/` of a short domain, its app association files and the password form's `POST /:slug`. `GET|HEAD /:slug` itself is registered on
 * Fastify directly (RedirectRoutes). Kept out of the OpenAPI document: it is the public face of short
 * links, not part of the integration API.
 */
@ApiExcludeController()
@Controller()
export class RedirectController {
  constructor(private readonly redirect: RedirectService) {}

  /** `/` of a short domain: the dashboard on the default one, a custom domain's `rootUrl`, else the not-found page. */
  @Get()
  @Public()
  followRoot(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.redirect.root(request, reply);
  }

  @Get('.well-known/apple-app-site-association')
  @Public()
  getAppleAppSiteAssociation(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.redirect.appAssociation(request, reply, 'apple');
  }

  @Get('.well-known/assetlinks.json')
  @Public()
  getAssetLinks(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.redirect.appAssociation(request, reply, 'android');
  }

  @Post(':slug')
  @Public()
  @RouteConfig({ acceptsForm: true } satisfies BodyRouteConfig)
  unlockLink(@Req() request: SlugRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.redirect.unlock(request, reply);
  }
}
