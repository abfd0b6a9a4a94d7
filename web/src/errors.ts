/** What an error says to the person: the service's message and what to do, with the request id whenever the service gave one. */
import { ApiError } from './api.js';

export const errorText = (e: unknown): string =>
  e instanceof ApiError ? `${e.message}${e.requestId ? ` (mã yêu cầu: ${e.requestId})` : ''}` : 'Có lỗi không lường trước: tải lại trang rồi thử lại.';
