import { ConfigError, loadConfig } from '@app/common';
import { AuthService } from './auth/auth.service';
import { createApp } from './bootstrap';
import { startupBanner } from './startup-banner';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const app = await createApp(config);
  app.enableShutdownHooks();
  await app.listen(config.PORT, config.HOST);
  process.stdout.write(startupBanner(config, await app.get(AuthService).hasAccount()));
}

void main();
