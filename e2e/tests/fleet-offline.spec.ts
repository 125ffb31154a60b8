import { axe, expect, signIn, test } from './fixtures';

// The driver's phone without network: a refuelling with its receipt photo is kept on the phone
// (the offline kit's outbox) and sent once, with its photo, when the phone is back online.

const PLATE = `ΚΗΟ-${String((Date.now() % 9000) + 1000)}`;
// a 1×1 PNG, as the camera would hand over a (much larger) image
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

test('a fuel entry with its receipt, saved offline, is sent once when the phone is back online', async ({ browser }) => {
  const head = await (await browser.newContext()).newPage();
  await signIn(head, 'techniki@demo.dimos.gr');
  const created = await head.request.post('/api/fleet/vehicles', {
    data: { plate: PLATE, category: 'truck', fuelType: 'diesel', tankLitres: 140, normLPer100Km: 22 },
  });
  expect(created.status(), await created.text()).toBe(201);
  const vehicle = await created.json();

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const driver = await phone.newPage();
  await signIn(driver, 'syntirisi@demo.dimos.gr', '/staff/fleet/driver');
  await expect(driver.getByRole('heading', { level: 1, name: 'Οδηγός' })).toBeVisible();
  await driver.getByRole('combobox', { name: 'Όχημα' }).selectOption({ label: `${PLATE} — Φορτηγό` });
  await driver.getByRole('button', { name: 'Έναρξη βάρδιας' }).click();
  await expect(driver.getByText(`Σε βάρδια με το ${PLATE}`)).toBeVisible();

  await phone.setOffline(true);
  await driver.getByRole('textbox', { name: 'Λίτρα' }).fill('40');
  await driver.getByRole('textbox', { name: 'Πρατήριο' }).fill('ΕΚΟ Λεωφ. Αθηνών');
  await driver.locator('input[type=file]').first().setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: PNG });
  await driver.getByRole('button', { name: 'Αποθήκευση' }).click();
  await expect(driver.getByText('Αποθηκεύτηκε στο τηλέφωνο')).toBeVisible();
  await expect(driver.getByTestId('pending-changes')).toHaveText('1 αλλαγή σε αναμονή για αποστολή');
  expect(await axe(driver)).toEqual([]);

  const refuels = async () => {
    const q = `vehicleId=${vehicle.id}&from=${new Date(Date.now() - 3_600_000).toISOString()}&to=${new Date(Date.now() + 60_000).toISOString()}`;
    return (await (await head.request.get(`/api/fleet/refuels?${q}`)).json()).items as { litres: number; receiptFileId: string | null }[];
  };
  expect(await refuels()).toEqual([]);

  // back online: the outbox sends it by itself
  await phone.setOffline(false);
  await expect(driver.getByTestId('pending-changes')).toHaveText('');
  await expect.poll(async () => (await refuels()).map((r) => [r.litres, r.receiptFileId !== null])).toEqual([[40, true]]);
  // the page reloaded (and the outbox flushed again): still one
  await driver.reload();
  await expect(driver.getByText(`Σε βάρδια με το ${PLATE}`)).toBeVisible();
  expect(await refuels()).toHaveLength(1);
  await driver.getByRole('button', { name: 'Λήξη βάρδιας' }).click();
  await expect(driver.getByRole('button', { name: 'Έναρξη βάρδιας' })).toBeVisible();
  await phone.close();
  await head.context().close();
});
