// The results of a run as a team lead reads them: the verdict in words first (objectives, the
// first node to saturate, what failed, when and why), fault windows shaded on the time charts,
// the selected node's own charts, and a comparison with a baseline that says how the runs differ
// and colours each change by whether it is better for users.
import { expect, test } from '@playwright/test';
import { ResultsPage } from './pages/ResultsPage';

test.describe('simulation results', () => {
  let app: ResultsPage;
  test.beforeEach(async ({ page }) => {
    app = new ResultsPage(page);
    await app.open({ withoutFilePickers: true });
  });
  test.afterEach(async () => {
    await app.expectNoCspViolations();
  });

  test('black friday: the verdict names the missed objectives and the flash sale that caused them', async () => {
    await app.openSimulation();
    await app.runSimulation({ scenario: 'black-friday', duration: 100 });
    await expect(app.verdictLine('headline')).toHaveText(/^Missed \d+ of \d+ objectives$/);
    await expect(app.verdictLine('headline')).toHaveAttribute('data-tone', 'bad');
    // The gateway's rate limit turns the flash sale's shoppers away: error-rate objectives missed.
    await expect(app.verdictLine('slo.web.0.errorRate')).toContainText(
      /web → \/products error rate \d+(\.\d+)? %: missed \(target 0\.50 %\)$/,
    );
    await expect(app.verdictLine('slo.web.0.errorRate')).toHaveAttribute('data-tone', 'bad');
    await expect(app.verdictLine('slo.web.0.p99')).toContainText(/web → \/products p99 \d+(\.\d+)? ms: met \(target 100 ms\)$/);
    await expect(app.verdictLine('fault.0')).toContainText('web traffic ×2.5 60–90 s (fault)');
    await expect(app.verdictLine('failing.0')).toContainText(/Requests failed 6\d–9\d s: .* during the web fault \(traffic ×2\.5\)/);
    await expect(app.verdictLine('failed')).toContainText('rate limited (429)');
    await expect(app.faultBands('latency')).toHaveCount(1);
    await expect(app.faultBands('throughput')).toHaveAttribute('title', 'web traffic ×2.5 60–90 s');
    await app.shotThemes('20-results-verdict', app.verdict);
  });

  test('the payment outage: the verdict names the fault and the breakers that outlived it; faults shaded', async () => {
    await app.openSimulation();
    await app.runSimulation({ scenario: 'payment-outage', duration: 100 });
    await expect(app.verdict).toBeVisible();
    await expect(app.verdictLine('fault.0')).toContainText(/payment-service errors 100 % 30–70 s \(fault\)/);
    await expect(app.verdictLine('failing.0')).toContainText(/Requests failed 3\d–\d+ s: .* during the payment-service fault/);
    await expect(app.verdictLine('breaker.checkout->payment-service')).toContainText(
      /checkout → payment-service breakers opened at 3\d(\.\d)? s during the payment-service fault \(errors 100 %\) and stayed open until \d+(\.\d)? s/,
    );
    await expect(app.verdictLine('saturation')).toContainText(/busiest|saturated first/);
    // One shaded window per fault on each time chart, spanning 30-70 s of the 100 s axis.
    await expect(app.faultBands('latency')).toHaveCount(1);
    await expect(app.faultBands('throughput')).toHaveCount(1);
    await expect(app.faultBands('latency')).toHaveAttribute('title', 'payment-service errors 100 % 30–70 s');
    const plot = (await app.chart('latency').locator('.u-over').boundingBox())!;
    const band = (await app.faultBands('latency').boundingBox())!;
    expect(band.width / plot.width).toBeCloseTo(0.4, 1);
    expect((band.x - plot.x) / plot.width).toBeCloseTo(0.3, 1);
    await expect(app.chart('latency.faults')).toContainText('payment-service errors 100 % 30–70 s');
    await app.shotThemes('21-results-faults', app.sim('charts'));
  });
});

test.describe('selected node, comparison and capacity', () => {
  let app: ResultsPage;
  test.beforeEach(async ({ page }) => {
    app = new ResultsPage(page);
    await app.open({ withoutFilePickers: true });
  });
  test.afterEach(async () => {
    await app.expectNoCspViolations();
  });

  test('a node selected on the canvas gets its own charts', async () => {
    await app.openSimulation();
    await app.runSimulation({ scenario: 'payment-outage', duration: 60 });
    await expect(app.sim('nodeCharts')).toContainText('Select a node on the canvas');
    await app.node('payment-service').click();
    await expect(app.chart('node.utilization')).toContainText('payment-service: utilization');
    await expect(app.chart('node.utilization').locator('canvas')).toBeVisible();
    await expect(app.chart('node.counts')).toContainText('payment-service: in flight, replicas');
    await expect(app.faultBands('node.utilization')).toHaveCount(1);
    await expect(app.sim('nodeCharts.pick')).toHaveValue('payment-service');
    await app.shotThemes('22-results-node', app.sim('nodeCharts'));
    // The picker (keyboard reachable) selects on the canvas too.
    await app.sim('nodeCharts.pick').selectOption('order-service');
    await expect(app.selectedNode('order-service')).toBeVisible();
    await expect(app.chart('node.utilization')).toContainText('order-service: utilization');
  });

  test('comparison with a baseline says the runs differ and colours a worse error rate', async () => {
    await app.openSimulation();
    await app.runSimulation({ scenario: '', duration: 40 });
    await app.sim('keepBaseline').click();
    await app.runSimulation({ scenario: 'payment-outage', duration: 60 });
    const notes = app.sim('compare.notes');
    await expect(notes).toContainText('Different scenarios: the baseline ran nominal traffic, this run payment-outage.');
    await expect(notes).toContainText('Different lengths: the baseline ran 40.00 s, this run 1 min');
    const errorRate = app.sim('compare.errorRate').locator('.mw-delta');
    await expect(errorRate).toHaveAttribute('data-tone', 'worse');
    // During the outage breakers refuse fast: any latency drop is not shown as better.
    for (const p of ['p50', 'p95', 'p99'])
      await expect(app.sim(`compare.${p}`).locator('.mw-delta')).not.toHaveAttribute('data-tone', 'better');
    await expect(app.sim('compare.requests').locator('.mw-delta')).toHaveAttribute('data-tone', 'neutral');
    await app.shotThemes('23-results-compare', app.sim('comparison'));
  });

  test('the Capacity view runs a small sweep in workers and marks the knee', async () => {
    await app.openCapacity();
    // The e-commerce template takes several times its nominal traffic: sweep far enough to pass the knee.
    await app.cap('from').fill('2');
    await app.cap('to').fill('14');
    await app.cap('steps').fill('4');
    await app.cap('replications').fill('2');
    await app.cap('duration').fill('8');
    await expect(app.cap('run')).toHaveText(/Run sweep \(8 runs\)/);
    await app.cap('run').click();
    await expect(app.cap('progress')).toBeVisible();
    await expect(app.cap('knee')).toBeVisible({ timeout: 60_000 });
    await expect(app.cap('label')).toContainText('4 multipliers × 2 replications · 8 runs');
    await expect(app.cap('knee')).toContainText(/Knee at ×\d+: .* at ×\d+ it is not, and the busiest node there is [a-z-]+ \(/);
    await expect(app.cap('points').locator('tr.is-knee')).toHaveCount(1);
    await expect(app.page.getByTestId('capacity.chart.p99.knee')).toBeVisible();
    await expect(app.page.getByTestId('capacity.chart.errorRate.knee')).toBeVisible();
    await expect(app.cap('points').locator('tbody tr')).toHaveCount(4);
    await expect(app.cap('busiest').first()).toContainText(/[a-z-]+ \d/);
    await app.shotThemes('24-capacity', app.cap('panel'));
    // The review report takes the finished sweep (its knee) beside the last run.
    await app.page.getByTestId('tabs.review').click();
    await expect(app.page.getByTestId('review.reportIncludes')).toContainText(/the load sweep \(knee ×\d+\)/);
  });
});
