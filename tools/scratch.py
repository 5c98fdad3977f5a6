"""A notebook run's own temporary folder, removed when the run ends.

The notebooks make scratch folders with `tempfile` (corpora, packed models, copies of the grid: up to a few hundred MB
each) and, as a user in Jupyter would, leave them for the session to read. A test or docs run is not a session: the
runners (tests/test_notebooks.py, tools/build_docs.py) wrap each notebook in `scratch_tmpdir`, so that CI and repeated
local runs do not fill the disk (CI once failed with "No space left on device" when earlier runs had left about 40 GB of them in /tmp)."""
import getpass, os, shutil, tempfile
from contextlib import contextmanager
from pathlib import Path

@contextmanager
def scratch_tmpdir(name:str):
    "Point `tempfile` (this process) and `TMPDIR` (its subprocesses) at a fresh folder for the body; remove it after."
    keys = ('TMPDIR', 'TORCHINDUCTOR_CACHE_DIR')
    old_env, old_dir = {k: os.environ.get(k) for k in keys}, tempfile.tempdir
    # torch.compile's worker processes outlive the notebook and would make their cache in its folder after it is gone:
    # they keep torch's own default, /tmp/torchinductor_<user>
    os.environ.setdefault('TORCHINDUCTOR_CACHE_DIR', os.path.join(tempfile.gettempdir(), f'torchinductor_{getpass.getuser()}'))
    d = tempfile.mkdtemp(prefix=f'nbrun-{name}-')
    os.environ['TMPDIR'], tempfile.tempdir = d, d
    try: yield Path(d)
    finally:
        tempfile.tempdir = old_dir
        for k, v in old_env.items():
            if v is None: os.environ.pop(k, None)
            else: os.environ[k] = v
        shutil.rmtree(d, ignore_errors=True)

if __name__ == '__main__':   # self-check: files made inside are gone after, the settings are restored
    before = (os.environ.get('TMPDIR'), os.environ.get('TORCHINDUCTOR_CACHE_DIR'), tempfile.gettempdir())
    with scratch_tmpdir('selfcheck') as d:
        f = Path(tempfile.mkdtemp())/'x'; f.write_text('x')
        assert f.is_relative_to(d) and os.environ['TMPDIR'] == str(d)
    assert not d.exists() and (os.environ.get('TMPDIR'), os.environ.get('TORCHINDUCTOR_CACHE_DIR'), tempfile.gettempdir()) == before
    print('scratch: ok')
