import type { AppConfig } from '@app/common';
import type { ClickInput } from './click-event';
import { ClickEnricher, visitorHash } from './click-enricher';
import { GeoIpService } from './geoip.service';
import type { VisitorSalts } from './visitor-salts';

const DAY_MS = 86_400_000;
const SALTS: Record<string, string> = { '2026-03-01': 'salt-of-march-1', '2026-03-02': 'salt-of-march-2' };
const MARCH_1 = Date.parse('2026-03-01T10:00:00Z');

const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

function click(index: number, overrides: Partial<ClickInput> = {}): ClickInput {
  return {
    clickId: `clk_${index}`,
    time: MARCH_1 + index,
    workspaceId: 'ws_1',
    linkId: 'link_1',
    domain: 'go.test',
    url: 'https://example.com/?utm_source=news',
    ip: '81.2.69.142',
    userAgent: CHROME,
    referrer: 'https://www.news.example/story',
    head: false,
    ...overrides,
  };
}

async function geoIp(): Promise<GeoIpService> {
  const service = new GeoIpService({ GEOIP_DIR: undefined } as AppConfig);
  await service.onModuleInit();
  return service;
}

async function enricher(): Promise<ClickEnricher> {
  const salts = { saltFor: async (day: string) => SALTS[day] } as VisitorSalts;
  return new ClickEnricher(await geoIp(), salts);
}

function noneUnusable(click: ClickInput, error: unknown): never {
  throw new Error(`${click.clickId} unusable: ${(error as Error).message}`);
}

describe('ClickEnricher', () => {
  // Addresses (IPv4, IPv6, IPv4-mapped, private, none) and agents seen again: the second sighting comes from the caches.
  const clicks = [
    click(1),
    click(2, { ip: '2001:4860:4860::8888', userAgent: IPHONE }),
    click(3, { ip: '::ffff:81.2.69.142' }),
    click(4, { ip: '10.0.0.1', userAgent: undefined }),
    click(5, { ip: '81.2.69.142', userAgent: IPHONE, head: true }),
    click(6),
    click(7, { ip: '2001:4860:4860::8888', userAgent: IPHONE }),
  ];

  it('gives the same events from its caches as from a first sighting, equal to an uncached lookup', async () => {
    const cached = await enricher();
    const first = await cached.enrich(clicks, noneUnusable);
    const again = await cached.enrich(clicks, noneUnusable);
    const fresh = await (await enricher()).enrich(clicks, noneUnusable);
    expect(again).toEqual(first);
    expect(fresh).toEqual(first);
    expect(first[5]).toEqual({ ...first[0], id: 'clk_6', time: new Date(MARCH_1 + 6) });
    const uncachedGeoIp = await geoIp();
    first.forEach((event, index) => {
      const location = uncachedGeoIp.lookup(clicks[index].ip);
      expect(event).toMatchObject({
        visitorHash: visitorHash(SALTS['2026-03-01'], clicks[index].ip, clicks[index].userAgent ?? ''),
        country: location?.country ?? null,
        region: location?.region ?? null,
        city: location?.city ?? null,
      });
    });
    // Located (which country the bundled database says may change with its version).
    expect(first[0]).toMatchObject({
      country: expect.stringMatching(/^[A-Z]{2}$/),
      device: 'desktop',
      browser: 'Chrome',
      os: 'Windows',
      isBot: false,
    });
    expect(first[1]).toMatchObject({
      country: expect.stringMatching(/^[A-Z]{2}$/),
      device: 'mobile',
      browser: 'Mobile Safari',
      os: 'iOS',
    });
    expect(first[3]).toMatchObject({ country: null, device: 'bot', isBot: true });
    expect(first[4]).toMatchObject({ device: 'bot', isBot: true });
  });

  it('hashes the same visitor differently on the next day (its salt), cached or not', async () => {
    const cached = await enricher();
    const [today, tomorrow, todayAgain] = await cached.enrich(
      [click(1), click(2, { time: MARCH_1 + DAY_MS }), click(3)],
      noneUnusable,
    );
    expect(today.visitorHash).toBe(visitorHash(SALTS['2026-03-01'], '81.2.69.142', CHROME));
    expect(tomorrow.visitorHash).toBe(visitorHash(SALTS['2026-03-02'], '81.2.69.142', CHROME));
    expect(todayAgain.visitorHash).toBe(today.visitorHash);
  });

  it('hashes each of many user agents from one address as its own visitor, beyond those it keeps', async () => {
    const agents = Array.from({ length: 40 }, (_, index) => `${CHROME} Build/${index}`);
    const cached = await enricher();
    const inputs = [...agents, ...agents].map((userAgent, index) => click(index, { userAgent }));
    const events = await cached.enrich(inputs, noneUnusable);
    events.forEach((event, index) =>
      expect(event.visitorHash).toBe(visitorHash(SALTS['2026-03-01'], '81.2.69.142', inputs[index].userAgent!)),
    );
  });

  it('makes an event of a click whose address is unknown (the client had gone): no location', async () => {
    const [event] = await (await enricher()).enrich([click(1, { ip: '' })], noneUnusable);
    expect(event).toMatchObject({
      country: null,
      region: null,
      city: null,
      visitorHash: visitorHash(SALTS['2026-03-01'], '', CHROME),
    });
  });

  it('hands a click it cannot use to `unusable` and still makes events of the others', async () => {
    const unusable: string[] = [];
    const broken = click(2, { ip: undefined as unknown as string });
    const events = await (
      await enricher()
    ).enrich([click(1), broken, click(3)], (input) => unusable.push(input.clickId));
    expect(events.map((event) => event.id)).toEqual(['clk_1', 'clk_3']);
    expect(unusable).toEqual(['clk_2']);
  });
});
