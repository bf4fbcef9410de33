// Seeing the design (spec/app.md, "What people expect": Seeing): a first fit that leaves labels
// readable, no control or minimap over nodes after a fit, panes that resize and fold, a hideable
// minimap, icons drawn by the app, and an inspector that fits about one screen.
import { expect, test } from '@playwright/test';
import { EditorPage } from './pages/EditorPage';

const TEMPLATES = ['e-commerce', 'three-tier', 'event-driven', 'bff', 'anti-patterns', 'anti-patterns-no-gateway', 'online-boutique'];

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

  for (const id of TEMPLATES)
    test(`the first fit of ${id} is readable and keeps nodes clear of the minimap and controls`, async ({ page }) => {
      if (id !== 'e-commerce') await app.newFromTemplate(id);
      await page.waitForTimeout(900); // layout, then the fit's animation
      const zoom = await app.zoom();
      expect(zoom).toBeGreaterThanOrEqual(0.599);
      const { underOverlay, visible } = await app.nodesCovered();
      const total = await app.nodes.count();
      if (zoom > 0.601) {
        // Everything fits at a readable zoom: all of it shows, nothing under an overlay.
        expect(visible).toBe(total);
        expect(underOverlay).toEqual([]);
      } else {
        // Too large to read whole: the entry points show, clear of the overlays.
        const clients = await page
          .locator('.react-flow__node-design:has(.kind-client)')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
        const entry = clients.length > 0 ? clients : [];
        for (const c of entry) {
          await expect(app.node(c!)).toBeInViewport();
          expect(underOverlay).not.toContain(c);
        }
      }
      if (id === 'e-commerce' || id === 'three-tier') await app.screenshotThemes(`30-first-fit-${id}`);
    });

  test('opening a bottom tab re-fits the canvas; panes resize and fold; the minimap hides', async ({ page }) => {
    await app.newFromTemplate('three-tier');
    await page.waitForTimeout(900);
    const before = (await app.canvas.boundingBox())!;
    await page.getByTestId('tabs.simulation').click();
    await expect.poll(async () => (await app.canvas.boundingBox())!.height).toBeLessThan(before.height - 60);
    await page.waitForTimeout(500); // the re-fit
    let seen = await app.nodesCovered();
    expect(seen.visible).toBe(await app.nodes.count());
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
