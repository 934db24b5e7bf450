/**
 * Benchmarks (`npm run bench`): prints figures and ratios, asserts nothing. Runs on SQLite in
 * a temp folder (or PostgreSQL with `--pg`), on real Vietnamese text:
 *
 *   npm run bench -- [--corpus FILE.jsonl] [--articles N] [--pg] [search options]
 *   npm run bench -- --only search [search options]      (or CONG_BENCH=search: the search part alone)
 *   npm run bench -- --only fanout [fan-out options]      (or CONG_BENCH=fanout: publish → 70 sites, bench/fanout.ts)
 *
 * - start: wall time from spawning `cong serve` to the first 200 on `/`, on an empty data
 *   folder (creates the demo network) and again on the filled folder;
 * - import: JSON Lines import rate (articles/s). The corpus is FILE (the news record format,
 *   e.g. a file from a news corpus kept outside the repo) or, by default, articles built from
 *   the bundled legal texts (one article per "Điều"), repeated with varied ids and dates up to
 *   N records (default 10,000);
 * - pages: bytes and gzip bytes of the network root, a site home, a category page, an article;
 * - render: median and p95 ms of an uncached article page through the app (no network), and
 *   requests/s of that page over HTTP against a bare Node http server sending the same bytes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import zlib from 'node:zlib';
import { loadConfig } from '../src/core/config.ts';
import { createCore } from '../src/core/create-core.ts';
import { ensureDemo } from '../src/core/demo/load-demo.ts';
import { importJsonlFile } from '../src/core/import/index.ts';
import { buildApp } from '../src/server/app.ts';
import { startServerProcess } from '../test/server-process.ts';
import { runSearchBench, searchBenchOptions } from './search.ts';
import { fanoutBenchOptions, runFanoutBench } from './fanout.ts';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const corpus = arg('--corpus');
const target = Number(arg('--articles') ?? 10_000);
const usePg = args.includes('--pg');

const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function buildLegalCorpus(file: string, count: number): number {
  const texts = fs
    .readFileSync(path.resolve('demo/legal-texts.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { id: string; text: string });
  const articles: Array<{ title: string; body: string[] }> = [];
  for (const t of texts) {
    let current: { title: string; body: string[] } | null = null;
    for (const line of t.text.split('\n')) {
      if (/^Điều\s+\d+\./u.test(line)) {
        if (current && current.body.length) articles.push(current);
        current = { title: line.slice(0, 160), body: [] };
      } else if (current) current.body.push(line);
    }
    if (current && current.body.length) articles.push(current);
  }
  const categories = ['Thời sự', 'Chính sách mới', 'Chuyển đổi số', 'Pháp luật', 'Báo chí - Xuất bản'];
  const out = fs.createWriteStream(file);
  const start = Date.parse('2022-01-01T01:00:00Z');
  for (let i = 0; i < count; i++) {
    const a = articles[i % articles.length]!;
    const record = {
      id: `bench-${i}`,
      title: `${a.title} (${Math.floor(i / articles.length) + 1})`,
      published: new Date(start + i * 37 * 60_000).toISOString(),
      category: categories[i % categories.length],
      summary: a.body[0]?.slice(0, 300) ?? null,
      body: a.body.join('\n'),
      source: 'Quốc hội',
      url: null,
    };
    out.write(JSON.stringify(record) + '\n');
  }
  out.end();
  return articles.length;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-bench-'));
  const env: Record<string, string> = { CONG_DATA_DIR: dir, LOG_LEVEL: 'warn' };
  if (usePg) env.DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  console.log(`Cong benchmark — ${usePg ? 'PostgreSQL' : 'SQLite'}, Node ${process.version}, ${os.cpus().length} CPUs\n`);

  // 1. start times
  for (const label of ['empty data folder (creates the demo)', 'filled data folder']) {
    const started = performance.now();
    const server = await startServerProcess({ ...env, CONG_DEMO: '1' });
    const res = await fetch(`${server.url}/`);
    await res.text();
    console.log(`start, ${label}: ${ms(performance.now() - started)} to the first 200 (server says ${/trong (\d+) ms/.exec(server.output())?.[1]} ms after loading)`);
    await server.stop();
  }

  // 2. import rate
  const config = loadConfig({ ...env, CONG_DEMO: '1' });
  const core = await createCore(config);
  await ensureDemo(core, () => {});
  let file = corpus;
  if (!file) {
    file = path.join(dir, 'legal-corpus.jsonl');
    const distinct = buildLegalCorpus(file, target);
    await new Promise((r) => setTimeout(r, 200));
    console.log(`\ncorpus: ${target} records from ${distinct} distinct articles of the bundled legal texts`);
  } else console.log(`\ncorpus: ${file}`);
  const site = core.sites.getByKey('langson')!;
  let t = performance.now();
  const first = await importJsonlFile({ db: core.db, clock: core.clock }, { siteId: site.id, file });
  let elapsed = performance.now() - t;
  const n = first.imported + first.updated + first.skipped + first.failed;
  console.log(`import: ${first.imported} new, ${first.failed} failed in ${ms(elapsed)} — ${Math.round((n / elapsed) * 1000)} articles/s`);
  t = performance.now();
  const again = await importJsonlFile({ db: core.db, clock: core.clock }, { siteId: site.id, file });
  elapsed = performance.now() - t;
  console.log(`re-import (all unchanged): ${again.skipped} skipped in ${ms(elapsed)} — ${Math.round((n / elapsed) * 1000)} articles/s`);

  // 3. page sizes and render time
  const app = await buildApp(core, { logLevel: 'silent' });
  await app.ready();
  const home = await app.inject({ url: '/langson/' });
  const articleUrl = /href="(\/langson\/bai-viet\/hoi-nghi[^"]+)"/.exec(home.body)![1]!;
  console.log('\npages (uncompressed / gzip):');
  for (const [name, url] of [
    ['network root', '/'],
    ['site home', '/langson/'],
    ['category page', '/bo-tttt/chuyen-muc/diem-bao'],
    ['article page', articleUrl],
  ] as const) {
    const r = await app.inject({ url });
    console.log(`  ${name.padEnd(14)} ${kb(Buffer.byteLength(r.body)).padStart(9)} / ${kb(zlib.gzipSync(r.body).length).padStart(8)}  ${url}`);
  }
  const times: number[] = [];
  for (let i = 0; i < 400; i++) {
    const s = performance.now();
    await app.inject({ url: articleUrl });
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const total = await core.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  console.log(`\narticle render through the app (inject, uncached), ${Number(total.n)} articles stored: median ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}`);

  // 4. HTTP throughput against a bare server sending the same bytes
  await app.listen({ host: '127.0.0.1', port: 0 });
  const appPort = (app.server.address() as { port: number }).port;
  const bytes = (await app.inject({ url: articleUrl })).body;
  const bare = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(bytes);
  });
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
  const barePort = (bare.address() as { port: number }).port;
  const rps = async (url: string) => {
    const end = performance.now() + 3000;
    let count = 0;
    const worker = async () => {
      while (performance.now() < end) {
        const r = await fetch(url);
        await r.arrayBuffer();
        count++;
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    return count / 3;
  };
  const bareRps = await rps(`http://127.0.0.1:${barePort}/`);
  const appRps = await rps(`http://127.0.0.1:${appPort}${articleUrl}`);
  console.log(`article over HTTP, 8 connections, 3 s: Cong ${Math.round(appRps)} req/s, bare Node http with the same bytes ${Math.round(bareRps)} req/s — ratio ${(appRps / bareRps).toFixed(2)}`);
  console.log(`memory: ${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB resident (bench process: app + importer)`);

  bare.close();
  await app.close();
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

if (arg('--only') === 'search' || process.env.CONG_BENCH === 'search') {
  await runSearchBench(searchBenchOptions(args));
} else if (arg('--only') === 'fanout' || process.env.CONG_BENCH === 'fanout') {
  await runFanoutBench(fanoutBenchOptions(args));
} else {
  await main();
  await runSearchBench(searchBenchOptions(args));
  await runFanoutBench(fanoutBenchOptions(args));
}
