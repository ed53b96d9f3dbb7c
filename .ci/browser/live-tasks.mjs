// Opens live-tasks.ipynb in the classic Jupyter Notebook with Debian's chromium, runs its cells and
// checks what a person would see: the live task table fills with the six downloads, then empties
// (the view ends by itself), and the timeline SVG is drawn with one lane per download.
// Usage: node live-tasks.mjs NOTEBOOK_URL OUTPUT_DIR   (screenshots go to OUTPUT_DIR)
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [url, outDir] = process.argv.slice(2);
if (!url || !outDir) {
  console.error('usage: node live-tasks.mjs NOTEBOOK_URL OUTPUT_DIR');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), 'jaio-chromium-'));
const fail = (msg) => { console.error('browser check: ' + msg); process.exitCode = 1; };

const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1200, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = context.pages()[0] ?? await context.newPage();
  page.on('pageerror', (e) => console.error('page error: ' + e.message));
  await page.goto(url);
  await page.waitForFunction(() => window.Jupyter?.notebook?.kernel?.is_connected?.()
      && window.Jupyter.notebook.kernel.info_reply?.implementation !== undefined, null, { timeout: 90_000 });
  await page.evaluate(() => window.Jupyter.notebook.execute_all_cells());

  const pendingSeen = [];
  let maxRows = 0;
  let emptied = false;
  let midShot = false;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const state = await page.evaluate(() => {
      const view = document.querySelector('.jaio-tasks');
      return view ? { pending: Number(view.dataset.pending), rows: view.querySelectorAll('tr.jaio-task').length,
                      text: view.innerText } : null;
    });
    if (state) {
      if (pendingSeen[pendingSeen.length - 1] !== state.pending) pendingSeen.push(state.pending);
      maxRows = Math.max(maxRows, state.rows);
      if (!midShot && state.rows >= 6 && /: [1-9]\d* waiting/.test(state.text)) {
        await page.screenshot({ path: join(outDir, 'live-table.png') });
        midShot = true;
      }
      emptied = state.pending === 0 && state.text.includes('live view ended');
    }
    const lanes = await page.$$eval('svg.jaio-timeline g.lane', (gs) => gs.length).catch(() => 0);
    if (emptied && lanes > 0) break;
    await page.waitForTimeout(150);
  }
  console.log('pending tasks seen in the live table, in order: ' + pendingSeen.join(' -> '));
  if (maxRows < 6) fail(`the live table never listed the six downloads (at most ${maxRows} rows)`);
  if (!emptied) fail('the live table did not empty and end by itself');
  const svg = await page.$('svg.jaio-timeline');
  if (!svg) {
    fail('no timeline SVG was drawn');
  } else {
    const box = await svg.boundingBox();
    const lanes = await page.$$eval('svg.jaio-timeline g.lane', (gs) => gs.map((g) => g.dataset.task));
    const bars = await page.$$eval('svg.jaio-timeline rect.wait', (rs) => rs.filter((r) => r.getBBox().width > 1).length);
    console.log(`timeline: ${lanes.length} lanes (${lanes.join(', ')}), ${bars} wait bars, ${Math.round(box.width)}x${Math.round(box.height)} px`);
    if (!box || box.width < 300 || box.height < 50) fail('the timeline SVG is not drawn at a visible size');
    for (let i = 1; i <= 6; i++) if (!lanes.includes('download-' + i)) fail('no lane for download-' + i);
    if (bars < 6) fail('the waits of the downloads are not drawn as bars');
    await svg.scrollIntoViewIfNeeded();
  }
  await page.screenshot({ path: join(outDir, 'live-tasks.png'), fullPage: true });
  console.log('screenshots in ' + outDir);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
