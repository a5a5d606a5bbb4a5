import { randomUUID } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeader, ServerResponse } from 'node:http';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/common';
import { CACHE_CONTROL, REFERRER_POLICY, RedirectRequest, RedirectService } from './redirect.service';

/** Fastify's route of the redirect (RedirectRoutes), as request metrics label it. */
export const REDIRECT_ROUTE = '/:slug';

/**
 * The redirect's common case answered from node's `request` event, before Fastify builds its request and reply,
 * runs its hooks and routes: under load that machinery cost more CPU than the redirect itself. It answers only
 * what RedirectService.followCached answers with a plain 302 (a cached link of a cached domain), and only requests
 * the route `GET|HEAD /:slug` would get exactly so: a single path segment, not one of another route (`/docs`),
 * nothing percent-encoded (the router decodes), no body type (the multipart check), under the router's length limit.
 * Everything else is left to Fastify, untouched. The caller (bootstrap) adds what its hooks add to every answer.
 */
@Injectable()
export class RedirectFastPath {
  private readonly trustProxy: boolean;

  constructor(
    private readonly redirect: RedirectService,
    config: AppConfig,
  ) {
    this.trustProxy = config.TRUST_PROXY;
  }

  /**
   * Answers the request if it can and returns true; returns false, having written nothing, otherwise.
   * `otherRoutes`: the single-segment paths of GET routes other than `/:slug` (they take precedence);
   * `maxSlugLength`: the router's limit on a path parameter.
   */
  answer(
    request: IncomingMessage,
    response: ServerResponse,
    otherRoutes: ReadonlySet<string>,
    maxSlugLength: number,
  ): boolean {
    const method = request.method;
    if (method !== 'GET' && method !== 'HEAD') return false;
    const url = request.url!;
    const mark = url.indexOf('?');
    const path = mark < 0 ? url : url.slice(0, mark);
    if (
      path.length < 2 ||
      path.length > maxSlugLength + 1 ||
      path.charCodeAt(0) !== 47 /* / */ ||
      path.indexOf('/', 1) >= 0 ||
      path.includes('%') ||
      path.includes('#') ||
      otherRoutes.has(path) ||
      request.headers['content-type'] !== undefined
    )
      return false;
    const redirect = this.redirect.followCached(
      this.host(request),
      path.slice(1),
      request as RedirectRequest,
      this.ip(request) ?? '',
    );
    if (!redirect) return false;
    // The headers bootstrap's onRequest hook sets on every answer (the request id as Fastify's genReqId makes it).
    const headers: OutgoingHttpHeader[] = ['X-Request-Id', randomUUID(), 'X-Content-Type-Options', 'nosniff'];
    if (redirect.noIndex) headers.push('x-robots-tag', 'noindex');
    // Content-Length as Fastify's reply.send() without a body sets it (and its HEAD route's onSend hook for HEAD).
    headers.push(
      'location',
      redirect.location,
      'cache-control',
      CACHE_CONTROL,
      'referrer-policy',
      REFERRER_POLICY,
      'content-length',
      '0',
    );
    response.writeHead(302, headers);
    response.end();
    return true;
  }

  /** Fastify's `request.host` (lib/request.js), with TRUST_PROXY's `trustProxy: true` or without. */
  private host(request: IncomingMessage): string | undefined {
    // Node joins a repeated X-Forwarded-* header into one string.
    const forwardedHost = this.trustProxy ? (request.headers['x-forwarded-host'] as string | undefined) : undefined;
    if (forwardedHost) {
      const comma = forwardedHost.lastIndexOf(',');
      return (comma < 0 ? forwardedHost : forwardedHost.slice(comma + 1)).trim();
    }
    return request.headers.host;
  }

  /**
   * Fastify's `request.ip`: the socket's address, or with `trustProxy: true` the left-most address of
   * X-Forwarded-For (as @fastify/proxy-addr reads it: entries separated by commas, spaces and tabs around them).
   */
  private ip(request: IncomingMessage): string | undefined {
    const forwardedFor = this.trustProxy ? (request.headers['x-forwarded-for'] as string | undefined) : undefined;
    if (!forwardedFor) return request.socket.remoteAddress;
    if (!forwardedFor.includes(',')) return forwardedFor.trim() || request.socket.remoteAddress;
    for (const entry of forwardedFor.split(',')) {
      const address = entry.replace(/^[ \t]+|[ \t]+$/g, '');
      if (address !== '') return address;
    }
    return request.socket.remoteAddress;
  }
}
