// Page object for the results of a run and the Capacity view: the panels' page object plus the
// verdict, the charts' fault windows, the selected node's charts and the sweep.
import { expect, type Locator } from '@playwright/test';
import { PanelsPage } from './PanelsPage';

const SHOTS = process.env.MESHWRIGHT_DOC_SHOTS ? 'docs/screenshots' : 'test-results/screenshots';

export class ResultsPage extends PanelsPage {
  get verdict(): Locator {
    return this.sim('verdict');
  }
  verdictLine(id: string): Locator {
    return this.page.getByTestId(`simulation.verdict.${id}`);
  }
  /** The shaded fault windows drawn on a time chart ("latency", "throughput", "node.utilization"...). */
  faultBands(chart: string): Locator {
    return this.page.getByTestId(`simulation.chart.${chart}.fault`);
  }
  chart(name: string): Locator {
    return this.page.getByTestId(`simulation.chart.${name}`);
  }
  cap(name: string): Locator {
    return this.page.getByTestId(`capacity.${name}`);
  }

  async openCapacity(): Promise<void> {
    await this.page.getByTestId('tabs.capacity').click();
    await expect(this.cap('panel')).toBeVisible();
  }

  /** One element in the light and the dark theme: `<name>-light.png`, `<name>-dark.png`. */
  async shotThemes(name: string, target: Locator): Promise<void> {
    for (const scheme of ['light', 'dark'] as const) {
      await this.page.emulateMedia({ colorScheme: scheme });
      await this.page.waitForTimeout(250);
      await target.screenshot({ path: `${SHOTS}/${name}-${scheme}.png` });
    }
    await this.page.emulateMedia({ colorScheme: 'light' });
  }
}
