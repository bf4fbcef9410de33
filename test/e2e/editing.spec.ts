// Editing as people expect it (spec/app.md, "What people expect": Editing): a click selects a
// call, Delete removes the selection with what refers to it as one undo step after saying what
// else goes, renaming an id rewrites every reference, a blank design with a hint, nothing replaces
// unsaved work without asking, and a reload says that it restored edits.
import { expect, test } from '@playwright/test';
import { EditorPage } from './pages/EditorPage';

test.describe('editing', () => {
  let app: EditorPage;
  test.beforeEach(async ({ page }) => {
    app = new EditorPage(page);
    await app.open();
  });
  test.afterEach(async () => {
    await app.expectNoCspViolations();
  });

  test('a click on a call or its label selects it; the inspector edits it; Delete removes it', async ({ page }) => {
    // The line itself.
    await app.clickEdge('call:order-service->orders-db');
    await expect(app.inspectorTitle).toHaveText('order-service → orders-db');
    await expect(app.edge('call:order-service->orders-db')).toHaveClass(/selected/);
    // From a selected call, a click on a node selects the node (it used to leave nothing selected).
    await app.node('orders-db').click({ position: { x: 24, y: 20 } });
    await expect(app.inspectorTitle).toHaveText('orders-db');
    await expect(app.edge('call:order-service->orders-db')).not.toHaveClass(/selected/);
    await app.clickPane();
    await expect(app.inspectorTitle).toHaveText('Design');

    // The label of a gateway route (its policy: a timeout and a breaker).
    const route = 'route:gateway->order-service';
    await app.edgeLabel(route).click();
    await expect(app.inspectorTitle).toHaveText('gateway → order-service');
    await expect(app.edgeLabel(route)).toHaveClass(/is-selected/);
    await expect(app.edgeLabel(route).locator('svg[data-icon="timeout"]')).toBeVisible();
    await app.field('calls.1.timeout').fill('650ms');
    await expect(app.codeLines).toContainText('timeout: 650ms');
    await app.screenshotThemes('20-edge-selected');
    await app.edgeLabel(route).click(); // out of the field: Delete there deletes characters
    await page.keyboard.press('Delete');
    await expect(app.edge(route)).toHaveCount(0);
    await expect(app.edge('call:gateway->order-service')).toHaveCount(0);
    await expect(app.problemCount).toHaveText('0');
    await app.toolbar('undo').click();
    await expect(app.edge(route)).toBeAttached();

    // A call that a scenario's fault names: deleting it says the fault goes too.
    const call = 'call:order-service->inventory-service';
    await app.clickEdge(call, 0.75);
    await expect(app.inspectorTitle).toHaveText('order-service → inventory-service');
    await page.keyboard.press('Delete');
    await expect(app.confirm).toBeVisible();
    await expect(app.confirm).toContainText('fault 2 of scenario "inventory-slowdown" (on order-service → inventory-service)');
    await app.confirmButton('ok').click();
    await expect(app.edge(call)).toHaveCount(0);
    await expect(app.problemCount).toHaveText('0');
    await expect(app.inspectorTitle).toHaveText('Design');
    await app.toolbar('undo').click();
    await expect(app.edge(call)).toBeAttached();
    await expect(app.problemCount).toHaveText('0');
  });

  test('deleting every node says what else goes, leaves a valid design, and undoes in one step', async ({ page }) => {
    await app.clickPane();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await expect(app.confirm).toBeVisible();
    await expect(app.confirm.getByRole('heading')).toHaveText('Delete 18 nodes?');
    await expect(app.page.getByTestId('confirm.items')).toContainText('fault 1 of scenario "payment-outage" (on payment-service)');
    await expect(app.page.getByTestId('confirm.items')).toContainText('the traffic of web in scenario "black-friday"');
    await app.screenshotThemes('21-delete-confirm');
    await app.confirmButton('ok').click();
    await expect(app.nodes).toHaveCount(0);
    await expect(app.problemCount).toHaveText('0');
    await expect(page.getByTestId('canvas.empty')).toBeVisible();

    // The palette works on the emptied design: the new node shows on the canvas.
    await page.getByTestId('palette.service').click();
    await expect(app.node('new-service')).toBeVisible();
    await expect(app.problemCount).toHaveText('0');

    await app.toolbar('undo').click();
    await expect(app.nodes).toHaveCount(0);
    await app.toolbar('undo').click();
    await expect(app.nodes).toHaveCount(18);
    await expect(app.toolbar('dirty')).toHaveCount(0);
  });

  test('Cancel keeps everything', async ({ page }) => {
    await app.select('payment-service');
    await page.keyboard.press('Delete');
    await expect(app.confirm).toContainText('the saga step "charge" of checkout → payment-service');
    await app.confirmButton('cancel').click();
    await expect(app.confirm).toHaveCount(0);
    await expect(app.node('payment-service')).toBeVisible();
    await expect(app.toolbar('dirty')).toHaveCount(0);
  });

  test('renaming an id by double-click or in the inspector rewrites every reference', async ({ page }) => {
    // payment-service lies past the pane's right edge after the first fit: the search brings it
    // into view (and selects it) before the double-click, which must land on the node itself.
    await app.toolbar('search').fill('payment-service');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('inspector.id')).toHaveText('payment-service');
    await app.viewSettled();
    await app.node('payment-service').dblclick();
    const input = page.getByTestId('canvas.node.payment-service.rename');
    await expect(input).toBeFocused();
    await input.fill('payments');
    await input.press('Enter');
    await expect(app.node('payments')).toBeVisible();
    await expect(app.node('payment-service')).toHaveCount(0);
    await expect(app.edge('step:checkout->payments')).toBeAttached();
    await expect(app.problemCount).toHaveText('0');
    await app.findInCode('node: payments');
    await expect(app.codeLines).toContainText('node: payments');

    await app.toolbar('fit').click(); // back to the first fit, where user-service is in view
    await app.viewSettled();
    await app.select('user-service');
    await app.field('nodeId').fill('web');
    await expect(page.locator('.mw-field.has-error')).toContainText('"web" is already a node');
    await app.field('nodeId').fill('users');
    await expect(page.getByText('Enter renames it and every reference to it.')).toBeVisible();
    await app.screenshotThemes('22-rename');
    await app.field('nodeId').press('Enter');
    await expect(app.inspectorTitle).toHaveText('users');
    await expect(app.edge('route:gateway->users')).toBeAttached();
    await expect(app.problemCount).toHaveText('0');
    await app.toolbar('undo').click();
    await expect(app.node('user-service')).toBeVisible();
    await expect(app.toolbar('undo')).toHaveAttribute('title', 'Undo Rename payment-service → payments (Ctrl+Z)');
    await expect(app.toolbar('redo')).toHaveAttribute('title', 'Redo Rename user-service → users (Ctrl+Shift+Z)');
  });

  test('a blank design: New offers Blank, the canvas says what to do, nodes are written in block style', async ({ page }) => {
    await app.newFromTemplate('blank');
    await expect(app.nodes).toHaveCount(0);
    await expect(page.getByTestId('canvas.empty')).toContainText('Drag a kind from the palette');
    await expect(app.problemCount).toHaveText('0');
    await app.screenshotThemes('23-blank');
    await page.getByTestId('palette.service').click();
    await page.getByTestId('palette.database').click();
    await expect(app.nodes).toHaveCount(2);
    await expect(page.getByTestId('canvas.empty')).toHaveCount(0);
    const text = await app.code.locator('.view-lines').innerText();
    const lines = text.split('\n').map((l) => l.replace(/\u00a0/g, ' '));
    expect(lines).toContain('nodes:');
    expect(lines).toContain('  new-service:');
    expect(lines).toContain('    kind: service');
    expect(lines.some((l) => /^ {2}new-database: \{ kind: database/.test(l))).toBe(true);
    expect(lines.some((l) => l.includes('nodes: {'))).toBe(false);
  });

  test('nothing replaces unsaved work without asking: New and a template', async () => {
    await app.select('payment-service');
    await app.field('replicas').fill('6');
    await expect(app.toolbar('dirty')).toBeVisible();

    await app.newFromTemplate('three-tier');
    await expect(app.confirm).toContainText('has changes that are not saved');
    await app.screenshotThemes('24-discard-confirm');
    await app.confirmButton('cancel').click();
    await expect(app.nodes).toHaveCount(18);
    await expect(app.codeLines).toContainText('replicas: 6');
    await expect(app.toolbar('dirty')).toBeVisible();

    await app.newFromTemplate('blank');
    await app.confirmButton('ok').click();
    await expect(app.nodes).toHaveCount(0);
    await expect(app.toolbar('dirty')).toHaveCount(0);
    // A clean document is replaced without a question.
    await app.newFromTemplate('three-tier');
    await expect(app.confirm).toHaveCount(0);
    await expect(app.nodes).not.toHaveCount(0);
  });
});

test('Open asks before it replaces unsaved work', async ({ page }, info) => {
  const app = new EditorPage(page);
  await app.open({ withoutFilePickers: true });
  const file = info.outputPath('other.arch.yaml');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(file, 'version: 1\nname: other\nnodes:\n  api: { kind: service }\n');
  await app.select('user-service');
  await app.field('replicas').fill('7');

  let chooser = page.waitForEvent('filechooser');
  await app.toolbar('open').click();
  await (await chooser).setFiles(file);
  await expect(app.confirm).toContainText('Opening other.arch.yaml replaces it');
  await app.confirmButton('cancel').click();
  await expect(app.nodes).toHaveCount(18);

  chooser = page.waitForEvent('filechooser');
  await app.toolbar('open').click();
  await (await chooser).setFiles(file);
  await app.confirmButton('ok').click();
  await expect(app.toolbar('fileName')).toContainText('other.arch.yaml');
  await expect(app.nodes).toHaveCount(1);
  await app.expectNoCspViolations();
});
