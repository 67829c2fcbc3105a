#!/usr/bin/env bash
# Reruns every measurement behind the numbers quoted in the preset texts (the presets'
# descriptions, their Korean versions in src/i18n/presets.rs, presets/README.md, README.md)
# and prints them, labelled by preset, in the texts' own rounding. After a change to the
# numerics, run it and compare with the texts:
#
#   bash tools/preset_numbers.sh [path/to/basin]      # default target/release/basin
#
# It takes a few minutes on 2 cores. Medians are the mean of the middle two for an even count
# (as basin's own); diverged sweep cells are left out of the medians (as in `basin sweep`).
set -euo pipefail

basin=${1:-target/release/basin}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# json FILE KEY...: the KEYs of a JSON object, space-separated (null as "null").
json() {
    python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print(" ".join("null" if d.get(k) is None else repr(d[k]) for k in sys.argv[2:]))' "$@"
}

# summary SCALE DECIMALS: "median [min–max]" of the numbers on stdin, times SCALE.
summary() {
    python3 -c 'import statistics, sys
v = sorted(float(x) * float(sys.argv[1]) for x in sys.stdin.read().split())
f = "{:.%sf}" % sys.argv[2]
print(f.format(statistics.median(v)), "[" + f.format(v[0]) + "–" + f.format(v[-1]) + "]")' "$@"
}

# sharpness PRESET RUN SEED [--set ...]: the JSON of `basin sharpness` in $work/PRESET-RUN-SEED.json.
sharpness() {
    local preset=$1 run=$2 seed=$3
    shift 3
    "$basin" sharpness "$preset" --run "$run" --set "seed=$seed" "$@" \
        >"$work/$preset-$run-$seed.json"
}

# per_seed PRESET RUN KEY SCALE DECIMALS: the summary of KEY over seeds 1–5.
per_seed() {
    local preset=$1 run=$2 key=$3 scale=$4 decimals=$5
    for seed in 1 2 3 4 5; do
        sharpness "$preset" "$run" "$seed"
        json "$work/$preset-$run-$seed.json" "$key"
    done | summary "$scale" "$decimals"
}

# sweep_medians CSV: per batch size, the medians over its cells of λ_max, train and test
# loss and test accuracy (%).
sweep_medians() {
    python3 -c 'import csv, statistics, sys
rows = [r for r in csv.DictReader(open(sys.argv[1])) if r["diverged"] == "false"]
for b in dict.fromkeys(r["batch_size"] for r in rows):
    lam, train, test, acc = (statistics.median(float(r[k]) for r in rows if r["batch_size"] == b)
                             for k in ("lambda_max", "train_loss", "test_loss", "test_acc"))
    print(f"  B = {b}: λ_max {lam:#.3g}, train loss {train:#.3g}, test loss {test:.3f}, "
          f"test accuracy {100 * acc:.1f} %")' "$1"
}

echo "== sharp-vs-flat-net (shipped seed 7; run 0 B = 8, run 1 full batch)"
for run in 0 1; do
    sharpness sharp-vs-flat-net "$run" 7
    read -r lam trace eps loss test acc < <(json "$work/sharp-vs-flat-net-$run-7.json" \
        lambda_max hessian_trace eps_sharpness loss test_loss test_accuracy)
    python3 -c 'import sys; l, t, e, tr, te, a = map(float, sys.argv[2:])
print(f"  run {sys.argv[1]}: λ_max {l:.2f}, trace {t:#.3g}, ε-sharpness {e:.3f}, "
      f"test loss {te:.3f}, gap {te - tr:.3f}, test accuracy {100 * a:.1f} %")' \
        "$run" "$lam" "$trace" "$eps" "$loss" "$test" "$acc"
done

echo "== batch-size-matters (sweep: 8 batch sizes × 6 lrs × 2 seeds)"
"$basin" sweep batch-size-matters --out "$work/bsm.csv" >/dev/null 2>&1
sweep_medians "$work/bsm.csv"

echo "== digits-sharp-flat (shipped seed 3; run 0 B = 8, run 1 full batch)"
for run in 0 1; do
    sharpness digits-sharp-flat "$run" 3
    read -r lam loss test < <(json "$work/digits-sharp-flat-$run-3.json" lambda_max loss test_loss)
    python3 -c 'import sys; l, tr, te = map(float, sys.argv[2:])
print(f"  run {sys.argv[1]}: λ_max {l:.2f}, train loss {tr:.4f}, test loss {te:.3f}")' \
        "$run" "$lam" "$loss" "$test"
done
echo "  sweep (B = 8, 32, 128, 1,000 × seeds 1–5):"
"$basin" sweep digits-sharp-flat --out "$work/dsf.csv" >/dev/null 2>&1
sweep_medians "$work/dsf.csv"

echo "== digits-lr-range (sweep: B × η/B = 2⁻¹⁰…2⁻² × seeds 1–3, medians over seeds)"
"$basin" sweep digits-lr-range --out "$work/dlr.csv" >/dev/null 2>&1
python3 -c 'import csv, math, statistics, sys
rows = [r for r in csv.DictReader(open(sys.argv[1])) if r["diverged"] == "false"]
for b in dict.fromkeys(r["batch_size"] for r in rows):
    acc = {}
    for r in rows:
        if r["batch_size"] == b:
            acc.setdefault(float(r["lr"]), []).append(float(r["test_acc"]))
    med = {lr: statistics.median(v) for lr, v in sorted(acc.items())}
    good = sum(m >= 0.9 for m in med.values())
    cells = ", ".join(f"2^{round(math.log2(lr))}: {100 * m:.1f}" for lr, m in med.items())
    print(f"  B = {b}: {good} η/B with ≥ 90 %, best {100 * max(med.values()):.1f} % ({cells})")' \
    "$work/dlr.csv"
for run in 0 1; do
    sharpness digits-lr-range "$run" 1
    echo "  run $run: test loss $(json "$work/digits-lr-range-$run-1.json" test_loss |
        python3 -c 'print(f"{float(input()):.3f}")')"
done

echo "== batchnorm-batch-size (sweeps over seeds 1–5: test accuracy %, median [min–max])"
"$basin" sweep batchnorm-batch-size --out "$work/bn.csv" 2>/dev/null | grep 'BN batch' |
    sed 's/^B = 64, lr 0.100, /  /; s/, λ_max.*//'
"$basin" sweep batchnorm-batch-size --set 'sweep.batch_sizes=[2]' \
    --set 'sweep.bn_batch_sizes=[2]' --out "$work/bn2.csv" 2>/dev/null | grep 'BN batch' |
    sed 's/^B = 2, lr 0.100, /  SGD batch 2, /; s/, λ_max.*//'

echo "== digits (the shipped split; seeds 1–5 of the initial weights and batch order, as in a"
echo "   sweep: median [min–max])"
# digits_run LABEL RUN LR: the run (TOML, as run 0) swept at B = 32 for 1,000 steps, seeds 1–5.
digits_run() {
    "$basin" sweep digits --set "runs=[{$2}]" --set 'sweep.batch_sizes=[32]' \
        --set "sweep.lrs=[$3]" --set 'sweep.seeds=[1,2,3,4,5]' --set 'sweep.steps=1000' \
        --out "$work/digits.csv" >/dev/null 2>&1
    column() { python3 -c 'import csv, sys
for r in csv.DictReader(open(sys.argv[1])):
    print(r[sys.argv[2]])' "$work/digits.csv" "$1"; }
    echo "  $1: test accuracy % $(column test_acc | summary 100 1)," \
        "test loss $(column test_loss | summary 1 3)"
}
digits_run "SGD + momentum" 'optimizer = "sgd", lr = 0.05, momentum = 0.9' 0.05
digits_run "Adam" 'optimizer = "adam", lr = 0.001' 0.001

echo "== iris (seeds 1–5: median [min–max]; 45 test, 105 training flowers)"
for run in 0 1; do
    echo "  run $run: test accuracy % $(per_seed iris "$run" test_accuracy 100 1)," \
        "test flowers right $(per_seed iris "$run" test_accuracy 45 0)," \
        "training accuracy % $(per_seed iris "$run" train_accuracy 100 1)"
done

echo "== edge-of-stability (shipped seed 3): final λ_max against 2/η = 4"
sharpness edge-of-stability 0 3
json "$work/edge-of-stability-0-3.json" lambda_max | python3 -c 'print(f"  λ_max {float(input()):.2f}")'

echo "== edge-of-stability-adam: preconditioned sharpness, % of the edge"
adam_pct() { # STEPS SEED [--set ...]: preconditioned_sharpness / preconditioned_edge in %
    local steps=$1 seed=$2
    shift 2
    sharpness edge-of-stability-adam 0 "$seed" --set "training.steps=$steps" "$@"
    json "$work/edge-of-stability-adam-0-$seed.json" preconditioned_sharpness preconditioned_edge |
        python3 -c 'p, e = map(float, input().split()); print(100 * p / e)'
}
echo "  step 2,000, seeds 1–5: $(for s in 1 2 3 4 5; do adam_pct 2000 "$s"; done | summary 1 0) %"
echo "  step 100, seeds 1–5: $(for s in 1 2 3 4 5; do adam_pct 100 "$s"; done | summary 1 1) %"
sharpness edge-of-stability-adam 0 3
json "$work/edge-of-stability-adam-0-3.json" preconditioned_sharpness preconditioned_edge |
    python3 -c 'p, e = map(float, input().split()); print(f"  shipped seed 3: {p:,.0f} against {e:,.0f}")'
echo "  RMSprop (seed 3), step 2,000: $(adam_pct 2000 3 --set runs.0.optimizer=rmsprop |
    python3 -c 'print(f"{float(input()):.1f}")') %"
echo "  η = 0.0015 (seed 3), step 2,000: $(adam_pct 2000 3 --set runs.0.lr=0.0015 |
    python3 -c 'print(f"{float(input()):.0f}")') %"

echo "== engel-food: the held-out error's lowest degree (shipped seed, then seeds 1–10)"
lowest() { # SEED: the degree of the lowest held-out error
    "$basin" biasvar engel-food --set "seed=$1" --out "$work/engel.csv" >/dev/null 2>&1
    python3 -c 'import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print(min(rows, key=lambda r: float(r["test_mse"]))["complexity"])' "$work/engel.csv"
}
"$basin" biasvar engel-food --out "$work/engel.csv" >/dev/null 2>&1
python3 -c 'import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
best = min(rows, key=lambda r: float(r["test_mse"]))
lo = float(best["test_mse"]) + float(best["test_mse_se"])
for r in rows:
    d, e, se = r["complexity"], float(r["test_mse"]), float(r["test_mse_se"])
    mark = " (within one standard error of the lowest)" if e <= lo else ""
    print(f"  degree {d}: {e:,.0f} ± {se:,.0f}{mark}".replace(",", " "))' \
    "$work/engel.csv"
echo "  lowest degree, seeds 1–10: $(for s in $(seq 1 10); do lowest "$s"; done |
    paste -sd' ')"
