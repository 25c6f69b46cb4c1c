/** The error the management API answers with: a registry code, a message, and the fields at fault. */
import { MANAGEMENT_ERRORS, type ManagementErrorCode } from '../shared/errors';
import type { FieldError } from './catalogue/types';

export class ApiError extends Error {
  readonly status: number;

  constructor(readonly code: ManagementErrorCode, message?: string, readonly errors: readonly FieldError[] = []) {
    super(message ?? MANAGEMENT_ERRORS[code].message);
    this.status = MANAGEMENT_ERRORS[code].status;
  }

  /** A 4xx naming the fields at fault; the message names the first one. */
  static fields(code: ManagementErrorCode, errors: readonly FieldError[]): ApiError {
    const first = errors[0];
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    return new ApiError(code, `${first.field}: ${first.message}${more}`, errors);
  }

  static field(code: ManagementErrorCode, field: string, message: string): ApiError {
    return ApiError.fields(code, [{ field, message }]);
  }

  static notFound(kind: string, id: string): ApiError {
    return new ApiError('NOT_FOUND', `${kind} "${id}" does not exist`);
  }
}
