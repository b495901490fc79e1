/**
 * Churn models on a labelled table: `npm run bench -- churn [--file F] [--label L] [--positive V]
 * [--id C] [--ignore a,b] [--folds 5] [--seed 42]`. Defaults: ../shared/datasets/churn/bank_churn.csv
 * (Exited = 1, id CustomerId; RowNumber and Surname ignored, as the datasets README says they carry
 * no signal). Aerie's gradient-boosted trees and logistic baseline (default parameters) run on
 * stratified folds; then, in the same run and on the very same folds and one-hot features,
 * XGBoost (`hist`, depth 3, 300 trees, learning rate 0.05, 2 threads: the README's reference) and
 * scikit-learn's standardised logistic regression through python3 (XGBoost also on one thread), or "unavailable" where they do
 * not import. Prints one JSON object with wall and CPU times and the load average.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { tabularCv } from '../engine/churn/tabular-cv.js';
import { readTable } from '../engine/cli/commands/resolve.js';
import { labelledFrame } from '../engine/ml/frame.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const file = arg('file', '../shared/datasets/churn/bank_churn.csv');
const opts = {
  file,
  label: arg('label', 'Exited'),
  positive: arg('positive', '1'),
  id: arg('id', 'CustomerId'),
  ignore: arg('ignore', 'RowNumber,Surname').split(',').filter(Boolean),
  folds: Number(arg('folds', '5')),
  seed: Number(arg('seed', '42')),
};

const PY = String.raw`
import json, sys, time
try:
    import numpy as np
    from sklearn.metrics import roc_auc_score
except Exception as e:
    print(json.dumps({"xgboost": "unavailable", "sklearn_logistic": "unavailable", "why": str(e)})); sys.exit(0)
d = json.load(open(sys.argv[1]))
X = np.array(d["X"], dtype=float)  # None -> nan
y = np.array(d["y"]); fold = np.array(d["fold"]); k = d["folds"]
out = {}
def cv(make, prep=None):
    aucs, wall, cpu = [], [], []
    for f in range(k):
        tr, te = fold != f, fold == f
        Xtr, Xte = X[tr], X[te]
        t0, c0 = time.perf_counter(), time.process_time()
        if prep: Xtr, Xte = prep(Xtr, Xte)
        m = make(); m.fit(Xtr, y[tr])
        wall.append((time.perf_counter() - t0) * 1000); cpu.append((time.process_time() - c0) * 1000)
        aucs.append(float(roc_auc_score(y[te], m.predict_proba(Xte)[:, 1])))
    a = np.array(aucs)
    return {"auc_mean": round(float(a.mean()), 4), "auc_std": round(float(a.std(ddof=1)), 4), "auc_folds": [round(v, 4) for v in aucs],
            "fit_ms_mean": round(float(np.mean(wall)), 1), "fit_ms_folds": [round(v, 1) for v in wall], "fit_cpu_ms_mean": round(float(np.mean(cpu)), 1)}
try:
    import xgboost as xgb
    out["xgboost"] = {"version": xgb.__version__, "params": "hist, max_depth 3, 300 trees, learning_rate 0.05, n_jobs 2",
        **cv(lambda: xgb.XGBClassifier(tree_method="hist", max_depth=3, n_estimators=300, learning_rate=0.05, n_jobs=2))}
    # one thread: the same CPU work as Aerie's single-threaded trainer, and steadier on a busy machine
    out["xgboost_1_thread"] = {"params": "as above, n_jobs 1",
        **cv(lambda: xgb.XGBClassifier(tree_method="hist", max_depth=3, n_estimators=300, learning_rate=0.05, n_jobs=1))}
except ImportError as e:
    out["xgboost"] = "unavailable"
try:
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler
    from sklearn.impute import SimpleImputer
    import sklearn
    def prep(a, b):
        imp = SimpleImputer(strategy="mean").fit(a); a, b = imp.transform(a), imp.transform(b)
        s = StandardScaler().fit(a); return s.transform(a), s.transform(b)
    out["sklearn_logistic"] = {"version": sklearn.__version__, "params": "mean-imputed, standardised, C=1", **cv(lambda: LogisticRegression(max_iter=1000), prep)}
except ImportError:
    out["sklearn_logistic"] = "unavailable"
print(json.dumps(out))
`;

const load0 = loadavg();
const t0 = performance.now();
const c0 = process.cpuUsage();
const r = await readTable(file, () => {});
const cv = tabularCv(r.table, { ...opts, baseline: true });
const c1 = process.cpuUsage(c0);
const aerieWallMs = performance.now() - t0;

// the very same rows, features and folds for python
const frame = labelledFrame(r.table, opts);
const dir = mkdtempSync(join(tmpdir(), 'aerie-churn-bench-'));
let python: Record<string, unknown>;
try {
  const data = join(dir, 'folds.json');
  const X = Array.from({ length: frame.m.rows }, (_, i) => frame.m.columns.map((c) => (Number.isNaN(c[i]!) ? null : c[i]!)));
  writeFileSync(data, JSON.stringify({ X, y: Array.from(frame.y), fold: Array.from(cv.fold_of_row), folds: opts.folds }));
  const script = join(dir, 'ref.py');
  writeFileSync(script, PY);
  const t1 = performance.now();
  // Debian's python3-xgboost / python3-sklearn live under /usr/bin/python3, whatever python3 is first on PATH
  const py = process.env.AERIE_BENCH_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
  const p = spawnSync(py, [script, data], { encoding: 'utf8', timeout: 600_000 });
  python = p.status === 0 ? (JSON.parse(p.stdout) as Record<string, unknown>) : { xgboost: 'unavailable', sklearn_logistic: 'unavailable', why: (p.stderr || String(p.error)).slice(-500) };
  python.wall_ms = Math.round(performance.now() - t1);
  python.python = py;
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const { fold_of_row: _f, table_rows: _t, columns, logistic, params, ...gbdt } = cv;
const xg = python.xgboost as { auc_mean: number; fit_ms_mean: number; fit_cpu_ms_mean: number } | 'unavailable';
const x1 = python.xgboost_1_thread as { fit_cpu_ms_mean: number } | 'unavailable' | undefined;
console.log(
  JSON.stringify(
    {
      bench: 'churn',
      dataset: file,
      options: opts,
      columns: columns.map((c) => ({ column: c.column, kind: c.kind, ...(c.kind === 'categorical' ? { categories: c.categories.length } : {}) })),
      aerie_gbdt: { ...gbdt, params },
      aerie_logistic: logistic,
      xgboost: python.xgboost,
      xgboost_1_thread: python.xgboost_1_thread ?? 'unavailable',
      sklearn_logistic: python.sklearn_logistic,
      ...(python.why ? { python_error: python.why } : {}),
      goal:
        xg === 'unavailable' || !xg
          ? 'xgboost unavailable'
          : {
              auc_minus_xgboost: Number((gbdt.auc_mean - xg.auc_mean).toFixed(4)),
              fit_wall_ratio_to_xgboost: Number((gbdt.fit_ms_mean / xg.fit_ms_mean).toFixed(2)),
              fit_cpu_ratio_to_xgboost: Number((gbdt.fit_cpu_ms_mean / xg.fit_cpu_ms_mean).toFixed(2)),
              ...(x1 && x1 !== 'unavailable' ? { fit_cpu_ratio_to_xgboost_1_thread: Number((gbdt.fit_cpu_ms_mean / x1.fit_cpu_ms_mean).toFixed(2)) } : {}),
            },
      aerie_wall_ms: Math.round(aerieWallMs),
      aerie_cpu_ms: Math.round((c1.user + c1.system) / 1000),
      python: python.python,
      python_wall_ms: python.wall_ms,
      load_average_before: load0.map((v) => Number(v.toFixed(2))),
      load_average_after: loadavg().map((v) => Number(v.toFixed(2))),
    },
    null,
    2,
  ),
);
