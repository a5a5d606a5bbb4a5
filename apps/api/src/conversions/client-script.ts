import { createHash } from 'node:crypto';
import { HttpStatus } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * `client.js`: dependency-free, for the pages a tracked link leads to. It keeps the `lt_id` click id of the
 * landing URL in a first-party cookie (90 days) and posts leads and sales with the publishable key of its
 * script tag (`data-key`) to `data-api` (default: the origin the script was loaded from).
 * `trackLead` resolves to null, sending nothing, for a visitor who did not come through a tracked link.
 */
export const CLIENT_SCRIPT = `/* LinkTrace client.js */
(function (w, d) {
  'use strict';
  if (w.linktrace && w.linktrace.trackLead) return;
  var script = d.currentScript;
  var attribute = function (name) { return script ? script.getAttribute(name) : null; };
  var key = attribute('data-key');
  var api = (attribute('data-api') || (script && script.src ? new URL(script.src, location.href).origin : location.origin)).replace(/\\/+$/, '');
  var cookieDomain = attribute('data-cookie-domain');
  var CLICK_ID = /^clk_[0-9A-Za-z]{1,28}$/;

  var landing = new URLSearchParams(location.search).get('lt_id');
  if (landing && CLICK_ID.test(landing)) {
    d.cookie = 'lt_id=' + landing + '; Max-Age=7776000; Path=/; SameSite=Lax' +
      (cookieDomain ? '; Domain=' + cookieDomain : '') + (location.protocol === 'https:' ? '; Secure' : '');
  }

  function clickId() {
    var match = d.cookie.match(/(?:^|;\\s*)lt_id=([^;]+)/);
    return match && CLICK_ID.test(match[1]) ? match[1] : null;
  }

  function post(path, body) {
    if (!key) return Promise.reject(new Error('linktrace: add data-key="lt_pub_..." to the script tag'));
    return fetch(api + '/api/v1/track/' + path, {
      method: 'POST',
      headers: { 'Authorization': 'Bearer ' + key, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
      keepalive: true
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        if (response.ok) return json;
        var error = new Error('linktrace: ' + (json.message || 'HTTP ' + response.status));
        error.status = response.status;
        error.body = json;
        throw error;
      });
    });
  }

  w.linktrace = {
    clickId: clickId,
    trackLead: function (lead) {
      var body = Object.assign({}, lead);
      body.clickId = body.clickId || clickId();
      return body.clickId ? post('leads', body) : Promise.resolve(null);
    },
    trackSale: function (sale) {
      return post('sales', Object.assign({}, sale));
    }
  };
})(window, document);
`;

const ETAG = `"${createHash('sha256').update(CLIENT_SCRIPT).digest('base64url').slice(0, 27)}"`;
const MAX_AGE_SECONDS = 3600;

/** Serves the script, cacheable for an hour by browsers and CDNs, revalidated with its ETag (304). */
export function sendClientScript(request: FastifyRequest, reply: FastifyReply): void {
  reply
    .header('Cache-Control', `public, max-age=${MAX_AGE_SECONDS}`)
    .header('ETag', ETAG)
    .header('X-Content-Type-Options', 'nosniff')
    // Pages with Cross-Origin-Embedder-Policy, and <script crossorigin integrity=…>, may load it too.
    .header('Cross-Origin-Resource-Policy', 'cross-origin')
    .header('Access-Control-Allow-Origin', '*');
  if (etagMatches(request.headers['if-none-match'])) {
    reply.code(HttpStatus.NOT_MODIFIED).send();
    return;
  }
  reply.code(HttpStatus.OK).header('Content-Type', 'text/javascript; charset=utf-8').send(CLIENT_SCRIPT);
}

function etagMatches(ifNoneMatch: string | undefined): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed === ETAG || trimmed === `W/${ETAG}`;
  });
}
