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

  test('the payment outage: the verdict names the fault and the breakers that outlived it; faults shaded', async () => {
    await app.openSimulation();
    await app.runSimulation({ scenario: 'payment-outage', duration: 100 });
    await expect(app.verdict).toBeVisible();
    await expect(app.verdictLine('fault.0')).toHaveText(/payment-service errors 100 % 30–70 s \(fault\)/);
    await expect(app.verdictLine('failing.0')).toContainText(/Requests failed 3\d–\d+ s: .* during the payment-service fault/);
    await expect(app.verdictLine('breaker.checkout->payment-service')).toContainText(
      /checkout → payment-service breakers opened at 3\d(\.\d)? s during the payment-service fault and stayed open until \d+(\.\d)? s/,
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
    await app.shotThemes('20-results-verdict', app.verdict);
    await app.shotThemes('21-results-faults', app.sim('charts'));
  });
});
