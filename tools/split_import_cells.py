"""Split the top-level imports of each mixed cell of a notebook into an import-only cell just before it (see check_nb_cells.py).

    python tools/split_import_cells.py nbs/NN_name.ipynb [cell ids...]
"""
import sys, ast, json, uuid, re
sys.path.insert(0, 'tools')
from pathlib import Path
from check_nb_cells import mixed_cells
path = Path(sys.argv[1]); only = set(sys.argv[2:])
ids = [c.id for c in mixed_cells(path)]
nb = json.loads(path.read_text())
used = {c.get('id') for c in nb['cells']}
out = []
for c in nb['cells']:
    if c.get('id') not in ids or (only and c.get('id') not in only): out.append(c); continue
    src = ''.join(c['source']); lines = src.splitlines()
    tree = ast.parse(src)
    imps = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert len(imps) == sum(isinstance(n, (ast.Import, ast.ImportFrom)) for n in ast.walk(tree)), ('nested import', c['id'])
    imp_lines = set()
    for n in imps: imp_lines |= set(range(n.lineno, n.end_lineno + 1))
    for n in tree.body:
        if n not in imps: assert not imp_lines & set(range(n.lineno, n.end_lineno + 1)), ('shared line', c['id'], ast.unparse(n))
    ndir = 0
    while ndir < len(lines) and re.match(r'^\s*#\s*\|', lines[ndir]): ndir += 1
    dirs = lines[:ndir]
    imp = [l for i, l in enumerate(lines, 1) if i in imp_lines]
    rest = [l for i, l in enumerate(lines, 1) if i not in imp_lines and i > ndir]
    while rest and not rest[0].strip(): rest.pop(0)
    while rest and not rest[-1].strip(): rest.pop()
    tolist = lambda ls: [l + '\n' for l in ls[:-1]] + ls[-1:]
    new_id = uuid.uuid4().hex[:8]
    while new_id in used: new_id = uuid.uuid4().hex[:8]
    used.add(new_id)
    out.append(dict(cell_type='code', execution_count=None, id=new_id, metadata={}, outputs=[], source=tolist(dirs + imp)))
    c['source'] = tolist(dirs + rest)
    out.append(c)
    print(f'{path}: {c["id"]} -> new import cell {new_id}: {imp}')
nb['cells'] = out
path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + '\n')
