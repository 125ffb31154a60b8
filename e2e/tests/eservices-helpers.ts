import { expect, type Locator, type Page } from '@playwright/test';
import { type Account, signIn } from './fixtures';

/** ΑΦΜ the development Μητρώο Πολιτών imitation knows (ΠΑΠΑΔΟΠΟΥΛΟΥ ΜΑΡΙΑ: birth, marriage and family records). */
export const REGISTRY_AFM = '123456789';

/** A 1×1 PNG: a real image the upload check accepts (a photo of a paper, as citizens send). */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** The payments imitation's self-describing demo code: paid (9), type id, amount in cents, serial. */
export const paidParavolo = (typeId: string, cents: number) =>
  `9${typeId.padStart(4, '0')}${String(cents).padStart(8, '0')}${String(Math.floor(Math.random() * 9_999_999)).padStart(7, '0')}`;

/** Follows a "Σύνδεση με TaxisNet" link through the development imitation as the given ΑΦΜ. */
export async function taxisnetThrough(page: Page, link: Locator, afm: string) {
  await link.click();
  await page.getByRole('textbox', { name: 'ΑΦΜ' }).fill(afm);
  await page.getByRole('button', { name: 'Συνέχεια' }).click();
}

/** Presses Tab until `target` has the focus (keyboard only), failing after `max` presses. */
export async function tabTo(page: Page, target: Locator, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

/** Picks a file for a form's files field (Mantine FileInput: a button that opens the file chooser). */
export async function attach(page: Page, field: Locator, name = 'document.png') {
  const chooser = page.waitForEvent('filechooser');
  await field.click();
  await (await chooser).setFiles({ name, mimeType: 'image/png', buffer: PNG });
}

/** Opens the staff home with the account's saved session (auth.setup.ts). */
export const staffSignIn = (page: Page, email: Account) => signIn(page, email);

/** Takes a workflow transition on the staff case page (button, then the dialog's "Αποστολή"). */
export async function transition(page: Page, name: string) {
  await page.getByRole('button', { name, exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Αποστολή' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
}
