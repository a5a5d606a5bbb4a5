import {
  abTestVisit,
  bestVariant,
  chooseVariant,
  toRedirectAbTest,
  visitorPoint,
  type VariantResults,
} from './ab-test';

const LINK_ID = 'link_0123456789abcdef';

describe('A/B test variants', () => {
  it.each([[[50, 50]], [[70, 30]], [[10, 20, 30, 40]], [[1, 99]], [[34, 33, 33]]])(
    '10,000 visitors land within 2 points of the weights %j',
    (weights) => {
      const test = toRedirectAbTest(
        weights.map((weight, index) => ({ url: `https://example.com/${index}`, weight })),
        null,
        null,
        false,
        (url) => url,
      );
      const visits = new Map<string, number>();
      for (let visitor = 0; visitor < 10_000; visitor++) {
        const ip = `10.${(visitor >> 16) & 255}.${(visitor >> 8) & 255}.${visitor & 255}`;
        const userAgent = `Mozilla/5.0 (visitor ${visitor % 37})`;
        const { variant } = abTestVisit(test, LINK_ID, ip, userAgent, Date.now());
        visits.set(variant!, (visits.get(variant!) ?? 0) + 1);
      }
      weights.forEach((weight, index) => {
        const share = ((visits.get(`https://example.com/${index}`) ?? 0) / 10_000) * 100;
        expect(Math.abs(share - weight)).toBeLessThanOrEqual(2);
      });
    },
  );

  it('gives a visitor the same point on every request and another point on another link', () => {
    const point = visitorPoint(LINK_ID, '203.0.113.7', 'Firefox');
    expect(visitorPoint(LINK_ID, '203.0.113.7', 'Firefox')).toBe(point);
    expect(point).toBeGreaterThanOrEqual(0);
    expect(point).toBeLessThan(100);
    expect(visitorPoint('link_other', '203.0.113.7', 'Firefox')).not.toBe(point);
  });

  it('places each point in the share that holds it', () => {
    const variants = [{ upTo: 70 }, { upTo: 100 }];
    expect(chooseVariant(variants, 0)).toBe(variants[0]);
    expect(chooseVariant(variants, 69.999)).toBe(variants[0]);
    expect(chooseVariant(variants, 70)).toBe(variants[1]);
    expect(chooseVariant(variants, 99.999)).toBe(variants[1]);
  });

  describe('after the end', () => {
    const variants = [
      { url: 'https://example.com/a', weight: 60 },
      { url: 'https://example.com/b', weight: 40 },
    ];
    const ended = Date.parse('2026-01-01T00:00:00Z');

    it('sends everyone to the winner and records no variant', () => {
      const test = toRedirectAbTest(variants, new Date(ended), variants[1].url, false, (url) => `${url}?utm=x`);
      expect(abTestVisit(test, LINK_ID, '1.2.3.4', 'UA', ended)).toEqual({
        destination: 'https://example.com/b?utm=x',
        variant: null,
      });
      expect(abTestVisit(test, LINK_ID, '1.2.3.4', 'UA', ended - 1).variant).not.toBeNull();
    });

    it('keeps splitting without a winner', () => {
      const test = toRedirectAbTest(variants, new Date(ended), null, false, (url) => url);
      expect(abTestVisit(test, LINK_ID, '1.2.3.4', 'UA', ended + 1).variant).toMatch(/^https:\/\/example.com\/[ab]$/);
    });
  });

  describe('the best variant', () => {
    const variants = [
      { url: 'https://example.com/a', weight: 20 },
      { url: 'https://example.com/b', weight: 50 },
      { url: 'https://example.com/c', weight: 30 },
    ];
    const results = (entries: [string, VariantResults][]) => new Map(entries);

    it('is the best conversion rate, whatever the counts', () => {
      const best = bestVariant(
        variants,
        results([
          ['https://example.com/a', { clicks: 10, conversions: 3 }],
          ['https://example.com/b', { clicks: 1_000, conversions: 200 }],
          ['https://example.com/c', { clicks: 100, conversions: 29 }],
        ]),
      );
      expect(best.url).toBe('https://example.com/a');
    });

    it('on a tie, the highest weight; on equal weights, the first', () => {
      const tie = results([
        ['https://example.com/a', { clicks: 10, conversions: 1 }],
        ['https://example.com/b', { clicks: 20, conversions: 2 }],
      ]);
      expect(bestVariant(variants, tie).url).toBe('https://example.com/b');
      expect(bestVariant(variants, results([])).url).toBe('https://example.com/b');
      const even = variants.map((variant) => ({ ...variant, weight: 33 }));
      expect(bestVariant(even, results([])).url).toBe('https://example.com/a');
    });
  });
});
