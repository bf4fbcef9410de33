// Page object for the Simulation, Review and Export panels: the editor's page object (opening
// the app, CSP and page-error checks, screenshots) plus what a person does in those tabs.
import { expect, type Download, type Locator } from '@playwright/test';
import { EditorPage } from './EditorPage';

export class PanelsPage extends EditorPage {
  /** Opens the app and starts recording the progress bar's values (a run may be quicker than polling). */
  override async open(options: { withoutFilePickers?: boolean } = {}): Promise<void> {
    await this.page.addInitScript(() => {
      const w = window as unknown as { __progress: number[] };
      w.__progress = [];
      new MutationObserver(() => {
        const bar = document.querySelector<HTMLProgressElement>('[data-testid="simulation.progress"]');
        if (bar && w.__progress.at(-1) !== bar.value) w.__progress.push(bar.value);
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] });
    });
    await super.open(options);
  }

  /** The progress values seen since the last reset. */
  async progressSeen(): Promise<number[]> {
    return this.page.evaluate(() => (window as unknown as { __progress: number[] }).__progress);
  }
  async resetProgressSeen(): Promise<void> {
    await this.page.evaluate(() => ((window as unknown as { __progress: number[] }).__progress = []));
  }

  sim(name: string): Locator {
    return this.page.getByTestId(`simulation.${name}`);
  }
  figure(id: string): Locator {
    return this.page.getByTestId(`simulation.figure.${id}`);
  }
  get findings(): Locator {
    return this.page.getByTestId('review.finding');
  }
  finding(rule: string): Locator {
    return this.page.locator(`[data-testid="review.finding"][data-rule="${rule}"]`);
  }
  get exportFiles(): Locator {
    return this.page.getByTestId('export.file');
  }
  exportFile(path: string): Locator {
    return this.page.locator(`[data-testid="export.file"][data-path="${path}"]`);
  }
  get preview(): Locator {
    return this.page.getByTestId('export.preview');
  }
  /** A node's utilization from the last run, shown on the canvas. */
  nodeLoad(id: string): Locator {
    return this.page.getByTestId(`canvas.node.${id}.utilization`);
  }
  /** A node's badge for a breaker that ended the run open or half-open. */
  nodeBreaker(id: string): Locator {
    return this.page.getByTestId(`canvas.node.${id}.breaker`);
  }
  /** The drawn path of the canvas edge from -> to, whatever its kind (call, route, step, ...). */
  edgePath(from: string, to: string): Locator {
    return this.page.locator(`[data-testid^="rf__edge-"][data-testid$=":${from}->${to}"] path.mw-edge`);
  }
  /** A canvas node that React Flow shows as selected. */
  selectedNode(id: string): Locator {
    return this.page.locator('.react-flow__node.selected').getByTestId(`canvas.node.${id}`);
  }

  async openSimulation(): Promise<void> {
    await this.toolbar('simulate').click();
    await expect(this.page.getByTestId('tabs.simulation')).toHaveAttribute('aria-selected', 'true');
    await expect(this.sim('panel')).toBeVisible();
  }
  async openCode(): Promise<void> {
    await this.page.getByTestId('tabs.code').click();
    await expect(this.code).toBeVisible();
  }
  async openReview(): Promise<void> {
    await this.toolbar('review').click();
    await expect(this.page.getByTestId('review.panel')).toBeVisible();
  }
  async openExport(): Promise<void> {
    await this.toolbar('export').click();
    await expect(this.page.getByTestId('export.panel')).toBeVisible();
  }

  /** Sets the run's options (scenario '' for nominal traffic) without starting it. */
  async setRun(options: { scenario?: string; seed?: number; duration?: number }): Promise<void> {
    if (options.scenario !== undefined) await this.sim('scenario').selectOption(options.scenario);
    if (options.seed !== undefined) await this.sim('seed').fill(String(options.seed));
    if (options.duration !== undefined) await this.sim('duration').fill(String(options.duration));
  }

  /** Runs with these options and waits for the results. */
  async runSimulation(options: { scenario?: string; seed?: number; duration?: number }): Promise<void> {
    await this.setRun(options);
    await this.sim('run').click();
    await expect(this.sim('run')).toBeVisible({ timeout: 30_000 });
    await expect(this.figure('p99')).toBeVisible();
  }

  /** Clicks a button that makes the browser download a file; returns the download. */
  async download(button: Locator): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), button.click()]);
    return download;
  }
}
