import { KINDS_BY_NAME } from '../../../service/src/control/catalogue/kinds';
import type { ResourceKind } from '../../../service/src/control/catalogue/types';
import { resourceSchema } from '../schema/derive';
import { UNKNOWN } from '../values/value';
import { completeState } from './state';

const api = resourceSchema(KINDS_BY_NAME.get('api') as ResourceKind).block;

describe('completeState', () => {
  it('fills absent attributes with null and absent or null list blocks with []', () => {
    const state = completeState(api, { id: 'a', parameters: null, policy_backends: [{ name: 'canary', conditions: null }] }, 'apigw_api');
    expect(state).toMatchObject({ id: 'a', name: null, request: null, parameters: [], backend_parameters: [] });
    expect((state.policy_backends as any[])[0]).toMatchObject({ name: 'canary', conditions: [], backend: null, effect_mode: null });
  });

  it('refuses unknown values, naming where', () => {
    expect(() => completeState(api, { id: 'a', request: { method: UNKNOWN } }, 'apigw_api'))
      .toThrow('apigw_api: the provider returned an unknown value');
  });

  it('refuses values of the wrong type, naming the attribute', () => {
    expect(() => completeState(api, { id: 5 }, 'apigw_api')).toThrow('apigw_api: invalid object from the provider');
  });
});
