import { loadConfig } from '@app/common';
import { startupBanner } from './startup-banner';

describe('startupBanner', () => {
  const config = loadConfig({ PUBLIC_URL: 'http://localhost:3000' });

  it('shows where the server, dashboard and docs are, and the first-account steps while nobody has signed up', () => {
    const banner = startupBanner(config, false);
    expect(banner).toContain('LinkTrace is running at http://localhost:3000');
    expect(banner).toContain('Dashboard:  http://localhost:3000/app');
    expect(banner).toContain('No account yet');
    expect(banner).toContain('http://localhost:3000/api/auth/signup');
    expect(banner).toContain('http://localhost:3000/api/settings/api-keys');
  });

  it('leaves the first-account steps out once an account exists', () => {
    const banner = startupBanner(config, true);
    expect(banner).toContain('Dashboard:  http://localhost:3000/app');
    expect(banner).not.toContain('No account yet');
    expect(banner).not.toContain('/api/auth/signup');
  });
});
