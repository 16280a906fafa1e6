// End-to-end test of the dashboard (issue 5): builds a small database with
// `marsad ingest` (the seed article plus tests/e2e/articles.jsonl, one of
// which carries <script> in its text), starts `marsad serve` on a free port,
// drives Debian's Chromium through playwright-core and checks that markers,
// timeline bars and network nodes are drawn, that an event's evidence is
// highlighted, that article HTML is shown as text, and that nothing is
// fetched from anywhere but the server. Screenshots go to build/e2e/.
//
//   node --test tests/e2e/dashboard.test.mjs      (scripts/e2e sets it all up)
// Environment: MARSAD_BIN (default build/marsad), MARSAD_ASSETS (default
// build/web-assets), MARSAD_E2E_OUT (default build/e2e), CHROMIUM (default /usr/bin/chromium).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(join(root, 'web', 'package.json'));
const { chromium } = require('playwright-core');

const bin = process.env.MARSAD_BIN || join(root, 'build', 'marsad');
const assets = process.env.MARSAD_ASSETS || join(root, 'build', 'web-assets');
const out = process.env.MARSAD_E2E_OUT || join(root, 'build', 'e2e');

function startServer(db) {
  return new Promise((ok, fail) => {
    const proc = spawn(bin, ['serve', '--db', db, '--port', '0', '--assets', assets], { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    const timer = setTimeout(() => fail(new Error(`server did not start: ${text}`)), 20000);
    proc.stdout.on('data', (d) => {
      text += d;
      const m = text.match(/listening on (http:\/\/[^\s]+)/);
      if (m) { clearTimeout(timer); ok({ proc, url: m[1] }); }
    });
    proc.stderr.on('data', (d) => { text += d; });
    proc.on('exit', (code) => { clearTimeout(timer); fail(new Error(`server exited (${code}): ${text}`)); });
  });
}

test('dashboard draws map, timeline, network and escaped evidence', { timeout: 180000 }, async () => {
  mkdirSync(out, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'marsad-e2e-'));
  const db = join(dir, 'e2e.db');
  execFileSync(bin, ['ingest', join(root, 'data/sample/seed.jsonl'), join(root, 'tests/e2e/articles.jsonl'), '--db', db, '--quiet'],
    { stdio: 'inherit' });
  const { proc, url } = await startServer(db);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1100 } });
    const dialogs = [];
    const problems = [];
    const foreign = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    page.on('request', (r) => { if (!r.url().startsWith(url) && !r.url().startsWith('data:')) foreign.push(r.url()); });

    const res = await page.goto(url);
    assert.ok(res.ok(), 'page loads');
    const csp = res.headers()['content-security-policy'] || '';
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);

    // Map markers (single markers or clusters), timeline bars, network nodes.
    await page.waitForFunction(() => document.querySelectorAll('.ev-marker, .marker-cluster').length > 0, null, { timeout: 20000 });
    await page.waitForFunction(() => Number(document.getElementById('timeline').dataset.bars || 0) > 0);
    await page.waitForFunction(() => Number(document.getElementById('network').dataset.nodes || 0) > 0);
    const nodes = await page.evaluate(() => cy.nodes().filter((n) => !n.data('isGroup')).length);
    assert.ok(nodes >= 3, `network nodes drawn (${nodes})`);
    assert.ok(await page.locator('#network canvas').count() > 0, 'cytoscape canvas');
    await page.waitForFunction(() => document.querySelectorAll('.leaflet-outlines-pane path').length > 0, null, { timeout: 20000 });
    const rows = await page.locator('#events tbody tr[data-id]').count();
    assert.ok(rows >= 10, `event rows (${rows})`);
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');

    // The event whose article carries <script>: shown as text, never run.
    const id = await page.evaluate(async () => {
      const r = await fetch('api/events?text=كفرنبل&limit=5').then((x) => x.json());
      return r.events.find((e) => e.sentence && e.sentence.includes('<script>'))?.id;
    });
    assert.ok(id, 'the <script> article was coded into an event');
    await page.click(`#events tbody tr[data-id="${id}"]`);
    await page.waitForSelector('#detail .evidence mark.m-trigger');
    const evidence = await page.textContent('#detail .evidence');
    assert.ok(evidence.includes('<script>alert(1)</script>'), 'script tag shown as text');
    assert.equal(await page.locator('#detail script, #detail img').count(), 0, 'no markup from article data');
    assert.ok(await page.locator('#detail .evidence mark.m-actor').count() >= 1, 'actor highlighted');
    assert.ok(await page.locator('#detail .evidence mark.m-place').count() >= 1, 'place highlighted');
    const title = await page.textContent('#detail .source .title');
    assert.ok(title.includes('<img'), 'title with HTML shown as text');
    await page.screenshot({ path: join(out, 'dashboard.png'), fullPage: true });

    // Brush on the timeline filters everything.
    const box = await page.locator('#timeline').boundingBox();
    await page.mouse.move(box.x + box.width * 0.55, box.y + 50);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.98, box.y + 50, { steps: 5 });
    await page.mouse.up();
    await page.waitForFunction(() => location.search.includes('since='));
    await page.waitForFunction(() => !document.getElementById('status').textContent.includes('…'));

    // Clicking an actor in the network filters to its events.
    await page.evaluate(() => cy.getElementById('syria_regime_forces').emit('tap'));
    await page.waitForFunction(() => location.search.includes('actor=syria_regime_forces'));
    await page.waitForFunction(() => document.querySelectorAll('#events tbody tr[data-id]').length > 0);

    // English toggle.
    await page.click('#lang');
    await page.waitForFunction(() => document.documentElement.dir === 'ltr');
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(out, 'dashboard-en.png'), fullPage: true });

    assert.deepEqual(dialogs, [], 'no alert() ran');
    assert.deepEqual(foreign, [], 'nothing fetched from outside the server');
    assert.deepEqual(problems, [], 'no page errors or CSP violations');
  } finally {
    await browser.close();
    proc.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
});
