// Drive mpq_nb.explore.explorer in a live JupyterLab with a headless chromium (playwright-core, Debian's chromium).
// Started by tools/live_explorer_check.sh, which runs the Jupyter server; two modes:
//
//   node tools/live_explorer_check.mjs --write-notebook PATH       # write the throwaway notebook
//   node tools/live_explorer_check.mjs --url http://127.0.0.1:PORT --token T --notebook NAME.ipynb --out DIR
//        [--chromium /usr/bin/chromium] [--server-log FILE] [--expect-faults eval,callback,js]
//
// The run opens the notebook, runs all its cells in the live kernel and then acts as a user would: drags the budget
// slider, presses Home on it, narrows the allowed bits, picks a method in the dropdown, clicks "evaluate". After
// each action it waits for what the kernel sends back and checks it: the summary line (average bits, compression
// ratio, budget) changes and agrees with the slider, the bit map / Pareto chart is drawn anew with other content,
// the progress bar moves through intermediate values, a WER appears. It fails on any JavaScript error, console
// error, failed request to the server, request off the machine, kernel error message (seen on the websocket) or
// traceback in the server log. Screenshots go to DIR.
// --expect-faults names the faults the notebook was told to plant (LIVE_CHECK_BREAK): the run must then report
// each of them, and passes only if it does (the checks can fail).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) =>
  a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1] && !all[i + 1].startsWith('--') ? all[i + 1] : true]] : acc, []));
const TAG = 'live_explorer_check';

// ---------------------------------------------------------------------------------------------------------------
// The notebook. Its widgets get CSS classes (lc-*) so that the driver finds them; nothing else is added to the
// explorer. LIVE_CHECK_BREAK (from the server's environment) plants faults for the self-test.
const CELLS = [
`# Throwaway notebook written by tools/live_explorer_check.mjs: the explorer on a tiny random supernet, live.
import os, time
from copy import deepcopy
import pandas as pd, torch
from IPython.display import display, Javascript
from transformers import Wav2Vec2Config, Wav2Vec2ForCTC
from mpq_nb.models import make_processor
from mpq_nb.data import make_corpus, load_librispeech
from mpq_nb.supernet import to_supernet, supernet_layers, freeze, uniform_bit_map
from mpq_nb.quant import compression_ratio
from mpq_nb.eval import transcribe, wer_report, is_lossless
from mpq_nb.explore import explorer, budget_range, budget_bit_map, map_compression_ratio
torch.set_num_threads(1)
BREAK = set(filter(None, os.environ.get('LIVE_CHECK_BREAK', '').split(',')))
BREAK`,
`# a tiny Wav2Vec2ForCTC with random weights, as a supernet whose random alpha stand in for a search
processor = make_processor()
torch.manual_seed(0)
cfg = Wav2Vec2Config(hidden_size=32, num_hidden_layers=2, num_attention_heads=2, intermediate_size=64,
                     conv_dim=(16, 16), conv_stride=(16, 20), conv_kernel=(32, 20),   # 50 frames a second
                     vocab_size=len(processor.tokenizer), pad_token_id=processor.tokenizer.pad_token_id)
fp32 = Wav2Vec2ForCTC(cfg).eval()
sn = to_supernet(deepcopy(fp32), bits=(2, 4, 8))
with torch.no_grad():
    for l in supernet_layers(sn).values(): l.alpha.normal_(0, 1.5)
len(supernet_layers(sn)), budget_range(sn)`,
`# a tiny dev set: a few utterances synthesised with espeak-ng (mpq_nb.data), in this temporary folder
make_corpus('corpus', hours=0.002, dev_hours=0.008, test_hours=0.001, unseen_hours=0.001,
            n_speakers=2, n_unseen_speakers=1, noise=False)
dev = load_librispeech('corpus', 'dev')
utts = [dev.select([i]) for i in range(len(dev))]
len(dev), dev['text'][:2]`,
`def dev_report(bit_map, progress=None, model=None):
    "WERReport of the supernet frozen at bit_map (or of model) on dev, one utterance at a time for the progress bar."
    m = model if model is not None else freeze(deepcopy(sn), bit_map).eval()
    hyps = []
    for i, u in enumerate(utts):
        hyps += transcribe(m, processor, u, progress=False)
        if progress: progress((i + 1) / len(utts))
    return wer_report(dev['text'], hyps)

def dev_wer(bit_map, progress=None):
    "The explorer's evaluate_fn: WER and CER on dev."
    if 'eval' in BREAK: raise RuntimeError('planted fault: evaluate_fn fails')
    rep = dev_report(bit_map, progress)
    return dict(wer=rep.wer, cer=rep.cer)

fp_rep = dev_report(None, model=fp32)
fp_rep`,
`# a results table in the layout check_results accepts, measured on dev (a random model: WERs near 100%)
rows = [dict(method='fp32', label='32', wer=fp_rep.wer, cer=fp_rep.cer, compression_ratio=1.0, lossless=True)]
for b in (8, 4, 2):
    bm = uniform_bit_map(fp32, b); rep = dev_report(bm)
    rows.append(dict(method='uniform', label=str(b), wer=rep.wer, cer=rep.cer, compression_ratio=compression_ratio(fp32, bm),
                     lossless=is_lossless(fp_rep, rep)))
lo, hi = budget_range(sn)
for b in (lo, (lo + hi) / 2, hi):
    bm = budget_bit_map(sn, b); rep = dev_report(bm)
    rows.append(dict(method='budget_bit_map', label=f'{b:.2f}', wer=rep.wer, cer=rep.cer,
                     compression_ratio=map_compression_ratio(sn, bm), lossless=is_lossless(fp_rep, rep)))
results = pd.DataFrame(rows)
results`,
`ui = explorer(results, sn, dev_wer)
ui.add_class('lc-root'); ui.budget.add_class('lc-budget'); ui.bits.add_class('lc-bits'); ui.method.add_class('lc-method')
ui.info.add_class('lc-info'); ui.bit_map_out.add_class('lc-bitmap'); ui.pareto_out.add_class('lc-pareto')
ui.button.add_class('lc-eval'); ui.progress.add_class('lc-progress'); ui.result.add_class('lc-result')
if 'callback' in BREAK: ui.budget.observe(lambda ch: 1 / 0, 'value')       # planted: a callback that raises
if 'js' in BREAK: display(Javascript("setTimeout(() => { throw new Error('planted fault: a JavaScript error'); }, 0)"))
display(ui)
print('LIVE-CHECK: explorer displayed')`,
];

function writeNotebook(file) {
  const nb = {
    cells: CELLS.map(src => ({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [],
                               source: src.split('\n').map((l, i, a) => i < a.length - 1 ? l + '\n' : l) })),
    metadata: { kernelspec: { display_name: 'Python 3 (ipykernel)', language: 'python', name: 'python3' },
                language_info: { name: 'python' } },
    nbformat: 4, nbformat_minor: 5,
  };
  nb.cells.forEach((c, i) => { c.id = `live-check-${i}`; });
  fs.writeFileSync(file, JSON.stringify(nb, null, 1));
}

if (args['write-notebook']) { writeNotebook(args['write-notebook']); process.exit(0); }

// ---------------------------------------------------------------------------------------------------------------
const BASE = args.url, TOKEN = args.token, NB = args.notebook, OUT = path.resolve(args.out || '_live_check');
const CHROMIUM = args.chromium || process.env.CHROMIUM || '/usr/bin/chromium';
const EXPECT = new Set(String(args['expect-faults'] || '').split(',').filter(Boolean));
if (!BASE || !TOKEN || !NB) { console.error(`${TAG}: need --url, --token and --notebook (see the header)`); process.exit(2); }
if (!fs.existsSync(CHROMIUM)) { console.error(`${TAG}: no chromium at ${CHROMIUM}: apt-get install -y chromium, or pass --chromium PATH`); process.exit(2); }
fs.mkdirSync(OUT, { recursive: true });

const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                     '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const problems = [], notes = [];
const fail = msg => { problems.push(msg); console.error(`${TAG}: FAIL ${msg}`); };
const t0 = Date.now();
const log = msg => console.log(`${TAG}: [${((Date.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${msg}`);
const kernelErrors = [], kernelStderr = [];
let phase = 'load';

function sniffKernel(ws) {
  if (!ws.url().includes('/api/kernels/')) return;
  ws.on('framereceived', f => {
    const text = typeof f.payload === 'string' ? f.payload : Buffer.from(f.payload).toString('utf8');
    const unq = s => { try { return JSON.parse(`"${s}"`); } catch { return s; } };
    if (/"msg_type":\s*"error"/.test(text)) {
      const ename = (text.match(/"ename":\s*"((?:[^"\\]|\\.)*)"/) || [])[1] || '?';
      const evalue = (text.match(/"evalue":\s*"((?:[^"\\]|\\.)*)"/) || [])[1] || '';
      kernelErrors.push(`${ename}: ${unq(evalue)} (arrived during: ${phase})`);
    } else if (/"msg_type":\s*"stream"/.test(text) && /"name":\s*"stderr"/.test(text) && phase !== 'run-all') {
      const t = (text.match(/"text":\s*"((?:[^"\\]|\\.)*)"/) || [])[1] || '';
      kernelStderr.push(`${unq(t).trim().slice(0, 400)} (arrived during: ${phase})`);
    }
  });
}

// Values of the explorer as shown, read from the DOM.
async function shown(page) {
  return page.evaluate(() => {
    const q = s => document.querySelector(s);
    const info = q('.lc-info')?.innerText || '';
    const num = re => { const m = info.match(re); return m ? Number(m[1]) : null; };
    const chart = sel => {
      const el = q(`${sel} svg.marks, ${sel} canvas.marks, ${sel} svg, ${sel} canvas`);
      if (!el) return null;
      if (!el.__lcId) el.__lcId = Math.random().toString(36).slice(2);
      const content = el.tagName === 'CANVAS' ? el.toDataURL() : el.outerHTML;
      let h = 0; for (let i = 0; i < content.length; i++) h = (h * 31 + content.charCodeAt(i)) | 0;
      return { id: el.__lcId, kind: el.tagName.toLowerCase(), hash: h, text: el.tagName === 'CANVAS' ? '' : el.textContent };
    };
    return {
      info, avg: num(/([\d.]+)\s*bits on average/), ratio: num(/([\d.]+)x\s*smaller/), budget: num(/budget\s*([\d.]+)/),
      readout: q('.lc-budget .widget-readout')?.innerText?.trim() ?? null,
      bitmap: chart('.lc-bitmap'), pareto: chart('.lc-pareto'),
      result: q('.lc-result')?.innerText || '', evalDisabled: q('.lc-eval')?.disabled ?? null,
      bits: [...(q('.lc-bits select')?.selectedOptions || [])].map(o => o.textContent),
    };
  });
}

async function waitChange(page, before, what, pred, timeout = 20000) {
  const deadline = Date.now() + timeout;
  let now;
  while (Date.now() < deadline) {
    now = await shown(page);
    if (pred(now, before)) return now;
    await page.waitForTimeout(150);
  }
  fail(`${what}: nothing changed within ${timeout / 1000} s (before: ${JSON.stringify(before.info)}, after: ${JSON.stringify(now.info)})`);
  return now;
}

// Wait until the kernel is idle again (the status bar's "| Idle"): everything a control change sends has arrived.
async function settle(page, what, timeout = 30000) {
  await page.locator('.jp-StatusBar-Widget', { hasText: /\|\s*Idle/ }).first().waitFor({ timeout })
    .catch(() => fail(`${what}: the kernel was still busy after ${timeout / 1000} s`));
  await page.waitForTimeout(200);
  return shown(page);
}

function checkRedrawn(name, before, after, which) {
  const a = before[which], b = after[which];
  if (!b) return fail(`${name}: the ${which} chart is gone (no svg/canvas in its output)`);
  if (a && a.id === b.id) return fail(`${name}: the ${which} chart was not redrawn (same ${b.kind} element)`);
  if (a && a.hash === b.hash) return fail(`${name}: the ${which} chart was redrawn with the same content`);
  return true;
}

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'live-explorer-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: CHROMIUM, headless: true, viewport: { width: 1400, height: 1000 }, args: LAUNCH_ARGS });
const ORIGIN = new URL(BASE).origin;
const external = [];
await context.route('**/*', route => {
  const url = route.request().url();
  if (url.startsWith(ORIGIN + '/') || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
  external.push(url);
  return route.abort('blockedbyclient');
});
const page = context.pages()[0] || await context.newPage();
page.on('pageerror', e => fail(`JavaScript error (${phase}): ${e.message}`));
page.on('console', m => {
  if (m.type() === 'error' && !/ERR_BLOCKED_BY_CLIENT/.test(m.text())) fail(`console error (${phase}): ${m.text().slice(0, 500)}`);
});
page.on('requestfailed', r => { if (r.url().startsWith(ORIGIN) && !/ERR_ABORTED/.test(r.failure()?.errorText || '')) fail(`failed request (${phase}): ${r.url()} ${r.failure()?.errorText}`); });
page.on('response', r => { if (r.status() >= 400) fail(`HTTP ${r.status()} (${phase}): ${r.url().replace(TOKEN, '***')}`); });
page.on('websocket', sniffKernel);

let summary = {};
try {
  // 1. open the notebook and run every cell in the live kernel
  await page.goto(`${BASE}/lab/tree/${NB}?token=${TOKEN}`, { waitUntil: 'load', timeout: 60000 });
  await page.locator('.jp-Notebook .jp-Cell').first().waitFor({ timeout: 60000 });
  // the kernel named in the notebook's metadata starts by itself: wait for the status bar's "Python 3 (ipykernel) | Idle"
  await page.locator('.jp-StatusBar-Widget', { hasText: /ipykernel\)?\s*\|\s*Idle/ }).first().waitFor({ timeout: 90000 });
  const sidebar = page.locator('.jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current');   // fold the file browser away
  if (await sidebar.count()) await sidebar.first().click();
  log('notebook open, kernel idle');
  phase = 'run-all';
  await page.locator('.lm-MenuBar-itemLabel', { hasText: /^Run$/ }).click();
  await page.locator('.lm-Menu-itemLabel', { hasText: /^Run All Cells$/ }).click();
  await page.waitForTimeout(1000);
  if (await page.locator('.jp-Dialog').count())
    throw new Error(`a dialog came up instead of running the cells: ${(await page.locator('.jp-Dialog').innerText()).replace(/\s+/g, ' ')}`);
  const ran = await page.waitForFunction(() => {
    const outs = [...document.querySelectorAll('.jp-OutputArea-output')].map(o => o.innerText);
    const tb = outs.find(t => /Traceback|Error/.test(t) && /most recent call last|-{5,}/.test(t));
    if (tb) return { error: tb.slice(0, 1500) };
    return outs.some(t => t.includes('LIVE-CHECK: explorer displayed')) && document.querySelector('.lc-root')
      && document.querySelector('.lc-bitmap svg, .lc-bitmap canvas') && document.querySelector('.lc-pareto svg, .lc-pareto canvas')
      ? { ok: true } : null;
  }, null, { timeout: 120000, polling: 250 }).then(h => h.jsonValue()).catch(e => ({ error: `timed out: ${e.message.split('\n')[0]}` }));
  if (!ran.ok) throw new Error(`running the notebook failed: ${ran.error}`);
  log('all cells ran; the explorer and both charts are drawn');
  phase = 'interact';
  const root = page.locator('.lc-root');
  await root.scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  let s0 = await settle(page, 'running all cells');
  await page.screenshot({ path: path.join(OUT, '01-before.png') });
  await root.screenshot({ path: path.join(OUT, '01-before-widget.png') });
  if (s0.avg == null || s0.ratio == null || s0.readout == null) throw new Error(`the explorer's summary is not readable: ${JSON.stringify(s0)}`);
  log(`first state: budget ${s0.readout}, ${s0.avg} bits, ${s0.ratio}x, bits [${s0.bits}], bit map chart: ${s0.bitmap?.kind}`);

  // 2. drag the budget slider's handle a third of the way down the track
  phase = 'drag budget';
  const handle = page.locator('.lc-budget .noUi-handle');
  const track = page.locator('.lc-budget .noUi-target');
  const hb = await handle.boundingBox(), tb = await track.boundingBox();
  await page.mouse.move(hb.x + hb.width / 2, hb.y + hb.height / 2);
  await page.mouse.down();
  await page.mouse.move(tb.x + tb.width * 0.35, hb.y + hb.height / 2, { steps: 12 });
  await page.mouse.up();
  let s1 = await waitChange(page, s0, 'dragging the budget slider', (n, b) => n.info !== b.info && n.bitmap && n.bitmap.id !== b.bitmap?.id);
  s1 = await settle(page, 'dragging the budget slider');
  if (s1.readout === s0.readout) fail(`drag: the slider readout stayed at ${s0.readout}`);
  if (!(s1.avg < s0.avg)) fail(`drag: the average bits did not go down (${s0.avg} -> ${s1.avg})`);
  if (!(s1.ratio > s0.ratio)) fail(`drag: the compression ratio did not go up (${s0.ratio}x -> ${s1.ratio}x)`);
  if (Math.abs(s1.budget - Number(s1.readout)) > 0.006) fail(`drag: the summary's budget ${s1.budget} is not the slider's ${s1.readout}`);
  if (!(s1.avg <= s1.budget + 1e-3)) fail(`drag: ${s1.avg} bits on average is over the budget ${s1.budget}`);
  checkRedrawn('drag', s0, s1, 'bitmap');
  await page.screenshot({ path: path.join(OUT, '02-after-drag.png') });
  log(`dragged: budget ${s0.readout} -> ${s1.readout}, ${s0.avg} -> ${s1.avg} bits, ${s0.ratio}x -> ${s1.ratio}x, bit map chart redrawn`);

  // 3. narrow the candidate set to 2 and 4 bits
  phase = 'bits (2, 4)';
  await page.locator('.lc-bits select').selectOption([{ label: '2' }, { label: '4' }]);
  let s2 = await waitChange(page, s1, 'choosing bits 2 and 4', (n, b) => n.bitmap && n.bitmap.id !== b.bitmap?.id && n.info !== b.info);
  s2 = await settle(page, 'choosing bits 2 and 4');
  if (/at 8 bits/.test(s2.info)) fail(`bits (2, 4): the summary still has layers at 8 bits: ${s2.info}`);
  if (!/at [24] bits/.test(s2.info)) fail(`bits (2, 4): the summary has no layer at 2 or 4 bits: ${s2.info}`);
  checkRedrawn('bits (2, 4)', s1, s2, 'bitmap');
  log(`bits [${s2.bits}]: ${s2.avg} bits, ${s2.ratio}x, budget ${s2.readout}`);

  // 4. the keyboard: Home on the focused handle takes the budget to its lowest value
  phase = 'Home key';
  await handle.focus();
  await page.keyboard.press('Home');
  let s3 = await waitChange(page, s2, 'pressing Home on the budget slider', (n, b) => n.info !== b.info && n.bitmap && n.bitmap.id !== b.bitmap?.id);
  s3 = await settle(page, 'pressing Home on the budget slider');
  if (s3.avg !== 2) fail(`Home: the lowest budget should put every layer at 2 bits, the summary says ${s3.avg} bits: ${s3.info}`);
  if (!/^\s*2\.00\s*$/.test(s3.readout || '')) fail(`Home: the slider readout is ${s3.readout}, not 2.00`);
  if (!(s3.ratio > s2.ratio)) fail(`Home: the compression ratio did not go up (${s2.ratio}x -> ${s3.ratio}x)`);
  checkRedrawn('Home', s2, s3, 'bitmap');
  log(`Home: budget ${s3.readout}, ${s3.avg} bits, ${s3.ratio}x`);

  // 5. the method dropdown highlights a method in the Pareto chart
  phase = 'method';
  await page.locator('.lc-method select').selectOption({ label: 'uniform' });
  let s4 = await waitChange(page, s3, 'picking the method "uniform"', (n, b) => n.pareto && n.pareto.id !== b.pareto?.id);
  s4 = await settle(page, 'picking the method "uniform"');
  checkRedrawn('method', s3, s4, 'pareto');
  await page.screenshot({ path: path.join(OUT, '03-after-controls.png') });
  log('method "uniform": Pareto chart redrawn');

  // 6. evaluate: the progress bar must move through intermediate values, then a WER must appear
  phase = 'evaluate';
  await page.evaluate(() => {
    window.__lcProgress = [];
    const bar = document.querySelector('.lc-progress .progress-bar');
    if (!bar) return;
    new MutationObserver(() => window.__lcProgress.push(bar.style.width)).observe(bar, { attributes: true, attributeFilter: ['style'] });
  });
  const tClick = Date.now();
  await page.locator('.lc-eval').click();
  const got = await page.waitForFunction(() => {
    const r = document.querySelector('.lc-result')?.innerText || '';
    return (/wer = \S+/.test(r) || /error/.test(r)) && !document.querySelector('.lc-eval').disabled ? r : null;
  }, null, { timeout: 60000, polling: 100 }).then(h => h.jsonValue()).catch(() => null);
  const widths = await page.evaluate(() => window.__lcProgress || []);
  const fracs = widths.map(w => parseFloat(w)).filter(x => !Number.isNaN(x));
  if (!got) fail(`evaluate: no result within 60 s (result: ${JSON.stringify((await shown(page)).result)})`);
  else if (!/wer = [\d.]+/.test(got)) fail(`evaluate: the result is not a WER: ${got}`);
  if (!fracs.some(x => x > 0 && x < 100)) fail(`evaluate: the progress bar showed no intermediate value (widths seen: ${JSON.stringify(widths)})`);
  if (fracs.length && fracs[fracs.length - 1] !== 100) fail(`evaluate: the progress bar ended at ${widths[widths.length - 1]}, not 100%`);
  await root.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(OUT, '04-after-evaluate.png') });
  await root.screenshot({ path: path.join(OUT, '04-after-evaluate-widget.png') });
  log(`evaluate: "${(got || '').trim()}" after ${((Date.now() - tClick) / 1000).toFixed(1)} s; progress bar went ${fracs.map(x => x.toFixed(0) + '%').join(' ')}`);

  // 7. End on the slider: back to the top of the (2, 4) range; the result must say it is for another bit map
  phase = 'End key';
  const s5 = await shown(page);
  await handle.focus();
  await page.keyboard.press('End');
  let s6 = await waitChange(page, s5, 'pressing End on the budget slider', (n, b) => n.info !== b.info && n.bitmap && n.bitmap.id !== b.bitmap?.id);
  s6 = await settle(page, 'pressing End on the budget slider');
  if (!(s6.avg > s5.avg)) fail(`End: the average bits did not go up (${s5.avg} -> ${s6.avg})`);
  if (!/another bit map/.test(s6.result)) fail(`End: the old result is not marked as being for another bit map: ${JSON.stringify(s6.result)}`);
  checkRedrawn('End', s5, s6, 'bitmap');
  log(`End: budget ${s6.readout}, ${s6.avg} bits; result now "${s6.result.trim()}"`);
  await page.screenshot({ path: path.join(OUT, '05-after-end.png') });
  summary = { s0, s1, s2, s3, s6, result: (got || '').trim(), steps: fracs.length };
  await page.waitForTimeout(500);   // let late errors arrive
} catch (e) {
  fail(`${phase}: ${e.message.split('\n').slice(0, 6).join(' | ')}`);
  await page.screenshot({ path: path.join(OUT, 'failure.png') }).catch(() => {});
} finally {
  phase = 'end';
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}

for (const k of kernelErrors) fail(`kernel error message: ${k}`);
for (const k of kernelStderr) if (/Traceback|Error/.test(k)) fail(`kernel stderr: ${k}`); else notes.push(`kernel stderr: ${k}`);
if (external.length) fail(`requests off the machine (blocked): ${[...new Set(external)].slice(0, 5).join(', ')}`);
if (args['server-log'] && fs.existsSync(args['server-log'])) {
  const lines = fs.readFileSync(args['server-log'], 'utf8').split('\n');
  const bad = lines.map((l, i) => [l, i]).filter(([l]) => /Traceback|Exception in comm|\[E /.test(l));
  for (const [l, i] of bad.slice(0, 5)) fail(`server log: ${lines.slice(i, i + 8).join(' / ').slice(0, 700)}`);
}
for (const n of notes) console.log(`${TAG}: note: ${n}`);
const secs = ((Date.now() - t0) / 1000).toFixed(1);

if (EXPECT.size) {   // self-test: each planted fault must have been reported
  const caught = {
    eval: problems.some(p => /evaluate: the result is not a WER: .*planted fault: evaluate_fn fails/.test(p)),
    callback: problems.some(p => /ZeroDivisionError/.test(p)),
    js: problems.some(p => /JavaScript error.*planted fault/.test(p)),
  };
  const missed = [...EXPECT].filter(k => !caught[k]);
  if (missed.length) { console.error(`${TAG}: SELF-TEST FAILED: planted fault(s) not reported: ${missed.join(', ')}`); process.exit(1); }
  console.log(`${TAG}: self-test ok: the ${EXPECT.size} planted fault(s) (${[...EXPECT].join(', ')}) were each reported, ${problems.length} problem(s) in all (${secs} s)`);
  process.exit(0);
}
if (problems.length) {
  console.error(`${TAG}: FAIL, ${problems.length} problem(s) (${secs} s):`);
  for (const p of problems.slice(0, 30)) console.error('  ' + p);
  process.exit(1);
}
const { s0, s1, s2, s3 } = summary;
console.log(`${TAG}: ok (${secs} s in the browser): budget drag ${s0.readout} -> ${s1.readout} (${s0.avg} -> ${s1.avg} bits, ` +
  `${s0.ratio}x -> ${s1.ratio}x), bits [${s2.bits}] (${s2.avg} bits), Home -> ${s3.readout} (${s3.ratio}x), End -> ${summary.s6.readout}, ` +
  `bit map and Pareto charts redrawn, evaluate -> "${summary.result}" (progress in ${summary.steps} steps), ` +
  `0 JavaScript/console/kernel errors; screenshots in ${path.relative(process.cwd(), OUT) || '.'}/`);
