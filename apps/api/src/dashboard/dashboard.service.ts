import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/common';

export interface DashboardPage {
  status: 200 | 503;
  html: string;
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>LinkTrace dashboard not built</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2937}code{background:#f3f4f6;padding:.1rem .3rem;border-radius:4px}</style></head>
<body><h1>The dashboard has not been built</h1>
<p>The API is running, but the dashboard's files were not found in <code>DASHBOARD_DIR</code>.</p>
<p>Build them with <code>npm run build:dashboard</code> (or start the server with <code>npm start</code>, which builds them), then reload this page.</p>
<p>The API documentation is at <a href="/docs">/docs</a>.</p></body></html>
`;

@Injectable()
export class DashboardService {
  private readonly indexFile: string;

  constructor(config: AppConfig) {
    this.indexFile = join(resolve(config.DASHBOARD_DIR), 'index.html');
  }

  /** index.html for every dashboard path (the SPA routes itself), read each time so a rebuild shows at once. */
  async page(): Promise<DashboardPage> {
    try {
      return { status: 200, html: await readFile(this.indexFile, 'utf8') };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      return { status: 503, html: NOT_BUILT_PAGE };
    }
  }
}
