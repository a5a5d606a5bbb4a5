import type { FastifyReply } from 'fastify';
import type { DashboardPage } from './dashboard.service';

/**
 * The dashboard talks only to its own origin; inline styles stay allowed for the small style attributes
 * components set. QR codes are shown from blob: URLs.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function sendPage(reply: FastifyReply, page: DashboardPage): void {
  void reply
    .status(page.status)
    .header('Content-Type', 'text/html; charset=utf-8')
    // Always revalidated: it names the current hashed assets.
    .header('Cache-Control', 'no-cache')
    .header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Referrer-Policy', 'same-origin')
    .send(page.html);
}
