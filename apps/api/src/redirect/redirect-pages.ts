import { createHash } from 'node:crypto';
import type { LinkSocialPreview } from '@app/database';

/**
 * The few HTML pages a visitor of a short link can see. Self-contained (inline style, no external
 * asset), so they render whatever the state of the rest of the system.
 */

const STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;color:#1f2937;background:#f9fafb;margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center}' +
  'main{background:#fff;border:1px solid #e5e7eb;border-radius:12px;padding:32px;max-width:360px;width:calc(100% - 48px)}' +
  'h1{font-size:20px;margin:0 0 8px}p{margin:0 0 16px;color:#4b5563}' +
  'input{width:100%;box-sizing:border-box;padding:10px;border:1px solid #d1d5db;border-radius:8px;font:inherit;margin-bottom:12px}' +
  'button{width:100%;padding:10px;border:0;border-radius:8px;background:#111827;color:#fff;font:inherit;cursor:pointer}' +
  '.error{color:#b91c1c}';

/** Inline style only; no script, no external resource, never framed. */
export const PAGE_CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'";

/** The social preview page: markup only, nothing to load, run or style. */
export const PREVIEW_CONTENT_SECURITY_POLICY = "default-src 'none'; base-uri 'none'; frame-ancestors 'none'";

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">' +
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`
  );
}

export const NOT_FOUND_PAGE = page(
  'Link not found',
  '<h1>Link not found</h1><p>This short link does not exist or is no longer active.</p>',
);

export const EXPIRED_PAGE = page('Link expired', '<h1>Link expired</h1><p>This short link has expired.</p>');

/** The password form; it posts to the page's own URL, query string included. */
export function passwordPage(error?: string): string {
  return page(
    'Password required',
    '<h1>Password required</h1><p>This link is protected. Enter its password to continue.</p>' +
      (error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : '') +
      '<form method="post"><input type="password" name="password" aria-label="Password" placeholder="Password" autocomplete="current-password" required autofocus>' +
      '<button type="submit">Continue</button></form>',
  );
}

/**
 * What link-preview crawlers get instead of the 302 when the link has a social preview: Open Graph and Twitter card
 * tags (every value escaped), and a plain link to the destination for anyone else who lands on it.
 */
export function socialPreviewPage(preview: LinkSocialPreview, destination: string): string {
  const meta = (attribute: 'property' | 'name', key: string, value: string | null) =>
    value === null ? '' : `<meta ${attribute}="${key}" content="${escapeHtml(value)}">`;
  const title = preview.title ?? destination;
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    `<title>${escapeHtml(title)}</title>` +
    meta('property', 'og:type', 'website') +
    meta('property', 'og:title', preview.title) +
    meta('property', 'og:description', preview.description) +
    meta('property', 'og:image', preview.image) +
    meta('name', 'twitter:card', preview.image ? 'summary_large_image' : 'summary') +
    meta('name', 'twitter:title', preview.title) +
    meta('name', 'twitter:description', preview.description) +
    meta('name', 'twitter:image', preview.image) +
    `</head><body><a href="${escapeHtml(destination)}">${escapeHtml(title)}</a></body></html>`
  );
}

/**
 * Tries the app, then falls back to the web page: a custom scheme cannot report that no app took it, so the page
 * leaves for the web URL after a short delay unless it was hidden meanwhile (the app opened). The same script for
 * every link (the URLs are read from the page's links), so the CSP allows it by its hash: nothing else runs.
 */
const APP_OPENER_SCRIPT =
  "var a=document.getElementById('app').getAttribute('href'),w=document.getElementById('web').getAttribute('href');" +
  'var t=setTimeout(function(){location.replace(w)},1500);' +
  "document.addEventListener('visibilitychange',function(){if(document.hidden)clearTimeout(t)});" +
  'location.href=a;';

export const APP_OPENER_CONTENT_SECURITY_POLICY =
  "default-src 'none'; " +
  `script-src 'sha256-${createHash('sha256').update(APP_OPENER_SCRIPT).digest('base64')}'; ` +
  "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function appOpenerPage(appUrl: string, webUrl: string): string {
  return page(
    'Opening the app…',
    '<h1>Opening the app…</h1>' +
      `<p><a id="app" href="${escapeHtml(appUrl)}">Open the app</a></p>` +
      `<p>Not installed? <a id="web" href="${escapeHtml(webUrl)}">Continue to the website</a>.</p>` +
      `<script>${APP_OPENER_SCRIPT}</script>`,
  );
}
