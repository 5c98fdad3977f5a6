"""Tune the main job's defaults on the DEV split (never on test): run `compress` for a few settings with
`splits=('dev',)` and print one line per setting. Usage: python tools/tune_dev.py OUT_DIR 'dict(lr=1e-4)' ..."""
import sys, json, torch
from mpq_nb.compress import compress, report_table

out = sys.argv[1]
for i, spec in enumerate(sys.argv[2:]):
    kw = dict(steps=200, budget=3.5, uniform_bits=4, splits=('dev',), progress=False, **eval(spec))
    rep = compress('wav2vec2-tiny', out=f'{out}/{i}', **kw)
    df = report_table(rep)
    print(json.dumps(dict(setting=spec, **{s: {k: (round(v, 4) if isinstance(v, float) else v) for k, v in r.items()}
                                          for s, r in df.to_dict('index').items()})), flush=True)
