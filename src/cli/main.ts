/**
 * The `cong` command line: serve, migrate, import, demo, site (list, merge, rename), network. Every command parses its
 * arguments (NFC-normalised), runs core commands as the system, and prints a clear message
 * and a non-zero exit code on failure.
 */
import { Command, InvalidArgumentError } from 'commander';
import cliProgress from 'cli-progress';
import { loadConfig } from '../core/config.ts';
import { ValidationError } from '../core/errors.ts';
import { describeCommandError } from './describe-error.ts';
import { siteIdOf, withCore } from './cli-support.ts';
import { normalizeText } from '../core/text/index.ts';
import { migrateToLatest } from '../core/db/dialect.ts';
import { ensureDemo } from '../core/demo/load-demo.ts';
import type { ImportSummary } from '../core/import/import.ts';
import fs from 'node:fs';
import path from 'node:path';
import { registerAuditCommands } from './commands/audit.ts';
import { registerOutboxCommands } from './commands/outbox.ts';
import { registerUserCommands } from './commands/user.ts';
import { registerSearchCommands } from './commands/search.ts';
import { registerSiteCommands } from './commands/site.ts';
import { registerNetworkCommands } from './commands/network.ts';

const program = new Command();
program.name('cong').description('Cong — nền tảng cổng/trang thông tin điện tử (government e-information portals)');
program.helpOption('-h, --help', 'hiển thị trợ giúp');
program.helpCommand('help [lệnh]', 'hiển thị trợ giúp của một lệnh');
program.configureOutput({ outputError: (text, write) => write(translateCommanderError(text)) });
program.showHelpAfterError('(xem thêm: cong --help)');

/** Commander's own error lines, in Vietnamese (it has no locale support). */
const COMMANDER_ERRORS: Array<[RegExp, (...m: string[]) => string]> = [
  [/^error: required option '(.+)' not specified/, (o) => `Lỗi: thiếu tuỳ chọn bắt buộc ${o}`],
  [/^error: missing required argument '(.+)'/, (a) => `Lỗi: thiếu đối số ${a}`],
  [/^error: unknown option '(.+?)'(.*)/, (o, rest) => `Lỗi: không có tuỳ chọn ${o}${rest.replace('(Did you mean', '(Ý bạn là').replace('?)', '?)')}`],
  [/^error: unknown command '(.+?)'(.*)/, (c, rest) => `Lỗi: không có lệnh ${c}${rest.replace('(Did you mean', '(Ý bạn là')}`],
  [/^error: too many arguments(.*)/, (rest) => `Lỗi: thừa đối số${rest.replace("for 'import'", '').replace('. Expected', '; cần').replace('arguments but got', 'đối số, nhận')}`],
  [/^error: option '(.+)' argument missing/, (o) => `Lỗi: tuỳ chọn ${o} cần một giá trị`],
  [/^error: option '(.+)' argument '(.+)' is invalid\. (.*)/, (o, v, why) => `Lỗi: giá trị "${v}" của tuỳ chọn ${o} không hợp lệ: ${why}`],
];

function translateCommanderError(text: string): string {
  for (const [pattern, say] of COMMANDER_ERRORS) {
    const m = pattern.exec(text);
    if (m) return say(...m.slice(1).map((x) => x ?? '')) + '\n';
  }
  return text;
}

function progressBar(label: string) {
  if (!process.stderr.isTTY) {
    let last = 0;
    return {
      update(done: number, total?: number) {
        if (done - last >= 1000 || (total !== undefined && done === total)) {
          last = done;
          process.stderr.write(`${label}: ${done}${total ? `/${total}` : ''}\n`);
        }
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted}`, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let startedBar = false;
  return {
    update(done: number, total?: number) {
      if (!startedBar) {
        bar.start(total ?? done, 0);
        startedBar = true;
      }
      if (total !== undefined) bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      if (startedBar) bar.stop();
    },
  };
}

function printSummary(summary: ImportSummary, ms: number): void {
  for (const e of summary.errors) console.error(`  ✗ ${e.source}: ${e.field}: ${e.message}`);
  const total = summary.imported + summary.updated + summary.skipped + summary.failed;
  const rate = ms > 0 ? Math.round((total / ms) * 1000) : total;
  console.log(
    `Nhập mới ${summary.imported}, cập nhật ${summary.updated}, bỏ qua (không đổi) ${summary.skipped}, lỗi ${summary.failed} ` +
      `— ${total} bản ghi trong ${(ms / 1000).toFixed(2)} s (${rate}/s)`,
  );
}

program
  .command('serve')
  .description('Chạy máy chủ web (mặc định http://127.0.0.1:3000)')
  .action(async () => {
    const config = loadConfig();
    const { startServer } = await import('../server/main.ts');
    const server = await startServer(config);
    console.log(`\nCong đang chạy (khởi động trong ${server.startMs} ms).`);
    console.log(`  Mạng lưới:            ${server.url}/`);
    console.log(`  Cổng TTĐT Bộ TTTT:    ${server.url}/bo-tttt/`);
    console.log(`  Sở TTTT Lạng Sơn:     ${server.url}/langson/`);
    console.log(`  Dữ liệu:              ${config.databaseUrl ? 'PostgreSQL' : config.dataDir}`);
    const stop = async () => {
      await server.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program
  .command('migrate')
  .description('Áp dụng các migration còn thiếu cho cơ sở dữ liệu')
  .action(async () => {
    await withCore(async (core) => {
      const applied = await migrateToLatest(core.db);
      console.log(applied.length ? `Đã áp dụng: ${applied.join(', ')}` : 'Cơ sở dữ liệu đã ở phiên bản mới nhất.');
    });
  });

program
  .command('demo')
  .description('Tạo mạng lưới trang mẫu và nạp nội dung mẫu (nếu chưa có)')
  .action(async () => {
    await withCore(async (core) => {
      const r = await ensureDemo(core, (l) => console.log(l), { force: true });
      console.log(r.created ? 'Đã tạo dữ liệu mẫu.' : 'Dữ liệu mẫu đã được cập nhật.');
    });
  });

const media = program.command('media').description('Thư viện ảnh của một trang');
media
  .command('add <file>')
  .description('Thêm một ảnh (JPEG, PNG, WebP, GIF): lưu bản gốc và các cỡ WebP/JPEG, bỏ siêu dữ liệu EXIF')
  .requiredOption('-s, --site <key>', 'khoá của trang')
  .requiredOption('-a, --alt <text>', 'văn bản thay thế (mô tả ảnh cho người không nhìn thấy)')
  .option('-c, --caption <text>', 'chú thích ảnh')
  .option('--credit <text>', 'tác giả ảnh')
  .option('--cover-of <slug>', 'đặt làm ảnh đại diện của bài viết có đường dẫn này trên trang')
  .action(async (file: string, opts: { site: string; alt: string; caption?: string; credit?: string; coverOf?: string }) => {
    await withCore(async (core) => {
      const siteId = siteIdOf(core, opts.site);
      let data: Buffer;
      try {
        data = fs.readFileSync(file);
      } catch {
        throw new ValidationError([{ path: 'file', message: `không đọc được tệp ${file}` }]);
      }
      let article: { id: number } | undefined;
      if (opts.coverOf) {
        article = await core.db.selectFrom('articles').select('id').where('site_id', '=', siteId).where('slug', '=', opts.coverOf).executeTakeFirst();
        if (!article) throw new ValidationError([{ path: '--cover-of', message: `không có bài viết "${opts.coverOf}" trên trang ${opts.site}` }]);
      }
      const { createMedia } = await import('../core/media/create-media.ts');
      const item = await createMedia(
        { db: core.db, storage: core.mediaStorage, clock: core.clock },
        { siteId, siteKey: opts.site, fileName: path.basename(file), data, alt: opts.alt, caption: opts.caption, credit: opts.credit },
      );
      if (article) {
        await core.db
          .updateTable('articles')
          .set({ cover_media_id: item.id, updated_at: core.clock().toISOString() })
          .where('id', '=', article.id)
          .execute();
      }
      console.log(`Ảnh #${item.id}: ${item.width}×${item.height}, ${item.variants.length} bản thu nhỏ — /media/${item.storageKey}${article ? ` (ảnh đại diện của bài ${opts.coverOf})` : ''}`);
    });
  });
media
  .command('list')
  .description('Liệt kê ảnh của một trang, mới nhất trước')
  .requiredOption('-s, --site <key>', 'khoá của trang')
  .action(async (opts: { site: string }) => {
    await withCore(async (core) => {
      const { listMedia } = await import('../core/media/media.repository.ts');
      for (const m of await listMedia(core.db, siteIdOf(core, opts.site), { limit: 200 })) {
        console.log(`#${m.id} ${m.width}×${m.height} ${m.originalName} — ${m.alt}${m.caption ? ` — ${m.caption}` : ''}`);
      }
    });
  });

const importCmd = program.command('import').description('Nhập bài viết từ tệp (chạy lại không tạo bản trùng)');

function dateOption(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$|^\d{1,2}[/-]\d{1,2}[/-]\d{4}$/.test(value)) throw new InvalidArgumentError('ngày phải có dạng 2022-09-27 hoặc 27/9/2022');
  return value;
}

importCmd
  .command('text <files...>')
  .description('Trang bài viết dạng văn bản thuần (tiêu đề, các đoạn, chú thích ảnh, tác giả và đơn vị ở cuối)')
  .requiredOption('-s, --site <key>', 'khoá của trang nhận bài, ví dụ langson')
  .option('-c, --category <name>', 'chuyên mục', 'Tin hoạt động')
  .option('-d, --date <date>', 'ngày đăng nếu trong bài không có (2022-09-27 hoặc 27/9/2022)', dateOption)
  .action(async (files: string[], opts: { site: string; category: string; date?: string }) => {
    await withCore(async (core) => {
      const started = performance.now();
      const { importTextFiles } = await import('../core/import/import-files.ts');
      const summary = await importTextFiles(
        { db: core.db, clock: core.clock },
        { siteId: siteIdOf(core, opts.site), files, date: opts.date, categoryName: normalizeText(opts.category) },
      );
      printSummary(summary, performance.now() - started);
      if (summary.failed) process.exitCode = 2;
    });
  });

importCmd
  .command('jsonl <file>')
  .description('Tệp JSON Lines (mỗi dòng một bài: id, title, published, category, summary, body, source, url)')
  .requiredOption('-s, --site <key>', 'khoá của trang nhận bài')
  .option('-m, --category-map <fileOrSpec>', 'ánh xạ chuyên mục: tệp JSON hoặc "nguon=dich,nguon2=dich2"')
  .action(async (file: string, opts: { site: string; categoryMap?: string }) => {
    await withCore(async (core) => {
      const started = performance.now();
      const { importJsonlFile, loadCategoryMap } = await import('../core/import/import-files.ts');
      const bar = progressBar('Đang nhập');
      try {
        const summary = await importJsonlFile(
          { db: core.db, clock: core.clock },
          {
            siteId: siteIdOf(core, opts.site),
            file,
            categoryMap: opts.categoryMap ? loadCategoryMap(normalizeText(opts.categoryMap)) : undefined,
            onProgress: (done: number, total?: number) => bar.update(done, total),
          },
        );
        bar.stop();
        printSummary(summary, performance.now() - started);
        if (summary.failed) process.exitCode = 2;
      } finally {
        bar.stop();
      }
    });
  });

importCmd
  .command('html <files...>')
  .description('Trang bài viết HTML (trích nội dung chính bằng Readability)')
  .requiredOption('-s, --site <key>', 'khoá của trang nhận bài')
  .option('-c, --category <name>', 'chuyên mục', 'Tin hoạt động')
  .option('-d, --date <date>', 'ngày đăng nếu trang không ghi (2022-09-27 hoặc 27/9/2022)', dateOption)
  .action(async (files: string[], opts: { site: string; category: string; date?: string }) => {
    await withCore(async (core) => {
      const started = performance.now();
      const { importHtmlFiles } = await import('../core/import/import-files.ts');
      const summary = await importHtmlFiles(
        { db: core.db, clock: core.clock },
        { siteId: siteIdOf(core, opts.site), files, date: opts.date, categoryName: normalizeText(opts.category) },
      );
      printSummary(summary, performance.now() - started);
      if (summary.failed) process.exitCode = 2;
    });
  });

// Command groups in their own files (one line each).
registerUserCommands(program);
registerAuditCommands(program);
registerOutboxCommands(program);
registerSearchCommands(program);
registerSiteCommands(program);
registerNetworkCommands(program);

try {
  await program.parseAsync(process.argv.map((a) => normalizeText(a)));
} catch (error) {
  const lines = describeCommandError(error);
  if (lines) for (const line of lines) console.error(line);
  else console.error(error);
  process.exitCode = 1;
}
