import type { ClickedLink } from '@app/database';
import type { ClickEvent } from './click-event';

/** A stored human click as `link.clicked` carries it: the fields of the link's click export (JSON). */
export function toClickedLink(event: ClickEvent): ClickedLink {
  return {
    clickId: event.id,
    workspaceId: event.workspaceId,
    linkId: event.linkId,
    createdAt: event.time,
    data: {
      id: event.id,
      linkId: event.linkId,
      time: event.time.toISOString(),
      domain: event.domain,
      url: event.url,
      country: event.country,
      region: event.region,
      city: event.city,
      device: event.device,
      browser: event.browser,
      os: event.os,
      referrer: event.referrer,
      referrerDomain: event.referrerDomain,
      utmSource: event.utmSource,
      utmMedium: event.utmMedium,
      utmCampaign: event.utmCampaign,
      utmTerm: event.utmTerm,
      utmContent: event.utmContent,
    },
  };
}
