"""Ship a trained teacher: copy `RUN/final` into mpq_nb/assets/teachers/NAME and append the run's learning curve.

    python tools/ship_teacher.py runs/w2v-cont2 wav2vec2-tiny --stage "continued (--init), 3rd run"

`train_history.csv` beside the weights keeps every stage the shipped weights went through: the run's
`history.csv` rows are appended with their steps counted on from the last shipped step and `stage` set to
`--stage`. The previous weights are replaced only by a run that started from them (`--init NAME`), which is the
caller's promise; the script refuses a run without `final/` or a stage label already used.
"""
from __future__ import annotations
import argparse, shutil
from pathlib import Path
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]

def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('run', type=Path, help='the run folder of `mpq teacher --out RUN` (with final/ and history.csv)')
    p.add_argument('name', help='shipped name, e.g. wav2vec2-tiny')
    p.add_argument('--stage', required=True, help='label of this stage in train_history.csv')
    a = p.parse_args(argv)
    final, hist_f = a.run/'final', a.run/'history.csv'
    if not (final/'model.safetensors').exists(): raise SystemExit(f'{final} has no model.safetensors: did the run finish?')
    if not hist_f.exists(): raise SystemExit(f'{hist_f} does not exist')
    dst = ROOT/'mpq_nb'/'assets'/'teachers'/a.name
    old = pd.read_csv(dst/'train_history.csv') if (dst/'train_history.csv').exists() else pd.DataFrame()
    if len(old) and a.stage in set(old['stage']): raise SystemExit(f'stage {a.stage!r} is already in {dst}/train_history.csv')
    new = pd.read_csv(hist_f)
    new['step'] += int(old['step'].max()) if len(old) else 0
    new['stage'] = a.stage
    hist = pd.concat([old, new], ignore_index=True)
    tmp = dst.with_name(dst.name + '.tmp')
    if tmp.exists(): shutil.rmtree(tmp)
    shutil.copytree(final, tmp)
    hist.to_csv(tmp/'train_history.csv', index=False)
    if dst.exists(): shutil.rmtree(dst)
    tmp.rename(dst)
    print(f'shipped {final} as {dst} ({len(new)} history rows appended as {a.stage!r}; {int(hist.step.max())} steps in all)')

if __name__ == '__main__':
    main()
