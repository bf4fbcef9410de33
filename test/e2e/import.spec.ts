// Open a docker-compose file or Kubernetes manifests: it is imported (in the engine worker) as a
// new, unsaved design, laid out, its unmapped parts as notes.
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { EditorPage } from './pages/EditorPage';

const fixture = (p: string) => fileURLToPath(new URL(`../fixtures/import/${p}`, import.meta.url));

test('opening a compose file imports it as a new unsaved design', async ({ page }, info) => {
  const app = new EditorPage(page);
  await app.open({ withoutFilePickers: true });
  const chooser = page.waitForEvent('filechooser');
  await app.toolbar('open').click();
  await (await chooser).setFiles(fixture('webapp/docker-compose.yml'));
  await expect(app.notice).toContainText('Imported docker-compose.yml: 9 nodes');
  for (const id of ['proxy', 'web', 'worker', 'scheduler', 'mailer', 'db', 'redis', 'search', 'users'])
    await expect(app.node(id)).toBeVisible();
  await expect(app.toolbar('fileName')).toContainText('imported.arch.yaml');
  await expect(app.toolbar('dirty')).toBeVisible();
  await expect(app.codeLines).toContainText('guessed');
  await page.screenshot({ path: info.outputPath('import-compose.png') });
  await app.expectNoCspViolations();
});

test('opening a Kubernetes release file imports a dozen gRPC services', async ({ page }) => {
  const app = new EditorPage(page);
  await app.open({ withoutFilePickers: true });
  const chooser = page.waitForEvent('filechooser');
  await app.toolbar('open').click();
  await (await chooser).setFiles(fixture('boutique/kubernetes-manifests.yaml'));
  await expect(app.notice).toContainText('Imported kubernetes-manifests.yaml: 13 nodes');
  for (const id of ['frontend', 'checkoutservice', 'cartservice', 'redis-cart', 'loadgenerator']) await expect(app.node(id)).toBeVisible();
  await app.expectNoCspViolations();
});

test('importing a folder of manifests (Online Boutique + its Istio overlay) opens one new unsaved design, notes on its nodes', async ({
  page,
}, info) => {
  const app = new EditorPage(page);
  await app.open({ withoutFilePickers: true });
  const chooser = page.waitForEvent('filechooser');
  await app.toolbar('importFolder').click();
  await (await chooser).setFiles(fixture('real/online-boutique'));
  await expect(app.notice).toContainText('Imported online-boutique (2 files): 13 nodes; 3 thing(s) not mapped, kept as notes');
  for (const id of ['users', 'frontend', 'checkoutservice', 'cartservice', 'redis-cart', 'loadgenerator'])
    await expect(app.node(id)).toBeVisible();
  await expect(app.toolbar('fileName')).toContainText('online-boutique.arch.yaml');
  await expect(app.toolbar('dirty')).toBeVisible();
  // Entered by the Istio Gateway (the second file): one client, laid out left of the frontend.
  const users = await app.node('users').boundingBox();
  const frontend = await app.node('frontend').boundingBox();
  expect(users!.x).toBeLessThan(frontend!.x);
  await app.select('loadgenerator');
  await expect(page.getByRole('textbox', { name: 'notes' })).toHaveValue(/load generator gcr\.io\/google-samples/);
  await page.screenshot({ path: info.outputPath('import-folder.png') });
  await app.expectNoCspViolations();
});
