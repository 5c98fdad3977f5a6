"""Ship a trained teacher: copy `RUN/final` into mpq_nb/assets/teachers/NAME and append the run's learning curve.

    python tools/ship_teacher.py runs/w2v-cont2 wav2vec2-tiny --stage "continued (--init), 2nd run"

The work is `mpq_nb.models.ship_teacher` (also what `mpq teacher --ship --stage LABEL` does).
"""
import argparse
from pathlib import Path
from mpq_nb.models import ship_teacher

def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('run', type=Path, help='the run folder of `mpq teacher --out RUN` (with final/ and history.csv)')
    p.add_argument('name', help='shipped name, e.g. wav2vec2-tiny')
    p.add_argument('--stage', required=True, help='label of this stage in train_history.csv')
    a = p.parse_args(argv)
    print(f'shipped {a.run/"final"} as {ship_teacher(a.run, a.name, a.stage)}')

if __name__ == '__main__':
    main()
