"""Write the measured sections of nbs/index.ipynb (and so of README.md) from the files that the runs wrote.

Nothing in these sections is typed by hand: each is rebuilt from a log, a report or a CSV of a command in this repo.

    python tools/update_readme.py --mainjob runs/mainjob/log.txt --report mpq-out/wav2vec2-tiny-one-stage-3.5bits/report.json \
        --ptq results/ptq-wav2vec2-tiny.csv results/ptq-hubert-tiny.csv [--results results/results.csv [--png nbs/images/pareto.png]]
    python tools/make_readme.py          # then README.md from nbs/index.ipynb

Each section lives in one markdown cell of nbs/index.ipynb between `<!-- NAME:start -->` and `<!-- NAME:end -->`
(NAME = mainjob, teachers, results); the rest of the notebook is left as it is.
"""
from __future__ import annotations
import argparse, json, re, sys
from pathlib import Path
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
INDEX = ROOT/'nbs'/'index.ipynb'


def _mmss(s: float) -> str:
    s = int(round(s))
    return f'{s // 60} min {s % 60:02d} s' if s >= 60 else f'{s} s'


def _strip_bars(text: str) -> list[str]:
    "The lines of a log without tqdm's carriage-return redraws (the last state of each bar is kept)."
    return [l.split('\r')[-1].rstrip() for l in text.splitlines()]


def _bar_seconds(lines: list[str], desc: str) -> float | None:
    "The elapsed time of the last state of the tqdm bar `desc` in a log, in seconds."
    for l in reversed(lines):
        if l.startswith(desc) and (m := re.search(r'\[(?:(\d+):)?(\d+):(\d+)<', l)):
            h, mi, s = m.groups()
            return int(h or 0) * 3600 + int(mi) * 60 + int(s)
    return None


def mainjob_section(log: Path, report: Path) -> str:
    text = log.read_text(errors='replace')
    lines = _strip_bars(text.replace('\r', '\n'))
    rep = json.loads(report.read_text())
    start = next(i for i, l in enumerate(lines) if l.lstrip().startswith('wer_test'))
    end = next(i for i in range(start, len(lines)) if not lines[i].strip())   # the table; its bit map is in report.json
    table = '\n'.join(lines[start:end])
    wall = next(float(m.group(1)) for l in lines if (m := re.match(r'wall time of this command: ([\d.]+) s', l)))
    cmd = next((l[len('$ '):] for l in lines if l.startswith('$ ')), None) or rep.get('command') or 'mpq'
    corpus_s = _bar_seconds(lines, 'corpus ')
    rows = {r['system']: r for r in rep['rows']}
    main = rep['rows'][-1]
    m = rep['machine']
    parts = [f"`{cmd}` on {rep['date']}, at commit `{m['git_commit']}`, on this project's {m['cores']}-core CPU machine "
             f"(torch {m['torch']}, {m['torch_threads']} threads). It took **{_mmss(wall)}** of wall time in all"]
    steps = rep['args']['system']['steps']
    stages = [f"{steps} steps of {name} ({', '.join(f'{k} {v:.0f} s' for k, v in r['stage_seconds'].items())})"
              for name, r in rows.items() if r.get('stage_seconds')]
    detail = (f"{_mmss(corpus_s)} to synthesise the corpus (its progress bar), then " if corpus_s else "the corpus was in the "
              "cache already; ") + ', '.join(stages) + ", and the scoring of every system on " + \
             ' and '.join(f'`{s}`' for s in rep['args']['job']['splits'])
    fp = rows['fp32']
    dep = next((l for l in lines if l.startswith('deployed with ONNX Runtime')), None)   # the run's deployment line
    verdict = []
    for s in rep['args']['job']['splits']:
        d = main[f'wer_{s}'] - fp[f'wer_{s}']
        p = main.get(f'p_{s}')
        verdict.append(f"on `{s}` its WER is {100 * main[f'wer_{s}']:.2f}% against the teacher's {100 * fp[f'wer_{s}']:.2f}% "
                       f"({'+' if d >= 0 else ''}{100 * d:.2f} points, p = {p:.3f})")
    uni = [r for n, r in rows.items() if n.startswith('uniform')]
    size = (f"; it is {main['compression_ratio']:.2f}x smaller than FP32 as `compression_ratio` counts it "
            f"({main['avg_bits']:.2f} bits on average), against {uni[0]['compression_ratio']:.2f}x for {uni[0]['system']}"
            if uni else '')
    return '\n'.join([
        '## What the main job printed here', '',
        parts[0] + ': ' + detail + '.', '',
        '```text', table, '```', '',
        f"For `{main['system']}`: " + '; '.join(verdict) + size + '. "lossless" means no significant WER increase '
        '(MAPSSWE matched-pairs test against FP32, NIST sc_stats segments, at the 0.05 level) on any split.']
        + (['', "Its last line: the compressed model exported to ONNX (every quantized layer a `MatMulNBits` node with its "
            "own codes) and measured against the teacher's fp32 ONNX model, each in fresh processes (medians; memory above the bare "
            "runtime; see the tutorial *Compress a speech model on a CPU* and `mpq bench deploy`):", '', '```text', dep, '```']
           if dep else []))


def teachers_section(ptq_csvs: list[Path]) -> str:
    "One line per teacher: WER per test split of FP32 and of plain rounding at each bit-width (`mpq ptq`); the full tables are on the report page."
    sys.path.insert(0, str(ROOT))
    from mpq_nb.eval import significantly_worse, LEVEL
    frames = [pd.read_csv(f) for f in ptq_csvs]
    splits = [c[4:] for c in frames[0].columns if c.startswith('wer_')]
    systems = list(dict.fromkeys(s for df in frames for s in df.system))
    def cell(r, fp):
        return ' / '.join(f"{100 * r[f'wer_{s}']:.2f}" + ('*' if significantly_worse(r[f'wer_{s}'], fp[f'wer_{s}'], r[f'p_{s}']) else '')
                          for s in splits)
    out = [f"WER (%) on {' / '.join(f'`{s}`' for s in splits)} with greedy CTC decoding, of FP32 and after plain rounding "
           "(`mpq ptq`: every searchable weight rounded to b bits per output channel, no training; * = significantly "
           f"worse than FP32, p < {LEVEL}):", '',
           '| teacher | ' + ' | '.join(systems) + ' | made by |', '|---|' + '---:|' * len(systems) + '---|']
    for df in frames:
        r0, by = df.iloc[0], df.set_index('system')
        out.append(f"| {r0['model']} | " + ' | '.join(cell(by.loc[s], by.loc['fp32']) if s in by.index else '' for s in systems)
                   + f" | `mpq ptq --model {r0['model']}` at `{r0['git_commit']}` |")
    return '\n'.join(out)


def results_section(results_csv: Path, png: Path) -> str:
    "The newcomer's view of the grid: one headline table per teacher and the Pareto chart as a picture; the rest is on the report page."
    sys.path.insert(0, str(ROOT))
    from mpq_nb.experiments import grid_summary, headline, grid
    from mpq_nb.results import read_results
    from mpq_nb.report import headline_md, pareto_png
    df = read_results(results_csv)
    n, total = len(df), len(grid())
    state = (f"All {total} systems of the grid have a row; their training stages took {df.seconds.sum() / 3600:.2f} h "
             f"in all (the sum of the rows' training wall times, scoring not counted)." if n >= total else
             f"**{n} of the grid's {total} systems have a row so far**; `mpq experiments --out {results_csv.parent.name}` "
             f"resumes the grid where it stopped, and what follows is computed from the rows that exist.")
    older = results_csv.parent/'v2-method'
    if (older/'results.csv').exists():
        state += (f" The grid made before the method changed (issue 24: the 2-bit format, the initial scales, where the "
                  f"search starts and how it meets its budget, three seeds for every system) is kept in "
                  f"`{results_csv.parent.name}/{older.name}/` (`mpq experiments --summary --out {results_csv.parent.name}/{older.name}`).")
    pareto_png(results_csv, png)
    threads = ', '.join(f"{int(k)} torch thread{'s' if k > 1 else ''} per process: {int(v)} rows"
                        for k, v in df.torch_threads.value_counts().sort_index().items())
    rel = png.resolve().relative_to(INDEX.parent.resolve()).as_posix()
    return '\n'.join([
        "## The paper's comparison on the embedded benchmark", '', state, '',
        "Each method's best lossless system (no significant WER increase over FP32 on either test split, its seeds "
        "judged together in one matched-pairs test; the largest compression ratio), per teacher; train time is the "
        "training wall time in seconds on this "
        f"machine ({threads}):", '', headline_md(results_csv), '',
        f'![WER against compression ratio of every system of the grid]({rel})', '',
        '`mpq experiments --summary` prints, as its last line:', '', '```', headline(grid_summary(results_csv)), '```', '',
        "Every row, the verdict on each of the paper's claims, the seeds and the dev-split tuning are on the "
        "[report page](https://mpq-nb.github.io/mpq_nb/report.html)."])


def set_section(nb: dict, name: str, text: str):
    "Put `text` between the markers of `name` in the notebook's markdown cell that has them."
    start, end = f'<!-- {name}:start -->', f'<!-- {name}:end -->'
    for c in nb['cells']:
        src = ''.join(c['source'])
        if c['cell_type'] == 'markdown' and start in src:
            new = src[:src.index(start) + len(start)] + '\n' + text + '\n' + src[src.index(end):]
            c['source'] = new.splitlines(keepends=True)
            return
    raise SystemExit(f"no markdown cell of {INDEX} has the marker {start}: add `{start}` and `{end}` where the section goes")


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--mainjob', type=Path, help="the main job's log (with its 'wall time of this command' line)")
    p.add_argument('--report', type=Path, help="the main job's report.json")
    p.add_argument('--ptq', type=Path, nargs='*', default=[], help='CSVs written by `mpq ptq --out`')
    p.add_argument('--results', type=Path, help='results.csv of `mpq experiments`')
    p.add_argument('--png', type=Path, default=INDEX.parent/'images'/'pareto.png', help='where the Pareto chart is drawn')
    a = p.parse_args(argv)
    nb = json.loads(INDEX.read_text())
    if a.mainjob or a.report:
        if not (a.mainjob and a.report): raise SystemExit('--mainjob and --report go together')
        set_section(nb, 'mainjob', mainjob_section(a.mainjob, a.report))
    if a.ptq: set_section(nb, 'teachers', teachers_section(a.ptq))
    if a.results: set_section(nb, 'results', results_section(a.results, a.png))
    INDEX.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + '\n')
    print(f'updated {INDEX}; now run `python tools/make_readme.py`')


if __name__ == '__main__':
    main()
