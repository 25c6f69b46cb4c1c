/**
 * Signing of backend requests with the signature key bound to the API in its stage, so the backend
 * can tell that a call came through the gateway (scheme: docs/backend-signing.md). No key bound: a
 * single property check. Signers are compiled on first use per compiled API and dropped with it
 * when the configuration is swapped.
 */
import type { CompiledApi } from '../config/compiled';
import type { CallContext } from '../pipeline/context';
import type { OutgoingRequest } from './outgoing';
import { compileSigner, type Signer } from './signing/signers';

const signers = new WeakMap<CompiledApi, Signer>();

export function signBackendRequest(ctx: CallContext, out: OutgoingRequest): void {
  const rule = ctx.api.published.signature_key;
  if (rule === undefined) return;
  let signer = signers.get(ctx.api);
  if (signer === undefined) {
    signer = compileSigner(rule, ctx.api.definition);
    signers.set(ctx.api, signer);
  }
  signer(ctx, out);
}
