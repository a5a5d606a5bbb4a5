import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('applies defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      DATA_DIR: './.data',
      SHORT_DOMAIN: 'localhost:3000',
      TRUST_PROXY: false,
      SESSION_TTL_DAYS: 30,
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.cookieSecure).toBe(false);
  });

  it('converts types and derives cookie security from PUBLIC_URL', () => {
    const config = loadConfig({ PORT: '8080', TRUST_PROXY: 'true', PUBLIC_URL: 'https://lt.example.com' });
    expect(config).toMatchObject({ PORT: 8080, TRUST_PROXY: true, SHORT_DOMAIN: 'localhost:8080' });
    expect(config.cookieSecure).toBe(true);
  });

  it('names the click stream under REDIS_KEY_PREFIX and lets its claim time be set', () => {
    expect(loadConfig({})).toMatchObject({ REDIS_KEY_PREFIX: 'lt:', CLICK_STREAM_CLAIM_IDLE_MS: 30_000 });
    expect(loadConfig({ REDIS_KEY_PREFIX: 'staging:lt:', CLICK_STREAM_CLAIM_IDLE_MS: '5000' })).toMatchObject({
      REDIS_KEY_PREFIX: 'staging:lt:',
      CLICK_STREAM_CLAIM_IDLE_MS: 5_000,
    });
    expect(() => loadConfig({ REDIS_KEY_PREFIX: 'lt *' })).toThrow(/REDIS_KEY_PREFIX may hold/);
    expect(() => loadConfig({ CLICK_STREAM_CLAIM_IDLE_MS: '10' })).toThrow(/CLICK_STREAM_CLAIM_IDLE_MS/);
  });

  it('sets the plan of new workspaces from DEFAULT_PLAN, one of the plans', () => {
    expect(loadConfig({}).DEFAULT_PLAN).toBe('free');
    expect(loadConfig({ DEFAULT_PLAN: 'agency' }).DEFAULT_PLAN).toBe('agency');
    expect(() => loadConfig({ DEFAULT_PLAN: 'pro' })).toThrow(
      /DEFAULT_PLAN must be one of free, starter, creator, agency/,
    );
  });

  it('refuses bad values with one message naming each variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', ADMIN_TOKEN: 'short' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', ADMIN_TOKEN: 'short' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/^Invalid configuration:/);
      expect(message).toContain('PORT');
      expect(message).toContain('DATABASE_URL must start with postgres:// or postgresql://');
      expect(message).toContain('ADMIN_TOKEN must be at least 16 characters');
    }
  });

  it('validates the metrics settings and the signup limit', () => {
    expect(loadConfig({})).toMatchObject({ SIGNUPS_PER_IP_PER_HOUR: 10 });
    expect(loadConfig({}).METRICS_TOKEN).toBeUndefined();
    expect(loadConfig({ METRICS_PORT: '9464', METRICS_TOKEN: 'a'.repeat(16) })).toMatchObject({
      METRICS_PORT: 9464,
      METRICS_TOKEN: 'a'.repeat(16),
    });
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN must be at least 16 characters/);
    expect(() => loadConfig({ METRICS_PORT: 'none' })).toThrow(/METRICS_PORT must be a port number/);
    expect(() => loadConfig({ PORT: '4000', METRICS_PORT: '4000' })).toThrow(/METRICS_PORT: must differ from PORT/);
    expect(() => loadConfig({ SIGNUPS_PER_IP_PER_HOUR: '0' })).toThrow(/SIGNUPS_PER_IP_PER_HOUR/);
  });
});
