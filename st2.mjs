import { PGlite } from '@electric-sql/pglite';
import { readFileSync } from 'node:fs';
const dir = process.argv[2];
const extra = process.argv.slice(3);
const opts = extra.length ? { startParams: [...PGlite.defaultStartParams, ...extra.flatMap(e => ['-c', e])] } : {};
const pg = new PGlite(dir, opts);
await pg.waitReady;
for (let i = 0; i < 50; i++) await pg.exec("insert into t select g, md5(g::text) from generate_series(1,2000) g; select count(*) from t where a < 1000");
const smaps = readFileSync('/proc/self/smaps', 'utf8').split('\n');
const agg = {}; let cur = '';
for (const line of smaps) {
  const m = line.match(/^[0-9a-f]+-[0-9a-f]+ (\S+) \S+ \S+ \S+\s*(.*)$/);
  if (m) { cur = (m[2] || 'anon') + ' ' + m[1]; continue; }
  const r = line.match(/^Rss:\s+(\d+)/); if (r) agg[cur] = (agg[cur] || 0) + Number(r[1]);
}
console.log(Object.entries(agg).sort((a,b)=>b[1]-a[1]).slice(0,8).map(([k,v])=>`${k}: ${(v/1024).toFixed(0)}MB`).join('\n'));
console.log('rss', (process.memoryUsage().rss/1e6).toFixed(0), 'wasm', pg.mod.HEAPU8.length/1e6);
await pg.close();
