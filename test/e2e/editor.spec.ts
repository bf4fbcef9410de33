// The design editor end to end, as a person uses it: template, palette, connections, inspector,
// code panel both ways, invalid YAML, undo/redo, auto-layout, search and shortcuts.
import { expect, test } from '@playwright/test';
import { EditorPage } from './pages/EditorPage';

test.describe('design editor', () => {
  let app: EditorPage;
  test.beforeEach(async ({ page }) => {
    app = new EditorPage(page);
    await app.open();
  });
  test.afterEach(async () => {
    await app.expectNoCspViolations();
  });

  test('creates a design from the e-commerce template', async ({ page }) => {
    await app.newFromTemplate('three-tier');
    await expect(app.node('gateway')).toHaveCount(0);
    await app.newFromTemplate('e-commerce');
    await expect(app.nodes).toHaveCount(18);
    await expect(app.node('order-service')).toContainText('order-service');
    await expect(app.node('order-service').getByTestId('canvas.node.order-service.replicas')).toHaveText(/×3/);
    await expect(page.getByTestId('canvas.group.orders')).toBeVisible();
    await expect(app.edge('deliver:order-events->shipping-service')).toBeAttached();
    await expect(app.problemCount).toHaveText('0');
    await expect(app.toolbar('dirty')).toHaveCount(0);
    await page.waitForTimeout(400); // the layout animation
    await app.screenshot('01-template');
  });

  test('adds a service from the palette and connects it; refuses calling a client', async () => {
    const box = (await app.canvas.boundingBox())!;
    await app.dragFromPalette('service', { x: box.width * 0.45, y: box.height - 90 });
    await expect(app.node('new-service')).toBeVisible();
    await expect(app.page.getByTestId('inspector.id')).toHaveText('new-service');
    await expect(app.codeLines).toContainText('new-service:');

    await app.connect('order-service', 'new-service');
    await expect(app.edge('call:order-service->new-service')).toBeAttached();
    await app.findInCode('to: new-service');
    await expect(app.codeLines).toContainText('to: new-service');

    await app.connect('new-service', 'web');
    await expect(app.notice).toContainText('nothing may call a client');
    await expect(app.edge('call:new-service->web')).toHaveCount(0);
    await app.select('new-service');
    await app.screenshot('02-palette-connect');
  });

  test('edits replicas in the inspector and sees the YAML change', async ({ page }) => {
    await app.select('payment-service');
    await expect(app.field('replicas')).toHaveValue('2');
    await app.field('replicas').fill('5');
    await expect(app.node('payment-service').getByTestId('canvas.node.payment-service.replicas')).toHaveText(/×5/);
    await expect(app.codeLines).toContainText('replicas: 5');
    await expect(app.toolbar('dirty')).toBeVisible();

    // Inline validation from the engine's validator.
    await app.field('replicas').fill('0');
    await expect(page.locator('.mw-field.has-error')).toContainText('expected a number >= 1');
    await expect(app.node('payment-service').getByTestId('canvas.node.payment-service.replicas')).toHaveText(/×5/);
    await app.field('replicas').fill('4');
    await app.field('latency.dist').selectOption('lognormal');
    await expect(app.field('latency.p99')).toBeVisible();
    await app.screenshot('03-inspector');
  });

  test('types in the code panel and sees the canvas change', async () => {
    await app.replaceInCode('label: API gateway', 'label: Front door');
    await expect(app.node('gateway')).toContainText('Front door');
    await app.replaceInCode('replicas: 3', 'replicas: 6');
    await expect(app.node('order-service').getByTestId('canvas.node.order-service.replicas')).toHaveText(/×6/);
  });

  test('invalid YAML shows markers while the canvas keeps the last valid design', async ({ page }) => {
    await app.typeAtEnd('\n  order-service: [unclosed');
    await expect(app.code.locator('.squiggly-error').first()).toBeVisible();
    await expect(app.problemCount).not.toHaveText('0');
    await expect(page.getByTestId('status')).toContainText('last valid design');
    await expect(app.nodes).toHaveCount(18);
    await expect(app.node('order-service')).toBeVisible();
    await app.screenshot('04-invalid-yaml');
    await page.getByTestId('tabs.problems').click();
    await expect(page.getByTestId('problems.item').first()).toBeVisible();
    await app.screenshot('05-problems');

    // A reference error: clicking the problem selects its node.
    await page.getByTestId('tabs.code').click();
    await app.focusCode();
    await page.keyboard.press('Control+Z');
    await expect(app.problemCount).toHaveText('0');
    await app.replaceInCode('{ to: payments-db, timeout: 300ms }', '{ to: payments-dbx, timeout: 300ms }');
    await expect(app.problemCount).toHaveText('1');
    await page.getByTestId('tabs.problems').click();
    await page.getByTestId('problems.item').first().click();
    await expect(page.getByTestId('inspector.id')).toHaveText('payment-service');
    await expect(page.locator('.mw-section.has-error').first()).toContainText('did you mean "payments-db"');
  });

  test('undo and redo; a drag is one step', async ({ page }) => {
    await page.getByTestId('palette.cache').click();
    await expect(app.node('new-cache')).toBeVisible();
    await app.toolbar('undo').click();
    await expect(app.node('new-cache')).toHaveCount(0);
    await app.toolbar('redo').click();
    await expect(app.node('new-cache')).toBeVisible();

    const before = (await app.node('users-db').boundingBox())!;
    // Up and to the left, into free space: a drop at the pane's edge would pan the view.
    await app.dragNode('users-db', -160, -90);
    const after = (await app.node('users-db').boundingBox())!;
    expect(Math.abs(after.x - before.x)).toBeGreaterThan(60);
    await expect(app.codeLines).toContainText('users-db: {');
    await page.keyboard.press('Control+Z');
    // Within a pixel: at a fractional zoom the same position can round either way.
    await expect.poll(async () => Math.abs((await app.node('users-db').boundingBox())!.x - before.x)).toBeLessThan(1.5);
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(async () => Math.abs((await app.node('users-db').boundingBox())!.x - after.x)).toBeLessThan(1.5);

    // Copy/paste and delete with the keyboard.
    await app.select('orders-db');
    await page.keyboard.press('Control+D');
    await expect(app.node('orders-db-copy')).toBeVisible();
    await page.keyboard.press('Delete');
    await expect(app.node('orders-db-copy')).toHaveCount(0);
  });

  test('auto-layout writes positions as one undoable step', async ({ page }) => {
    await app.dragNode('web', 300, 260);
    const moved = (await app.node('web').boundingBox())!;
    await app.toolbar('layout').click();
    await expect(app.toolbar('layout')).toBeEnabled();
    await expect.poll(async () => Math.round((await app.node('web').boundingBox())!.y)).not.toBe(Math.round(moved.y));
    await app.findInCode('layout:');
    await expect(app.codeLines).toContainText('web: { x:');
    await page.waitForTimeout(400);
    await app.screenshot('06-auto-layout');
    await app.toolbar('undo').click();
    await expect(app.toolbar('undo')).toBeEnabled();
  });

  test('search jumps to a node; the shortcuts dialog lists the keys; dark theme', async ({ page }) => {
    await app.toolbar('search').fill('paym');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('inspector.id')).toHaveText('payment-service');
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('?');
    await expect(page.getByTestId('shortcuts')).toContainText('Ctrl+Z');
    await app.screenshot('07-shortcuts');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('shortcuts')).toBeHidden();
    await page.emulateMedia({ colorScheme: 'dark' });
    // The search centred payment-service; fit the view so order-service is on the canvas.
    await app.toolbar('fit').click();
    await page.waitForTimeout(400); // the fit animation
    await app.select('order-service');
    await page.waitForTimeout(300);
    await app.screenshot('08-dark');
  });
});

test.describe('toolbar', () => {
  test('stays on one row with a long file name, wide and narrow; the name is cut, not the buttons', async ({ page }) => {
    const app = new EditorPage(page);
    await app.open();
    await app.newFromTemplate('online-boutique');
    for (const width of [1440, 1280, 1250, 1100, 900]) {
      await page.setViewportSize({ width, height: 800 });
      const bar = (await page.getByRole('toolbar').boundingBox())!;
      // One row of 28 px buttons plus padding; a wrapped label or a second row doubles it.
      expect(bar.height, `toolbar height at ${width} px`).toBeLessThan(48);
      for (const b of await page.getByRole('toolbar').locator('button').all()) {
        const box = (await b.boundingBox())!;
        expect(box.height, `${await b.textContent()} at ${width} px`).toBeLessThan(36);
        expect(box.x + box.width, `${await b.textContent()} inside the window at ${width} px`).toBeLessThanOrEqual(width);
      }
      await expect(app.toolbar('fileName')).toHaveAttribute('title', /^online-boutique\.arch\.yaml: /);
    }
    // At the desktop's smallest window the icon buttons keep their names for assistive tech.
    await expect(app.toolbar('undo')).toHaveAttribute('title', /Undo|undo/);
    await app.screenshot('37-toolbar-narrow');
    await app.expectNoCspViolations();
  });
});
