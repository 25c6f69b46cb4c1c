/** List paging: `page_size` (1–500, default 100) and an opaque `page_token` from the previous page. */
import { ApiError } from '../errors';

export const MAX_PAGE_SIZE = 500;

export interface Page { offset: number; limit: number }

export function pageOf(query: Record<string, unknown>): Page {
  const size = query.page_size === undefined ? 100 : Number(query.page_size);
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw ApiError.field('VALIDATION_FAILED', 'page_size', `must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  }
  let offset = 0;
  if (query.page_token !== undefined) {
    offset = Number(Buffer.from(String(query.page_token), 'base64url').toString('utf8'));
    if (!Number.isInteger(offset) || offset < 0) throw ApiError.field('VALIDATION_FAILED', 'page_token', 'is not a token from a previous page');
  }
  return { offset, limit: size };
}

export function pageResponse<T>(items: T[], total: number, page: Page) {
  const next = page.offset + items.length;
  return { items, total, next_page_token: next < total ? Buffer.from(String(next)).toString('base64url') : null };
}
