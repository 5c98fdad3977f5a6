"""Find the notebook cells that nbdev's docs processing would run out of context, and (with `--exec`) run it.

nbdev's `exec_show_docs` processor (used by `nbdev_docs`, `nbdev_proc_nbs`, `nbdev_readme` and tools/make_readme.py)
re-runs, in a fresh shell, every exported cell and every cell that contains an import (`nbdev.processors._do_eval`).
A test cell that also imports something is therefore run without the cells before it and can fail, which breaks the
docs; nbdev then warns "Found cells containing imports and other code. See FAQ". The fix is to put imports in cells of
their own (the `#| export` imports cell at the top, or an import-only cell, `#| hide` if it is for the tests only).

    python tools/check_nb_cells.py                        # every notebook of nbs/ (recursive, skips _* and .*)
    python tools/check_nb_cells.py nbs/00_quant.ipynb     # some notebooks or folders
    python tools/check_nb_cells.py --exec                 # also process each notebook as nbdev_proc_nbs does
                                                          # (FilterDefaults, with exec_show_docs), offline, no Quarto

The check calls nbdev's own `_do_eval` on each cell (directives extracted by nbdev's `NBProcessor`) and reports the
cells for which it warns. It checks every notebook, including those that export nothing (nbdev only runs
`exec_show_docs` on a notebook with exports or `show_doc` calls, but one may be added later). Exits 1 if any cell is
reported or, with `--exec`, if any notebook fails to process.
"""
from __future__ import annotations
import argparse, os, sys, time, traceback, warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

def notebooks(paths:list[str])->list[Path]:
    "The notebooks named by `paths` (folders are searched with nbdev's `nbglob`: skips `_*` and `.*`); default nbs/."
    from nbdev.doclinks import nbglob
    from nbdev.config import get_config
    paths = paths or [str(get_config().nbs_path)]
    out = []
    for p in map(Path, paths):
        if p.is_dir(): out += sorted(nbglob(p, as_path=True))
        elif p.suffix == '.ipynb' and p.exists(): out.append(p)
        else: sys.exit(f'check_nb_cells: {p} is neither a notebook nor a folder')
    return out

def mixed_cells(path:Path)->list:
    "The code cells of `path` for which nbdev's `_do_eval` warns 'Found cells containing imports and other code'."
    from nbdev.process import NBProcessor
    from nbdev.processors import _do_eval
    nb = NBProcessor(path, rm_directives=False).nb     # reads the notebook and sets each cell's `directives_`
    found = []
    for cell in nb.cells:
        with warnings.catch_warnings(record=True) as ws:
            warnings.simplefilter('always')
            _do_eval(cell)
        if any('imports and other code' in str(w.message) for w in ws): found.append(cell)
    return found

def check(nbs:list[Path])->int:
    "Print each mixed cell (notebook, cell index, id, first lines); return how many there are."
    n = 0
    for p in nbs:
        for c in mixed_cells(p):
            n += 1
            lines = c.source.splitlines()
            head = '\n'.join('    ' + l for l in lines[:6]) + ('\n    ...' if len(lines) > 6 else '')
            print(f'{_rel(p)}: cell {c.idx_} (id {c.get("id", "?")}) mixes imports and other code:\n{head}')
    print(f'check_nb_cells: {n} cell(s) mixing imports and other code in {len(nbs)} notebook(s)'
          + (': `python tools/split_import_cells.py NOTEBOOK` moves the imports into a cell of their own' if n else ''))
    return n

def run_docs_procs(nbs:list[Path])->int:
    """Process each notebook as `nbdev_proc_nbs` does (`nbdev.serve_drv.main` with `FilterDefaults`, which includes
    `exec_show_docs`), into a temporary folder; print each result and return how many failed."""
    import tempfile
    from nbdev.processors import FilterDefaults
    from nbdev.serve_drv import main as proc_one
    failed = 0
    with tempfile.TemporaryDirectory() as out:
        for p in nbs:
            t0 = time.time()
            try:
                with warnings.catch_warnings(record=True) as ws:
                    warnings.simplefilter('always')
                    proc_one((p, Path(out)/p.name, FilterDefaults))     # sets IN_TEST while it runs, as nbdev does
                mixed = sum('imports and other code' in str(w.message) for w in ws)
                print(f'exec_show_docs ok   {_rel(p)} ({time.time()-t0:.1f} s'
                      + (f', {mixed} nbdev warning(s)' if mixed else '') + ')')
            except Exception as e:
                failed += 1
                os.environ.pop('IN_TEST', None)
                print(f'exec_show_docs FAIL {_rel(p)} ({time.time()-t0:.1f} s):')
                traceback.print_exception(e, limit=-3, file=sys.stdout)
    print(f'check_nb_cells --exec: {failed} of {len(nbs)} notebook(s) failed nbdev\'s docs processing')
    return failed

def _rel(p:Path)->str:
    try: return str(p.resolve().relative_to(ROOT))
    except ValueError: return str(p)

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('paths', nargs='*', help='notebooks or folders (default: nbs/)')
    ap.add_argument('--exec', action='store_true', help="also run nbdev's docs processing (exec_show_docs) on them")
    a = ap.parse_args()
    paths = [str(Path(q).resolve()) for q in a.paths]
    os.chdir(ROOT)                                       # nbdev finds settings.ini from here; docs are built from here
    nbs = notebooks(paths)
    bad = check(nbs)
    if a.exec: bad += run_docs_procs(nbs)
    sys.exit(1 if bad else 0)
