import { int, list, name, obj, oneOf, str, withCommonFields } from '../fields';
import type { FieldError, ResourceKind } from '../types';

const member = obj('A backend server of the channel.', {
  host: str('IP address or hostname.', { required: true, minLength: 1, maxLength: 253 }),
  port: int('Port the member listens on.', { required: true, minimum: 1, maximum: 65535 }),
  weight: int('Relative share of traffic; 0 takes the member out of rotation.', { minimum: 0, maximum: 100, default: 1 }),
});

const healthCheck = obj('Active health check of the members.', {
  protocol: oneOf('How members are probed.', ['TCP', 'HTTP', 'HTTPS'], { default: 'TCP' }),
  path: str('Path probed by HTTP(S) checks.', { maxLength: 512, pattern: '^/', default: '/' }),
  port: int('Port probed; defaults to each member\'s port.', { minimum: 1, maximum: 65535 }),
  method: oneOf('Method of HTTP(S) probes.', ['GET', 'HEAD'], { default: 'GET' }),
  healthy_threshold: int('Consecutive successes that mark a member healthy.', { minimum: 2, maximum: 10, default: 2 }),
  unhealthy_threshold: int('Consecutive failures that mark a member unhealthy.', { minimum: 2, maximum: 10, default: 5 }),
  timeout_seconds: int('Probe timeout in seconds.', { minimum: 2, maximum: 30, default: 5 }),
  interval_seconds: int('Seconds between probes.', { minimum: 5, maximum: 300, default: 10 }),
  http_codes: str('Status codes that count as healthy, e.g. `200,202` or `200-299`.', {
    maxLength: 128, pattern: '^\\d{3}(-\\d{3})?(,\\d{3}(-\\d{3})?)*$', default: '200',
  }),
});

export const channel: ResourceKind = {
  kind: 'channel',
  plural: 'channels',
  title: 'Channel',
  description: 'A load-balanced upstream: weighted members plus an optional active health check.',
  nameField: 'name',
  fields: withCommonFields('channel', {
    name: name('channel'),
    algorithm: oneOf('How a member is chosen per request.',
      ['ROUND_ROBIN', 'LEAST_CONNECTIONS', 'SOURCE_IP_HASH', 'URI_HASH'], { default: 'ROUND_ROBIN' }),
    members: list('Backend servers.', member, { required: true, minItems: 1, maxItems: 100 }),
    health_check: healthCheck,
  }),
  unique: [{ fields: ['name'] }],
  quota: { name: 'channels_per_tenant', default: 100, per: [] },
  check: (c): FieldError[] => {
    const hc = c.health_check;
    if (hc && (hc.timeout_seconds ?? 5) >= (hc.interval_seconds ?? 10)) {
      return [{ field: 'health_check.timeout_seconds', message: 'must be less than interval_seconds' }];
    }
    return [];
  },
};
