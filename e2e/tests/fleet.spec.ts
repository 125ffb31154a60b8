import type { Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../playwright.config';
import { axe, expect, test } from './fixtures';

// Against the real server and its seeded demo municipality: the head of the technical services
// manages the fleet; a maintenance employee drives.

async function signIn(page: Page, email: string) {
  await page.addInitScript(() => localStorage.setItem('dimos.lang', 'el'));
  await page.goto('/staff');
  await page.getByRole('textbox', { name: 'Υπηρεσιακό e-mail' }).fill(email);
  await page.getByRole('textbox', { name: 'Κωδικός πρόσβασης' }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Σύνδεση', exact: true }).click();
  await expect(page.getByRole('navigation', { name: 'Ενότητες' })).toBeVisible();
}

const PLATE = `ΚΗΟ-${String((Date.now() % 9000) + 1000)}`;

test('the live map shows a vehicle the test moves through the OsmAnd endpoint; the driver logs fuel; axe on the pages', async ({
  browser,
}) => {
  // a whole journey over two browser contexts, a live stream and axe four times
  test.slow();
  const head = await (await browser.newContext()).newPage();
  await signIn(head, 'techniki@demo.dimos.gr');
  const created = await head.request.post('/api/fleet/vehicles', {
    data: { plate: PLATE, category: 'truck', fuelType: 'diesel', tankLitres: 140, normLPer100Km: 22 },
  });
  expect(created.status(), await created.text()).toBe(201);
  const vehicle = await created.json();
  const tracker = await head.request.post(`/api/fleet/vehicles/${vehicle.id}/device`);
  expect(tracker.status()).toBe(200);
  const { uniqueId, secret } = await tracker.json();

  await head.goto('/staff/fleet');
  await expect(head.getByRole('heading', { level: 1, name: 'Στόλος οχημάτων — ζωντανός χάρτης' })).toBeVisible();
  const row = head.getByTestId(`vehicle-${PLATE}`);
  await expect(row).toContainText('Χωρίς σήμα');
  await expect(head.getByTestId('vehicle-ΚΗΟ-4521')).toBeVisible();

  // the tracker sends a fix (speed in knots), as the Traccar Client does
  const ts = Math.floor(Date.now() / 1000);
  const sent = await head.request.get(`/api/telemetry/osmand/${secret}?id=${uniqueId}&lat=38.021&lon=23.741&timestamp=${ts}&speed=20`);
  expect(sent.status(), await sent.text()).toBe(200);
  await expect(row).toContainText('Κινείται', { timeout: 15_000 });
  await row.getByRole('button', { name: `Παρακολούθηση του ${PLATE}` }).click();
  await expect(head.getByRole('status')).toContainText(`Παρακολουθείτε το ${PLATE}`);
  expect(await axe(head)).toEqual([]);

  // the vehicle's page and the reports
  await row.getByRole('link', { name: `Σελίδα οχήματος ${PLATE}` }).click();
  await expect(head.getByRole('heading', { level: 1, name: `Όχημα ${PLATE}` })).toBeVisible();
  await expect(head.getByRole('heading', { level: 2, name: 'Δελτίο κίνησης' })).toBeVisible();
  expect(await axe(head)).toEqual([]);
  await head.goto('/staff/fleet/reports');
  await expect(head.getByRole('heading', { level: 1, name: 'Αναφορές στόλου' })).toBeVisible();
  await expect(head.getByRole('link', { name: 'Λήψη Καύσιμα (PDF)' })).toBeVisible();
  expect(await axe(head)).toEqual([]);

  // the driver on the phone: shift on the vehicle, fuel logged, by keyboard-reachable big controls
  const driver = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await signIn(driver, 'syntirisi@demo.dimos.gr');
  await driver.goto('/staff/fleet/driver');
  await expect(driver.getByRole('heading', { level: 1, name: 'Οδηγός' })).toBeVisible();
  await expect(driver.getByText('μόνο όσο διαρκεί η βάρδιά σας')).toBeVisible();
  expect(await axe(driver)).toEqual([]);
  await driver.getByRole('combobox', { name: 'Όχημα' }).selectOption({ label: `${PLATE} — Φορτηγό` });
  await driver.getByRole('button', { name: 'Έναρξη βάρδιας' }).click();
  await expect(driver.getByRole('status').filter({ hasText: 'Σε βάρδια' })).toHaveText(`Σε βάρδια με το ${PLATE}`);
  await driver.getByRole('textbox', { name: 'Λίτρα' }).fill('55');
  await driver.getByRole('textbox', { name: 'Κόστος (€)' }).fill('89.10');
  await driver.getByRole('textbox', { name: 'Πρατήριο' }).fill('ΕΚΟ Λεωφ. Αθηνών');
  await driver.getByRole('button', { name: 'Αποθήκευση' }).click();
  await expect(driver.getByText('Καταχωρίστηκε.')).toBeVisible();
  expect(await axe(driver)).toEqual([]);
  const refuels = await head.request.get(
    `/api/fleet/refuels?vehicleId=${vehicle.id}&from=${new Date(Date.now() - 3_600_000).toISOString()}&to=${new Date(Date.now() + 60_000).toISOString()}`,
  );
  expect((await refuels.json()).items.map((r: { litres: number }) => r.litres)).toEqual([55]);
  await driver.getByRole('button', { name: 'Λήξη βάρδιας' }).click();
  await expect(driver.getByRole('button', { name: 'Έναρξη βάρδιας' })).toBeVisible();
});
