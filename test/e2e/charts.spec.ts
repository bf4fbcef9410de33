// The State chart tab end to end: each machine kind drawn from the engine's definitions (idle),
// then replayed after a short run — opened from a breaker timeline transition at its time,
// stepped with the keyboard — in the light and the dark theme.
import { expect, test } from '@playwright/test';
import { PanelsPage } from './pages/PanelsPage';

test.describe('state charts', () => {
  let app: PanelsPage;
  test.beforeEach(async ({ page }) => {
    app = new PanelsPage(page);
    await app.open({ withoutFilePickers: true });
  });
  test.afterEach(async () => {
    await app.expectNoCspViolations();
  });

  const chart = (name: string) => app.page.getByTestId(`chart.${name}`);
  const state = (key: string) => app.page.getByTestId(`chart.state.${key}`);
  const openCharts = async () => {
    await app.page.getByTestId('tabs.charts').click();
    await expect(chart('panel')).toBeVisible();
    await expect(chart('svg')).toBeVisible();
  };

  test('each kind, idle: drawn from the selection with the design’s terms', async () => {
    await app.select('checkout');
    await openCharts();
    await expect(chart('panel')).toHaveAttribute('data-kind', 'saga');
    await expect(state('running#1')).toContainText('step “charge” → payment-service');
    await expect(state('compensating#1')).toContainText('compensate “POST /payments/:id/refund” (charge)');
    await expect(chart('idle')).toBeVisible();
    await app.screenshotThemes('charts-01-saga-idle');

    await app.select('gateway');
    await expect(chart('panel')).toHaveAttribute('data-kind', 'limiter');
    await expect(chart('svg')).toContainText(/a token left \(1500\/s, ?burst 1500\)/);
    await app.screenshot('charts-02-limiter-idle');

    await app.select('order-service');
    await expect(chart('panel')).toHaveAttribute('data-kind', 'autoscaler');
    await expect(chart('svg')).toContainText(/utilization over 70 % ?target/);
    await app.screenshot('charts-03-autoscaler-idle');

    await chart('target').selectOption('breaker:checkout->payment-service');
    await expect(chart('panel')).toHaveAttribute('data-kind', 'breaker');
    await expect(chart('svg')).toContainText(/failure rate ≥ 50 % over 40 ?calls ?\(20 at least\)/); // wrapped lines
    await expect(chart('svg')).toContainText('open for 30 s');
    await app.screenshotThemes('charts-04-breaker-idle');
  });

  test('replays a run: from the breaker timeline at a transition, then with the keyboard', async ({ page }) => {
    await app.openSimulation();
    await app.runSimulation({ scenario: 'payment-outage', duration: 45 });
    // An open segment of the checkout -> payment-service breaker: the chart opens at its start.
    const open = page.getByTestId('simulation.breaker.checkout->payment-service').locator('[data-state="open"]').first();
    await open.scrollIntoViewIfNeeded();
    await open.click();
    await expect(page.getByTestId('tabs.charts')).toHaveAttribute('aria-selected', 'true');
    await expect(chart('panel')).toHaveAttribute('data-kind', 'breaker');
    await expect(chart('current')).toHaveText('open');
    await expect(state('open')).toHaveAttribute('data-active', 'true');
    await expect(chart('taken')).toHaveCount(1); // closed -> open, the transition just taken
    await app.screenshotThemes('charts-05-breaker-replay');

    // Keyboard: Home goes to the start (closed), Page Down to the next change, End to the end.
    await chart('scrubber').focus();
    await page.keyboard.press('Home');
    await expect(chart('time')).toHaveText('0 s');
    await expect(chart('current')).toHaveText('closed');
    await page.keyboard.press('PageDown');
    await expect(chart('current')).not.toHaveText('closed');
    const t1 = await chart('time').textContent();
    await page.keyboard.press('ArrowRight');
    await expect(chart('time')).not.toHaveText(t1!);
    await page.keyboard.press('End');
    await expect(chart('time')).toHaveText(/^45(\.0+)? s$/);

    // The saga: a run that compensated, stepped through its path.
    await chart('target').selectOption('saga:checkout');
    await expect(chart('instance')).toBeVisible();
    await expect(chart('instance').locator('option:checked')).toHaveText(/compensated|failed/);
    await chart('scrubber').focus();
    await page.keyboard.press('Home');
    await expect(chart('current')).toHaveText('idle');
    await page.keyboard.press('PageDown');
    await expect(chart('current')).toHaveText('step “reserve” → inventory-service');
    await page.keyboard.press('PageDown');
    await expect(chart('current')).toHaveText('step “charge” → payment-service');
    await page.keyboard.press('PageDown');
    await expect(chart('current')).not.toHaveText('step “charge” → payment-service');
    await app.screenshotThemes('charts-06-saga-replay');

    await chart('target').selectOption('autoscaler:order-service');
    await expect(chart('replay')).toBeVisible();
    await app.screenshot('charts-07-autoscaler-replay');
    await chart('target').selectOption('limiter:gateway');
    await expect(chart('current')).toHaveText('available');
    await app.screenshot('charts-08-limiter-replay');
  });
});
