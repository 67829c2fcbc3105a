//! The exported figures' strings (`basin render`, "Export figure…", "Export animation"):
//! titles, stamps, captions, legends, colour-bar units and axis descriptions of the landscape,
//! Sharp vs Flat and Bias–Variance figures. The English text is what the figures said before
//! they had a language, so English figures keep their words.
//!
//! Every key here starts with `fig.` (checked by the tests in `i18n::tests`). The figures look
//! them up with [`super::tr_in`] in the figure's own language, never the thread's: a figure
//! is built on a worker thread.

use super::{Entry, e};

/// The prefix of every key of this area.
pub const PREFIX: &str = "fig.";

/// This area's strings.
pub const ENTRIES: &[Entry] = &[
    // ----- shared by the figures -----
    e(
        "fig.stamp",
        "basin · {0} · seed {1}",
        "basin · {0} · 시드 {1}",
    ),
    e("fig.log_suffix", "{0} (log)", "{0} (로그)"),
    e("fig.loss", "loss", "손실"),
    e("fig.loss_log", "loss (log)", "손실 (로그)"),
    e("fig.gap", "gap", "격차"),
    e("fig.step", "step", "스텝"),
    e("fig.train_loss", "train loss", "학습 손실"),
    e("fig.test_loss", "test loss", "테스트 손실"),
    e("fig.full", "full", "전체"),
    e("fig.full_batch", "{0} (full)", "{0} (전체)"),
    // ----- the landscape figure (Playground, Network) -----
    e("fig.layer.train", "training loss", "학습 손실"),
    e("fig.layer.gap", "test − train loss", "테스트 − 학습 손실"),
    e("fig.title.surface", "{0} — {1} of {2}", "{0} — {2}의 {1}"),
    e(
        "fig.title.network",
        "{0} — {1} on the {2} plane",
        "{0} — {2} 평면 위의 {1}",
    ),
    e("fig.plane.random", "random", "무작위"),
    e("fig.plane.pca", "pca", "PCA"),
    e("fig.plane.solutions", "solutions", "두 해"),
    e(
        "fig.axis.pc1",
        "α along PC1 ({0} % of the variance)",
        "α: PC1 방향 (분산의 {0} %)",
    ),
    e("fig.axis.pc2", "β along PC2 ({0} %)", "β: PC2 방향 ({0} %)"),
    e(
        "fig.axis.solutions",
        "α: from run 1's solution (0) to run 2's (1)",
        "α: 실행 1의 해 (0)에서 실행 2의 해 (1)까지",
    ),
    e(
        "fig.axis.orthogonal",
        "β: orthogonal direction",
        "β: 직교 방향",
    ),
    e(
        "fig.axis.d1",
        "α along d₁ (filter-normalized)",
        "α: d₁ 방향 (필터 정규화)",
    ),
    e("fig.axis.d2", "β along d₂", "β: d₂ 방향"),
    e("fig.plane.hessian", "Hessian top-2", "헤시안 상위 2"),
    e(
        "fig.axis.v1",
        "α along v₁ (λ₁ = {0})",
        "α: v₁ 방향 (λ₁ = {0})",
    ),
    e(
        "fig.axis.v2",
        "β along v₂ (λ₂ = {0})",
        "β: v₂ 방향 (λ₂ = {0})",
    ),
    e("fig.run", "run {0}", "실행 {0}"),
    e("fig.diverged", "{0} — diverged", "{0} — 발산"),
    e("fig.step_of", "step {0} / {1}", "스텝 {0} / {1}"),
    // ----- the Sharp vs Flat figure -----
    e(
        "fig.sf.stamp",
        "basin · {0} · seed {1} · B = {2} vs {3}",
        "basin · {0} · 시드 {1} · B = {2} 대 {3}",
    ),
    e("fig.sf.lr", "learning rate η", "학습률 η"),
    e(
        "fig.sf.base_lr",
        "base learning rate η/B",
        "기본 학습률 η/B",
    ),
    e(
        "fig.sf.between",
        "loss between the two solutions",
        "두 해 사이의 손실",
    ),
    e(
        "fig.sf.alpha",
        "α  (0: small-batch solution, 1: large-batch solution)",
        "α  (0: 작은 배치의 해, 1: 큰 배치의 해)",
    ),
    e("fig.sf.small", "small batch, B = {0}", "작은 배치, B = {0}"),
    e("fig.sf.large", "large batch, B = {0}", "큰 배치, B = {0}"),
    e(
        "fig.sf.accuracy",
        "final test accuracy (%), median over seeds",
        "최종 테스트 정확도 (%), 시드 중앙값",
    ),
    e(
        "fig.sf.final_loss",
        "final test loss, median over seeds",
        "최종 테스트 손실, 시드 중앙값",
    ),
    e("fig.sf.batch", "batch size B", "배치 크기 B"),
    e("fig.sf.lambda", "λ_max during training", "학습 중의 λ_max"),
    e("fig.sf.edge", "2/η edge = {0}", "2/η 경계 = {0}"),
    e(
        "fig.sf.lambda_precond",
        "Preconditioned sharpness λ_max(P⁻¹H)",
        "전처리된 날카로움 λ_max(P⁻¹H)",
    ),
    e(
        "fig.sf.edge.adam",
        "(2 + 2β₁)/((1 − β₁)η) edge = {0}",
        "(2 + 2β₁)/((1 − β₁)η) 경계 = {0}",
    ),
    e(
        "fig.sf.edge.rmsprop",
        "(2 + 2μ)/η edge = {0}",
        "(2 + 2μ)/η 경계 = {0}",
    ),
    // ----- the Bias–Variance figure -----
    e(
        "fig.bv.title",
        "{0} — bias–variance of {1} fits",
        "{0} — {1} 적합의 편향-분산",
    ),
    e("fig.bv.polynomial", "polynomial", "다항식"),
    e("fig.bv.knn", "knn", "k-NN"),
    e("fig.bv.mlp", "mlp", "MLP"),
    e("fig.bv.tree", "tree", "결정 트리"),
    e("fig.bv.boosting", "boosting", "부스팅"),
    e("fig.bv.random_features", "random_features", "랜덤 특성"),
    e("fig.bv.error_log", "error (log)", "오차 (로그)"),
    e("fig.bv.band", "mean ± 1σ", "평균 ± 1σ"),
    e("fig.bv.fits", "{0} fits ({1})", "적합 {0}개 ({1})"),
    e("fig.bv.mean_fit", "mean fit", "평균 적합"),
    e("fig.bv.truth", "truth", "참 함수"),
    e("fig.bv.sample", "training sample", "학습 표본"),
    e("fig.bv.optimum", "optimum ({0})", "최적 ({0})"),
];
