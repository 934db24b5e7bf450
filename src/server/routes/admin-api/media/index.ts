/**
 * Admin API: a site's media library — upload (multipart, one file), list and search, detail
 * with where the item is used, edit alt text / caption / credit, delete when unused. The
 * multipart parser is registered only in the upload route's own scope, with limits: one file
 * of at most {@link MAX_UPLOAD_BYTES} (a video; images are held to 20 MB by the image
 * pipeline), three short text fields.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { z } from 'zod';
import type { Core } from '../../../../core/create-core.ts';
import { NotFoundError, UnsupportedMediaError, ValidationError } from '../../../../core/errors.ts';
import { MEDIA_TEXT_LIMITS } from '../../../../core/media/media.schema.ts';
import { MAX_UPLOAD_BYTES, deleteLibraryItem, getLibraryItem, listLibrary, updateLibraryItem, uploadToLibrary, type LibraryItem, type MediaUse } from '../../../../core/media/media-library.ts';
import { mediaUrl } from '../../../../core/media/media.ts';
import { cleanOriginalName } from '../../../../core/media/media.ts';
import { adminRoute, idParams } from '../route.ts';

const siteParams = z.object({ siteId: z.coerce.number().int().positive() });
const listQuery = z.object({
  q: z.string().max(200, 'Tối đa 200 ký tự').optional(),
  kind: z.enum(['image', 'video'], 'phải là image hoặc video').optional(),
  missingAlt: z.enum(['true', 'false'], 'phải là true hoặc false').optional(),
  page: z.coerce.number().int().min(1, 'Trang bắt đầu từ 1').optional(),
  pageSize: z.coerce.number().int().min(1).max(100, 'Tối đa 100 mục mỗi trang').optional(),
});
const textBody = z.strictObject({
  alt: z.string({ error: 'Phải là chuỗi ký tự' }).optional(),
  caption: z.string({ error: 'Phải là chuỗi ký tự' }).nullable().optional(),
  credit: z.string({ error: 'Phải là chuỗi ký tự' }).nullable().optional(),
});
const TEXT_FIELDS = new Set(['alt', 'caption', 'credit']);

/** A media item as the API answers it. */
export function presentMedia(item: LibraryItem) {
  const thumb = [...item.variants].filter((v) => v.format === 'webp').sort((a, b) => a.width - b.width)[0];
  return {
    id: item.id,
    siteId: item.siteId,
    kind: item.kind,
    url: mediaUrl(item.storageKey),
    thumbnailUrl: thumb ? mediaUrl(thumb.key) : mediaUrl(item.storageKey),
    originalName: item.originalName,
    mimeType: item.mimeType,
    width: item.width,
    height: item.height,
    bytes: item.bytes,
    alt: item.alt,
    caption: item.caption,
    credit: item.credit,
    createdAt: item.createdAt,
    variants: item.variants.map((v) => ({ width: v.width, height: v.height, format: v.format, url: mediaUrl(v.key) })),
    allowedActions: item.allowedActions,
  };
}

/** Reads the multipart body: the text fields and the one file, with Vietnamese refusals naming the file. */
async function readUpload(request: FastifyRequest): Promise<{ fileName: string; data: Buffer; fields: Record<string, string> }> {
  if (!request.isMultipart()) throw new ValidationError([{ path: 'file', message: 'Gửi tệp dưới dạng multipart/form-data (trường file)' }]);
  const declared = Number(request.headers['content-length']);
  const fields: Record<string, string> = {};
  let file: { fileName: string; data: Buffer } | null = null;
  let currentName = '';
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        currentName = cleanOriginalName(part.filename || 'tep');
        if (Number.isFinite(declared) && declared > MAX_UPLOAD_BYTES + 1024 * 1024) {
          throw new UnsupportedMediaError(`Tệp “${currentName}”: quá lớn: tối đa ${MAX_UPLOAD_BYTES / 1024 / 1024} MB cho video, 20 MB cho ảnh`);
        }
        const data = await part.toBuffer();
        if (part.fieldname !== 'file') continue;
        file = { fileName: currentName, data };
      } else if (TEXT_FIELDS.has(part.fieldname) && typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new UnsupportedMediaError(`Tệp “${currentName}”: quá lớn: tối đa ${MAX_UPLOAD_BYTES / 1024 / 1024} MB cho video, 20 MB cho ảnh`);
    if (code === 'FST_FILES_LIMIT') throw new ValidationError([{ path: 'file', message: 'Mỗi lần chỉ tải lên một tệp' }]);
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw new ValidationError([{ path: 'file', message: 'Quá nhiều trường trong biểu mẫu tải lên' }]);
    throw error;
  }
  if (!file) throw new ValidationError([{ path: 'file', message: 'Chưa chọn tệp để tải lên' }]);
  return { ...file, fields };
}

/** Registers the media endpoints. */
export function registerMediaRoutes(app: FastifyInstance, core: Core): void {
  const site = (siteId: number) => {
    const found = core.sites.getById(siteId);
    if (!found) throw new NotFoundError(`trang ${siteId}`);
    return found;
  };

  // The upload route in its own scope: only it parses multipart bodies.
  void app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { files: 1, fileSize: MAX_UPLOAD_BYTES, fields: 6, parts: 8, fieldNameSize: 100, fieldSize: Math.max(...Object.values(MEDIA_TEXT_LIMITS)) * 4 + 64, headerPairs: 100 },
    });
    adminRoute(
      scope,
      {
        method: 'POST',
        url: '/sites/:siteId/media',
        summary:
          'Tải một ảnh (JPEG, PNG, WebP, GIF, AVIF đến 20 MB, 40 triệu điểm ảnh; không nhận SVG) hoặc video (MP4, WebM đến 200 MB) lên thư viện; multipart/form-data: file, alt, caption, credit',
        tag: 'media',
        params: siteParams,
        successStatus: 201,
        errorStatuses: [400, 403, 404, 422],
      },
      async ({ actor, params, request, address }) => {
        const target = site(params.siteId);
        const upload = await readUpload(request);
        const item = await uploadToLibrary(
          core,
          actor,
          { siteId: target.id, siteKey: target.key, fileName: upload.fileName, data: upload.data, alt: upload.fields.alt, caption: upload.fields.caption, credit: upload.fields.credit },
          address,
        );
        return presentMedia(item);
      },
    );
  });

  adminRoute(
    app,
    { method: 'GET', url: '/sites/:siteId/media', summary: 'Thư viện ảnh và video của trang, mới nhất trước; tìm theo văn bản thay thế, chú thích, nguồn, tên tệp', tag: 'media', params: siteParams, query: listQuery, errorStatuses: [404] },
    async ({ actor, params, query }) => {
      site(params.siteId);
      const page = await listLibrary(core.db, actor, params.siteId, { q: query.q, kind: query.kind, missingAlt: query.missingAlt === 'true', page: query.page, pageSize: query.pageSize });
      return { ...page, items: page.items.map(presentMedia) };
    },
  );

  adminRoute(
    app,
    { method: 'GET', url: '/media/:id', summary: 'Một tệp trong thư viện, kèm các bài viết đang dùng (ảnh đại diện hoặc trong nội dung)', tag: 'media', params: idParams, errorStatuses: [404] },
    async ({ actor, params }) => {
      const item = await getLibraryItem(core.db, actor, params.id);
      return { ...presentMedia(item), usedBy: item.usedBy satisfies MediaUse[] };
    },
  );

  adminRoute(
    app,
    { method: 'PATCH', url: '/media/:id', summary: 'Sửa văn bản thay thế, chú thích, nguồn ảnh (biên tập viên hoặc người tải lên)', tag: 'media', params: idParams, body: textBody, errorStatuses: [400, 403, 404] },
    async ({ actor, params, body, address }) => presentMedia(await updateLibraryItem(core, actor, params.id, body, address)),
  );

  adminRoute(
    app,
    { method: 'DELETE', url: '/media/:id', summary: 'Xoá tệp khỏi thư viện; bị từ chối khi đang được bài viết dùng', tag: 'media', params: idParams, errorStatuses: [403, 404, 409] },
    async ({ actor, params, address }) => {
      await deleteLibraryItem(core, actor, params.id, address);
      return undefined;
    },
  );
}
