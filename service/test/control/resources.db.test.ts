/**
 * Every catalogue kind through the management API: create, read, list by name and reference,
 * replace, delete; validation errors that name the field; tenant isolation; and refusal to
 * delete anything another resource references (derived from the catalogue's references).
 */
import { RESOURCE_KINDS, kindOf } from '../../src/control/catalogue/kinds';
import { referencesOf } from '../../src/control/catalogue/walk';
import type { ResourceKind } from '../../src/control/catalogue/types';
import { startAdmin, type AdminHarness, type TenantClient } from '../support/admin-client';
import { Fixtures, type Body } from '../support/fixtures';

let h: AdminHarness;
let acme: TenantClient;
let globex: TenantClient;
let fx: Fixtures;
beforeAll(async () => {
  // Quotas are tested on their own; here every kind gets room for the many objects made.
  h = await startAdmin({ quotas: Object.fromEntries(RESOURCE_KINDS.flatMap((k) => (k.quota ? [[k.quota.name, 10000]] : []))) });
  acme = h.as('acme');
  globex = h.as('globex');
  fx = new Fixtures(acme);
});
afterAll(async () => { await h.close(); });

/** A change that every kind accepts in place (kinds whose fields are all immutable get none). */
const CHANGES: Record<string, Body> = {
  certificate: { name: 'renamed-cert' }, domain: { min_tls_version: '1.1' }, variable: { value: 'http://127.0.0.1:10' },
  channel: { algorithm: 'URI_HASH' }, authorizer: { cache_ttl_seconds: 60 }, deployment: { description: 'second release' },
  signature_key: { secret: 'another-secret-0123456789' }, gateway_response: { status: 503 },
};
const changeFor = (kind: ResourceKind): Body =>
  CHANGES[kind.kind] ?? (kind.fields.description && !kind.fields.description.immutable ? { description: 'changed' } : {});

const requiredInput = (kind: ResourceKind) => Object.entries(kind.fields).find(([, f]) => f.required)?.[0];

describe.each(RESOURCE_KINDS.map((k) => [k.kind, k] as const))('%s', (_name, kind) => {
  const base = `/v1/${kind.plural}`;

  test('create, read, list, replace, delete', async () => {
    const body = await fx.body(kind.kind);
    const created = (await acme.post(base, body).expect(201)).body;
    expect(created.id).toMatch(/^[0-9a-f]{32}$/);
    expect(created.created_at).toEqual(created.updated_at);

    const read = (await acme.get(`${base}/${created.id}`).expect(200)).body;
    const { app_secret: _shownOnce, ...readable } = created;
    expect(read).toEqual(readable);

    const filter = kind.nameField ? `?name=${encodeURIComponent(created[kind.nameField])}` : '';
    const listed = (await acme.get(`${base}${filter}`).expect(200)).body;
    expect(listed.items.map((i: Body) => i.id)).toContain(created.id);
    if (kind.nameField) expect(listed.items).toHaveLength(1);

    const change = changeFor(kind);
    const replaced = (await acme.put(`${base}/${created.id}`, { ...body, ...change }).expect(200)).body;
    expect(replaced.id).toBe(created.id);
    expect(replaced.created_at).toBe(created.created_at);
    for (const [field, value] of Object.entries(change)) {
      if (kind.fields[field].reveal !== 'never') expect(replaced[field]).toEqual(value);
    }

    await acme.delete(`${base}/${created.id}`).set('X-Request-Id', `del-${created.id}`).expect(204);
    const gone = await acme.get(`${base}/${created.id}`).expect(404);
    expect(gone.body.error_code).toBe('NOT_FOUND');

    const audit = (await acme.get(`/v1/audit-events?resource_id=${created.id}`).expect(200)).body.items;
    expect(audit.map((e: Body) => e.action)).toEqual(expect.arrayContaining(['create', 'update', 'delete']));
    expect(audit.find((e: Body) => e.action === 'delete')).toMatchObject({ kind: kind.kind, actor: 'acme-admin', request_id: `del-${created.id}` });
    expect((await globex.get(`/v1/audit-events?resource_id=${created.id}`).expect(200)).body.total).toBe(0);
  });

  test('validation errors name the field', async () => {
    const body = await fx.body(kind.kind);
    const unknown = await acme.post(base, { ...body, bogus_field: 1 }).expect(400);
    expect(unknown.body).toMatchObject({ error_code: 'VALIDATION_FAILED', errors: [{ field: 'bogus_field' }] });
    const required = requiredInput(kind)!;
    const { [required]: _dropped, ...missing } = body;
    const res = await acme.post(base, missing).expect(400);
    expect(res.body.errors.map((e: Body) => e.field)).toContain(required);
    expect(res.body.error_msg).toContain(required);
    expect(res.headers['x-request-id']).toBe(res.body.request_id);
  });

  test('another tenant cannot see, change or delete it', async () => {
    const body = await fx.body(kind.kind);
    const created = (await acme.post(base, body).expect(201)).body;
    await globex.get(`${base}/${created.id}`).expect(404);
    await globex.put(`${base}/${created.id}`, body).expect(404);
    await globex.delete(`${base}/${created.id}`).expect(404);
    const listed = (await globex.get(base).expect(200)).body;
    expect(listed.items.map((i: Body) => i.id)).not.toContain(created.id);
    // …and cannot reference it from its own resources (except apps, which can be authorized across tenants).
    const firstOwnRef = referencesOf(kind.fields, body).find((r) => !r.field.ref?.crossTenant);
    if (firstOwnRef) {
      const res = await globex.post(base, body).expect(400);
      expect(res.body).toMatchObject({ error_code: 'REFERENCE_NOT_FOUND', errors: [{ field: firstOwnRef.path }] });
    }
    await acme.get(`${base}/${created.id}`).expect(200);
  });
});

/** Every (referencing kind, field) pair of the catalogue: the referenced resource cannot be deleted. */
const REFERENCES = RESOURCE_KINDS.flatMap((source) => Object.entries(source.fields)
  .filter(([, f]) => f.type === 'string' && f.ref)
  .map(([field, f]) => [source.kind, field, (f as any).ref.kind] as const));

test.each(REFERENCES)('%s.%s keeps its %s from being deleted', async (sourceKind, field, targetKind) => {
  const body = await fx.body(sourceKind);
  if (!body[field]) body[field] = (await fx.create(targetKind)).id; // optional references
  if (sourceKind === 'api' && field === 'authorizer_id') body.auth_type = 'AUTHORIZER';
  if (sourceKind === 'domain' && field === 'certificate_id') body.hostname = `x${Date.now()}.example.com`;
  const source = (await acme.post(`/v1/${kindOf(sourceKind).plural}`, body).expect(201)).body;
  const res = await acme.delete(`/v1/${kindOf(targetKind).plural}/${body[field]}`).expect(409);
  expect(res.body.error_code).toBe('IN_USE');
  expect(res.body.error_msg).toContain(`${sourceKind} "${source.id}" (${field})`);
});
