import { startAdmin, type AdminHarness } from '../support/admin-client';

let h: AdminHarness;
beforeAll(async () => { h = await startAdmin(); });
afterAll(async () => { await h.close(); });

test('a new tenant starts with the RELEASE stage', async () => {
  const res = await h.as('acme').get('/v1/stages').expect(200);
  expect(res.body.items.map((s: any) => s.name)).toEqual(['RELEASE']);
  expect(h.db.dialect).toBe(process.env.APIGW_TEST_DB);
});
