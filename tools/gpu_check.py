"""The GPU check (a device machine, not CI): `mpq_nb.compress` on a wav2vec2-base-shaped stand-in, and `mpq_nb.bench` at full depth.

Why it is a tool and not a test: it needs a GPU machine, which CI never has, and it runs there with that machine's
torch and transformers plus a few wheels carried beside it (no network there). Prepare here, then run there:

    python tools/gpu_check.py --make-corpus .gpu/corpus          # here: a small corpus (espeak-ng is only here)
    python3 tools/gpu_check.py OUT [--quick] [--only-compress]    # there (--quick: the same code at a tiny size, a CPU dry run)

Writes OUT/env.json, OUT/compress.json, OUT/bench.json as each part ends (a timeout still leaves the finished parts).
The corpus is read from .gpu/corpus beside the repo root.
"""
import gc, json, os, platform, subprocess, sys, time, traceback
from pathlib import Path

if sys.argv[1:2] == ['--make-corpus']:
    from mpq_nb.data import make_corpus
    m = make_corpus(sys.argv[2], hours=0.034, dev_hours=0.001, test_hours=0.009, unseen_hours=0.009, noise=0.0, n_speakers=8,
                    n_unseen_speakers=2, n_jobs=1)
    print(json.dumps(m['splits'])); sys.exit(0)

import torch
OUT = Path(sys.argv[1]); OUT.mkdir(parents=True, exist_ok=True)
QUICK = '--quick' in sys.argv
HERE = Path(__file__).resolve().parents[1]/'.gpu'
CUDA = torch.cuda.is_available()
DEV = 'cuda' if CUDA else 'cpu'
if not CUDA: torch.set_num_threads(1)
T0 = time.perf_counter()

def log(*a): print(f'[{time.perf_counter() - T0:7.1f}s]', *a, flush=True)
def dump(name, obj): (OUT/name).write_text(json.dumps(obj, indent=1, default=str)); log('wrote', name)
def gib(b): return round(b / 2**30, 3)

# ---------------------------------------------------------------- environment
def versions():
    import importlib
    v = {}
    for m in ('torch', 'transformers', 'accelerate', 'datasets', 'huggingface_hub', 'tokenizers', 'safetensors', 'numpy',
              'pandas', 'scipy', 'pyarrow', 'onnx', 'onnxruntime', 'soundfile', 'jiwer', 'rapidfuzz', 'dill', 'multiprocess', 'fsspec', 'tqdm'):
        try:
            mod = importlib.import_module(m)
            v[m] = getattr(mod, '__version__', None)
            if v[m] is None:
                from importlib.metadata import version
                try: v[m] = version(m)
                except Exception: v[m] = 'imported (no version)'
        except Exception as e: v[m] = f'MISSING: {type(e).__name__}: {e}'[:200]
    return v

env = dict(python=platform.python_version(), quick=QUICK, cuda=CUDA, device=DEV, versions=versions(),
           cpu_count=os.cpu_count(), torch_threads=torch.get_num_threads(),
           allow_tf32_matmul=torch.backends.cuda.matmul.allow_tf32, allow_tf32_cudnn=torch.backends.cudnn.allow_tf32,
           float32_matmul_precision=torch.get_float32_matmul_precision())
if CUDA:
    p = torch.cuda.get_device_properties(0)
    env.update(gpu=p.name, gpu_mem_gib=gib(p.total_memory), sm_count=p.multi_processor_count, torch_cuda=torch.version.cuda)
    try: env['nvidia_smi'] = subprocess.run(['nvidia-smi', '--query-gpu=name,driver_version,memory.total,clocks.max.sm',
                                             '--format=csv,noheader'], capture_output=True, text=True, timeout=30).stdout.strip()
    except Exception as e: env['nvidia_smi'] = repr(e)
log(json.dumps(env, default=str))
dump('env.json', env)

# ---------------------------------------------------------------- 1. compress on a wav2vec2-base-shaped stand-in
def run_compress():
    import mpq_nb.compress as C
    from transformers import Wav2Vec2Config, Wav2Vec2ForCTC
    from mpq_nb.models import make_processor
    from mpq_nb.bench import HUB_ARCHS
    res = dict(stage_wall={}, calls=[])
    work = Path('/tmp/mpq-gpu') if not QUICK else OUT/'work'
    work.mkdir(parents=True, exist_ok=True)
    proc = make_processor()
    kw = dict(HUB_ARCHS['facebook/wav2vec2-base-100h'][2])
    kw.update(vocab_size=len(proc.tokenizer), pad_token_id=proc.tokenizer.pad_token_id)
    if QUICK: kw.update(num_hidden_layers=1, hidden_size=96, num_attention_heads=2, intermediate_size=192,
                        conv_dim=(32,) * 7, num_conv_pos_embeddings=16, num_conv_pos_embedding_groups=4)
    cfg = Wav2Vec2Config(**kw)
    res['teacher_config'] = {k: getattr(cfg, k) for k in ('vocab_size', 'hidden_size', 'num_hidden_layers', 'num_attention_heads',
                             'intermediate_size', 'conv_dim', 'conv_stride', 'conv_kernel', 'feat_extract_norm',
                             'do_stable_layer_norm', 'conv_bias', 'layerdrop', 'mask_time_prob', 'pad_token_id')}
    torch.manual_seed(0)
    t = time.perf_counter()
    m = Wav2Vec2ForCTC(cfg)
    res['teacher_params'] = sum(p.numel() for p in m.parameters())
    stand_in = work/'wav2vec2-base-standin'
    m.save_pretrained(stand_in); proc.save_pretrained(stand_in)
    del m
    res['stage_wall']['make_standin'] = round(time.perf_counter() - t, 2)
    log('stand-in saved', stand_in, res['teacher_params'], 'params')

    # time compress's internal stages, without touching the package: wrap the names compress looks up in its module
    def timed(name, fn):
        def w(*a, **k):
            t = time.perf_counter()
            if CUDA: torch.cuda.synchronize()
            try: return fn(*a, **k)
            finally:
                if CUDA: torch.cuda.synchronize()
                label = name if name != 'run_system' else f"run_system:{a[3].name}"
                dt = round(time.perf_counter() - t, 2)
                res['calls'].append(dict(call=label, seconds=dt,
                                         cuda_max_alloc_gib=gib(torch.cuda.max_memory_allocated()) if CUDA else None))
                log('stage', label, dt, 's')
        return w
    for n in ('_inputs', 'score_fp32', 'run_system', '_deploy'): setattr(C, n, timed(n, getattr(C, n)))

    settings = dict(budget=3.5, bits=(2, 4, 8), method='one-stage', uniform_bits=4,
                    steps=20 if not QUICK else 2, train_utts=100 if not QUICK else 8,
                    eval_utts=20 if not QUICK else 2, batch_seconds=16. if not QUICK else 4., progress=False)
    res['settings'] = settings
    acc = 'auto'
    if QUICK and '--acc' in sys.argv:
        from mpq_nb.train import make_accelerator
        acc = make_accelerator(cpu=True)
    if CUDA: torch.cuda.reset_peak_memory_stats()
    t = time.perf_counter()
    report = C.compress(str(stand_in), out=work/'run', corpus=str(HERE/'corpus'), accelerator=acc, **settings)
    res['stage_wall']['compress_total'] = round(time.perf_counter() - t, 2)
    res['cuda_max_alloc_gib_compress'] = gib(torch.cuda.max_memory_allocated()) if CUDA else None
    res['report'] = report
    res['formatted'] = C.format_report(report)
    res['table'] = C.report_table(report).reset_index().to_dict(orient='records')
    log('\n' + res['formatted'])
    for f in ('results.csv',):
        p = Path(report['out'])/f
        if p.exists(): res[f] = p.read_text()
    return res

try: comp = run_compress(); comp['ok'] = True
except Exception: comp = dict(ok=False, error=traceback.format_exc()); log(comp['error'])
dump('compress.json', comp)
if '--only-compress' in sys.argv: sys.exit(0)
gc.collect()
if CUDA: torch.cuda.empty_cache()

# ---------------------------------------------------------------- 2. bench: bench_large (as the tutorial calls it) and full depth
from mpq_nb.bench import HUB_ARCHS, KINDS, hub_architecture, bench_large, time_steps, step_cost, random_batch

bench = dict(device=DEV, kinds=list(KINDS), results={})
def save_bench(): dump('bench.json', bench)

def full_depth(hub_id, seconds, utterances, reps, warmup, layers=None):
    "Times side by side (time_steps), then each kind alone for its peak memory; FLOPs and saved bytes from step_cost on meta."
    r = dict(seconds=seconds, utterances=utterances, reps=reps, warmup=warmup)
    meta = hub_architecture(hub_id, layers=layers, device='meta')
    mb = {'input_values': torch.zeros(utterances, int(16000 * seconds / utterances), device='meta')}
    cost = {k: step_cost(meta, k, mb) for k in KINDS}
    r['cost_meta'] = {k: {x: c[x] for x in ('params', 'student', 'trainable', 'searchable', 'fwd_flops', 'bwd_flops',
                                            'teacher_fwd_flops', 'saved', 'weight_copies', 'attention')} for k, c in cost.items()}
    del meta
    model = hub_architecture(hub_id, layers=layers, device=DEV)
    r['layers'] = model.config.num_hidden_layers
    r['params'] = sum(p.numel() for p in model.parameters())
    batch = random_batch(model, seconds, utterances, 0, DEV)
    r['frames_per_utt'] = int(model._get_feat_extract_output_lengths(batch['input_values'].shape[1]))
    t = time.perf_counter()
    ms = time_steps(model, batch, KINDS, reps=reps, warmup=warmup)
    r['side_by_side_ms'] = {k: round(v, 2) for k, v in ms.items()}
    r['side_by_side_wall_s'] = round(time.perf_counter() - t, 1)
    r['ratios_side_by_side'] = dict(search_vs_fp32=round(ms['search'] / ms['fp32'], 4), qat_vs_fp32=round(ms['qat'] / ms['fp32'], 4),
                                    search_vs_qat=round(ms['search'] / ms['qat'], 4))
    gc.collect()
    if CUDA: torch.cuda.empty_cache()
    # each kind alone: peak memory of its student + optimizer + step, above the teacher and the batch
    r['alone'] = {}
    for k in KINDS:
        gc.collect()
        if CUDA: torch.cuda.empty_cache(); torch.cuda.reset_peak_memory_stats(); base = torch.cuda.memory_allocated()
        one = time_steps(model, batch, (k,), reps=max(1, reps - 2), warmup=1)
        a = dict(ms=round(one[k], 2), teacher_forward_ms=round(one['teacher_forward'], 2))
        fl = cost[k]['fwd_flops'] + cost[k]['bwd_flops']
        a['student_tflop'] = round(fl / 1e12, 3); a['teacher_fwd_tflop'] = round(cost[k]['teacher_fwd_flops'] / 1e12, 3)
        a['achieved_tflops_per_s'] = round(fl / (one[k] / 1e3) / 1e12, 2)      # fwd_flops count the teacher's forward
        if CUDA:
            a['peak_alloc_gib'] = gib(torch.cuda.max_memory_allocated())
            a['peak_above_teacher_and_batch_gib'] = gib(torch.cuda.max_memory_allocated() - base)
            a['peak_reserved_gib'] = gib(torch.cuda.max_memory_reserved())
        r['alone'][k] = a
        log(hub_id, seconds, utterances, k, a)
    del model, batch
    gc.collect()
    if CUDA: torch.cuda.empty_cache()
    return r

if QUICK:
    plan = [('bench_large', dict(layers=1, seconds=1., utterances=1, reps=1, warmup=0)),
            ('full_16s_x4', dict(seconds=1., utterances=1, reps=1, warmup=0, layers=1)),
            ('estimate_worst_60s_x3', dict(seconds=2., utterances=2, reps=1, warmup=0, layers=1))]
else:
    plan = [('bench_large', dict(layers=1, seconds=16., utterances=4, reps=5)),       # the tutorial's overhead cell, on cuda
            ('full_16s_x4', dict(seconds=16., utterances=4, reps=5, warmup=2)),       # bench_large's batch, all layers
            ('estimate_worst_60s_x3', dict(seconds=60., utterances=3, reps=4, warmup=1))]  # the estimate's worst batch (batch_seconds 64)
for hub_id in HUB_ARCHS:
    bench['results'][hub_id] = {}
    for name, kw in plan:
        t = time.perf_counter()
        try:
            if name == 'bench_large': r = bench_large(hub_id, device=DEV, **kw)
            else: r = full_depth(hub_id, **kw)
            r['wall_s'] = round(time.perf_counter() - t, 1)
        except Exception: r = dict(error=traceback.format_exc(), settings=kw); log(r['error'])
        if CUDA: r['cuda_max_alloc_gib_so_far'] = gib(torch.cuda.max_memory_allocated())
        bench['results'][hub_id][name] = r
        log(hub_id, name, 'done in', round(time.perf_counter() - t, 1), 's')
        save_bench()
        gc.collect()
        if CUDA: torch.cuda.empty_cache()
bench['total_s'] = round(time.perf_counter() - T0, 1)
save_bench()
log('ALL DONE')
