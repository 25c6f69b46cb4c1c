/** Signing of backend requests with a bound signature key. (Slot.) */
import type { CallContext } from '../pipeline/context';
import type { OutgoingRequest } from './outgoing';

export function signBackendRequest(_ctx: CallContext, _out: OutgoingRequest): void {
  // Slot: being implemented.
}
