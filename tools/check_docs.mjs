// Check the offline docs site in _docs/ in a real browser (Debian's chromium, driven by playwright-core from npm).
//
//   node tools/check_docs.mjs [--docs _docs] [--chromium /usr/bin/chromium] [--timeout 30000]
//
// It serves _docs/ on 127.0.0.1 only, opens every page and fails when a page
//   - throws a JavaScript error or logs a console error,
//   - asks for anything that is not on the local server (a CDN, a font service: every such request is blocked),
//   - has a chart container (.vega-chart) without an <svg> or <canvas> inside once the page has settled,
//   - has a widget view that the html-manager did not render,
//   - links to a page, file or #anchor of the site that does not exist.
// It saves screenshots of the home page and of the explorer page into _docs/_screens/.
import { chromium } from 'playwright-core';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) =>
  a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1] && !all[i + 1].startsWith('--') ? all[i + 1] : true]] : acc, []));
const DOCS = path.resolve(args.docs || '_docs');
const CHROMIUM = args.chromium || process.env.CHROMIUM || '/usr/bin/chromium';
const TIMEOUT = Number(args.timeout || 30000);
const SCREENS = { 'index.html': 'home.png', 'explore.html': 'explore.png' };

if (!fs.existsSync(path.join(DOCS, 'index.html'))) {
  console.error(`check_docs: ${DOCS}/index.html is missing: build the site first (python tools/build_docs.py)`);
  process.exit(2);
}
if (!fs.existsSync(CHROMIUM)) {
  console.error(`check_docs: no chromium at ${CHROMIUM}: apt-get install -y chromium, or pass --chromium PATH`);
  process.exit(2);
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf',
  '.eot': 'application/vnd.ms-fontobject' };
const server = http.createServer((req, res) => {
  const p = path.join(DOCS, decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (!p.startsWith(DOCS) || !fs.existsSync(p) || fs.statSync(p).isDirectory()) { res.writeHead(404); res.end('not found'); return; }
  res.writeHead(200, { 'content-type': TYPES[path.extname(p)] || 'application/octet-stream' });
  fs.createReadStream(p).pipe(res);
});
await new Promise(r => server.listen(0, '127.0.0.1', r));
const ORIGIN = `http://127.0.0.1:${server.address().port}`;

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    if (e.name.startsWith('_')) return [];
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : e.name.endsWith('.html') ? [path.relative(DOCS, p).split(path.sep).join('/')] : [];
  });
}
const pages = walk(DOCS).sort((a, b) => (a !== 'index.html') - (b !== 'index.html') || a.localeCompare(b));

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-docs-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: CHROMIUM, headless: true, viewport: { width: 1280, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
const problems = [];
const ids = {};          // page -> ids present once rendered
const links = [];        // [page, href] internal links
const external = new Set();
await context.route('**/*', route => {
  const url = route.request().url();
  if (url.startsWith(ORIGIN + '/') || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
  external.add(url);
  return route.abort('blockedbyclient');
});

const t0 = Date.now();
for (const p of pages) {
  const page = await context.newPage();
  const errs = [];
  page.on('pageerror', e => errs.push(`JavaScript error: ${e.message}`));
  page.on('console', m => { if (m.type() === 'error') errs.push(`console error: ${m.text()}`); });
  page.on('requestfailed', r => { if (r.url().startsWith(ORIGIN)) errs.push(`failed request: ${r.url()}`); });
  page.on('response', r => { if (r.status() >= 400) errs.push(`HTTP ${r.status()}: ${r.url()}`); });
  const before = external.size;
  const t = Date.now();
  await page.goto(`${ORIGIN}/${p}`, { waitUntil: 'load', timeout: TIMEOUT });
  let settled = true;
  try {
    await page.waitForFunction(() => {
      const charts = [...document.querySelectorAll('.vega-chart')];
      const views = document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]').length;
      const widgets = document.querySelectorAll('.jupyter-widgets').length;
      const mathDone = !window.MathJax || !window.MathJax.startup || window.MathJax.startup.promise;
      return mathDone && charts.every(c => c.querySelector('svg, canvas')) && (views === 0 || widgets > 0) &&
             [...document.querySelectorAll('.widget-output .vega-chart')].every(c => c.querySelector('svg, canvas'));
    }, null, { timeout: TIMEOUT, polling: 200 });
    await page.evaluate(() => window.MathJax && window.MathJax.startup && window.MathJax.startup.promise);
  } catch (e) { settled = false; }
  const st = await page.evaluate(() => ({
    charts: document.querySelectorAll('.vega-chart').length,
    drawn: [...document.querySelectorAll('.vega-chart')].filter(c => c.querySelector('svg, canvas')).length,
    undrawn: [...document.querySelectorAll('.vega-chart')].filter(c => !c.querySelector('svg, canvas')).map(c => c.id + ': ' + c.textContent.slice(0, 200)),
    views: document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]').length,
    widgets: document.querySelectorAll('.jupyter-widgets').length,
    math: document.querySelectorAll('mjx-container').length,
    ids: [...document.querySelectorAll('[id], a[name]')].map(e => e.id || e.getAttribute('name')),
    links: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),
  }));
  if (!settled) errs.push(`did not settle within ${TIMEOUT} ms`);
  for (const u of st.undrawn) errs.push(`chart not drawn: ${u}`);
  if (st.views && !st.widgets) errs.push(`${st.views} widget view(s), none rendered`);
  if (external.size > before) errs.push(`requests outside the site (blocked): ${[...external].slice(before).join(', ')}`);
  ids[p] = new Set(st.ids);
  for (const h of st.links) links.push([p, h]);
  if (SCREENS[p]) {
    fs.mkdirSync(path.join(DOCS, '_screens'), { recursive: true });
    await page.screenshot({ path: path.join(DOCS, '_screens', SCREENS[p]), fullPage: p !== 'index.html' });
    const w = page.locator('.jupyter-widgets.widget-vbox').last();
    if (p === 'explore.html' && await w.count()) {
      await w.scrollIntoViewIfNeeded();
      await w.screenshot({ path: path.join(DOCS, '_screens', 'explorer-widget.png') });
    }
  }
  console.log(`check_docs: ${p.padEnd(40)} ${String(Date.now() - t).padStart(5)} ms  charts ${st.drawn}/${st.charts}` +
              `  widget views ${st.views} (rendered ${st.widgets})  maths ${st.math}  ${errs.length ? 'FAIL' : 'ok'}`);
  for (const e of errs) problems.push(`${p}: ${e}`);
  await page.close();
}

for (const [p, href] of links) {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) && !href.startsWith(ORIGIN)) continue;        // external: not ours to check
  const u = new URL(href, `${ORIGIN}/${p}`);
  let target = decodeURIComponent(u.pathname).replace(/^\//, '');
  if (target === '' || target.endsWith('/')) target += 'index.html';
  const file = path.join(DOCS, target);
  if (!fs.existsSync(file)) { problems.push(`${p}: broken link ${href} (no ${target})`); continue; }
  const frag = decodeURIComponent(u.hash.slice(1));
  if (frag && target.endsWith('.html')) {
    const known = ids[target] || new Set([...fs.readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map(m => m[1]));
    if (!known.has(frag)) problems.push(`${p}: broken anchor ${href} (no id "${frag}" in ${target})`);
  }
}

await context.close();
server.close();
fs.rmSync(userDataDir, { recursive: true, force: true });
const secs = ((Date.now() - t0) / 1000).toFixed(1);
if (problems.length) {
  console.error(`check_docs: FAIL, ${problems.length} problem(s) in ${pages.length} page(s), ${links.length} links (${secs} s):`);
  for (const p of problems.slice(0, 60)) console.error('  ' + p);
  if (problems.length > 60) console.error(`  ... and ${problems.length - 60} more`);
  process.exit(1);
}
console.log(`check_docs: ok, ${pages.length} page(s), ${links.length} links checked, screenshots in ${path.relative(process.cwd(), DOCS)}/_screens (${secs} s)`);
