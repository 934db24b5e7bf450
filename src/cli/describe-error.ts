/**
 * Turns failures the operator can fix (a port in use, a database that does not answer, a data
 * folder that cannot be written) into one Vietnamese line that names the setting to change,
 * instead of a stack trace.
 */
import { CongError, ValidationError } from '../core/errors.ts';

interface SystemError extends Error {
  code?: string;
  path?: string;
  address?: string;
  port?: number;
  syscall?: string;
  hostname?: string;
}

/**
 * A message for an error that stopped a command, or null when it is unexpected (the caller
 * then prints the stack trace).
 * @param env the environment the command ran with (to quote the settings involved).
 */
export function describeCommandError(error: unknown, env: Record<string, string | undefined> = process.env): string[] | null {
  if (error instanceof ValidationError) return error.issues.map((i) => `Lỗi: ${i.path}: ${i.message}`);
  if (error instanceof CongError) return [`Lỗi: ${error.message}`];
  if (!(error instanceof Error)) return null;
  const e = error as SystemError;
  switch (e.code) {
    case 'EADDRINUSE':
      return [`Lỗi: cổng ${e.port ?? env.PORT ?? 3000} trên ${e.address ?? env.HOST ?? '127.0.0.1'} đang được chương trình khác dùng. Đặt PORT khác, ví dụ PORT=3001 npm start.`];
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      if (e.syscall === 'listen' || e.syscall === 'getaddrinfo')
        return [`Lỗi: không lắng nghe được trên HOST=${env.HOST ?? '127.0.0.1'} (${e.code}). Đặt HOST là một địa chỉ của máy này, ví dụ 127.0.0.1 hoặc 0.0.0.0.`];
      break;
    case 'EACCES':
    case 'EPERM':
      if (e.syscall === 'listen') return [`Lỗi: không có quyền mở cổng ${env.PORT ?? 3000}. Dùng cổng từ 1024 trở lên (PORT).`];
      return [`Lỗi: không có quyền ghi vào ${e.path ?? 'thư mục dữ liệu'}. Kiểm tra CONG_DATA_DIR (${env.CONG_DATA_DIR ?? './data'}).`];
    case 'ENOTDIR':
    case 'EEXIST':
    case 'EROFS':
      return [`Lỗi: không dùng được ${e.path ?? 'thư mục dữ liệu'} làm thư mục dữ liệu (${e.code}). Kiểm tra CONG_DATA_DIR (${env.CONG_DATA_DIR ?? './data'}).`];
    case 'ECONNREFUSED':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
      return [`Lỗi: không kết nối được cơ sở dữ liệu PostgreSQL (${e.code}). Kiểm tra DATABASE_URL và máy chủ PostgreSQL có đang chạy không.`];
    case '28P01':
    case '28000':
    case '3D000':
      return [`Lỗi: PostgreSQL từ chối kết nối: ${e.message}. Kiểm tra DATABASE_URL.`];
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_READONLY':
    case 'SQLITE_NOTADB':
    case 'SQLITE_CORRUPT':
      return [`Lỗi: không mở được tệp cơ sở dữ liệu trong CONG_DATA_DIR (${env.CONG_DATA_DIR ?? './data'}): ${e.message}.`];
  }
  if (/corrupted migrations/.test(e.message)) {
    return ['Lỗi: cơ sở dữ liệu này do một phiên bản Cong mới hơn tạo ra (có migration mà bản này không biết). Dùng bản mới hơn, hoặc một CONG_DATA_DIR/DATABASE_URL khác.'];
  }
  return null;
}
