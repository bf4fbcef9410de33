// The Simulation, Review and Export panels end to end, as a person uses them: runs in the
// engine worker with progress and cancel, a baseline compared with a what-if, the review's
// findings selecting their nodes, and an export previewed and downloaded as a zip.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { unzipSync, strFromU8 } from 'fflate';
import { PanelsPage } from './pages/PanelsPage';

test.describe('simulation, review and export panels', () => {
  let app: PanelsPage;
  test.beforeEach(async ({ page }) => {
    app = new PanelsPage(page);
    await app.open({ withoutFilePickers: true });
  });
  test.afterEach(async () => {
    await app.expectNoCspViolations();
  });

  test('runs the payment outage: progress, figures and breaker timelines', async ({ page }) => {
    // The window opens on the e-commerce template.
    await app.openSimulation();
    await expect(app.sim('scenario').locator('option')).toContainText(['none (60 s nominal)', 'payment-outage']);
    await app.setRun({ scenario: 'payment-outage' });
    await expect(app.sim('duration')).toHaveValue('120');
    await app.runSimulation({ duration: 60 });

    const seen = await app.progressSeen();
    expect(seen.length, 'the progress bar showed').toBeGreaterThan(0);
    expect(Math.max(...seen)).toBeGreaterThan(0);
    await expect(app.sim('runLabel')).toHaveText(/payment-outage · seed 1 · 1 min/);
    await expect(app.figure('p99')).toContainText(/\d+(\.\d+)? (ms|s)/);
    await expect(app.figure('requests')).toContainText(/\d/);
    await expect(app.figure('errorRate')).not.toContainText(/^Error rate0 %$/);
    await expect(app.sim('cause.breakerOpen')).toBeVisible();
    await expect(page.getByTestId('simulation.chart.latency').locator('canvas')).toBeVisible();
    await expect(page.getByTestId('simulation.chart.throughput').locator('canvas')).toBeVisible();
    await expect(app.sim('node.payment-service')).toBeVisible();

    const breaker = page.getByTestId('simulation.breaker.checkout->payment-service');
    await expect(breaker.getByTestId('simulation.breaker.row').first()).toBeVisible();
    await expect(breaker.locator('[data-state="open"]').first()).toBeVisible();
    await expect(breaker.locator('[data-state="closed"]').first()).toBeVisible();
    await expect(app.sim('saga.checkout')).toBeVisible();
    await expect(app.sim('span').first()).toBeVisible();
    await app.screenshot('10-simulation');
    await app.sim('results').getByText('Circuit breakers').scrollIntoViewIfNeeded();
    await app.screenshot('11-simulation-breakers');
  });

  test('overlays the run on the canvas: load, open breakers, traffic; the toggle hides it', async ({ page }) => {
    await app.openSimulation();
    await app.runSimulation({ scenario: 'payment-outage', duration: 60 });
    await expect(app.sim('overlay')).toBeChecked();

    await expect(app.nodeLoad('payment-service')).toHaveText(/^\d+ %$/);
    await expect(app.nodeLoad('payment-service')).toHaveClass(/is-ok/);
    await expect(app.nodeLoad('web')).toHaveCount(0); // clients carry no load
    // This run (seed 1, 60 s) ends with both replicas' breakers open on gateway -> checkout and on
    // checkout -> payment-service (result: last transition of each replica is to "open").
    await expect(app.nodeBreaker('checkout')).toHaveText(/open/);
    await expect(app.nodeBreaker('checkout')).toHaveAttribute('data-state', 'open');
    await expect(app.nodeBreaker('gateway')).toHaveAttribute('data-state', 'open');
    await expect(app.nodeBreaker('payment-service')).toHaveCount(0);
    // Edges: width by rate, colour by failure share (checkout -> payment-service fails a share
    // during the outage, coloured by it: 1 % warn, 10 % bad; gateway -> checkout: most;
    // gateway -> user-service: none).
    const pay = app.edgePath('checkout', 'payment-service');
    await expect(pay).toHaveClass(/has-load/);
    const share = Number(await pay.getAttribute('data-error-share'));
    expect(share).toBeGreaterThan(0.01);
    await expect(pay).toHaveClass(share >= 0.1 ? /is-err-bad/ : /is-err-warn/);
    await expect(app.edgePath('gateway', 'checkout')).toHaveClass(/is-err-bad/);
    await expect(app.edgePath('gateway', 'user-service')).toHaveClass(/is-err-ok/);
    const width = async (from: string, to: string) =>
      parseFloat(await app.edgePath(from, to).evaluate((e) => getComputedStyle(e).strokeWidth));
    expect(await width('inventory-service', 'inventory-db')).toBeGreaterThan(await width('user-cache', 'users-db'));
    // Closer in, around the checkout saga, so the screenshot shows the badges and edges.
    const box = (await app.node('checkout').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -400);
    await expect(app.nodeBreaker('checkout')).toBeInViewport();
    await app.screenshot('16-canvas-overlay');

    await app.sim('overlay').uncheck();
    await expect(app.nodeLoad('payment-service')).toHaveCount(0);
    await expect(app.nodeBreaker('checkout')).toHaveCount(0);
    await expect(pay).not.toHaveClass(/has-load/);
    await expect(pay).not.toHaveAttribute('data-error-share');
    await app.sim('overlay').check();
    await expect(app.nodeLoad('payment-service')).toBeVisible();

    // A comment changes nothing the run depends on; an edit of the design hides the overlay.
    await app.openCode();
    await app.typeAtEnd('\n# a comment');
    await expect(app.nodeLoad('payment-service')).toBeVisible();
    await app.replaceInCode('errorRate: 0.005', 'errorRate: 0.02');
    await expect(app.nodeLoad('payment-service')).toHaveCount(0);
    await expect(app.nodeBreaker('checkout')).toHaveCount(0);
    await app.openSimulation();
    await expect(app.sim('overlay')).toBeDisabled();
    await expect(app.sim('overlayStale')).toBeVisible();
  });

  test('cancels a long run, then runs again', async () => {
    await app.openSimulation();
    await app.setRun({ scenario: '', duration: 3600 });
    await app.sim('run').click();
    await expect(app.sim('progress')).toBeVisible();
    await expect.poll(async () => Math.max(0, ...(await app.progressSeen()))).toBeGreaterThan(0);
    await app.screenshot('12-simulation-running');
    await app.sim('cancel').click();
    await expect(app.sim('cancelled')).toBeVisible({ timeout: 3000 });
    await expect(app.sim('run')).toBeEnabled();
    await expect(app.sim('results')).toHaveCount(0);
    // A cancelled run leaves the engine ready for the next one.
    await app.runSimulation({ duration: 5 });
    await expect(app.sim('runLabel')).toHaveText(/nominal · seed 1 · 5.00 s/);
  });

  test('keeps a baseline and compares a what-if run with it', async () => {
    await app.openSimulation();
    await app.runSimulation({ scenario: '', duration: 40 });
    await app.sim('keepBaseline').click();
    await expect(app.sim('keepBaseline')).toHaveText(/Baseline kept/);
    await app.runSimulation({ scenario: 'payment-outage', duration: 60 });
    const compare = app.sim('compare');
    await expect(compare).toBeVisible();
    await expect(compare).toContainText('Baseline: nominal · seed 1 · 40.00 s');
    await expect(compare).toContainText('This run: payment-outage · seed 1 · 1 min');
    await expect(app.sim('compare.errorRate').locator('.mw-delta')).toHaveClass(/is-worse/);
    await expect(app.sim('compare.errorRate').locator('.mw-delta')).toContainText(/\+\d+\.\d\d pp/);
    await app.screenshot('13-simulation-compare');
    await app.sim('clearBaseline').click();
    await expect(compare).toHaveCount(0);
  });

  test('says why Run is disabled while the design is invalid', async () => {
    await app.typeAtEnd('\n  order-service: [unclosed');
    await expect(app.problemCount).not.toHaveText('0');
    await app.openSimulation();
    await expect(app.sim('run')).toBeDisabled();
    await expect(app.sim('blocked')).toContainText(/problem/);
  });

  test('reviews the anti-patterns design; a finding selects its nodes; exports the report', async ({ page }) => {
    await app.newFromTemplate('anti-patterns');
    await app.openReview();
    await expect(app.findings.first()).toBeVisible();
    await expect(page.getByTestId('review.count.error')).toContainText('3 errors');
    await expect(page.getByTestId('review.group.error').getByTestId('review.finding')).toHaveCount(3);
    const count = await app.findings.count();
    expect(count).toBeGreaterThan(10);
    // The tab's badge counts the findings that count: suppressed ones (review.ignore) are listed, not counted.
    const suppressed = await page.locator('[data-testid="review.finding"][data-suppressed="true"]').count();
    expect(suppressed).toBeGreaterThan(0);
    await expect(page.getByTestId('tabs.review.count')).toHaveText(String(count - suppressed));

    await app.finding('sync-cycle').click();
    await expect(app.selectedNode('orders')).toBeVisible();
    await expect(app.selectedNode('inventory')).toBeVisible();
    await expect(page.locator('.react-flow__node.selected')).toHaveCount(2);
    await expect(app.finding('sync-cycle')).toHaveClass(/is-active/);
    await app.screenshot('14-review');

    const download = await app.download(page.getByTestId('review.exportReport'));
    expect(download.suggestedFilename()).toBe('tangled-shop-review.html');
    const html = await readFile((await download.path())!, 'utf8');
    expect(html).toContain('<html');
    expect(html).toContain('sync-cycle');
  });

  test('the review follows the design as it changes', async ({ page }) => {
    await app.openReview();
    const before = Number(await page.getByTestId('tabs.review.count').textContent());
    await app.newFromTemplate('anti-patterns');
    await expect(page.getByTestId('tabs.review.count')).not.toHaveText(String(before));
    await expect(page.getByTestId('review.count.error')).toContainText('3 errors');
  });

  test('exports k8s: lists and previews the files, downloads a zip', async ({ page }) => {
    await app.openExport();
    await page.getByTestId('export.target.k8s').check();
    await expect(app.exportFiles.first()).toBeVisible();
    const n = await app.exportFiles.count();
    expect(n).toBeGreaterThan(10);
    await expect(page.getByTestId('export.count')).toHaveText(`${n} files · k8s`);
    await app.exportFile('k8s/kustomization.yaml').click();
    await expect(page.getByTestId('export.previewPath')).toContainText('k8s/kustomization.yaml');
    await expect(app.preview.locator('.view-lines')).toContainText('kind: Kustomization');
    await app.exportFile('k8s/payment-service.yaml').click();
    await expect(app.preview.locator('.view-lines')).toContainText('payment-service');
    // Read-only: typing changes nothing.
    await app.preview.locator('.view-lines').click();
    await page.keyboard.type('zzz');
    await expect(app.preview.locator('.view-lines')).not.toContainText('zzz');
    await app.screenshot('15-export');

    const download = await app.download(page.getByTestId('export.write'));
    expect(download.suggestedFilename()).toBe('shop-k8s.zip');
    const zip = unzipSync(new Uint8Array(await readFile((await download.path())!)));
    expect(Object.keys(zip)).toHaveLength(n);
    expect(strFromU8(zip['k8s/kustomization.yaml']!)).toContain('kind: Kustomization');
  });
});
