/** Turns every failure into the registry's JSON error shape; internal errors never leak details. */
import type { NextFunction, Request, Response } from 'express';
import { ConnectionError } from 'sequelize';
import { MANAGEMENT_ERRORS } from '../../shared/errors';
import { ApiError } from '../errors';

export interface ErrorLogger {
  error(obj: object, msg: string): void;
}

function toApiError(error: any): ApiError {
  if (error instanceof ApiError) return error;
  if (error?.type === 'entity.parse.failed') return new ApiError('INVALID_JSON', `The request body is not valid JSON: ${error.message}`);
  if (error?.type === 'entity.too.large') return new ApiError('PAYLOAD_TOO_LARGE', `The request body exceeds ${error.limit} bytes`);
  if (error instanceof ConnectionError) return new ApiError('DATABASE_UNAVAILABLE');
  return new ApiError('INTERNAL_ERROR');
}

export function errorHandler(log: ErrorLogger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const apiError = toApiError(error);
    if (apiError.code === 'INTERNAL_ERROR' || apiError.code === 'DATABASE_UNAVAILABLE') {
      log.error({ err: error, request_id: req.requestId }, 'management request failed');
    }
    const body: Record<string, unknown> = { error_code: apiError.code, error_msg: apiError.message, request_id: req.requestId };
    if (apiError.errors.length) body.errors = apiError.errors;
    res.status(apiError.status).json(body);
  };
}

export function routeNotFound(req: Request, _res: Response, next: NextFunction): void {
  next(new ApiError('ROUTE_NOT_FOUND', `${MANAGEMENT_ERRORS.ROUTE_NOT_FOUND.message}: ${req.method} ${req.path}`));
}
