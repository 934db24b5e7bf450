/**
 * `cong search reindex` and `cong search query "…" [--site KEY] [--page N]`: the search index
 * from the console. `reindex` rebuilds every article's search document (with a progress bar),
 * for after an upgrade that changes how text is indexed or after changes made in SQL;
 * `query` shows what readers get for a query, ranked and counted as on the search page.
 */
import { type Command, InvalidArgumentError } from 'commander';
import cliProgress from 'cli-progress';
import { siteIdOf, withCore } from '../cli-support.ts';
import { formatDateTime } from '../../core/text/index.ts';

function pageOption(value: string): number {
  if (!/^[1-9]\d{0,5}$/.test(value)) throw new InvalidArgumentError('cần một số nguyên dương, ví dụ 2');
  return Number(value);
}

/** A progress bar on a terminal, a line every 5,000 articles otherwise (logs, CI). */
function progressBar(label: string) {
  if (!process.stderr.isTTY) {
    let last = 0;
    return {
      update(done: number, total: number) {
        if (done - last >= 5000 || done === total) {
          last = done;
          process.stderr.write(`${label}: ${done}/${total}\n`);
        }
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | {value}/{total} | còn {eta_formatted}`, hideCursor: true, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done: number, total: number) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** Strips the `<mark>` of highlighted HTML and shows the words found in «…» on the console. */
function consoleText(html: string): string {
  return html
    .replace(/<mark>/g, '«')
    .replace(/<\/mark>/g, '»')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Registers the `search` command group. */
export function registerSearchCommands(program: Command): void {
  const search = program.command('search').description('Chỉ mục tìm kiếm: xây lại, thử tìm');

  search
    .command('reindex')
    .description('Xây lại chỉ mục tìm kiếm của mọi bài viết (người đọc vẫn tìm được trong lúc chạy)')
    .action(async () => {
      await withCore(async (core) => {
        const { reindexSearch } = await import('../../core/search/search-index.ts');
        const started = performance.now();
        const bar = progressBar('Đang xây lại chỉ mục');
        try {
          const summary = await reindexSearch(core.db, { onProgress: (done, total) => bar.update(done, total) });
          bar.stop();
          const seconds = (performance.now() - started) / 1000;
          const rate = seconds > 0 ? Math.round(summary.documents / seconds) : summary.documents;
          console.log(
            `Đã xây lại chỉ mục tìm kiếm: ${summary.documents} bài trong ${seconds.toFixed(2)} s (${rate} bài/s)` +
              (summary.removed ? `; bỏ ${summary.removed} mục của bài không còn.` : '.'),
          );
        } finally {
          bar.stop();
        }
      });
    });

  search
    .command('query <text>')
    .description('Tìm như người đọc (chỉ tin, bài đã đăng), in kết quả theo thứ tự xếp hạng')
    .option('-s, --site <key>', 'chỉ tìm trên trang này (mặc định: cả mạng lưới)')
    .option('-p, --page <n>', 'trang kết quả (20 kết quả mỗi trang)', pageOption, 1)
    .action(async (text: string, opts: { site?: string; page: number }) => {
      await withCore(async (core) => {
        const { searchArticles } = await import('../../core/search/search.ts');
        const siteIds = opts.site ? [siteIdOf(core, opts.site)] : core.sites.list().filter((s) => s.status === 'active').map((s) => s.id);
        const started = performance.now();
        const result = await searchArticles(core.db, core.database.engine, { query: text, siteIds, page: opts.page }, core.clock());
        const ms = performance.now() - started;
        if (!result.query.terms.length) {
          console.log(`Từ khoá “${result.query.text}” không có chữ hay số nào để tìm.`);
          return;
        }
        console.log(`Tìm thấy ${result.total} kết quả cho “${result.query.text}” (${ms.toFixed(1)} ms), trang ${result.page}/${result.pageCount}:`);
        result.items.forEach((hit, i) => {
          const site = core.sites.getById(hit.siteId);
          console.log(`${String((result.page - 1) * result.pageSize + i + 1).padStart(3)}. ${consoleText(hit.titleHtml)}`);
          console.log(`     ${site?.key ?? hit.siteId}/bai-viet/${hit.slug} — ${formatDateTime(hit.publishedAt)}`);
          if (hit.snippetHtml) console.log(`     ${consoleText(hit.snippetHtml)}`);
        });
      });
    });
}
