//! The Bias–Variance lab's strings: its tab, Explain text and help, the model-family and
//! resampling controls, the curves and the complexity axes of every family.
//!
//! Every key here starts with `bv.` (checked by the tests in `i18n::tests`).

use super::{Entry, e};

/// The prefix of every key of this area.
pub const PREFIX: &str = "bv.";

/// This area's strings.
pub const ENTRIES: &[Entry] = &[
    // ----- tab, Explain, help -----
    e("bv.tab", "Bias–Variance", "편향-분산"),
    e(
        "bv.tab.tip",
        "Many fits on resampled data: bias, variance and test error against model complexity, \
         with cross-validation, bagging and boosting.",
        "다시 뽑은 데이터에 대한 여러 번의 적합: 모델 복잡도에 따른 편향, 분산, 테스트 오차, \
         그리고 교차 검증, 배깅, 부스팅.",
    ),
    e(
        "bv.help.1",
        "Many training sets, one model fitted to each.",
        "여러 학습 세트, 각각에 모델 하나를 적합합니다.",
    ),
    e(
        "bv.help.2",
        "Top: the faint beam of fits, their mean, the truth and one sample.",
        "위: 흐릿한 적합 곡선 다발, 그 평균, 참 함수, 표본 하나.",
    ),
    e(
        "bv.help.3",
        "Bottom: bias² + variance + noise = test error, against complexity.",
        "아래: 복잡도에 따른 편향² + 분산 + 잡음 = 테스트 오차.",
    ),
    e(
        "bv.help.4",
        "Move Complexity to see the fits; New sample redraws the data.",
        "복잡도를 움직여 적합을 보고, 새 표본으로 데이터를 다시 뽑습니다.",
    ),
    e(
        "bv.explain",
        "Many training sets are drawn from the same truth, and the same model is fitted to \
         each. Where the fits miss the truth on average is the bias; how much they scatter is \
         the variance. Bias² + variance + noise is the expected test error: the \
         bias-variance trade-off as a U over model complexity. Every number is estimated \
         from R fits, so it carries sampling error (the shaded ±2 SE bands): the mean of R \
         fits still scatters by variance/R, which the bias² subtracts — without that, a wild \
         model's bias² would seem to rise again. More training sets (R) narrow the bands.",
        "같은 참 함수에서 여러 학습 세트를 뽑아, 각각에 같은 모델을 적합합니다. 적합들이 \
         평균적으로 참 함수에서 벗어난 정도가 편향이고, 적합들이 흩어진 정도가 분산입니다. \
         편향² + 분산 + 잡음이 기대 테스트 오차입니다: 모델 복잡도에 따른 U자 모양의 \
         편향-분산 트레이드오프. 모든 값은 R개의 적합에서 추정하므로 표본 오차가 있습니다 \
         (음영: ±2 표준오차). R개 적합의 평균도 분산/R만큼 흔들리므로 편향²에서 그만큼을 \
         뺍니다 — 빼지 않으면 복잡한 모델의 편향²이 다시 오르는 것처럼 보입니다. 학습 세트 \
         수(R)를 늘리면 띠가 좁아집니다.",
    ),
    e(
        "bv.explain.try",
        "Move Complexity from low (under-fitting: high bias) to high (over-fitting: high \
         variance). Load cross-validation to choose the degree from the data, bagging to see \
         bootstrapping lower the variance, and boosting to see the bias fall round by round.",
        "복잡도를 낮은 쪽(과소적합: 큰 편향)에서 높은 쪽(과적합: 큰 분산)으로 움직여 보세요. \
         cross-validation 프리셋으로 데이터에서 차수를 고르고, bagging으로 부트스트래핑이 \
         분산을 줄이는 것을, boosting으로 라운드마다 편향이 줄어드는 것을 보세요.",
    ),
    // ----- top-bar button, status bar, notices -----
    e("bv.export_csv", "Export CSV", "CSV 내보내기"),
    e(
        "bv.export_csv.tip",
        "Write bias², variance, noise and the errors at every complexity as CSV where you \
         choose (without a file dialog, into exports/).",
        "모든 복잡도에서의 편향², 분산, 잡음과 오차를 CSV로 고른 곳(파일 대화 상자가 없으면 \
         exports/)에 저장합니다.",
    ),
    e(
        "bv.status.fitting",
        "Fitting {0} training sets × {1} complexities",
        "학습 세트 {0}개 × 복잡도 {1}개 적합 중",
    ),
    e(
        "bv.status.seed.tip",
        "Every training set, noise draw and resample comes from this seed.",
        "모든 학습 세트, 잡음, 재표본 추출이 이 시드에서 나옵니다.",
    ),
    e(
        "bv.notice.no_sweep",
        "no sweep yet: wait for the fits to finish",
        "아직 결과가 없습니다: 적합이 끝날 때까지 기다리세요",
    ),
    e(
        "bv.notice.nothing_yet",
        "nothing to export yet: wait for the sweep",
        "아직 내보낼 것이 없습니다: 적합이 끝날 때까지 기다리세요",
    ),
    // ----- Bias–Variance controls -----
    e("bv.family", "Model family", "모델 종류"),
    e(
        "bv.family.tip",
        "Which kind of model is fitted to every training set.",
        "각 학습 세트에 적합하는 모델의 종류.",
    ),
    e("bv.complexity", "Complexity", "복잡도"),
    e(
        "bv.complexity.tip",
        "How flexible the model is: move right to follow the data more closely (less bias, more variance).",
        "모델이 얼마나 유연한지: 오른쪽으로 갈수록 데이터를 더 가깝게 따라갑니다 (편향은 줄고 분산은 늘어남).",
    ),
    e("bv.ridge", "Ridge λ", "릿지 λ"),
    e(
        "bv.ridge.tip",
        "A penalty on large coefficients (polynomials, random features): it calms wild fits and flattens the double-descent peak.",
        "큰 계수에 주는 벌점 (다항식, 무작위 특성): 요동치는 적합을 가라앉히고 이중 하강의 봉우리를 낮춥니다.",
    ),
    e(
        "bv.ridge.disabled",
        "This model family has no ridge penalty.",
        "이 모델 종류에는 릿지 벌점이 없습니다.",
    ),
    e(
        "bv.noise.tip",
        "The spread of the noise added to every observation; σ² is the error no model can remove.",
        "모든 관측에 더하는 잡음의 퍼짐; σ²는 어떤 모델도 없앨 수 없는 오차입니다.",
    ),
    e(
        "bv.n_train",
        "Points per training set n",
        "학습 세트당 점 수 n",
    ),
    e(
        "bv.n_train.tip",
        "How many noisy points each training set has; more points mean less variance.",
        "각 학습 세트의 잡음 섞인 점 수; 점이 많을수록 분산이 줄어듭니다.",
    ),
    e("bv.new_sample", "New sample", "새 표본"),
    e(
        "bv.new_sample.tip",
        "Draw all the training sets again (the next seed).",
        "모든 학습 세트를 다시 뽑습니다 (다음 시드).",
    ),
    e("bv.resampling", "Resampling", "재표본 추출"),
    e("bv.repeats", "Training sets R", "학습 세트 수 R"),
    e(
        "bv.repeats.tip",
        "How many training sets are drawn and fitted; their spread is the variance.",
        "뽑아서 적합하는 학습 세트의 수; 적합들의 퍼짐이 분산입니다.",
    ),
    e("bv.folds", "Folds k", "폴드 수 k"),
    e(
        "bv.folds.tip",
        "Cross-validation splits one training set into k parts and predicts each from the others.",
        "교차 검증은 학습 세트 하나를 k개로 나누고 각 부분을 나머지로 예측합니다.",
    ),
    e("bv.fresh", "Fresh draws", "새로 뽑기"),
    e(
        "bv.fresh.tip",
        "Each training set is a new sample from the population: the textbook decomposition.",
        "각 학습 세트가 모집단에서 새로 뽑은 표본입니다: 교과서의 분해.",
    ),
    e("bv.bootstrap", "Bootstrap", "부트스트랩"),
    e(
        "bv.bootstrap.tip",
        "Each training set resamples one drawn set with replacement: what you can do with a single dataset.",
        "각 학습 세트가 한 번 뽑은 세트에서 복원 추출합니다 (부트스트래핑): 데이터셋이 하나뿐일 때 할 수 있는 방법.",
    ),
    e(
        "bv.oob.tip",
        "Each point is missed by a resample with probability (1 − 1/n) to the power n, about 1/e.",
        "각 점이 재표본에서 빠질 확률은 (1 − 1/n)의 n제곱, 약 1/e입니다.",
    ),
    e("bv.family.poly", "Polynomial (degree)", "다항식 (차수)"),
    e(
        "bv.family.poly.tip",
        "Least squares on polynomials; complexity is the degree.",
        "다항식의 최소제곱; 복잡도는 차수입니다.",
    ),
    e(
        "bv.family.knn",
        "k nearest neighbours (1/k)",
        "k-최근접 이웃 (1/k)",
    ),
    e(
        "bv.family.knn.tip",
        "The mean of the k nearest training points; complexity grows as k shrinks.",
        "가장 가까운 학습 점 k개의 평균; k가 작아질수록 복잡도가 커집니다.",
    ),
    e("bv.family.mlp", "Small MLP (width)", "작은 MLP (너비)"),
    e(
        "bv.family.mlp.tip",
        "A one-hidden-layer tanh network trained by Adam; complexity is the width.",
        "Adam으로 학습하는 은닉층 하나의 tanh 신경망; 복잡도는 너비입니다.",
    ),
    e(
        "bv.family.tree",
        "Regression tree (depth)",
        "회귀 나무 (깊이)",
    ),
    e(
        "bv.family.tree.tip",
        "A tree of yes/no splits on x; complexity is its depth.",
        "x에 대한 예/아니오 분할의 나무; 복잡도는 깊이입니다.",
    ),
    e(
        "bv.family.boosting",
        "Gradient boosting (rounds)",
        "그레이디언트 부스팅 (라운드)",
    ),
    e(
        "bv.family.boosting.tip",
        "Shallow trees added one by one to fix what the model still gets wrong.",
        "모델이 아직 틀리는 부분을 고치도록 얕은 나무를 하나씩 더합니다.",
    ),
    e("bv.family.rf", "Random features (p)", "무작위 특성 (p)"),
    e(
        "bv.family.rf.tip",
        "Least squares on p random features with the minimum-norm solution: double descent at p = n.",
        "무작위 특성 p개에 대한 최소 노름 최소제곱: p = n에서 이중 하강.",
    ),
    e(
        "bv.oob_measured",
        "Out-of-bag share {0}% (expected {1}%, -> 36.8% for large n)",
        "OOB 비율 {0}% (기댓값 {1}%, n이 크면 -> 36.8%)",
    ),
    e(
        "bv.oob_expected",
        "A bootstrap leaves out {0}% of the points (-> 36.8% for large n)",
        "부트스트랩은 점의 {0}%를 빼놓습니다 (n이 크면 -> 36.8%)",
    ),
    // ----- Bias–Variance view -----
    e("bv.fitting", "Fitting…", "적합 중…"),
    e("bv.truth", "truth f(x)", "참 함수 f(x)"),
    e("bv.sample", "training set 1", "학습 세트 1"),
    e("bv.mean_fit", "mean fit", "평균 적합"),
    e("bv.band", "±1σ band", "±1σ 띠"),
    e("bv.se_band", "bands: ±2 standard errors", "띠: ±2 표준오차"),
    e(
        "bv.heavy_tails",
        "Heavy tails: the largest 1 % of the fits ({0} of {1}) carry {2} % of the variance — \
         the median fit (dashed) shows where most fits are.",
        "두꺼운 꼬리: 가장 큰 1 %의 적합({1}개 중 {0}개)이 분산의 {2} %를 차지합니다 — \
         점선의 중앙값 적합이 대부분의 적합이 있는 곳을 보여 줍니다.",
    ),
    e("bv.median_fit", "median fit", "중앙값 적합"),
    // ----- the dartboard -----
    e(
        "bv.darts_hint",
        "Click the fits to throw darts at that x (right-click: a second point, a 2-D board).",
        "적합 그림을 클릭하면 그 x에 다트를 던집니다 (오른쪽 클릭: 두 번째 점, 2차원 과녁).",
    ),
    e("bv.darts_at", "Darts at x₀ = {0}", "x₀ = {0}의 다트"),
    e(
        "bv.darts_at2",
        "Darts at x₀ = {0}, x₁ = {1}",
        "x₀ = {0}, x₁ = {1}의 다트",
    ),
    e(
        "bv.darts_numbers",
        "bias {0} · spread (σ) {1} · {2} fits, one dart each",
        "편향 {0} · 퍼짐 (σ) {1} · 적합 {2}개, 각각 다트 하나",
    ),
    e(
        "bv.darts_off",
        "{0} darts land off the board (exploding fits)",
        "다트 {0}개가 과녁 밖에 떨어졌습니다 (폭주한 적합)",
    ),
    e(
        "bv.darts_axis",
        "prediction − truth at x₀",
        "x₀에서 예측 − 참값",
    ),
    e("bv.darts_axis0", "error at x₀", "x₀에서의 오차"),
    e("bv.darts_axis1", "error at x₁", "x₁에서의 오차"),
    e("bv.darts_fits", "one fit's prediction", "적합 하나의 예측"),
    e("bv.darts_truth", "the truth (bullseye)", "참값 (과녁 중심)"),
    e(
        "bv.darts_bias",
        "bias: bullseye → mean dart",
        "편향: 과녁 중심 → 평균 다트",
    ),
    e(
        "bv.darts_spread",
        "spread: ±1σ (variance = σ²)",
        "퍼짐: ±1σ (분산 = σ²)",
    ),
    e("bv.darts_mean", "mean dart", "평균 다트"),
    e("bv.darts_close", "× Dartboard", "× 과녁"),
    e(
        "bv.darts_close.tip",
        "Close the dartboard (click the fits again to reopen it).",
        "과녁을 닫습니다 (적합 그림을 다시 클릭하면 열립니다).",
    ),
    e(
        "bv.indistinct",
        "{0} not distinguishable from 0 here (its ±2 SE band reaches 0)",
        "여기서 {0}은(는) 0과 구별되지 않습니다 (±2 표준오차 띠가 0에 닿음)",
    ),
    e(
        "bv.indistinct_key",
        "not distinguishable from 0",
        "0과 구별되지 않음",
    ),
    e("bv.optimum", "optimum", "최적"),
    e("bv.current", "current", "현재"),
    e("bv.error_log", "error (log)", "오차 (로그)"),
    e("bv.underfitting", "under-fitting", "과소적합"),
    e("bv.overfitting", "over-fitting", "과적합"),
    e("bv.fits_at", "{0} fits at {1}", "{1}에서 적합 {0}개"),
    e(
        "bv.numbers",
        "bias² {0} · variance {1} · noise {2} · test MSE {3} (± 2 SE)",
        "편향² {0} · 분산 {1} · 잡음 {2} · 테스트 MSE {3} (± 2 표준오차)",
    ),
    e("bv.beam", "{0} fits (the beam)", "적합 {0}개 (다발)"),
    e("bv.error_against", "Error against {0}", "{0}에 따른 오차"),
    e(
        "bv.lowest",
        "lowest test MSE {0} at {1}",
        "가장 낮은 테스트 MSE {0}, {1}에서",
    ),
    e("bv.oob", "· out-of-bag share {0}%", "· OOB 비율 {0}%"),
    e("bv.curve.bias2", "bias²", "편향²"),
    e("bv.curve.variance", "variance", "분산"),
    e("bv.curve.noise", "noise σ²", "잡음 σ²"),
    e("bv.curve.test", "expected test MSE", "기대 테스트 MSE"),
    e("bv.curve.train", "training MSE", "학습 MSE"),
    e("bv.curve.cv", "k-fold CV MSE", "k-폴드 교차 검증 MSE"),
    e("bv.curve.bagged", "bagged MSE", "배깅 MSE"),
    e("bv.n_fits", "{0} fits", "적합 {0}개"),
    // ----- Bias–Variance on a person's own data (the truth unknown) -----
    e(
        "bv.data.truth_unknown",
        "The truth is unknown, so bias² and noise cannot be separated. What is shown is \
         estimated from held-out points and bootstrap resamples of the training rows; bands \
         are ±2 standard errors over the held-out points.",
        "참 함수를 모르므로 편향²과 잡음을 나눌 수 없습니다. 보이는 값은 떼어 둔 점들과 학습 행의 \
         부트스트랩 재표본으로 추정한 것이며, 띠는 떼어 둔 점들에 대한 ±2 표준오차입니다.",
    ),
    e(
        "bv.data.test_mse",
        "held-out test MSE",
        "떼어 둔 점의 테스트 MSE",
    ),
    e(
        "bv.data.variance",
        "variance across resamples",
        "재표본 간 분산",
    ),
    e(
        "bv.data.bias2_noise",
        "bias² + noise (together)",
        "편향² + 잡음 (함께)",
    ),
    e(
        "bv.data.bands",
        "band: ±2 standard errors",
        "띠: ±2 표준오차",
    ),
    e(
        "bv.data.fits_at",
        "{0} bootstrap fits at {1}",
        "{1}에서 부트스트랩 적합 {0}개",
    ),
    e(
        "bv.data.numbers",
        "test MSE {0} ± {1} · variance {2} ± {3} · bias² + noise {4} ± {5} (± 2 SE)",
        "테스트 MSE {0} ± {1} · 분산 {2} ± {3} · 편향² + 잡음 {4} ± {5} (± 2 표준오차)",
    ),
    e(
        "bv.data.train_points",
        "training rows ({0})",
        "학습 행 ({0})",
    ),
    e(
        "bv.data.test_points",
        "held-out points ({0})",
        "떼어 둔 점 ({0})",
    ),
    e("bv.data.shown_fits", "{0} of the fits", "적합 중 {0}개"),
    e(
        "bv.data.mean_fit",
        "mean of all {0} fits",
        "적합 {0}개 전체의 평균",
    ),
    e("bv.data.mean_fit_short", "mean fit", "평균 적합"),
    e("bv.data.train_short", "training rows", "학습 행"),
    e("bv.data.test_short", "held-out points", "떼어 둔 점"),
    e(
        "bv.data.lowest",
        "lowest held-out test MSE {0} ± {1} at {2}",
        "가장 낮은 테스트 MSE {0} ± {1}, {2}에서",
    ),
    e(
        "bv.data.split",
        "x = {0}, y = {1}: {2} training rows, {3} held out ({4} %)",
        "x = {0}, y = {1}: 학습 행 {2}개, 떼어 둔 점 {3}개 ({4} %)",
    ),
    e("bv.data.new_split", "New split", "새 분할"),
    e(
        "bv.data.status.fitting",
        "Fitting {0} bootstrap resamples × {1} complexities",
        "부트스트랩 재표본 {0}개 × 복잡도 {1}개 적합 중",
    ),
    e(
        "bv.data.new_split.tip",
        "The next seed: other rows held out, other bootstrap resamples.",
        "다음 시드: 다른 행을 떼어 두고 다른 부트스트랩 재표본을 뽑습니다.",
    ),
    e(
        "bv.data.resamples",
        "Bootstrap resamples B",
        "부트스트랩 재표본 수 B",
    ),
    e(
        "bv.data.resamples.tip",
        "How many bootstrap resamples of the training rows are fitted at each complexity; \
         their spread is the variance.",
        "각 복잡도에서 학습 행의 부트스트랩 재표본을 몇 개 적합할지; 그 퍼짐이 분산입니다.",
    ),
    e(
        "bv.data.description",
        "Your data: {0} (x = {1}, y = {2}, {3} rows).",
        "직접 가져온 데이터: {0} (x = {1}, y = {2}, {3}행).",
    ),
    e(
        "bv.open_data.tip",
        "Fit on your own 1-D regression data: a CSV file with a column x and a column y \
         (30 % of the rows held out). You can also drop the file on the window.",
        "직접 가져온 1차원 회귀 데이터로 적합합니다: x 열과 y 열이 있는 CSV 파일 (행의 30 %를 \
         떼어 둡니다). 파일을 창에 끌어다 놓아도 됩니다.",
    ),
    e(
        "bv.notice.cannot_read_data",
        "Cannot fit on this data; the experiment is unchanged: {0}",
        "이 데이터로 적합할 수 없어 실험은 그대로입니다: {0}",
    ),
    e(
        "bv.notice.no_figure_on_data",
        "The figure export does not draw own data yet; export the data (CSV) instead.",
        "그림 내보내기는 아직 직접 가져온 데이터를 그리지 않습니다. 대신 데이터(CSV)를 내보내세요.",
    ),
    // ----- Bias–Variance complexity axes -----
    e("bv.cx.degree", "degree", "차수"),
    e("bv.cx.width", "width", "너비"),
    e("bv.cx.depth", "depth", "깊이"),
    e("bv.cx.rounds", "rounds", "라운드"),
    e("bv.cx.features", "features p", "특성 수 p"),
];
