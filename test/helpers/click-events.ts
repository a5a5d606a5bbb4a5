import { newId } from '@app/common';
import type { ClickEvent } from '../../apps/api/src/clicks/click-event';
import { TEST_SHORT_DOMAIN } from './links';

/**
 * A click as the enricher makes it, for writing straight to the click writer: a human on a desktop, now, on the test
 * short domain, every other dimension empty unless `fields` gives it.
 */
export function clickEvent(
  fields: Pick<ClickEvent, 'workspaceId' | 'linkId' | 'visitorHash'> & Partial<ClickEvent>,
): ClickEvent {
  return {
    id: newId('click'),
    time: new Date(),
    domain: TEST_SHORT_DOMAIN,
    url: 'https://example.com/',
    country: null,
    region: null,
    city: null,
    device: 'desktop',
    browser: null,
    os: null,
    userAgent: null,
    referrer: null,
    referrerDomain: null,
    utmSource: null,
    utmMedium: null,
    utmCampaign: null,
    utmTerm: null,
    utmContent: null,
    isBot: false,
    ...fields,
  };
}
