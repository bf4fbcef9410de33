// Seeing the design (spec/app.md, "What people expect": Seeing): a first fit that leaves labels
// readable, no control or minimap over nodes after a fit, panes that resize and fold, a hideable
// minimap, icons drawn by the app, and an inspector that fits about one screen.
import { readdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { EditorPage } from './pages/EditorPage';

/** Every template the gallery offers (it lists templates/*.arch.yaml). */
const TEMPLATES = readdirSync('templates')
  .filter((f) => f.endsWith('.arch.yaml'))
  .map((f) => f.slice(0, -'.arch.yaml'.length))
  .sort();
/** Where each template's screenshots go (at 1440x900): the large ones, and e-commerce with a tab. */
const SHOTS: Record<string, string> = {
  'e-commerce': '34-fit-e-commerce',
  'online-boutique': '35-fit-online-boutique',
  'anti-patterns': '36-fit-anti-patterns',
};

async function canvasHeight(page: Page): Promise<number> {
  return (await page.getByTestId('canvas').boundingBox())!.height;
}

/** Drags the separator between the canvas and the bottom panel by dy pixels. */
async function dragSplit(page: Page, dy: number): Promise<void> {
  const grip = (await page.getByTestId('split.bottom').boundingBox())!;
  await page.mouse.move(grip.x + 200, grip.y + grip.height / 2);
  await page.mouse.down();
  await page.mouse.move(grip.x + 200, grip.y + grip.height / 2 + dy, { steps: 8 });
  await page.mouse.up();
}

test.describe('seeing', () => {
  let app: EditorPage;
  test.beforeEach(async ({ page }) => {
    app = new EditorPage(page);
    await app.open();
  });
  test.afterEach(async () => {
    await app.expectNoCspViolations();
    // React Flow's attribution (and any other) warning stays out of the console.
    expect(app.warnings.filter((w) => /React Flow|xyflow/i.test(w))).toEqual([]);
  });

  test('the gallery offers every template', async ({ page }) => {
    await app.toolbar('new').click();
    for (const id of TEMPLATES) await expect(page.getByTestId(`gallery.${id}`)).toBeVisible();
  });

  for (const size of [
    { width: 1440, height: 900 },
    { width: 1280, height: 720 },
  ])
    test.describe(`at ${size.width}x${size.height}`, () => {
      test.use({ viewport: size });
      for (const id of TEMPLATES)
        test(`${id}: readable, and no node under the minimap or the controls after a fit, a bottom tab or a split drag`, async ({
          page,
        }) => {
          /** Every node the pane shows, even in part, is clear of every overlay. */
          const expectClear = async (when: string) => {
            await app.viewSettled();
            const seen = await app.nodesCovered();
            expect(seen.visible, `${when}: nodes show`).toBeGreaterThan(0);
            expect(seen.underOverlay, `${when}: nodes under an overlay`).toEqual([]);
            return seen;
          };
          const shoot = size.width === 1440 ? SHOTS[id] : undefined;

          await app.newFromTemplate(id);
          const first = await expectClear('the first fit');
          const zoom = await app.zoom();
          expect(zoom).toBeGreaterThanOrEqual(0.599);
          // Everything shows whole when it fits at a readable zoom; else the entry points do.
          if (zoom > 0.601) expect(first.whole).toBe(await page.locator('.react-flow__node').count());
          for (const c of await page
            .locator('.react-flow__node-design:has(.kind-client)')
            .evaluateAll((els) => els.map((e) => e.getAttribute('data-id'))))
            await expect(app.node(c!)).toBeInViewport();
          if (shoot && id !== 'e-commerce') await app.screenshotThemes(shoot);

          await page.getByTestId('canvas.fit').click();
          await expectClear('the Fit button');

          const h0 = await canvasHeight(page);
          await page.getByTestId('tabs.simulation').click();
          await expect.poll(() => canvasHeight(page)).toBeLessThan(h0 - 60);
          await expectClear('a bottom tab opened');
          if (shoot && id === 'e-commerce') await app.screenshotThemes(`${shoot}-bottom-tab`);
          await page.getByTestId('canvas.fit').click();
          await expectClear('the Fit button with a bottom tab');

          const h1 = await canvasHeight(page);
          await dragSplit(page, -70);
          await expect.poll(() => canvasHeight(page)).toBeLessThan(h1 - 40);
          await expectClear('the split dragged up');
          await dragSplit(page, 150);
          await expect.poll(() => canvasHeight(page)).toBeGreaterThan(h1 + 40);
          await expectClear('the split dragged down');

          // The first fit again, now with the bottom tab open.
          await app.newFromTemplate(id === 'three-tier' ? 'bff' : 'three-tier');
          await app.viewSettled();
          await app.newFromTemplate(id);
          await expectClear('the first fit with a bottom tab');
          expect(await app.zoom()).toBeGreaterThanOrEqual(0.599);

          // The minimap hidden: still nothing under the controls.
          await page.getByTestId('canvas.minimapToggle').click();
          await expect(page.locator('.react-flow__minimap')).toHaveCount(0);
          await expectClear('the minimap hidden');
          await page.getByTestId('canvas.minimapToggle').click();
        });
    });

  test('opening a bottom tab re-fits the canvas; panes resize and fold; the minimap hides', async ({ page }) => {
    await app.newFromTemplate('three-tier');
    await page.waitForTimeout(900);
    const before = (await app.canvas.boundingBox())!;
    await page.getByTestId('tabs.simulation').click();
    await expect.poll(async () => (await app.canvas.boundingBox())!.height).toBeLessThan(before.height - 60);
    await app.viewSettled(); // the re-fit
    let seen = await app.nodesCovered();
    expect(seen.whole).toBe(await page.locator('.react-flow__node').count());
    expect(seen.underOverlay).toEqual([]);
    await app.screenshotThemes('31-refit-bottom-tab');

    // The separator between the canvas and the bottom panel drags.
    const grip = (await page.getByTestId('split.bottom').boundingBox())!;
    const h0 = (await app.canvas.boundingBox())!.height;
    await page.mouse.move(grip.x + 300, grip.y + grip.height / 2);
    await page.mouse.down();
    await page.mouse.move(grip.x + 300, grip.y + 120, { steps: 8 });
    await page.mouse.up();
    await expect.poll(async () => (await app.canvas.boundingBox())!.height).toBeGreaterThan(h0 + 80);
    await page.waitForTimeout(400);
    seen = await app.nodesCovered();
    expect(seen.underOverlay).toEqual([]);

    // The side panels fold away and come back.
    await page.getByTestId('palette.collapse').click();
    await expect(page.getByTestId('palette')).toBeHidden();
    await page.getByTestId('inspector.collapse').click();
    await expect(page.getByTestId('inspector')).toBeHidden();
    await expect(page.getByTestId('palette.expand')).toBeVisible();
    // The folds' chevrons are overlays too: the re-fit keeps nodes clear of them.
    await app.viewSettled();
    seen = await app.nodesCovered();
    expect(seen.whole).toBe(await page.locator('.react-flow__node').count());
    expect(seen.underOverlay).toEqual([]);
    await app.screenshotThemes('32-folded');
    await page.getByTestId('palette.expand').click();
    await expect(page.getByTestId('palette')).toBeVisible();
    await page.getByTestId('inspector.expand').click();
    await expect(page.getByTestId('inspector')).toBeVisible();

    // The minimap hides and shows from the zoom controls (and stays as chosen).
    await page.getByTestId('canvas.minimapToggle').click();
    await expect(page.locator('.react-flow__minimap')).toHaveCount(0);
    await page.reload();
    await expect(app.nodes.first()).toBeVisible();
    await expect(page.locator('.react-flow__minimap')).toHaveCount(0);
    await page.getByTestId('canvas.minimapToggle').click();
    await expect(page.locator('.react-flow__minimap')).toBeVisible();
  });

  test('icons are drawn by the app: no emoji or symbol glyph on the canvas', async ({ page }) => {
    // Arrows, dingbats, symbols and emoji: the glyphs a desktop's fonts may lack.
    for (const where of ['.react-flow', '.mw-palette', '.mw-toolbar']) {
      const text = await page.locator(where).innerText();
      expect(text.match(/[\u2190-\u2bff\u{1f000}-\u{1faff}]/gu) ?? [], where).toEqual([]);
    }
    await expect(page.locator('.mw-edge-label svg[data-icon="timeout"]').first()).toBeVisible();
    await expect(page.locator('.mw-node-icon svg[data-icon="service"]').first()).toBeVisible();
    await expect(page.locator('.mw-palette-icon svg[data-icon="database"]')).toBeVisible();
  });

  test('the inspector keeps rarely used fields in an advanced fold', async ({ page }) => {
    await app.select('order-service');
    const fold = page.getByTestId('inspector.advanced');
    await expect(fold).toHaveAttribute('data-open', 'false');
    await expect(fold).toContainText('advanced');
    await expect(app.field('hashKey')).toHaveCount(0);
    const form = page.getByTestId('inspector');
    const { scroll, client } = await form.evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
    expect(scroll).toBeLessThan(client * 2.6);
    await app.screenshotThemes('33-inspector-advanced');
    await page.getByTestId('inspector.advanced.toggle').click();
    await expect(app.field('hashKey')).toBeVisible();
    await app.field('hashKey').fill('userId');
    await expect(app.codeLines).toContainText('hashKey: userId');
  });
});
