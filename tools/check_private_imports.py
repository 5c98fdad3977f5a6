"""No private name crosses a module boundary: a library module may not import another module's `_name`, nor may a
notebook import `_name` from a module other than the one it exports (its own hidden tests may). Prints each crossing
and exits 1 when there is one. Usage: python tools/check_private_imports.py"""
import ast, json, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PKG = 'mpq_nb'

def _aliases(tree)->dict:
    "Local name -> module of the package, for `import mpq_nb.x as y` and `from mpq_nb import x`."
    al = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith(PKG + '.') and a.asname: al[a.asname] = a.name.split('.', 1)[1]
        elif isinstance(node, ast.ImportFrom) and node.module == PKG:
            for a in node.names: al[a.asname or a.name] = a.name
    return al

def crossings(tree, own):
    "(line, module, name) of every private name of a module of the package other than `own`, imported or read."
    out, al = [], _aliases(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module is not None or isinstance(node, ast.ImportFrom) and node.level:
            mod = node.module or ''
            if node.level: mod = f'{PKG}.{mod}' if mod else PKG
            if not (mod == PKG or mod.startswith(PKG + '.')): continue
            name = mod.split('.', 1)[1] if '.' in mod else ''
            for a in node.names:
                if a.name.startswith('_') and not a.name.startswith('__') and name != own: out.append((node.lineno, mod, a.name))
        elif isinstance(node, ast.Attribute) and node.attr.startswith('_') and not node.attr.startswith('__'):
            v = node.value                                                # mpq_nb.train._x or a module alias
            if isinstance(v, ast.Attribute) and isinstance(v.value, ast.Name) and v.value.id == PKG and v.attr != own:
                out.append((node.lineno, f'{PKG}.{v.attr}', node.attr))
            elif isinstance(v, ast.Name) and v.id in al and al[v.id] != own:
                out.append((node.lineno, f'{PKG}.{al[v.id]}', node.attr))
    return out

def main():
    found = []
    for f in sorted((ROOT/PKG).glob('*.py')):
        if f.name.startswith('_'): continue
        found += [(f.relative_to(ROOT), *c) for c in crossings(ast.parse(f.read_text()), f.stem)]
    for nb in sorted((ROOT/'nbs').rglob('*.ipynb')):
        cells = [''.join(c['source']) for c in json.loads(nb.read_text())['cells'] if c['cell_type'] == 'code']
        m = next((re.search(r'#\|\s*default_exp\s+(\S+)', c) for c in cells if 'default_exp' in c), None)
        own = m.group(1) if m else None
        for i, c in enumerate(cells):
            code = '\n'.join(l for l in c.splitlines() if not l.lstrip().startswith(('%', '!')))
            try: tree = ast.parse(code)
            except SyntaxError: continue
            found += [(f'{nb.relative_to(ROOT)} (code cell {i})', *x) for x in crossings(tree, own)]
    for where, line, mod, name in found: print(f'{where}:{line}: {mod}.{name}')
    print(f'check_private_imports: {len(found)} private name(s) cross a module boundary')
    return 1 if found else 0

if __name__ == '__main__': sys.exit(main())
