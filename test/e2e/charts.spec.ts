// The State chart tab end to end: each machine kind drawn from the engine's definitions (idle),
// then replayed after a short run — opened from a breaker timeline transition at its time,
// stepped with the keyboard — in the light and the dark theme. Readability at 1440x900 with the
// bottom panel at its default height: the chart's smallest text is at least 11 px on screen and
// no text spills out of its box; the shop's 3-step saga fits the panel; an 8-step saga keeps the
// width and scrolls vertically (the current state scrolled into view); zoom by buttons, keys
// and Ctrl+wheel. On a design with 100 breakers, opening the tab and scrubbing are timed (the
// figures are printed, not asserted).
import { expect, test, type Page } from '@playwright/test';
import { hundredBreakers } from '../../bench/hundredBreakers';
import { PanelsPage } from './pages/PanelsPage';

/** What the chart looks like on screen. */
async function seen(page: Page) {
  return page.evaluate(() => {
    const svg = document.querySelector<SVGSVGElement>('[data-testid="chart.svg"]')!;
    const view = document.querySelector<HTMLElement>('[data-testid="chart.viewport"]')!;
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const px = [...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
    // A state's own text (name, detail, internal lines) inside its box.
    const spill = [...svg.querySelectorAll('[data-testid^="chart.state."]')].flatMap((g) => {
      const box = g.querySelector(':scope > rect')!.getBoundingClientRect();
      return [...g.querySelectorAll(':scope > text')]
        .filter((t) => {
          const b = t.getBoundingClientRect();
          return b.left < box.left - 0.5 || b.right > box.right + 0.5;
        })
        .map((t) => t.textContent);
    });
    return {
      minText: Math.min(...px),
      scale,
      overflowX: view.scrollWidth - view.clientWidth,
      overflowY: view.scrollHeight - view.clientHeight,
      spill,
    };
  });
}

const LONG_SAGA = `version: 1
name: long-saga
nodes:
  web: { kind: client, rate: 40, requests: [{ to: fulfilment }] }
  fulfilment:
    kind: saga
    steps:
      - { name: validate, to: orders, compensate: 'POST /orders/:id/cancel' }
      - { name: reserve, to: inventory, compensate: 'DELETE /reservations/:id' }
      - { name: price, to: pricing }
      - { name: charge, to: payments, compensate: 'POST /payments/:id/refund' }
      - { name: invoice, to: billing, compensate: 'POST /invoices/:id/void' }
      - { name: pack, to: warehouse, compensate: 'DELETE /packages/:id' }
      - { name: ship, to: shipping, compensate: 'POST /shipments/:id/recall' }
      - { name: notify, to: notifications }
  orders: { kind: service }
  inventory: { kind: service }
  pricing: { kind: service }
  payments: { kind: service }
  billing: { kind: service }
  warehouse: { kind: service }
  shipping: { kind: service, errorRate: 10% }
  notifications: { kind: service, errorRate: 10% }
`;

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
    await app.page.waitForTimeout(200); // the panel grows for a result tab; fit follows
  };
  const expectReadable = async (fits: boolean) => {
    const s = await seen(app.page);
    expect(s.minText, 'smallest text on screen (px)').toBeGreaterThanOrEqual(10.95);
    expect(s.spill, 'text out of its state box').toEqual([]);
    if (fits) {
      expect(s.overflowX, 'scrolls sideways').toBeLessThanOrEqual(1);
      expect(s.overflowY, 'scrolls down').toBeLessThanOrEqual(1);
    }
    return s;
  };
  const openDesign = async (name: string, text: string) => {
    const chooser = app.page.waitForEvent('filechooser');
    await app.toolbar('open').click();
    await (await chooser).setFiles({ name, mimeType: 'text/yaml', buffer: Buffer.from(text) });
    await expect(app.toolbar('fileName')).toContainText(name);
  };

  test('each kind, idle: drawn from the selection with the design’s terms, readable in the panel', async () => {
    await app.select('checkout');
    await openCharts();
    await expect(chart('panel')).toHaveAttribute('data-kind', 'saga');
    // Steps top to bottom with short captions (the full text in the tooltip), each
    // compensation beside its step.
    await expect(state('running#1')).toContainText('2. charge');
    await expect(state('running#1')).toContainText('→ payment-service');
    await expect(state('running#1').locator('title')).toHaveText('step “charge” → payment-service');
    await expect(state('compensating#1')).toContainText('compensate charge');
    await expect(state('compensating#1')).toContainText('POST /payments/:id/refund');
    const box = async (key: string) => (await state(key).locator(':scope > rect').boundingBox())!;
    const [r0, r1, r2, c1] = [await box('running#0'), await box('running#1'), await box('running#2'), await box('compensating#1')];
    expect(r0.x).toBeCloseTo(r2.x, 0);
    expect(r0.y).toBeLessThan(r1.y);
    expect(r1.y).toBeLessThan(r2.y);
    expect(c1.y).toBeCloseTo(r1.y, 0);
    expect(c1.x).toBeGreaterThan(r1.x + r1.width);
    await expect(chart('idle')).toBeVisible();
    // The shop's saga fits the panel at 100 %, text at its full size.
    const s = await expectReadable(true);
    expect(s.scale).toBeGreaterThanOrEqual(0.999);
    await app.screenshotThemes('charts-01-saga-idle');

    await app.select('gateway');
    await expect(chart('panel')).toHaveAttribute('data-kind', 'limiter');
    await expect(chart('svg')).toContainText(/a token left \(1500\/s, ?burst 1500\)/);
    await expectReadable(true);
    await app.screenshotThemes('charts-02-limiter-idle');

    await app.select('order-service');
    await expect(chart('panel')).toHaveAttribute('data-kind', 'autoscaler');
    await expect(chart('svg')).toContainText(/utilization over 70 % ?target/);
    await expectReadable(true);
    await app.screenshotThemes('charts-03-autoscaler-idle');

    await chart('target').selectOption('breaker:checkout->payment-service');
    await expect(chart('panel')).toHaveAttribute('data-kind', 'breaker');
    await expect(chart('svg')).toContainText(/failure rate ≥ 50 % ?over 40 ?calls ?\(20 at ?least\)/); // wrapped lines
    await expect(chart('svg')).toContainText('open for 30 s');
    await expectReadable(true);
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
    await expectReadable(true);
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
    await expect(state('running#0')).toHaveAttribute('data-active', 'true');
    await page.keyboard.press('PageDown');
    await expect(chart('current')).toHaveText('step “charge” → payment-service');
    await page.keyboard.press('PageDown');
    await expect(chart('current')).not.toHaveText('step “charge” → payment-service');
    await expectReadable(true);
    await app.screenshotThemes('charts-06-saga-replay');

    await chart('target').selectOption('autoscaler:order-service');
    await expect(chart('replay')).toBeVisible();
    await expectReadable(true);
    await app.screenshotThemes('charts-07-autoscaler-replay');
    await chart('target').selectOption('limiter:gateway');
    await expect(chart('current')).toHaveText('available');
    await expectReadable(true);
    await app.screenshotThemes('charts-08-limiter-replay');
  });

  test('a saga of 8 steps keeps the width and scrolls down; zoom and pan; the panel resized', async ({ page }) => {
    await openDesign('long-saga.arch.yaml', LONG_SAGA);
    await app.select('fulfilment');
    await openCharts();
    await expect(chart('panel')).toHaveAttribute('data-kind', 'saga');
    await expect(state('running#7')).toContainText('8. notify');
    await expect(state('compensating#6')).toContainText('compensate ship');
    // Fit: text stays 11 px at least; the chart fits across and scrolls down (the wheel's way).
    let s = await expectReadable(false);
    expect(s.overflowX).toBeLessThanOrEqual(1);
    expect(s.overflowY).toBeGreaterThan(50);
    await app.screenshotThemes('charts-09-long-saga-idle');

    // Zoom: buttons, keys on the focused drawing, Ctrl+wheel; Fit comes back.
    await expect(chart('fit')).toHaveAttribute('aria-pressed', 'true');
    const level = async () => Number((await chart('zoomLevel').textContent())!.replace(/\D/g, ''));
    const fitted = await level();
    await chart('zoomOut').click();
    expect(await level()).toBeLessThan(fitted);
    await expect(chart('fit')).toHaveAttribute('aria-pressed', 'false');
    await chart('viewport').focus();
    await page.keyboard.press('0');
    expect(await level()).toBe(fitted);
    await page.keyboard.press('+');
    expect(await level()).toBeGreaterThan(fitted);
    await page.keyboard.press('1');
    expect(await level()).toBe(100);
    const v = (await chart('viewport').boundingBox())!;
    await page.mouse.move(v.x + v.width / 2, v.y + v.height / 2);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, 400);
    await page.keyboard.up('Control');
    await expect.poll(level).toBeLessThan(100);
    // The wheel alone scrolls the drawing (down), it does not zoom.
    const zoomed = await level();
    await page.keyboard.press('0');
    const top0 = await chart('viewport').evaluate((el) => el.scrollTop);
    await page.mouse.wheel(0, 200);
    await expect.poll(() => chart('viewport').evaluate((el) => el.scrollTop)).toBeGreaterThan(top0);
    expect(await level()).toBe(fitted);
    expect(zoomed).toBeLessThan(100);

    // Replayed: the current state is scrolled into view as the scrubber moves.
    await app.openSimulation();
    await app.runSimulation({ duration: 30 });
    await page.getByTestId('tabs.charts').click();
    await expect(chart('instance')).toBeVisible();
    const visible = async (key: string) => {
      const b = (await state(key).boundingBox())!;
      const w = (await chart('viewport').boundingBox())!;
      return b.y >= w.y - 1 && b.y + b.height <= w.y + w.height + 1;
    };
    await chart('scrubber').focus();
    await page.keyboard.press('Home');
    await expect(chart('current')).toHaveText('idle');
    await expect.poll(() => visible('idle')).toBe(true);
    await page.keyboard.press('End');
    const end = (await chart('current').textContent())!;
    const key = await page.locator('[data-testid^="chart.state."][data-active="true"]').getAttribute('data-testid');
    expect(key).not.toBeNull();
    await expect.poll(() => visible(key!.slice('chart.state.'.length))).toBe(true);
    expect(end).not.toBe('idle');
    await expectReadable(false);
    await app.screenshotThemes('charts-10-long-saga-replay');

    // A smaller and a larger bottom panel: the fit follows, text stays readable, never sideways.
    const grip = (await page.getByTestId('split.bottom').boundingBox())!;
    for (const dy of [160, -360]) {
      const g = (await page.getByTestId('split.bottom').boundingBox())!;
      await page.mouse.move(grip.x + 300, g.y + g.height / 2);
      await page.mouse.down();
      await page.mouse.move(grip.x + 300, g.y + g.height / 2 + dy, { steps: 8 });
      await page.mouse.up();
      await page.waitForTimeout(300);
      s = await expectReadable(false);
      expect(s.overflowX).toBeLessThanOrEqual(1);
    }
  });

  test('100 breakers: the tab opens and scrubs (timed, printed)', async ({ page }, info) => {
    test.setTimeout(180_000);
    await openDesign('hundred-breakers.arch.json', hundredBreakers());
    await expect(app.nodes).toHaveCount(113);
    await app.openSimulation();
    await app.runSimulation({ duration: 300 });
    // Timed in the page (no test runner round trips): the click on the tab until the chart is
    // drawn, then scrub steps from the end backwards (ArrowLeft, every 5th a Page Up) until
    // React has rendered the new time.
    const open = await page.evaluate(async () => {
      const t0 = performance.now();
      document.querySelector<HTMLElement>('[data-testid="tabs.charts"]')!.click();
      await new Promise<void>((r) => {
        const f = () => (document.querySelector('[data-testid="chart.svg"]') ? r() : requestAnimationFrame(f));
        f();
      });
      return performance.now() - t0;
    });
    // A breaker that changed state: the busiest front's first call.
    await chart('target').selectOption('breaker:front-9->back-9-0');
    await expect(chart('instance')).toBeVisible();
    const steps = await page.evaluate(async () => {
      const el = document.querySelector<HTMLInputElement>('[data-testid="chart.scrubber"]')!;
      const tick = () =>
        new Promise<void>((r) => {
          const c = new MessageChannel();
          c.port1.onmessage = () => r();
          c.port2.postMessage(0);
        });
      const xs: number[] = [];
      for (let i = 0; i < 100; i++) {
        const before = el.value;
        const t0 = performance.now();
        el.dispatchEvent(new KeyboardEvent('keydown', { key: i % 5 === 4 ? 'PageUp' : 'ArrowLeft', bubbles: true }));
        await tick();
        if (el.value === before) throw new Error(`the scrubber did not move at step ${i}`);
        xs.push(performance.now() - t0);
      }
      return xs;
    });
    // Switching between machines (each breaker settings laid out once, then cached).
    const switches: number[] = [];
    for (const f of [0, 1, 2, 0, 1, 2]) {
      const t = Date.now();
      await chart('target').selectOption(`breaker:front-${f}->back-${f}-3`);
      await expect(chart('title')).toHaveText('circuit breaker');
      await expect(chart('svg')).toBeVisible();
      switches.push(Date.now() - t);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const sorted = [...steps].sort((a, b) => a - b);
    const f = (x: number) => x.toFixed(1);
    const line =
      `100 breakers, 300 s run: State chart tab drawn ${f(open)} ms after the click; scrub step rendered in ` +
      `median ${f(median(steps))} ms, p90 ${f(sorted[89]!)} ms, max ${f(sorted[99]!)} ms; machine switch ${switches.join(' / ')} ms`;
    console.log(line);
    info.annotations.push({ type: 'measured', description: line });
    await expectReadable(false);
  });
});
