// Files in the browser: save (download fallback) and reopen the same design; reload and recover
// unsaved work from the auto-save.
import { expect, test } from '@playwright/test';
import { EditorPage } from './pages/EditorPage';

test('saves and reopens the same design', async ({ page }, info) => {
  const app = new EditorPage(page);
  await app.open({ withoutFilePickers: true });
  await app.select('user-service');
  await app.field('replicas').fill('7');
  await expect(app.toolbar('dirty')).toBeVisible();

  const download = page.waitForEvent('download');
  await app.toolbar('save').click();
  const file = info.outputPath((await download).suggestedFilename());
  await (await download).saveAs(file);
  await expect(app.toolbar('dirty')).toHaveCount(0);

  await app.newFromTemplate('event-driven');
  await expect(app.node('user-service')).toHaveCount(0);

  const chooser = page.waitForEvent('filechooser');
  await app.toolbar('open').click();
  await (await chooser).setFiles(file);
  await expect(app.toolbar('fileName')).toContainText('e-commerce.arch.yaml');
  await expect(app.nodes).toHaveCount(18);
  await expect(app.node('user-service').getByTestId('canvas.node.user-service.replicas')).toHaveText(/×7/);
  await expect(app.codeLines).toContainText('# E-commerce');
  await expect(app.toolbar('dirty')).toHaveCount(0);
  await app.expectNoCspViolations();
});

test('reload recovers unsaved work', async ({ page }) => {
  const app = new EditorPage(page);
  await app.open();
  await app.select('shipping-service');
  await app.field('replicas').fill('9');
  await expect(app.toolbar('dirty')).toBeVisible();
  await page.waitForTimeout(700); // the auto-save runs shortly after a change
  await page.reload();
  // The window says it brought the edits back, and lets them be kept or dropped.
  await expect(page.getByTestId('recovered')).toContainText('Restored the unsaved changes to e-commerce.arch.yaml');
  await expect(app.node('shipping-service').getByTestId('canvas.node.shipping-service.replicas')).toHaveText(/×9/);
  await expect(app.toolbar('dirty')).toBeVisible();
  await app.screenshotThemes('25-recovered');
  await page.getByTestId('recovered.keep').click();
  await expect(page.getByTestId('recovered')).toHaveCount(0);
  await expect(app.toolbar('dirty')).toBeVisible();
  await app.expectNoCspViolations();
});

test('a restored edit can be dropped at once', async ({ page }) => {
  const app = new EditorPage(page);
  await app.open();
  await app.select('shipping-service');
  await app.field('replicas').fill('9');
  await page.waitForTimeout(700);
  await page.reload();
  await page.getByTestId('recovered.discard').click();
  await expect(app.node('shipping-service').getByTestId('canvas.node.shipping-service.replicas')).toHaveText(/×2/);
  await expect(app.toolbar('dirty')).toHaveCount(0);
  await page.reload();
  await expect(app.node('gateway')).toBeVisible();
  await expect(page.getByTestId('recovered')).toHaveCount(0);
  await app.expectNoCspViolations();
});
