import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { makeCaseType, staffHeaders, submit } from './cases.fixtures.js';

let sut: TestApp;
beforeAll(async () => {
  sut = await createTestApp({}, undefined, { parts: ['cases'] });
}, 60_000);
afterAll(() => sut.close());

it('gives staff the answers with the form of the version filed under: labels and choice labels, not keys', async () => {
  const type = await makeCaseType(sut);
  const filed = await submit(sut, { caseType: type.key, title: 'Λακκούβα', data: { size: 'large' } });
  expect(filed.statusCode, filed.body).toBe(201);
  const { headers } = await staffHeaders(sut, 'admin');
  const r = await sut.app.inject({ method: 'GET', url: `/api/cases/${filed.json().id}`, headers });
  expect(r.statusCode).toBe(200);
  expect(r.json().answers).toEqual([
    { id: 'size', kind: 'choice', label: { el: 'Μέγεθος', en: 'Size' }, value: { el: 'Μεγάλη', en: 'Large' } },
  ]);
});
