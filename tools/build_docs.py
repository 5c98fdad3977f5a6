"""Build the docs site into `_docs/` from the notebooks, offline and without Quarto.

Each notebook of `nbs/` (index first, then the numbered notebooks, then each sub-folder such as `tutorials/`) is
executed in-process with execnb (as `nbdev_test` does: `IN_TEST=1`, `#| slow` cells skipped, unless `--full`),
then processed by nbdev's own `FilterDefaults` (directives, `#| hide`, show_doc API reference, links, widget
state) and converted to HTML by nbconvert with `tools/docs_template/mpq` (the lab template plus a sidebar in
reading order). Outputs are kept. Altair charts become `vegaEmbed` calls and ipywidgets are rendered by the
html-manager, all from files copied out of `node_modules/` (pinned by package.json / package-lock.json, installed
with `npm ci`) into `_docs/_vendor/`: the pages load nothing from the network.

    python tools/build_docs.py                 # every notebook, test mode
    python tools/build_docs.py --full          # slow cells too, IN_TEST unset (what a reader would run)
    python tools/build_docs.py --only 30_explore.ipynb tutorials/how_the_search_works.ipynb   # a few pages (the sidebar lists all)
    python tools/build_docs.py --no-exec       # show_doc and saved outputs only (fast)
    python tools/build_docs.py --jobs 2        # two pages at once, one torch thread each (what CI runs)

`nbdev_docs` (Quarto) still works where Quarto is installed: `_quarto.yml` is untouched by this script.
"""
from __future__ import annotations
import argparse, copy, hashlib, html, json, os, posixpath, re, shutil, subprocess, sys, time, traceback, warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT/'tools') not in sys.path: sys.path.insert(0, str(ROOT/'tools'))
from scratch import scratch_tmpdir   # each page's run gets its own temporary folder, removed after it
TEMPLATES = ROOT/'tools'/'docs_template'
WIDGET_STATE = 'application/vnd.jupyter.widget-state+json'
RE_VEGALITE = re.compile(r'^application/vnd\.vegalite\.v\d+\+json$')
VENDOR = {  # node_modules path -> name under _docs/_vendor/
    'vega/build/vega.min.js': 'vega.min.js',
    'vega-lite/build/vega-lite.min.js': 'vega-lite.min.js',
    'vega-embed/build/vega-embed.min.js': 'vega-embed.min.js',
    'requirejs/require.js': 'require.js',
    '@jupyter-widgets/html-manager/dist/embed-amd.js': '@jupyter-widgets/embed-amd.js',
    'mathjax/es5/tex-svg-full.js': 'tex-svg-full.js',
}
CELL_KEYS = ('cell_type', 'id', 'metadata', 'source', 'outputs', 'execution_count', 'attachments')
FONT_EXTS = ('.woff', '.woff2', '.ttf', '.eot', '.svg')   # the html-manager's font files, beside embed-amd.js
HTML_MANAGER = '@jupyter-widgets/html-manager/dist'
# embed-amd.js defines the AMD modules '@jupyter-widgets/base', '.../controls', ...: with require.js's baseUrl at
# _vendor/, their module.uri is _vendor/@jupyter-widgets/<name>.js, and webpack looks for the fonts beside it

# ---------------------------------------------------------------------------------------------------------------
# The pages and their order

def page_href(rel:Path)->str:
    "nbdev's page name for a notebook path relative to nbs/: '01_supernet.ipynb' -> 'supernet.html'."
    return rel.with_name(re.sub(r'^\d+[a-zA-Z0-9]*_', '', rel.name.lower())).with_suffix('.html').as_posix()

def notebooks(nbs:Path, index_name='index.ipynb')->list[Path]:
    "The notebooks in reading order: the index, the top-level notebooks by name, then each sub-folder's by name."
    found = [p.relative_to(nbs) for p in nbs.rglob('*.ipynb')
             if not any(part.startswith(('_', '.')) for part in p.relative_to(nbs).parts)]
    key = lambda r: (r.name != index_name or len(r.parts) > 1, len(r.parts) > 1, r.parts[:-1], r.name)
    return sorted(found, key=key)

def nb_title(path:Path)->tuple[str, str]:
    "(title, description) from a notebook's first '# Title' and '> summary' markdown."
    nb = json.loads(path.read_text())
    for c in nb['cells']:
        if c['cell_type'] != 'markdown': continue
        src = ''.join(c['source'])
        m = re.search(r'^#\s+(.+)$', src, re.M)
        if m:
            d = re.search(r'^>\s*(.+)$', src, re.M)
            return m.group(1).strip(), d.group(1).strip() if d else ''
    return path.stem, ''

def md_inline(s:str)->str:
    "A title as HTML: escaped, `code` in backticks as <code>."
    return re.sub(r'`([^`]+)`', r'<code>\1</code>', html.escape(s))

def sections(nbs:Path, rels:list[Path])->list[dict]:
    "Sidebar sections: the top-level pages, then one section per sub-folder."
    out, by_dir = [], {}
    for r in rels: by_dir.setdefault(r.parent.as_posix(), []).append(r)
    for d, rs in by_dir.items():
        title = '' if d == '.' else d.replace('_', ' ').capitalize()
        out.append(dict(title=title, pages=[dict(href=page_href(r), title=md_inline(nb_title(nbs/r)[0]), rel=r.as_posix())
                                            for r in rs]))
    return out

# ---------------------------------------------------------------------------------------------------------------
# Executing a notebook (in this process, so that its widgets' state can be read afterwards)

def execute(nb, path:Path, full:bool, cfg):
    "Run the code cells of `nb` (read from `path`) in place, as nbdev_test does; return the shell and the seconds taken."
    from execnb.shell import CaptureShell
    from nbdev.process import extract_directives
    from fastcore.xtras import working_directory
    from ipywidgets import Widget
    skip_flags = set() if full else set(cfg.get('tst_flags', '').split())
    def skip(cell):
        if cell.cell_type != 'code': return True
        d = extract_directives(copy.deepcopy(cell), remove=False)
        if d.get('eval:', [''])[0].lower() == 'false': return True
        return bool(skip_flags & d.keys())
    Widget.close_all()
    t0 = time.time()
    k = CaptureShell(path)
    with working_directory(path.parent):
        k.run_all(nb, exc_stop=True, preproc=skip)
    state = Widget.get_manager_state(drop_defaults=True)
    if state['state']: nb.metadata['widgets'] = {WIDGET_STATE: state}
    return k, time.time() - t0

def process(nb, shell=None, path=None):
    """nbdev's `FilterDefaults` on `nb`. When the notebook was executed in `shell`, the show_doc cells that
    `add_show_docs` inserts run in that shell, after everything the page ran (instead of nbdev's `exec_show_docs`,
    which re-runs only the cells with imports and exports in a fresh shell)."""
    from nbdev.processors import FilterDefaults, exec_show_docs
    from fastcore.xtras import working_directory
    class Procs(FilterDefaults):
        def base_procs(self): return [p for p in super().base_procs() if shell is None or p is not exec_show_docs]
    Procs()(nb)
    if shell is None: return nb
    shell.run_cell('from nbdev.showdoc import show_doc')
    with working_directory(path.parent):
        for c in nb.cells:
            if c.cell_type == 'code' and re.search(r'^show_doc\(', c.get('source') or '', re.M) and not c.get('outputs'):
                shell.cell(c)
                if shell.exc: raise RuntimeError(f"show_doc failed in {path.name}:\n{c.source}") from shell.exc
    return nb

# ---------------------------------------------------------------------------------------------------------------
# From nbdev's processed notebook to what nbconvert should draw

def vega_html(spec:dict, uid:str)->str:
    "A div and the vegaEmbed call that draws `spec` into it (vega, vega-lite and vega-embed come from _vendor/)."
    js = json.dumps(spec).replace('</', '<\\/')
    return (f'<div class="vega-chart" id="{uid}"></div>\n<script type="text/javascript">\n'
            f'(function() {{ var el = document.getElementById("{uid}");\n'
            f'  vegaEmbed(el, {js}, {{renderer: "svg", actions: false}})\n'
            f'    .catch(function(err) {{ el.textContent = "chart failed: " + err; console.error("vega: " + err); }});\n'
            f'}})();\n</script>')

class Charts:
    "Replaces Vega-Lite outputs by HTML that draws them with the vendored vega-embed (ids unique in a page)."
    def __init__(self, page): self.page, self.n = page, 0
    def output(self, out:dict)->dict:
        data = out.get('data') or {}
        key = next((k for k in data if RE_VEGALITE.match(k)), None)
        if key is None: return out
        self.n += 1
        spec = data[key]
        if isinstance(spec, str): spec = json.loads(spec)
        out = dict(out)
        out['data'] = {'text/html': vega_html(spec, f'vega-{re.sub(r"[^a-z0-9]+", "-", self.page)}-{self.n}')}
        return out

def quarto_directives(cell)->dict:
    "The leading `#| key: value` lines of a code cell (Quarto's options that nbdev leaves in place), removed from it."
    lines = (cell.get('source') or '').splitlines(True)
    d, i = {}, 0
    while i < len(lines) and (m := re.match(r'^#\|\s*([\w-]+):\s*(.*?)\s*$', lines[i])):
        d[m.group(1)] = m.group(2).strip('"\''); i += 1
    cell['source'] = ''.join(lines[i:])
    return d

RE_PANDOC_LINK = re.compile(r'\[([^\]]+)\]\(([^)\s]+)\)\{([^}]*)\}')
def pandoc_links(md:str)->str:
    "Pandoc's `[text](url){attrs}` (what show_doc writes for its source link) as an HTML link."
    return RE_PANDOC_LINK.sub(lambda m: f'<a href="{html.escape(m.group(2))}" class="mpq-source" target="_blank">{m.group(1)}</a>', md)

def prepare(nb, page:str):
    "Turn nbdev's processed notebook into what nbconvert should render; return (nbformat notebook, title, description)."
    import nbformat, yaml
    charts, cells, title, desc = Charts(page), [], '', ''
    for c in nb.cells:
        if c.cell_type == 'raw' and (c.get('source') or '').startswith('---'):   # front matter from '# Title / > summary'
            meta = yaml.safe_load(c.source.strip().strip('-')) or {}
            title, desc = str(meta.get('title', '')), str(meta.get('description', ''))
            cells.append(nbformat.v4.new_markdown_cell(f'# {title}' + (f'\n\n<p class="mpq-description">{md_inline(desc)}</p>' if desc else '')))
            continue
        c = nbformat.from_dict(copy.deepcopy({k: v for k, v in c.items() if k in CELL_KEYS}))
        c.setdefault('source', '')
        c.metadata = nbformat.NotebookNode({})
        if c.cell_type == 'code':
            d = quarto_directives(c)
            tags = []
            if d.get('echo') == 'false' or not c.source.strip(): tags.append('remove_input')
            if d.get('output') == 'false': tags.append('remove_output')
            if d.get('include') == 'false': tags.append('remove_cell')
            c.outputs = [charts.output(o) for o in c.get('outputs', [])]
            for o in c.outputs:                                          # execnb keeps multi-line data as lists of lines
                if isinstance(o.get('text'), list): o['text'] = ''.join(o['text'])
                for k, v in (o.get('data') or {}).items():
                    if isinstance(v, list) and not k.endswith('json'): o['data'][k] = ''.join(v)
                if o.get('output_type') in ('display_data', 'execute_result') and 'text/markdown' in o.get('data', {}):
                    md = o['data']['text/markdown']
                    o['data']['text/markdown'] = pandoc_links(''.join(md) if isinstance(md, list) else md)
            if not c.source.strip() and not c.outputs: continue          # exported cells: show_doc documents them
            c.metadata['tags'] = tags
            c.execution_count = None
        elif c.cell_type == 'markdown':
            if re.fullmatch(r'\s*<!--.*?-->\s*', c.source, re.S): continue   # nbdev's "autogenerated" warning
        cells.append(c)
    meta = dict(nb.metadata)
    ws = (meta.get('widgets') or {}).get(WIDGET_STATE)
    if ws:                                                              # charts inside Output widgets too
        for m in ws['state'].values():
            st = m.get('state', {})
            if m.get('model_name') == 'OutputModel' and st.get('outputs'):
                st['outputs'] = [charts.output(o) for o in st['outputs']]
    out = nbformat.v4.new_notebook(cells=cells, metadata={k: v for k, v in meta.items() if k in ('widgets', 'kernelspec', 'language_info')})
    out.metadata['title'] = title
    return out, title, desc

# ---------------------------------------------------------------------------------------------------------------
# The HTML: links and anchors as Quarto would make them

def slug(text:str)->str:
    "Pandoc's automatic identifier (lowercase, punctuation other than _ - . dropped, spaces to hyphens), keeping a leading _."
    s = re.sub(r'<[^>]+>', '', html.unescape(text)).strip().lower()
    s = re.sub(r'[^\w\s.-]', '', s)
    s = re.sub(r'\s+', '-', s)
    return re.sub(r'^[^a-z_]+', '', s) or 'section'

RE_HEADING = re.compile(r'<h([1-6]) id="([^"]*)">(.*?)<a class="anchor-link" href="#[^"]*">(.*?)</a></h\1>', re.S)
def fix_headings(page:str)->str:
    "Give headings pandoc's ids (so `page.html#name` links from nbdev's index resolve), unique within the page."
    seen = {}
    def sub(m):
        base = slug(m.group(3)); n = seen.get(base, 0); seen[base] = n + 1
        hid = base if n == 0 else f'{base}-{n}'
        return f'<h{m.group(1)} id="{hid}">{m.group(3)}<a class="anchor-link" href="#{hid}">{m.group(4)}</a></h{m.group(1)}>'
    return RE_HEADING.sub(sub, page)

RE_LINK = re.compile(r'<a\s([^>]*?)href="([^"]*)"([^>]*)>(.*?)</a>', re.S)
def fix_links(page:str, href:str, rel_nb:str, doc_base:str, nb_pages:dict)->str:
    "Links to the published site and to notebooks become relative links between the pages of _docs/."
    here, ids = posixpath.dirname(href), set(re.findall(r'\sid="([^"]+)"', page))
    def relative(target): return posixpath.relpath(target, here or '.')
    def sub(m):
        pre, url, post, text = m.group(1), html.unescape(m.group(2)), m.group(3), m.group(4)
        if doc_base and url.startswith(doc_base):
            path, _, frag = url[len(doc_base):].lstrip('/').partition('#')
            path = path or 'index.html'
            if frag.startswith('_') and not (path == href and frag in ids):
                return text                 # nbdev links `_private` names too, but show_doc documents none of them
            url = relative(path) + (f'#{frag}' if frag else '')
        elif not re.match(r'^[a-z][a-z0-9+.-]*:|^#|^/', url):
            path, _, frag = url.partition('#')
            if path.endswith('.ipynb'):
                target = posixpath.normpath(posixpath.join(posixpath.dirname(rel_nb), path))
                if target in nb_pages: url = relative(nb_pages[target]) + (f'#{frag}' if frag else '')
        return f'<a {pre}href="{html.escape(url, quote=True)}"{post}>{text}</a>'
    return RE_LINK.sub(sub, page)

# ---------------------------------------------------------------------------------------------------------------

def vendor(out:Path):
    "Copy the pinned JavaScript from node_modules (running `npm ci` first when it is missing) into out/_vendor."
    nm = ROOT/'node_modules'
    if not all((nm/src).exists() for src in VENDOR):
        if not shutil.which('npm'):
            sys.exit("build_docs: node_modules/ lacks the pinned JavaScript and npm is not installed: install Node.js "
                     "(e.g. `apt-get install -y nodejs npm`), then run `npm ci` at the repository root")
        print('build_docs: npm ci (the pinned vega, vega-lite, vega-embed, html-manager, requirejs, mathjax)', flush=True)
        subprocess.run(['npm', 'ci', '--no-audit', '--no-fund'], cwd=ROOT, check=True)
    dst = out/'_vendor'
    dst.mkdir(parents=True, exist_ok=True)
    (dst/'@jupyter-widgets').mkdir(parents=True, exist_ok=True)
    for src, name in VENDOR.items(): shutil.copy2(nm/src, dst/name)
    for f in (nm/HTML_MANAGER).iterdir():
        if f.suffix in FONT_EXTS: shutil.copy2(f, dst/'@jupyter-widgets'/f.name)
    (out/'_static').mkdir(exist_ok=True)
    shutil.copy2(TEMPLATES/'mpq'/'site.css', out/'_static'/'site.css')
    versions = {p: json.loads((nm/p/'package.json').read_text())['version']
                for p in ('vega', 'vega-lite', 'vega-embed', '@jupyter-widgets/html-manager', 'requirejs', 'mathjax')}
    (dst/'VERSIONS.json').write_text(json.dumps(versions, indent=1) + '\n')

_CTX = {}   # what every page of one build shares: set by `_setup` in the main process and in each worker

def _setup(ctx:dict):
    "Make the page context `ctx` current in this process (a worker of `--jobs` calls it once): settings, the exporter."
    os.chdir(ROOT)
    if str(ROOT) not in sys.path: sys.path.insert(0, str(ROOT))
    for k in ('HF_HUB_OFFLINE', 'HF_DATASETS_OFFLINE', 'TRANSFORMERS_OFFLINE'): os.environ.setdefault(k, '1')
    if not ctx['full']: os.environ['IN_TEST'] = '1'
    import altair
    altair.renderers.enable('mimetype')     # charts as Vega-Lite outputs (not altair's CDN-loading HTML); drawn by Charts
    from nbconvert import HTMLExporter
    from traitlets.config import Config
    from nbdev.config import get_config
    c = Config()
    c.TagRemovePreprocessor.update(enabled=True, remove_input_tags={'remove_input'},
                                   remove_all_outputs_tags={'remove_output'}, remove_cell_tags={'remove_cell'})
    _CTX.update(ctx, cfg=get_config(), exporter=HTMLExporter(config=c, template_name='mpq', extra_template_basedirs=[str(TEMPLATES)]))

def _worker_init(ctx:dict):
    "A `--jobs` worker: one torch thread (the workers share the cores), then the page context."
    os.environ['OMP_NUM_THREADS'] = '1'
    try:
        import torch; torch.set_num_threads(1)
    except ImportError: pass
    _setup(ctx)

def build_page(i:int)->tuple:
    "Execute, process and write page `i` of the build's reading order; (its notebook, the line to print, an error text or None)."
    from execnb.nbio import read_nb
    c = _CTX; flat, nbs, out = c['flat'], c['nbs'], c['out']
    p = flat[i]; rel = Path(p['rel'])
    t0 = time.time()
    try:
        nb = read_nb(nbs/rel)
        with scratch_tmpdir(rel.stem):        # the notebook's scratch folders go with its run
            shell, ran = (None, 0.) if c['no_exec'] else execute(nb, (nbs/rel).resolve(), c['full'], c['cfg'])
            process(nb, shell, (nbs/rel).resolve())
        prepared, title, desc = prepare(nb, p['href'][:-5])
        depth = p['href'].count('/')
        res = dict(mpq=dict(root='../' * depth, href=p['href'], sections=c['secs'], site_title=c['cfg'].get('title', 'docs'),
                            prev=flat[i - 1] if i else None, next=flat[i + 1] if i + 1 < len(flat) else None),
                   metadata=dict(name=title or rel.stem))
        body, _ = c['exporter'].from_notebook_node(prepared, resources=res)
        body = fix_links(fix_headings(body), p['href'], rel.as_posix(), c['doc_base'], c['nb_pages'])
        dest = out/p['href']
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(body)
        return rel.as_posix(), f"build_docs: {rel.as_posix():45s} -> {p['href']:35s} {time.time() - t0:5.1f}s (run {ran:.1f}s)", None
    except Exception as e:
        return rel.as_posix(), None, f'build_docs: FAILED {rel.as_posix()}: {type(e).__name__}: {e}\n{traceback.format_exc()}'
    finally:
        try:
            from ipywidgets import Widget; Widget.close_all()
        except ImportError: pass

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--only', nargs='*', default=None, help='notebooks to build (paths relative to nbs/); default: all')
    ap.add_argument('--no-exec', action='store_true', help='do not execute the notebooks (show_doc and saved outputs only)')
    ap.add_argument('--full', action='store_true', help='run #| slow cells too and leave IN_TEST unset')
    ap.add_argument('--out', default=None, help='output folder (default: doc_path of settings.ini, i.e. _docs)')
    ap.add_argument('--jobs', type=int, default=1, help='pages built at once, each in a process of one torch thread '
                    '(default 1: in this process, torch with its own thread count); at most the cores')
    a = ap.parse_args(argv)
    if not 1 <= a.jobs <= (os.cpu_count() or 1):
        sys.exit(f"build_docs: --jobs {a.jobs} is not between 1 and this machine's {os.cpu_count()} cores: pass a number in that range")
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    from nbdev.config import get_config
    cfg = get_config()
    nbs, out = Path(cfg.nbs_path), Path(a.out or cfg.doc_path).resolve()
    rels = notebooks(nbs)
    if a.only is not None:
        want = {Path(p).as_posix() for p in a.only}
        unknown = want - {r.as_posix() for r in rels}
        if unknown: sys.exit(f"build_docs: --only names unknown notebooks {sorted(unknown)}; known: {[r.as_posix() for r in rels]}")
    secs = sections(nbs, rels)
    flat = [p for s in secs for p in s['pages']]
    nb_pages = {p['rel']: p['href'] for p in flat}
    doc_base = (cfg.get('doc_host', '').rstrip('/') + '/' + cfg.get('doc_baseurl', '').strip('/')).rstrip('/') + '/'
    if a.only is None and out.exists(): shutil.rmtree(out)       # a full build leaves no stale page behind
    out.mkdir(parents=True, exist_ok=True)
    vendor(out)
    if (nbs/'images').is_dir(): shutil.copytree(nbs/'images', out/'images', dirs_exist_ok=True)   # pictures the pages show
    ctx = dict(full=a.full, no_exec=a.no_exec, flat=flat, nbs=nbs.resolve(), out=out, secs=secs, nb_pages=nb_pages, doc_base=doc_base)
    todo = [i for i, p in enumerate(flat) if a.only is None or p['rel'] in want]
    failed, t_all = [], time.time()
    def report(r):
        rel, line, err = r
        if err: failed.append(rel); print(err, file=sys.stderr, flush=True)
        else: print(line, flush=True)
    if a.jobs == 1:
        _setup(ctx)
        for i in todo: report(build_page(i))
    else:                                                          # fresh processes (spawn): torch starts with one thread
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import build_docs as bd            # by module name: once a page ran, a worker's __main__ is IPython's, not this script
        with ProcessPoolExecutor(a.jobs, mp_context=mp.get_context('spawn'), initializer=bd._worker_init, initargs=(ctx,)) as ex:
            jobs = {i: ex.submit(bd.build_page, i) for i in reversed(todo)}   # the last pages (the tutorials, the benchmarks) are
            for i in todo: report(jobs[i].result())                         # the longest: started first; printed in reading order
    print(f'build_docs: {len(todo) - len(failed)} page(s) in {out}/ in {time.time() - t_all:.0f}s'
          + (f' ({a.jobs} jobs)' if a.jobs > 1 else '') + (f'; FAILED: {failed}' if failed else ''))
    return 1 if failed else 0

if __name__ == '__main__': sys.exit(main())
