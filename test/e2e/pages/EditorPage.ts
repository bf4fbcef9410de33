// Page object for the design editor: what a person looks at and does, by dotted test ids.
import { expect, type Locator, type Page } from '@playwright/test';

const SHOTS = process.env.MESHWRIGHT_DOC_SHOTS ? 'docs/screenshots' : 'test-results/screenshots';

export class EditorPage {
  readonly cspViolations: string[] = [];
  readonly pageErrors: string[] = [];
  /** Console warnings and errors (React Flow's "[React Flow]: ..." among them). */
  readonly warnings: string[] = [];

  constructor(readonly page: Page) {
    page.on('console', (m) => {
      if (/Content.Security.Policy|Refused to/i.test(m.text())) this.cspViolations.push(m.text());
      if (m.type() === 'warning' || m.type() === 'error') this.warnings.push(m.text());
    });
    page.on('pageerror', (e) => this.pageErrors.push(e.message));
  }

  /** Opens the app; `withoutFilePickers` makes the browser fall back to file input + download. */
  async open(options: { withoutFilePickers?: boolean } = {}): Promise<void> {
    await this.page.addInitScript((noPickers: boolean) => {
      const w = window as unknown as Record<string, unknown>;
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => (w.__csp as string[]).push(`${e.violatedDirective} ${e.blockedURI}`));
      if (noPickers) {
        delete w.showOpenFilePicker;
        delete w.showSaveFilePicker;
      }
    }, options.withoutFilePickers ?? false);
    await this.page.goto('/');
    await expect(this.node('gateway')).toBeVisible();
    await expect(this.code.locator('.view-lines')).toContainText('version');
    // The layered layout runs in a worker, then the view fits it: let that settle before acting.
    await expect(this.toolbar('layout')).toBeEnabled();
    await this.page.waitForTimeout(600);
  }

  async expectNoCspViolations(): Promise<void> {
    const fromDom = await this.page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
    expect([...fromDom, ...this.cspViolations]).toEqual([]);
    expect(this.pageErrors, this.pageErrors.join('\n')).toEqual([]);
  }

  node(id: string): Locator {
    return this.page.getByTestId(`canvas.node.${id}`);
  }
  edge(id: string): Locator {
    return this.page.getByTestId(`rf__edge-${id}`);
  }
  get nodes(): Locator {
    return this.page.locator('.react-flow__node-design');
  }
  get canvas(): Locator {
    return this.page.getByTestId('canvas');
  }
  get code(): Locator {
    return this.page.getByTestId('code.editor');
  }
  get codeLines(): Locator {
    return this.code.locator('.view-lines');
  }
  field(name: string): Locator {
    return this.page.getByTestId(`inspector.${name}`);
  }
  toolbar(name: string): Locator {
    return this.page.getByTestId(`toolbar.${name}`);
  }
  get notice(): Locator {
    return this.page.getByTestId('notice');
  }
  get problemCount(): Locator {
    return this.page.getByTestId('tabs.problems.count');
  }

  async newFromTemplate(id: string): Promise<void> {
    await this.toolbar('new').click();
    await this.page.getByTestId(`gallery.${id}`).click();
    await expect(this.page.getByTestId('gallery')).toBeHidden();
  }

  /** The question the window asks before deleting references or discarding work. */
  get confirm(): Locator {
    return this.page.getByTestId('confirm');
  }
  confirmButton(which: 'ok' | 'cancel' | 'alternative'): Locator {
    return this.page.getByTestId(`confirm.${which}`);
  }
  edgeLabel(id: string): Locator {
    return this.page.getByTestId(`canvas.edge.${id}.label`);
  }
  get inspectorTitle(): Locator {
    return this.page.getByTestId('inspector.id');
  }

  /** Clicks an edge's line a third of the way along (clear of its label in the middle). */
  async clickEdge(id: string, at = 0.3): Promise<void> {
    const p = await this.edge(id)
      .locator('path.react-flow__edge-path')
      .evaluate((el, t) => {
        const path = el as SVGPathElement;
        const q = path.getPointAtLength(path.getTotalLength() * t);
        const m = path.getScreenCTM()!;
        return { x: q.x * m.a + q.y * m.c + m.e, y: q.x * m.b + q.y * m.d + m.f };
      }, at);
    await this.page.mouse.click(p.x, p.y);
  }

  /** Clicks an empty spot of the canvas (top left, clear of nodes in the templates' layouts). */
  async clickPane(): Promise<void> {
    // The flow pane's top right corner (the canvas's right edge is the controls' rail).
    const box = (await this.page.getByTestId('canvas.pane').boundingBox())!;
    await this.page.mouse.click(box.x + box.width - 14, box.y + 10);
  }

  /** The canvas's zoom, as React Flow's viewport transform has it. */
  async zoom(): Promise<number> {
    const t = await this.page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
    const m = /scale\(([\d.]+)\)/.exec(t);
    return m ? Number(m[1]) : NaN;
  }

  /** What the canvas shows, measured on screen: each node (frames included) whose visible part
   * (its box clipped to the flow pane) lies under an overlay (the minimap, the zoom controls, any
   * React Flow panel, a folded panel's expand button), how many nodes show at least in part, and
   * how many show whole. */
  async nodesCovered(): Promise<{ underOverlay: string[]; visible: number; whole: number }> {
    return this.page.evaluate(() => {
      const canvas = document.querySelector('[data-testid="canvas"]')!.getBoundingClientRect();
      const flow = document.querySelector('[data-testid="canvas"] .react-flow')!.getBoundingClientRect();
      const pane = {
        left: Math.max(canvas.left, flow.left),
        right: Math.min(canvas.right, flow.right),
        top: Math.max(canvas.top, flow.top),
        bottom: Math.min(canvas.bottom, flow.bottom),
      };
      const overlays = [...document.querySelectorAll('.react-flow__panel, .react-flow__minimap, .react-flow__controls, .mw-expand')]
        .map((e) => ({
          what: e.classList.contains('react-flow__minimap')
            ? 'minimap'
            : e.classList.contains('react-flow__controls')
              ? 'controls'
              : e.className,
          r: e.getBoundingClientRect(),
        }))
        .filter((o) => o.r.width > 0 && o.r.height > 0);
      const under: string[] = [];
      let visible = 0;
      let whole = 0;
      for (const n of document.querySelectorAll('.react-flow__node')) {
        const r = n.getBoundingClientRect();
        const v = {
          left: Math.max(r.left, pane.left),
          right: Math.min(r.right, pane.right),
          top: Math.max(r.top, pane.top),
          bottom: Math.min(r.bottom, pane.bottom),
        };
        if (v.right - v.left < 1 || v.bottom - v.top < 1) continue;
        visible++;
        if (r.left >= pane.left - 0.5 && r.right <= pane.right + 0.5 && r.top >= pane.top - 0.5 && r.bottom <= pane.bottom + 0.5) whole++;
        for (const o of overlays)
          if (v.left < o.r.right && v.right > o.r.left && v.top < o.r.bottom && v.bottom > o.r.top)
            under.push(`${n.getAttribute('data-id') ?? '?'} under ${o.what}`);
      }
      return { underOverlay: under, visible, whole };
    });
  }

  /** Waits for the view to stop moving: the layout (in a worker) done, then its fit's animation. */
  async viewSettled(): Promise<void> {
    await expect(this.toolbar('layout')).toBeEnabled();
    await this.page.waitForTimeout(450);
    const transform = () => this.page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
    let last = await transform();
    await expect
      .poll(
        async () => {
          const now = await transform();
          const same = now === last;
          last = now;
          return same;
        },
        { intervals: [300] },
      )
      .toBe(true);
  }

  async select(id: string): Promise<void> {
    await this.node(id).click();
    await expect(this.page.getByTestId('inspector.id')).toHaveText(id);
  }

  async dragFromPalette(kind: string, to: { x: number; y: number }): Promise<void> {
    await this.page.getByTestId(`palette.${kind}`).dragTo(this.canvas, { targetPosition: to });
  }

  /** Drags from one node's output handle to another node's input handle. */
  async connect(from: string, to: string): Promise<void> {
    const a = await this.node(from).locator('.react-flow__handle.source').boundingBox();
    const b = await this.node(to).locator('.react-flow__handle.target').boundingBox();
    if (!a || !b) throw new Error('handles not visible');
    const m = this.page.mouse;
    await m.move(a.x + a.width / 2, a.y + a.height / 2);
    await m.down();
    await m.move((a.x + b.x) / 2, (a.y + b.y) / 2 + 20, { steps: 8 });
    await m.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
    await m.up();
  }

  async dragNode(id: string, dx: number, dy: number): Promise<void> {
    const box = (await this.node(id).boundingBox())!;
    const m = this.page.mouse;
    await m.move(box.x + box.width / 2, box.y + 12);
    await m.down();
    await m.move(box.x + box.width / 2 + dx / 2, box.y + 12 + dy / 2, { steps: 6 });
    await m.move(box.x + box.width / 2 + dx, box.y + 12 + dy, { steps: 6 });
    await m.up();
  }

  async focusCode(): Promise<void> {
    // Into the visible text area (the lines element itself scrolls); force: a marker's hover
    // card may sit over the text, as it would for a person.
    await this.code.click({ force: true, position: { x: 420, y: 30 } });
  }

  /** Ctrl+F in the code panel: brings the first match into view. */
  async findInCode(text: string): Promise<void> {
    await this.focusCode();
    await this.page.keyboard.press('Control+F');
    await this.code.locator('.find-widget textarea, .find-widget input').first().fill(text);
    await this.page.keyboard.press('Enter');
    await this.page.keyboard.press('Escape');
  }

  /** Types at the end of the YAML, as a person would after Ctrl+End. */
  async typeAtEnd(text: string): Promise<void> {
    await this.focusCode();
    await this.page.keyboard.press('Control+End');
    await this.page.keyboard.insertText(text);
  }

  /** Monaco's find/replace (Ctrl+H): replace every occurrence. */
  async replaceInCode(find: string, replace: string): Promise<void> {
    await this.focusCode();
    await this.page.keyboard.press('Control+H');
    const findInput = this.code.locator('.find-widget textarea, .find-widget input').first();
    await findInput.fill(find);
    const replaceInput = this.code.locator('.find-widget .replace-part textarea, .find-widget .replace-part input').first();
    await replaceInput.fill(replace);
    await this.page.keyboard.press('Control+Alt+Enter'); // replace all
    await this.page.keyboard.press('Escape');
  }

  /** Screenshots of the main states: kept as artifacts in test-results/screenshots, and
   * written to docs/ (the README's picture) only by `npm run screenshots`. */
  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `${SHOTS}/${name}.png` });
    if (name === '01-template' && process.env.MESHWRIGHT_DOC_SHOTS) await this.page.screenshot({ path: 'docs/screenshot.png' });
  }

  /** The same screen in the light and the dark theme: `<name>-light.png`, `<name>-dark.png`. */
  async screenshotThemes(name: string): Promise<void> {
    await this.page.emulateMedia({ colorScheme: 'light' });
    await this.page.waitForTimeout(150);
    await this.page.screenshot({ path: `${SHOTS}/${name}-light.png` });
    await this.page.emulateMedia({ colorScheme: 'dark' });
    await this.page.waitForTimeout(150);
    await this.page.screenshot({ path: `${SHOTS}/${name}-dark.png` });
    await this.page.emulateMedia({ colorScheme: 'light' });
  }
}
