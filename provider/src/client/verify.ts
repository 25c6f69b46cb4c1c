/**
 * The provider's first call: a one-item list of stages (every tenant has RELEASE), so an unreachable
 * endpoint or a refused token stops the command at its start, naming the endpoint, instead of
 * surfacing halfway through an apply.
 */
import type { HookContext } from '../framework/resource';
import { ApiClient, ApiFailure } from './api-client';

export async function verifySettings(ctx: HookContext): Promise<void> {
  try {
    await new ApiClient(ctx).get('/v1/stages', { query: { page_size: '1' } });
  } catch (err) {
    if (!(err instanceof ApiFailure)) throw err; // unreachable or 401: already a clear diagnostic
    ctx.warn({ summary: 'The apigw management API answered an unexpected error', detail: err.message });
  }
}
