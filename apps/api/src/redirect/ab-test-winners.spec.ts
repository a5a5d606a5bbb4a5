import type { LinkChangesService } from '@app/common';
import { toRedirectAbTest } from './ab-test';
import { AbTestWinners, PICK_RETRY_MS } from './ab-test-winners';
import type { RedirectLink } from './redirect-link';
import type { RedirectRepository } from './redirect.repository';

const VARIANTS = [
  { url: 'https://example.com/a', weight: 60 },
  { url: 'https://example.com/b', weight: 40 },
];
const ENDED = Date.parse('2026-06-01T00:00:00Z');

function endedLink(): RedirectLink {
  return {
    id: 'link_ab',
    domain: 'go.test',
    slug: 'ab',
    abTest: toRedirectAbTest(VARIANTS, new Date(ENDED), null, true, (url) => `${url}?utm_source=x`),
  } as RedirectLink;
}

/** The repository's answers are what this spec sets; the SQL itself runs in link-ab-tests.e2e-spec. */
function winnersWith(repository: Partial<Record<keyof RedirectRepository, jest.Mock>>, clock = { now: ENDED }) {
  const publish = jest.fn();
  const winners = new AbTestWinners(
    repository as unknown as RedirectRepository,
    { publish } as unknown as LinkChangesService,
    () => clock.now,
  );
  return { winners, publish, clock };
}

describe('AbTestWinners', () => {
  it('picks the best variant once for concurrent visits, stores it, and serves its destination', async () => {
    const repository = {
      findTestWinner: jest.fn().mockResolvedValue({ winnerUrl: null, variants: VARIANTS }),
      variantResults: jest.fn().mockResolvedValue(new Map([['https://example.com/b', { clicks: 10, conversions: 2 }]])),
      storeTestWinner: jest.fn().mockResolvedValue('https://example.com/b'),
    };
    const { winners, publish } = winnersWith(repository);
    const link = endedLink();

    await Promise.all([winners.pick(link), winners.pick(link), winners.pick(link)]);

    expect(repository.variantResults).toHaveBeenCalledTimes(1);
    expect(repository.storeTestWinner).toHaveBeenCalledWith('link_ab', new Date(ENDED), 'https://example.com/b');
    expect(link.abTest!.winnerDestination).toBe('https://example.com/b?utm_source=x');
    expect(publish).toHaveBeenCalledWith({ domain: 'go.test', slug: 'ab' });
  });

  it('takes the winner another instance stored, without computing one', async () => {
    const repository = {
      findTestWinner: jest.fn().mockResolvedValue({ winnerUrl: 'https://example.com/a', variants: VARIANTS }),
      variantResults: jest.fn(),
      storeTestWinner: jest.fn(),
    };
    const { winners } = winnersWith(repository);
    const link = endedLink();

    await winners.pick(link);

    expect(repository.variantResults).not.toHaveBeenCalled();
    expect(link.abTest!.winnerDestination).toBe('https://example.com/a?utm_source=x');
  });

  it('lets visits through when the database fails, and asks it again only after the retry delay', async () => {
    const repository = {
      findTestWinner: jest.fn().mockRejectedValue(new Error('connection refused')),
      variantResults: jest.fn(),
      storeTestWinner: jest.fn(),
    };
    const { winners, clock } = winnersWith(repository);
    const link = endedLink();

    await expect(winners.pick(link)).resolves.toBeUndefined();
    expect(link.abTest!.winnerDestination).toBeNull();
    clock.now += PICK_RETRY_MS - 1;
    await winners.pick(link);
    expect(repository.findTestWinner).toHaveBeenCalledTimes(1);

    clock.now += 1;
    repository.findTestWinner.mockResolvedValue({ winnerUrl: 'https://example.com/b', variants: VARIANTS });
    await winners.pick(link);
    expect(repository.findTestWinner).toHaveBeenCalledTimes(2);
    expect(link.abTest!.winnerDestination).toBe('https://example.com/b?utm_source=x');
  });
});
