"""Counts behind the API review of issue 23, for a tree of mpq_nb (default: this checkout).

    python tools/api_counts.py [ROOT]        # e.g. a `git archive REV | tar -x -C /tmp/rev` of an older commit

Prints: the public functions and the methods of public classes of mpq_nb/*.py with more than 8 parameters (self, *args and **kwargs not
counted), the calls of locals(), the lines that write the candidate set (2, 4, 8), a default budget of 3.5 and a
default of 200 steps, and per notebook the longest run of exported cells that define a function or class with no
other code cell between them (the house rhythm: each export followed by a cell that uses it). Not run by CI: a
reviewer's measure, not a rule; no library counts these.
"""
import ast, json, re, sys
from pathlib import Path

root = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[1])
mods = sorted(p for p in (root/'mpq_nb').glob('*.py') if not p.name.startswith('_'))
many, calls = [], []
for p in mods:
    src = p.read_text()
    tree = ast.parse(src)
    public = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    public += [m for c in tree.body if isinstance(c, ast.ClassDef) and not c.name.startswith('_')
               for m in c.body if isinstance(m, ast.FunctionDef)]              # methods of a private class are private
    for n in public:
        if not n.name.startswith('_'):
            a = n.args
            k = len(a.posonlyargs) + len(a.args) + len(a.kwonlyargs) - (1 if a.args and a.args[0].arg in ('self', 'cls') else 0)
            if k > 8: many.append((k, f'{p.stem}.{n.name}'))
    calls += [f'{p.stem}:{i + 1}' for i, l in enumerate(src.splitlines()) if 'locals()' in l]
print(f'functions with more than 8 parameters: {len(many)}', sorted(many, reverse=True))
print(f'locals() calls: {len(calls)}', calls)
for what, pat in [('(2, 4, 8)', r'\(2, 4, 8\)'), ('= 3.5', r'=\s*3\.5\b'), ('= 200', r'=\s*200\b')]:
    hits = [f'{p.stem}:{i + 1}' for p in mods for i, l in enumerate(p.read_text().splitlines()) if re.search(pat, l)]
    print(f'lines with {what}: {len(hits)}', hits)
runs = {}
for f in sorted((root/'nbs').glob('*.ipynb')):
    run = best = 0
    for c in json.loads(f.read_text())['cells']:
        if c['cell_type'] != 'code': continue
        src = ''.join(c['source'])
        if src.lstrip().startswith('#| export'):
            run += any(l.startswith(('def ', 'class ')) for l in src.splitlines())
        elif all(l.startswith(('import ', 'from ', '#')) or not l.strip() for l in src.splitlines()): continue
        else: best, run = max(best, run), 0
    runs[f.stem] = max(best, run)
print('longest run of exported definitions per notebook (3 or more):', {k: v for k, v in runs.items() if v >= 3})
