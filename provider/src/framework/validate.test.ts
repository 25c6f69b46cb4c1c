/** ValidateResourceConfig: catalogue field rules and cross-field checks, reported on attribute paths. */
import { buildResources } from '../resources';
import { emptyBlockValue } from '../schema/model';
import type { BlockSchema } from '../schema/model';
import { UNKNOWN } from '../values/value';
import type { ObjectValue } from '../values/value';
import type { Resource } from './resource';
import { validateResourceConfig } from './validate';

const resources = buildResources();
const res = (name: string) => resources.get(name) as Resource;
const nested = (block: BlockSchema, name: string) => block.blockTypes.find((b) => b.typeName === name)!.block;
const config = (r: Resource, part: ObjectValue): ObjectValue => ({ ...emptyBlockValue(r.schema.block), ...part });
const summarize = (r: Resource, c: ObjectValue) => validateResourceConfig(r, c).map((d) => ({ path: d.path, detail: d.detail }));

describe('validate: field rules', () => {
  const acl = res('apigw_acl_policy');

  it('accepts a valid configuration', () => {
    expect(summarize(acl, config(acl, { name: 'office', type: 'ALLOW', values: ['10.0.0.0/8'] }))).toEqual([]);
  });

  it('reports an invalid enum value on its attribute', () => {
    expect(summarize(acl, config(acl, { name: 'office', type: 'MAYBE', values: ['10.0.0.1'] }))).toEqual([
      { path: [{ attribute: 'type' }], detail: 'Must be one of "ALLOW", "DENY"; got "MAYBE".' },
    ]);
  });

  it('reports patterns, lengths and list sizes; skips unknowns', () => {
    const diags = summarize(acl, config(acl, { name: '9lives', type: UNKNOWN, values: [] }));
    expect(diags.map((d) => d.path)).toEqual([[{ attribute: 'name' }], [{ attribute: 'values' }]]);
    expect(diags[0].detail).toMatch(/pattern/);
  });

  it('checks ranges and whole numbers inside nested blocks, with the element index', () => {
    const channel = res('apigw_channel');
    const member = emptyBlockValue(nested(channel.schema.block, 'members'));
    const diags = summarize(channel, config(channel, {
      name: 'c', members: [{ ...member, host: 'a', port: 80 }, { ...member, host: 'b', port: 70000 }, { ...member, host: 'c', port: 1.5 }],
    }));
    expect(diags).toEqual([
      { path: [{ attribute: 'members' }, { index: 1 }, { attribute: 'port' }], detail: 'Must be at most 65535; got 70000.' },
      { path: [{ attribute: 'members' }, { index: 2 }, { attribute: 'port' }], detail: 'Must be a whole number; got 1.5.' },
    ]);
  });
});

describe('validate: catalogue checks', () => {
  const policy = res('apigw_throttling_policy');

  it('runs the kind check and maps its dotted field to a path', () => {
    const diags = summarize(policy, config(policy, { name: 'p', time_unit: 'SECOND', api_limit: 10, tenant_limit: 20, special_limits: [] }));
    expect(diags).toEqual([{ path: [{ attribute: 'tenant_limit' }], detail: 'tenant_limit must not be greater than api_limit (10).' }]);
  });

  it('maps indexed fields (values[1]) to list element paths', () => {
    const acl = res('apigw_acl_policy');
    const diags = summarize(acl, config(acl, { name: 'office', type: 'DENY', values: ['10.0.0.1', 'nope'] }));
    expect(diags).toEqual([{ path: [{ attribute: 'values' }, { index: 1 }], detail: 'values[1] "nope" is not a valid IP address or CIDR block.' }]);
  });

  it('treats an unknown reference as set, and skips the check for other unknowns', () => {
    const api = res('apigw_api');
    const block = api.schema.block;
    const base = {
      name: 'a', group_id: UNKNOWN, auth_type: 'AUTHORIZER', parameters: [], backend_parameters: [], policy_backends: [],
      request: { ...emptyBlockValue(nested(block, 'request')), method: 'GET', path: '/x' },
      backend: { ...emptyBlockValue(nested(block, 'backend')), address: 'http://b' },
    };
    expect(summarize(api, config(api, { ...base, authorizer_id: UNKNOWN }))).toEqual([]);
    expect(summarize(api, config(api, base)).map((d) => d.path)).toEqual([[{ attribute: 'authorizer_id' }]]);
    expect(summarize(api, config(api, { ...base, auth_type: UNKNOWN, app_code_auth: true }))).toEqual([]);
  });
});
