"""Every notebook in nbs/ is a test: nbdev's own runner (`nbdev.test.test_nb`) executes it with the
`tst_flags` of settings.ini skipped (so `#| slow` cells do not run) and `IN_TEST` set, in a temporary folder of its
own that is removed after it (tools/scratch.py)."""
import os, sys, pytest
from pathlib import Path
from nbdev.config import get_config
from nbdev.test import test_nb as run_nb  # renamed so that pytest does not collect it
sys.path.insert(0, str(Path(__file__).parents[1]/'tools'))
from scratch import scratch_tmpdir

cfg = get_config()
NBS = sorted(p for p in Path(cfg.nbs_path).rglob('*.ipynb')
             if not any(part.startswith(('_', '.')) for part in p.relative_to(cfg.nbs_path).parts))

@pytest.mark.parametrize('nb', NBS, ids=[str(p.relative_to(cfg.nbs_path)) for p in NBS])
def test_notebook(nb):
    os.environ['IN_TEST'] = '1'
    with scratch_tmpdir(nb.stem):
        ok, secs = run_nb(nb, skip_flags=cfg.tst_flags.split(), basepath=cfg.config_path, do_print=False)
    assert ok, f'{nb} failed (its traceback is printed above)'
