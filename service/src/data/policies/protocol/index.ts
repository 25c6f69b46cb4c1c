/** HTTPS-only or HTTP-only APIs refuse the other protocol. */
import { failure, type Policy } from '../../pipeline/context';
import type { PolicyFactory } from '../types';

export const protocolPolicy: PolicyFactory = {
  name: 'protocol',
  build({ published }): Policy | undefined {
    const wanted = published.definition.request.protocol;
    if (wanted === 'BOTH') return undefined;
    const secure = wanted === 'HTTPS';
    return {
      name: 'protocol',
      apply: (ctx) => (ctx.secure === secure ? undefined : failure('PROTOCOL_NOT_ALLOWED', `This API accepts ${wanted} only`)),
    };
  },
};
