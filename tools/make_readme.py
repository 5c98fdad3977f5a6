"""Write README.md from nbs/index.ipynb with nbdev's own notebook processing and nbconvert (Quarto is not
needed). `--check` fails when README.md differs from what the notebook gives."""
import sys, copy, yaml
from pathlib import Path
import nbformat
from nbconvert import MarkdownExporter
from execnb.nbio import read_nb
from nbdev.config import get_config
from nbdev.processors import FilterDefaults

def readme_text(nb_path):
    nb = read_nb(nb_path)
    FilterDefaults()(nb)          # directives (#| hide, #| echo: false, ...), show_doc, front matter
    cells, head = [], []
    for c in nb.cells:            # nbdev turns "# Title / > summary" into YAML front matter; put it back as markdown
        if c.cell_type == 'raw' and c.source.startswith('---'):
            meta = yaml.safe_load(c.source.strip().strip('-')) or {}
            t, d = meta.get('title', ''), meta.get('description', '')
            head.append(f'# {t}\n\n' + (f'> {d}\n' if d else ''))
        else: cells.append(c)
    nb.cells = cells
    body, _ = MarkdownExporter().from_notebook_node(nbformat.from_dict(copy.deepcopy(dict(nb))))
    body = body.replace('](images/', '](nbs/images/')   # pictures are kept in nbs/images/ (the docs site copies them)
    return ''.join(head) + '\n' + body.strip() + '\n'

if __name__ == '__main__':
    cfg = get_config()
    text = readme_text(cfg.nbs_path/cfg.readme_nb)
    out = cfg.config_path/'README.md'
    if '--check' in sys.argv:
        if not out.exists() or out.read_text() != text:
            sys.exit('FAIL: README.md is not what nbs/index.ipynb gives: run `python tools/make_readme.py` and commit it.')
    else:
        out.write_text(text); print(f'wrote {out}')
