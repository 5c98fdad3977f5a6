"""Write the model of a teacher run's last checkpoint (`runs/teacher-<arch>/ckpt.pt`) as a `save_pretrained` folder,
for a run that was stopped before its last step. Usage: python tools/export_ckpt.py RUN_DIR ARCH OUT_DIR [CONFIG_OVERRIDES]"""
import sys, torch
from mpq_nb.models import make_processor, new_teacher
run, arch, out = sys.argv[1:4]
kw = eval(sys.argv[4]) if len(sys.argv) > 4 else {}
st = torch.load(f'{run}/ckpt.pt', weights_only=False)
proc = make_processor()
m = new_teacher(arch, proc, **kw)
m.load_state_dict(st['model']); m.eval().save_pretrained(out, safe_serialization=True); proc.save_pretrained(out)
print(f"step {st['step']}: wrote {out}; last history row {st['hist'][-1]}")
