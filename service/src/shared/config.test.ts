import { loadConfig } from './config';

test('defaults follow the documented interfaces', () => {
  const c = loadConfig({});
  expect(c).toMatchObject({ role: 'all', adminPort: 8001, proxyPort: 8000, proxyTlsPort: 8443, databaseUrl: undefined, maxVersionsPerApiStage: 10, defaultRateLimitPerSecond: 200, maxBodyBytes: 12 * 1024 * 1024 });
  expect(Object.isFrozen(c)).toBe(true);
});

test('environment overrides, quota overrides and bad values', () => {
  const c = loadConfig({ APIGW_ADMIN_PORT: '9001', DATABASE_URL: 'postgres://x/y', APIGW_QUOTA_APIS_PER_TENANT: '500', APIGW_ROLE: 'proxy' });
  expect(c).toMatchObject({ adminPort: 9001, databaseUrl: 'postgres://x/y', role: 'proxy', quotas: { apis_per_tenant: 500 } });
  expect(() => loadConfig({ APIGW_ADMIN_PORT: 'eighty' })).toThrow(/APIGW_ADMIN_PORT/);
  expect(() => loadConfig({ APIGW_ROLE: 'boss' })).toThrow(/APIGW_ROLE/);
});
