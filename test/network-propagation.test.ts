/**
 * Propagation (issue "The network" item 3), both engines: a correction, an update before
 * publication, a withdrawal and a republication of the original reach every copy that follows
 * it — with the same public correction note and the same withdrawal notice — while a copy
 * detached by its local board keeps its own text and becomes editable; a scheduled original's
 * copies are invisible before its time and visible after it, published by the scheduler.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app-harness.ts';
import { ENGINES } from './database-harness.ts';
import { buildNetwork, buildOriginal, copiesOf, memberOf, syndicationsOf } from './network-harness.ts';
import { parseHtml, textOf } from './public-helpers.ts';
import { detachCopy, syndicateArticle } from '../src/core/network/syndication.ts';
import { approveArticle, correctArticle, republishArticle, scheduleArticle, unscheduleArticle, withdrawArticle } from '../src/core/workflow/workflow-commands.ts';
import { updateArticle } from '../src/core/articles/write-article.ts';
import { findNewsroomArticle, listArticleCorrections } from '../src/core/articles/newsroom-article.repository.ts';
import { publishDueArticles } from '../src/core/workflow/scheduler.ts';
import { ForbiddenError, InvalidTransitionError } from '../src/core/errors.ts';

describe.each(ENGINES)('propagation to syndicated copies on %s', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(engine);
  });

  afterAll(async () => {
    await t?.dispose();
  });

  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const revisionOf = async (id: number) => (await findNewsroomArticle(t.core.db, id))!.revision;

  it('a correction of the original reaches every following copy, with the same public note', async () => {
    const net = await buildNetwork(t.core, ['auto', 'auto', 'review']);
    const original = await buildOriginal(t.core.db, net);
    await syndicateArticle(t.core, net.ministryChief, original.id, { to: { siteIds: net.provinces.map((p) => p.id) } });
    await t.core.fanout.drain();
    const note = 'Sửa lại thời gian hội nghị: sáng 27/9 (không phải chiều 27/9).';
    const chief2 = await memberOf(t.core.db, net.ministry.id);
    await correctArticle(t.core, chief2, original.id, { revision: await revisionOf(original.id), note, body: '<p>Sáng 27/9, Thủ tướng Chính phủ chủ trì hội nghị trực tuyến toàn quốc về chuyển đổi số.</p>' });
    await t.core.fanout.drain();
    const [correction] = await listArticleCorrections(t.core.db, original.id);
    const copies = await copiesOf(t.core.db, original.id);
    for (const p of net.provinces) {
      const copy = copies.get(p.id)!;
      expect(copy.body).toContain('toàn quốc');
      expect(await listArticleCorrections(t.core.db, copy.id)).toEqual([expect.objectContaining({ note, createdAt: correction!.createdAt, revision: copy.revision })]);
    }
    // Shown copies carry the note on their public page; the queued one stays in its queue.
    for (const p of net.provinces.slice(0, 2)) {
      const page = parseHtml((await get(`/${p.key}/bai-viet/${copies.get(p.id)!.slug}`)).body);
      expect(textOf(page.querySelector('main .corrections'))).toContain(note);
    }
    expect(copies.get(net.provinces[2]!.id)!.state).toBe('pending_approval');
    // A copy's history shows the update, by the system.
    const events = await t.core.db.selectFrom('article_events').select(['action', 'actor_label', 'reason']).where('article_id', '=', copies.get(net.provinces[0]!.id)!.id).orderBy('id').execute();
    expect(events.at(-1)).toEqual({ action: 'syndication_update', actor_label: 'Hệ thống (chia sẻ bài)', reason: note });
    // Running the jobs again changes nothing (one correction on each copy).
    await t.core.db.updateTable('fanout_jobs').set({ state: 'pending' }).execute();
    await t.core.fanout.drain();
    for (const p of net.provinces) expect(await listArticleCorrections(t.core.db, copies.get(p.id)!.id)).toHaveLength(1);
  });

  it('a withdrawal reaches every copy with the same public notice, and a republication brings them back', async () => {
    const net = await buildNetwork(t.core, ['auto', 'auto', 'review']);
    const original = await buildOriginal(t.core.db, net);
    await syndicateArticle(t.core, net.ministryChief, original.id, { to: { siteIds: net.provinces.map((p) => p.id) } });
    await t.core.fanout.drain();
    const reason = 'Gỡ bài để rà soát lại số liệu theo yêu cầu của Bộ.';
    await withdrawArticle(t.core, net.ministryChief, original.id, { revision: await revisionOf(original.id), reason });
    await t.core.fanout.drain();
    let copies = await copiesOf(t.core.db, original.id);
    let syndications = await syndicationsOf(t.core.db, original.id);
    for (const p of net.provinces.slice(0, 2)) {
      const copy = copies.get(p.id)!;
      expect(copy.state).toBe('withdrawn');
      expect(copy.withdrawal_reason).toBe(reason);
      expect(syndications.get(p.id)!.status).toBe('withdrawn');
      const page = await get(`/${p.key}/bai-viet/${copy.slug}`);
      expect(page.statusCode).toBe(410);
      expect(page.body).toContain(reason);
      expect((await get(`/${p.key}/`)).body).not.toContain(`/bai-viet/${copy.slug}"`);
    }
    // The queued copy can no longer be approved: it is set aside.
    expect(copies.get(net.provinces[2]!.id)!.state).toBe('rejected');
    expect(syndications.get(net.provinces[2]!.id)!.status).toBe('withdrawn');

    await republishArticle(t.core, net.ministryChief, original.id, { revision: await revisionOf(original.id) });
    await t.core.fanout.drain();
    copies = await copiesOf(t.core.db, original.id);
    syndications = await syndicationsOf(t.core.db, original.id);
    for (const p of net.provinces.slice(0, 2)) {
      expect(copies.get(p.id)!.state).toBe('published');
      expect(syndications.get(p.id)!.status).toBe('shown');
      expect((await get(`/${p.key}/bai-viet/${copies.get(p.id)!.slug}`)).statusCode).toBe(200);
    }
    expect(copies.get(net.provinces[2]!.id)!.state).toBe('pending_approval');
    expect(syndications.get(net.provinces[2]!.id)!.status).toBe('queued');
  });

  it('a detached copy stops following and becomes editable by its board', async () => {
    const net = await buildNetwork(t.core, ['auto', 'auto']);
    const [detached, following] = net.provinces as [typeof net.provinces[0], typeof net.provinces[0]];
    const original = await buildOriginal(t.core.db, net);
    await syndicateArticle(t.core, net.ministryChief, original.id, { to: { siteIds: [detached.id, following.id] } });
    await t.core.fanout.drain();
    const copy = (await copiesOf(t.core.db, original.id)).get(detached.id)!;
    const localChief = await memberOf(t.core.db, detached.id);
    // While it follows, the local board cannot change its text.
    await expect(correctArticle(t.core, localChief, copy.id, { revision: copy.revision, note: 'Sửa tên địa phương cho đúng.', title: 'Tiêu đề riêng' })).rejects.toBeInstanceOf(ForbiddenError);
    // A writer may not detach it; an editor may.
    await expect(detachCopy(t.core, await memberOf(t.core.db, detached.id, 'contributor'), copy.id, { revision: copy.revision })).rejects.toThrow();
    await detachCopy(t.core, await memberOf(t.core.db, detached.id, 'editor'), copy.id, { revision: copy.revision, reason: 'Cần bổ sung thông tin của tỉnh' });
    expect((await syndicationsOf(t.core.db, original.id)).get(detached.id)).toMatchObject({ status: 'detached', following: 0 });
    await correctArticle(t.core, localChief, copy.id, { revision: copy.revision, note: 'Bổ sung thông tin của tỉnh.', title: 'Tỉnh triển khai chỉ đạo của Thủ tướng về chuyển đổi số' });

    await correctArticle(t.core, net.ministryChief, original.id, { revision: await revisionOf(original.id), note: 'Sửa tiêu đề cho đúng.', title: 'Thủ tướng chỉ đạo đẩy mạnh chuyển đổi số (đã sửa)' });
    await withdrawArticle(t.core, net.ministryChief, original.id, { revision: await revisionOf(original.id), reason: 'Gỡ bài để thay bằng bài mới.' });
    await t.core.fanout.drain();
    const copies = await copiesOf(t.core.db, original.id);
    expect(copies.get(detached.id)).toMatchObject({ title: 'Tỉnh triển khai chỉ đạo của Thủ tướng về chuyển đổi số', state: 'published', follows_origin: 0 });
    expect(copies.get(following.id)).toMatchObject({ title: 'Thủ tướng chỉ đạo đẩy mạnh chuyển đổi số (đã sửa)', state: 'withdrawn' });
    expect((await get(`/${detached.key}/bai-viet/${copies.get(detached.id)!.slug}`)).statusCode).toBe(200);
    // Detaching is audited.
    expect(await t.core.db.selectFrom('audit_log').select('id').where('action', '=', 'article.detach').where('subject_id', '=', copy.id).execute()).toHaveLength(1);
  });

  it('copies of a scheduled original are invisible before its time and published with it by the scheduler', async () => {
    const net = await buildNetwork(t.core, ['auto', 'review']);
    const [auto, review] = net.provinces as [typeof net.provinces[0], typeof net.provinces[0]];
    const at = new Date(t.now.getTime() + 3600_000).toISOString();
    const original = await buildOriginal(t.core.db, net, { state: 'scheduled', published_at: at });
    await syndicateArticle(t.core, net.ministryChief, original.id, { to: { siteIds: [auto.id, review.id] } });
    await t.core.fanout.drain();
    let copies = await copiesOf(t.core.db, original.id);
    expect(copies.get(auto.id)).toMatchObject({ state: 'scheduled', published_at: at });
    const autoUrl = `/${auto.key}/bai-viet/${copies.get(auto.id)!.slug}`;
    expect((await get(autoUrl)).statusCode).toBe(404);
    expect((await get(`/${auto.key}/`)).body).not.toContain(autoUrl);
    // The local chief editor approving the queued copy does not make it public before the original.
    const localChief = await memberOf(t.core.db, review.id);
    const queued = copies.get(review.id)!;
    await approveArticle(t.core, localChief, queued.id, { revision: queued.revision });
    expect((await findNewsroomArticle(t.core.db, queued.id))!.publishedAt).toBe(at);
    const reviewUrl = `/${review.key}/bai-viet/${queued.slug}`;
    expect((await get(reviewUrl)).statusCode).toBe(404);

    // An edit of the scheduled original reaches the copies before their time.
    await updateArticle(t.core, net.ministryChief, original.id, { revision: await revisionOf(original.id), title: 'Thủ tướng chỉ đạo đẩy mạnh chuyển đổi số quốc gia năm 2022' });
    await t.core.fanout.drain();
    copies = await copiesOf(t.core.db, original.id);
    expect(copies.get(auto.id)).toMatchObject({ title: 'Thủ tướng chỉ đạo đẩy mạnh chuyển đổi số quốc gia năm 2022', state: 'scheduled' });

    // Cancelling the schedule holds the copies back; scheduling again brings them along.
    const otherChief = await memberOf(t.core.db, net.ministry.id);
    await unscheduleArticle(t.core, otherChief, original.id, { revision: await revisionOf(original.id) });
    await t.core.fanout.drain();
    expect((await copiesOf(t.core.db, original.id)).get(auto.id)).toMatchObject({ state: 'pending_approval', published_at: null });
    await expect(approveArticle(t.core, await memberOf(t.core.db, auto.id), copies.get(auto.id)!.id, { revision: await revisionOf(copies.get(auto.id)!.id) })).rejects.toBeInstanceOf(InvalidTransitionError);
    const later = new Date(t.now.getTime() + 2 * 3600_000);
    await scheduleArticle(t.core, otherChief, original.id, { revision: await revisionOf(original.id), at: later.toISOString() });
    await t.core.fanout.drain();
    copies = await copiesOf(t.core.db, original.id);
    expect(copies.get(auto.id)).toMatchObject({ state: 'scheduled', published_at: later.toISOString() });
    // The copy the local board approved follows the original's new time as well.
    expect(copies.get(review.id)).toMatchObject({ state: 'scheduled', published_at: later.toISOString() });

    // One minute before: nothing. At the time, the scheduler publishes the original and its copies.
    const saved = t.now;
    try {
      t.now = new Date(later.getTime() - 60_000);
      await publishDueArticles(t.core);
      expect((await get(autoUrl)).statusCode).toBe(404);
      expect((await get(reviewUrl)).statusCode).toBe(404);
      t.now = new Date(later.getTime() + 1000);
      const run = await publishDueArticles(t.core);
      expect(run.published.map((p) => p.id)).toEqual(expect.arrayContaining([original.id, copies.get(auto.id)!.id]));
      expect((await get(autoUrl)).statusCode).toBe(200);
      expect((await get(reviewUrl)).statusCode).toBe(200);
      expect((await get(`/${auto.key}/`)).body).toContain(autoUrl);
      expect((await get(`/${net.ministry.key}/bai-viet/${original.slug}`)).statusCode).toBe(200);
    } finally {
      t.now = saved;
    }
  });
});
