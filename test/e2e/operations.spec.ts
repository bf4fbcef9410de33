// Operations in the inspector (issue 13, design-format.md "Fields for real systems"): a service's
// operations are added, renamed and removed in its form; a caller's call picks the callee's
// operation from a list; renaming one rewrites the calls that name it; a client switches between
// an open-loop rate and closed-loop users. Each is one undo step, and the YAML and the canvas
// follow.
import { expect, test } from '@playwright/test';
import { EditorPage } from './pages/EditorPage';

test.describe('operations', () => {
  let app: EditorPage;
  test.beforeEach(async ({ page }) => {
    app = new EditorPage(page);
    await app.open();
  });
  test.afterEach(async () => {
    await app.expectNoCspViolations();
  });

  /** Selects a node by a click near its left end: at the template's readable zoom the catalog
   * group sits at the canvas's right edge, half under the inspector. */
  const select = async (id: string) => {
    await app.node(id).click({ position: { x: 24, y: 20 } });
    await expect(app.inspectorTitle).toHaveText(id);
  };

  test('add an operation on a service, pick it on a caller, rename it, undo', async ({ page }) => {
    // The e-commerce template: order-service calls inventory-service's POST /reservations.
    await select('inventory-service');
    const ops = app.field('operations');
    await expect(ops).toContainText('operations (3)');
    await app.field('operations.newKey').fill('GET /stock/:sku');
    await app.field('operations.add').click();
    await expect(ops).toContainText('operations (4)');
    await expect(app.codeLines).toContainText("'GET /stock/:sku': { weight: 1 }");
    await expect(app.problemCount).toHaveText('0');
    // Its work: a latency of its own.
    await app.field('operations.GET /stock/:sku.toggle').click();
    await app.field('operations.GET /stock/:sku.latency').fill('4ms');
    await expect(app.codeLines).toContainText("'GET /stock/:sku': { weight: 1, latency: 4ms }");
    await app.screenshotThemes('30-operations');

    // The caller's call offers the callee's operations.
    const call = 'call:order-service->inventory-service';
    await app.clickEdge(call, 0.75);
    await expect(app.inspectorTitle).toHaveText('order-service → inventory-service');
    const picker = app.field('calls.1.op');
    await expect(picker).toHaveValue('POST /reservations');
    await expect(picker.locator('option')).toHaveText([
      '(any, by weight)',
      'GET /products',
      'POST /reservations',
      'DELETE /reservations/:id',
      'GET /stock/:sku',
    ]);
    await picker.selectOption('GET /stock/:sku');
    await expect(app.codeLines).toContainText('op: GET /stock/:sku');
    await expect(app.edgeLabel(call)).toContainText('GET /stock/:sku');
    await expect(app.problemCount).toHaveText('0');
    // optional and stage on the same call.
    await app.field('calls.1.optional').selectOption('true');
    await expect(app.codeLines).toContainText('optional: true');
    await expect(app.edge(call).locator('path.react-flow__edge-path')).toHaveClass(/is-optional/);
    await app.screenshotThemes('31-op-picker');

    // Undo, one step each: optional, then the op.
    await app.toolbar('undo').click();
    await expect(app.codeLines).not.toContainText('optional: true');
    await app.toolbar('undo').click();
    await expect(app.edgeLabel(call)).toContainText('POST /reservations');
    await expect(picker).toHaveValue('POST /reservations');

    // Renaming the operation rewrites the call and the saga step that name it.
    await select('inventory-service');
    await app.field('operations.POST /reservations.toggle').click();
    const name = app.field('operations.POST /reservations.name');
    await name.fill('POST /holds');
    await name.press('Enter');
    await expect(app.field('operations.POST /holds')).toBeVisible();
    await expect(app.edgeLabel(call)).toContainText('POST /holds');
    await expect(app.codeLines).not.toContainText('POST /reservations');
    await expect(app.problemCount).toHaveText('0');
    await app.toolbar('undo').click();
    await expect(app.edgeLabel(call)).toContainText('POST /reservations');
    await expect(app.problemCount).toHaveText('0');

    // Removing it: the call and the saga step name it, so it says so first.
    await select('inventory-service');
    await app.field('operations.POST /reservations.remove').click();
    await expect(app.confirm).toContainText('"POST /reservations" on the call order-service → inventory-service');
    await expect(app.confirm).toContainText('saga step "reserve"');
    await app.confirmButton('ok').click();
    await expect(app.field('operations')).toContainText('operations (3)');
    await expect(app.edgeLabel(call)).not.toContainText('POST /reservations');
    await expect(app.problemCount).toHaveText('0');
    await app.toolbar('undo').click();
    await expect(app.edgeLabel(call)).toContainText('POST /reservations');
    await expect(page.getByTestId('inspector.operations')).toContainText('operations (4)');
  });

  test('a client switches between a rate and closed-loop users', async () => {
    await select('web');
    await expect(app.field('loadMode')).toHaveValue('rate');
    await expect(app.field('rate')).toBeVisible();
    await expect(app.field('users')).toHaveCount(0);
    await app.field('loadMode').selectOption('users');
    await expect(app.field('users')).toBeVisible();
    await expect(app.field('rate')).toHaveCount(0);
    // think is left at the format's default, which the field shows as its placeholder.
    await expect(app.field('think')).toHaveValue('');
    await expect(app.field('think')).toHaveAttribute('placeholder', 'default 1s');
    await expect(app.node('web')).toContainText('users');
    await expect(app.problemCount).toHaveText('0');
    await app.field('users').fill('250');
    await expect(app.node('web')).toContainText('250 users');
    await app.screenshot('32-closed-loop-client');
    await app.toolbar('undo').click();
    await app.toolbar('undo').click();
    await expect(app.field('loadMode')).toHaveValue('rate');
    await expect(app.node('web')).toContainText('rps');
  });
});
