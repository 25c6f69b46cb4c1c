import { description, int, list, name, obj, oneOf, str, withCommonFields } from '../fields';
import type { FieldError, ResourceKind } from '../types';

const limit = (who: string) => int(`Most calls ${who} per period.`, { minimum: 1, maximum: 2147483647 });

export const throttlingPolicy: ResourceKind = {
  kind: 'throttling_policy',
  plural: 'throttling-policies',
  title: 'Throttling policy',
  description: 'Request limits per period for an API, and optionally per tenant, per app and per source IP. BASIC counts each bound API alone; SHARED counts all bound APIs together.',
  nameField: 'name',
  fields: withCommonFields('throttling_policy', {
    name: name('throttling policy'),
    description: description('throttling policy'),
    type: oneOf('BASIC counts each bound API alone; SHARED counts every bound API together.', ['BASIC', 'SHARED'], { default: 'BASIC' }),
    time_unit: oneOf('Unit of the counting period.', ['SECOND', 'MINUTE', 'HOUR', 'DAY'], { required: true }),
    time_interval: int('Length of the counting period in time units.', { minimum: 1, maximum: 1000, default: 1 }),
    api_limit: { ...limit('to an API'), required: true },
    tenant_limit: limit('from one caller tenant (at most api_limit)'),
    app_limit: limit('from one app (at most tenant_limit and api_limit)'),
    ip_limit: limit('from one source IP (at most api_limit)'),
    special_limits: list('Per-app or per-tenant limits that replace app_limit or tenant_limit for them.', obj('A special limit.', {
      target_type: oneOf('Whether target_id is an app id or a tenant name.', ['APP', 'TENANT'], { required: true }),
      target_id: str('The app id or tenant name.', { required: true, maxLength: 64 }),
      limit: { ...limit('from that app or tenant'), required: true },
    }), { maxItems: 100, default: [] }),
  }),
  unique: [{ fields: ['name'] }],
  quota: { name: 'throttling_policies_per_tenant', default: 100, per: [] },
  check: (p): FieldError[] => {
    const errors: FieldError[] = [];
    const over = (field: string, value: unknown, cap: unknown, capName: string) => {
      if (typeof value === 'number' && typeof cap === 'number' && value > cap) {
        errors.push({ field, message: `must not be greater than ${capName} (${cap})` });
      }
    };
    over('tenant_limit', p.tenant_limit, p.api_limit, 'api_limit');
    over('app_limit', p.app_limit, p.tenant_limit, 'tenant_limit');
    over('app_limit', p.app_limit, p.api_limit, 'api_limit');
    over('ip_limit', p.ip_limit, p.api_limit, 'api_limit');
    (p.special_limits ?? []).forEach((s: any, i: number) => over(`special_limits[${i}].limit`, s.limit, p.api_limit, 'api_limit'));
    return errors;
  },
};
