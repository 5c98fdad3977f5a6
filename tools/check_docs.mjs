// Check the offline docs site in _docs/ in a real browser (Debian's chromium, driven by playwright-core from npm).
//
//   node tools/check_docs.mjs [--docs _docs] [--chromium /usr/bin/chromium] [--timeout 30000]
//   node tools/check_docs.mjs --self-test      # the checks must catch a broken page they are shown
//
// It serves the site on 127.0.0.1 only, opens every page and fails when a page
//   - throws a JavaScript error or logs a console error,
//   - asks for anything that is not on the local server (a CDN, a font service: every such request is blocked),
//   - has a chart container (.vega-chart) without an <svg> or <canvas> inside once the page has settled,
//   - has a widget view that the html-manager did not render (its .widget-subarea left empty),
//   - links to a page, file or #anchor of the site that does not exist.
// It saves screenshots of the home page and of the explorer page (and of the explorer widget) into _docs/_screens/.
import { chromium } from 'playwright-core';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) =>
  a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1] && !all[i + 1].startsWith('--') ? all[i + 1] : true]] : acc, []));
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = args.chromium || process.env.CHROMIUM || '/usr/bin/chromium';
const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                     '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf',
  '.eot': 'application/vnd.ms-fontobject' };

function serve(dir) {
  const server = http.createServer((req, res) => {
    const p = path.join(dir, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (!p.startsWith(dir) || !fs.existsSync(p) || fs.statSync(p).isDirectory()) { res.writeHead(404); res.end('not found'); return; }
    res.writeHead(200, { 'content-type': TYPES[path.extname(p)] || 'application/octet-stream' });
    fs.createReadStream(p).pipe(res);
  });
  return new Promise(r => server.listen(0, '127.0.0.1', () => r(server)));
}

function htmlPages(dir, base = dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    if (e.name.startsWith('_')) return [];
    const p = path.join(dir, e.name);
    return e.isDirectory() ? htmlPages(p, base) : e.name.endsWith('.html') ? [path.relative(base, p).split(path.sep).join('/')] : [];
  }).sort((a, b) => (a !== 'index.html') - (b !== 'index.html') || a.localeCompare(b));
}

// Check every page of the site in `docs`; returns {problems: ['page: what'], pages, links}.
async function checkSite(docs, { timeout = 30000, screens = {}, log = console.log } = {}) {
  const server = await serve(docs);
  const ORIGIN = `http://127.0.0.1:${server.address().port}`;
  const pages = htmlPages(docs);
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-docs-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, headless: true, viewport: { width: 1280, height: 900 }, args: LAUNCH_ARGS });
  const problems = [], ids = {}, links = [], external = [];
  await context.route('**/*', route => {
    const url = route.request().url();
    if (url.startsWith(ORIGIN + '/') || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    external.push(url);
    return route.abort('blockedbyclient');
  });
  try {
    for (const p of pages) {
      const page = await context.newPage();
      const errs = [];
      page.on('pageerror', e => errs.push(`JavaScript error: ${e.message}`));
      page.on('console', m => { if (m.type() === 'error' && !/ERR_BLOCKED_BY_CLIENT/.test(m.text())) errs.push(`console error: ${m.text()}`); });
      page.on('requestfailed', r => { if (r.url().startsWith(ORIGIN)) errs.push(`failed request: ${r.url()}`); });
      page.on('response', r => { if (r.status() >= 400) errs.push(`HTTP ${r.status()}: ${r.url()}`); });
      const before = external.length, t = Date.now();
      await page.goto(`${ORIGIN}/${p}`, { waitUntil: 'load', timeout });
      let settled = true;
      try {
        await page.waitForFunction(() => {
          const charts = [...document.querySelectorAll('.vega-chart')];
          const views = [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')];
          const mathReady = !window.MathJax || !window.MathJax.startup || window.MathJax.startup.promise;
          return mathReady && charts.every(c => c.querySelector('svg, canvas')) &&
                 views.every(v => v.parentElement.querySelector(':scope > .widget-subarea > *'));
        }, null, { timeout, polling: 200 });
        await page.evaluate(() => window.MathJax && window.MathJax.startup && window.MathJax.startup.promise);
      } catch (e) { settled = false; }
      const st = await page.evaluate(() => ({
        charts: document.querySelectorAll('.vega-chart').length,
        undrawn: [...document.querySelectorAll('.vega-chart')].filter(c => !c.querySelector('svg, canvas'))
                   .map(c => `${c.id} ${c.textContent.slice(0, 200)}`),
        views: document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]').length,
        widgets: [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')]
                   .filter(v => v.parentElement.querySelector(':scope > .widget-subarea > *')).length,
        math: document.querySelectorAll('mjx-container').length,
        ids: [...document.querySelectorAll('[id], a[name]')].map(e => e.id || e.getAttribute('name')),
        links: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),
      }));
      if (!settled) errs.push(`did not settle within ${timeout} ms`);
      for (const u of st.undrawn) errs.push(`chart not drawn: ${u}`);
      if (st.widgets < st.views) errs.push(`${st.views - st.widgets} of ${st.views} widget view(s) not rendered`);
      if (external.length > before) errs.push(`requests outside the site (blocked): ${external.slice(before).join(', ')}`);
      ids[p] = new Set(st.ids);
      for (const h of st.links) links.push([p, h]);
      if (screens[p]) {
        fs.mkdirSync(path.join(docs, '_screens'), { recursive: true });
        await page.screenshot({ path: path.join(docs, '_screens', screens[p]), fullPage: p !== 'index.html' });
        const w = page.locator('.jupyter-widgets.widget-vbox').last();
        if (await w.count()) {
          await w.scrollIntoViewIfNeeded();
          await w.screenshot({ path: path.join(docs, '_screens', screens[p].replace('.png', '-widget.png')) });
        }
      }
      log(`check_docs: ${p.padEnd(40)} ${String(Date.now() - t).padStart(5)} ms  charts ${st.charts - st.undrawn.length}/${st.charts}` +
          `  widget views ${st.views} (rendered ${st.widgets})  maths ${st.math}  ${errs.length ? 'FAIL' : 'ok'}`);
      for (const e of errs) problems.push(`${p}: ${e}`);
      await page.close();
    }
  } finally {
    await context.close();
    server.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  for (const [p, href] of links) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) && !href.startsWith(ORIGIN)) continue;      // external: not ours to check
    const u = new URL(href, `http://site/${p}`);
    let target = decodeURIComponent(u.pathname).replace(/^\//, '');
    if (target === '' || target.endsWith('/')) target += 'index.html';
    const file = path.join(docs, target);
    if (!fs.existsSync(file)) { problems.push(`${p}: broken link ${href} (no ${target})`); continue; }
    const frag = decodeURIComponent(u.hash.slice(1));
    if (frag && target.endsWith('.html')) {
      const known = ids[target] || new Set([...fs.readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map(m => m[1]));
      if (!known.has(frag)) problems.push(`${p}: broken anchor ${href} (no id "${frag}" in ${target})`);
    }
  }
  return { problems, pages, links };
}

// A two-page site: index.html is sound, bad.html breaks every rule once. The checks must pass the first and
// report each fault of the second.
async function selfTest() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-docs-site-'));
  fs.mkdirSync(path.join(dir, '_vendor'));
  for (const f of ['vega/build/vega.min.js', 'vega-lite/build/vega-lite.min.js', 'vega-embed/build/vega-embed.min.js'])
    fs.copyFileSync(path.join(ROOT, 'node_modules', f), path.join(dir, '_vendor', path.basename(f)));
  const head = '<head><meta charset="utf-8"><script src="_vendor/vega.min.js"></script><script src="_vendor/vega-lite.min.js"></script>' +
               '<script src="_vendor/vega-embed.min.js"></script></head>';
  const chart = (id, mark) => `<div class="vega-chart" id="${id}"></div><script>vegaEmbed("#${id}", {"data": {"values": [{"a": 1}]},` +
                `"mark": "${mark}", "encoding": {"x": {"field": "a", "type": "quantitative"}}}, {actions: false}).catch(e => console.error("vega: " + e));</script>`;
  fs.writeFileSync(path.join(dir, 'index.html'), `<!DOCTYPE html><html>${head}<body><h1 id="top">ok</h1>${chart('good', 'point')}` +
    '<a href="bad.html">bad</a> <a href="#top">top</a> <a href="https://example.org/">external links are not followed</a></body></html>');
  fs.writeFileSync(path.join(dir, 'bad.html'), `<!DOCTYPE html><html>${head}<body>${chart('broken', 'nonsense')}` +
    '<script src="https://cdn.jsdelivr.net/npm/vega@5"></script><script>notAFunction()</script>' +
    '<div><script type="application/vnd.jupyter.widget-view+json">{"version_major": 2, "version_minor": 0, "model_id": "x"}</script></div>' +
    '<a href="missing.html">x</a> <a href="index.html#nowhere">y</a></body></html>');
  const { problems } = await checkSite(dir, { timeout: 4000, log: () => {} });
  fs.rmSync(dir, { recursive: true, force: true });
  const expect = { 'JavaScript error': /^bad\.html: JavaScript error: .*notAFunction/, 'chart not drawn': /^bad\.html: chart not drawn: broken/,
    'request off the site': /^bad\.html: requests outside the site \(blocked\): https:\/\/cdn\.jsdelivr\.net/,
    'broken link': /^bad\.html: broken link missing\.html/, 'broken anchor': /^bad\.html: broken anchor index\.html#nowhere/,
    'console error': /^bad\.html: console error: vega:/, 'widget not rendered': /^bad\.html: 1 of 1 widget view\(s\) not rendered/ };
  const missed = Object.entries(expect).filter(([, re]) => !problems.some(p => re.test(p))).map(([k]) => k);
  const onGood = problems.filter(p => p.startsWith('index.html'));
  if (missed.length || onGood.length) {
    console.error(`check_docs: SELF-TEST FAILED: missed ${JSON.stringify(missed)}; wrongly flagged on the sound page ${JSON.stringify(onGood)}`);
    console.error(problems.join('\n'));
    process.exit(1);
  }
  console.log(`check_docs: self-test ok (${Object.keys(expect).length} kinds of fault caught, the sound page passes)`);
}

if (!fs.existsSync(CHROMIUM)) {
  console.error(`check_docs: no chromium at ${CHROMIUM}: apt-get install -y chromium, or pass --chromium PATH`);
  process.exit(2);
}
if (args['self-test']) { await selfTest(); process.exit(0); }
const DOCS = path.resolve(args.docs || path.join(ROOT, '_docs'));
if (!fs.existsSync(path.join(DOCS, 'index.html'))) {
  console.error(`check_docs: ${DOCS}/index.html is missing: build the site first (python tools/build_docs.py)`);
  process.exit(2);
}
const t0 = Date.now();
const { problems, pages, links } = await checkSite(DOCS, { timeout: Number(args.timeout || 30000),
  screens: { 'index.html': 'home.png', 'explore.html': 'explore.png' } });
const secs = ((Date.now() - t0) / 1000).toFixed(1);
if (problems.length) {
  console.error(`check_docs: FAIL, ${problems.length} problem(s) in ${pages.length} page(s), ${links.length} links (${secs} s):`);
  for (const p of problems.slice(0, 60)) console.error('  ' + p);
  if (problems.length > 60) console.error(`  ... and ${problems.length - 60} more`);
  process.exit(1);
}
console.log(`check_docs: ok, ${pages.length} page(s), ${links.length} links checked, screenshots in ${path.relative(process.cwd(), DOCS) || '.'}/_screens (${secs} s)`);
