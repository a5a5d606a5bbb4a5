import { Webhook } from 'standardwebhooks';
import { MAX_ATTEMPTS, retryDelayMs } from './webhook-delivery.worker';
import { generateWebhookSecret, signWebhook } from './webhook-signing';
import { isPublicAddress } from '@app/common';

describe('webhook delivery rules', () => {
  it('retries for about a day: the waits between the 12 attempts add up to 21–33 hours whatever the jitter', () => {
    const total = (random: () => number) =>
      Array.from({ length: MAX_ATTEMPTS - 1 }, (_, index) => retryDelayMs(index + 1, random)).reduce((a, b) => a + b);
    const hours = (ms: number) => ms / 3_600_000;
    expect(hours(total(() => 0))).toBeGreaterThan(21);
    expect(hours(total(() => 0.999))).toBeLessThan(33);
    expect(retryDelayMs(1, () => 0.5)).toBe(10_000);
    expect(retryDelayMs(2, () => 0.5)).toBe(30_000);
    expect(retryDelayMs(11, () => 0.5)).toBe(6 * 3_600_000);
  });

  it.each([
    ['93.184.216.34', true],
    ['2606:2800:220:1:248:1893:25c8:1946', true],
    ['127.0.0.1', false],
    ['10.0.0.1', false],
    ['172.16.5.4', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['::1', false],
    ['fd00:ec2::254', false],
    ['fe80::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:10.0.0.1', false],
    ['::ffff:93.184.216.34', true],
    ['not an address', false],
  ])('%s is public: %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });

  it('signs as the standardwebhooks package verifies, one signature per active secret', () => {
    const [current, previous] = [generateWebhookSecret(), generateWebhookSecret()];
    const body = '{"id":"msg_1","type":"webhook.test","createdAt":"2026-12-06T00:00:00.000Z","data":{}}';
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = signWebhook([current, previous], 'msg_1', timestamp, body);
    expect(signature.split(' ')).toHaveLength(2);
    const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(timestamp), 'webhook-signature': signature };
    for (const secret of [current, previous])
      expect(new Webhook(secret).verify(body, headers)).toMatchObject({ id: 'msg_1' });
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow();
  });
});
