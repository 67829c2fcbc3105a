//! The Sharp vs Flat lab's strings: its tab, Explain text and help, the two-runs and sweep
//! controls, the numbers table, the plane, interpolation, slices, λ_max and heatmap views.
//!
//! Every key here starts with `sf.` (checked by the tests in `i18n::tests`).

use super::{Entry, e};

/// The prefix of every key of this area.
pub const PREFIX: &str = "sf.";

/// This area's strings.
pub const ENTRIES: &[Entry] = &[
    // ----- tab, Explain, help -----
    e("sf.tab", "Sharp vs Flat", "날카로운 vs 평탄한"),
    e(
        "sf.tab.tip",
        "A small and a large batch from one start: where they end, how sharp the minima are \
         (λ_max, ε-sharpness) and how well they generalize; sweeps over batch sizes and \
         learning rates.",
        "같은 출발점에서 작은 배치와 큰 배치: 어디에 도착하는지, 최솟값이 얼마나 날카로운지 \
         (λ_max, ε-날카로움), 얼마나 잘 일반화하는지; 배치 크기와 학습률에 대한 스윕.",
    ),
    e(
        "sf.help.1",
        "Two runs from one start: a small and a large batch.",
        "같은 출발점에서 두 번 실행합니다: 작은 배치와 큰 배치.",
    ),
    e(
        "sf.help.2",
        "The table: the small batch's minimum is flatter (smaller λ_max and ε-sharpness) and \
         its test loss lower.",
        "표: 작은 배치의 최솟값이 더 평탄하고 (λ_max와 ε-날카로움이 더 작고) 테스트 손실이 \
         더 낮습니다.",
    ),
    e(
        "sf.help.3",
        "Plots: both paths on one plane, the loss between the two solutions, slices around \
         each, and λ_max during training with the 2/η line.",
        "그래프: 한 평면 위의 두 경로, 두 해 사이의 손실, 각 해 주변의 단면, 그리고 학습 중의 \
         λ_max와 2/η 선.",
    ),
    e(
        "sf.help.4",
        "Sweep: batch sizes × learning rates × seeds, with progress and Cancel.",
        "스윕: 배치 크기 × 학습률 × 시드, 진행률과 취소 버튼.",
    ),
    e(
        "sf.explain",
        "The same network from the same start, trained twice: with a small batch and with the \
         full batch. The table compares the minima they end in: λ_max (the top eigenvalue of \
         the Hessian) and ε-sharpness measure how sharp a minimum is. A flat minimum usually \
         generalizes better — its test loss is lower (Keskar et al. 2017).",
        "같은 신경망을 같은 출발점에서 두 번 학습합니다: 작은 배치로 한 번, 전체 배치로 한 번. \
         표는 두 실행이 도착한 최솟값을 비교합니다: λ_max(헤시안의 가장 큰 고윳값)와 \
         ε-날카로움은 최솟값이 얼마나 날카로운지를 잽니다. 평탄한 최솟값이 보통 더 잘 \
         일반화합니다 — 테스트 손실이 더 낮습니다 (Keskar et al. 2017).",
    ),
    e(
        "sf.explain.try",
        "Compare λ_max of the two runs with the 2/η line. Run a sweep over batch sizes and \
         learning rates: the test loss rises with the batch size at a fixed learning rate, \
         and the ratio B/η tells much of the story.",
        "두 실행의 λ_max를 2/η 선과 비교해 보세요. 배치 크기와 학습률에 대해 스윕을 돌려 \
         보세요: 학습률이 같으면 배치 크기가 클수록 테스트 손실이 올라가고, 비율 B/η가 많은 \
         것을 설명합니다.",
    ),
    // ----- top-bar button, status bar, notices -----
    e("sf.export_sweep", "Export sweep", "스윕 내보내기"),
    e(
        "sf.export_sweep.tip",
        "Write the sweep on screen as CSV (the columns of `basin sweep`) where you choose \
         (without a file dialog, into exports/).",
        "화면의 스윕을 CSV(`basin sweep`의 열)로 고른 곳(파일 대화 상자가 없으면 exports/)에 \
         저장합니다.",
    ),
    e(
        "sf.export_sweep.disabled",
        "Run a sweep first (Sweep settings, on the left).",
        "먼저 스윕을 실행하세요 (왼쪽의 스윕 설정).",
    ),
    e(
        "sf.status.training",
        "Training the small and the large batch, then the plane…",
        "작은 배치와 큰 배치를 학습하고, 이어서 평면을 계산하는 중…",
    ),
    e(
        "sf.status.sweep",
        "Sweep: {0} of {1} cells",
        "스윕: {1}칸 중 {0}칸",
    ),
    e(
        "sf.status.seed.tip",
        "Both runs start from the initial weights of this seed.",
        "두 실행 모두 이 시드의 초기 가중치에서 출발합니다.",
    ),
    e(
        "sf.notice.no_sweep",
        "no sweep yet: run one first",
        "아직 스윕이 없습니다: 먼저 스윕을 실행하세요",
    ),
    e(
        "sf.notice.nothing_yet",
        "nothing to export yet: wait for the two runs",
        "아직 내보낼 것이 없습니다: 두 실행이 끝날 때까지 기다리세요",
    ),
    e(
        "sf.notice.cancelled",
        "Sweep cancelled",
        "스윕을 취소했습니다",
    ),
    e(
        "sf.notice.cannot_run",
        "cannot run the sweep: {0}",
        "스윕을 실행할 수 없습니다: {0}",
    ),
    e("sf.row.eps", "ε-sharpness", "ε-날카로움"),
    e(
        "sf.plane.x",
        "α: small-batch solution (0) to large-batch solution (1)",
        "α: 작은 배치의 해 (0)에서 큰 배치의 해 (1)까지",
    ),
    e("sf.plane.y", "β: orthogonal direction", "β: 직교 방향"),
    e("sf.plane_kind", "Plane", "평면"),
    e(
        "sf.plane_kind.tip",
        "Which plane the two paths are drawn on: through both solutions, or through the top two Hessian eigenvectors at one of them (the two directions in which that minimum is sharpest; unit length, the range ±√(2/λ₁), where the loss would rise by about 1 along v₁).",
        "두 경로를 그릴 평면: 두 해를 지나는 평면, 또는 한 해에서 헤시안의 상위 두 고유벡터를 지나는 평면 (그 최솟값이 가장 날카로운 두 방향; 단위 길이, 범위 ±√(2/λ₁)은 v₁ 방향으로 손실이 약 1 오르는 거리).",
    ),
    e(
        "sf.plane_kind.solutions",
        "through both solutions",
        "두 해를 지나는 평면",
    ),
    e(
        "sf.plane_kind.hessian_small",
        "Hessian top-2 at the small-batch solution",
        "작은 배치 해에서의 헤시안 상위 2",
    ),
    e(
        "sf.plane_kind.hessian_large",
        "Hessian top-2 at the large-batch solution",
        "큰 배치 해에서의 헤시안 상위 2",
    ),
    e(
        "sf.plane.v1",
        "α along v₁ (λ₁ = {0})",
        "α: v₁ 방향 (λ₁ = {0})",
    ),
    e(
        "sf.plane.v2",
        "β along v₂ (λ₂ = {0})",
        "β: v₂ 방향 (λ₂ = {0})",
    ),
    e(
        "sf.scale_lr",
        "Scale the learning rate with the batch (η/B fixed)",
        "배치 크기에 비례해 학습률 키우기 (η/B 고정)",
    ),
    e(
        "sf.scale_lr.tip",
        "Masters & Luschi, Goyal et al.: keep η/B fixed, so the large batch steps with η·B_large/B_small. Off: both runs use the same η.",
        "Masters & Luschi, Goyal 등: η/B를 고정하여 큰 배치가 η·B_large/B_small로 움직입니다. 끄면 두 실행이 같은 η를 씁니다.",
    ),
    // ----- the Sharp vs Flat lab's panels -----
    e("sf.problem", "Problem", "문제"),
    e(
        "sf.problem.tip",
        "The data and model (or toy surface) both runs train on. Any network preset can be opened here from Preset → Open file… as well.",
        "두 실행이 학습하는 데이터와 모델(또는 장난감 곡면)입니다. 어떤 신경망 프리셋이든 프리셋 → 파일 열기…로 여기서 열 수 있습니다.",
    ),
    e("sf.view.two_runs", "Two runs", "두 실행"),
    e(
        "sf.view.two_runs.tip",
        "A small and a large batch from one start: where they end, and how sharp it is.",
        "같은 시작점에서 출발한 작은 배치와 큰 배치: 어디에 도착하고, 그곳이 얼마나 날카로운지.",
    ),
    e("sf.view.sweep", "Sweep", "스윕"),
    e(
        "sf.view.sweep.tip",
        "Many trainings over batch sizes × learning rates × seeds.",
        "배치 크기 × 학습률 × 시드에 걸친 많은 학습.",
    ),
    e("sf.runs", "Runs", "실행"),
    e("sf.numbers", "Numbers", "수치"),
    e("sf.sweep_settings", "Sweep settings", "스윕 설정"),
    e("sf.full", "full ({0})", "전체 ({0})"),
    e("sf.small_batch", "Small batch", "작은 배치"),
    e(
        "sf.small_batch.tip",
        "Samples per step of the first run: noisy steps that cannot settle in a narrow valley.",
        "첫 번째 실행의 스텝당 샘플 수: 잡음이 큰 스텝은 좁은 골짜기에 머무르지 못합니다.",
    ),
    e("sf.large_batch", "Large batch", "큰 배치"),
    e(
        "sf.large_batch.tip",
        "Samples per step of the second run: the full batch gives the exact gradient.",
        "두 번째 실행의 스텝당 샘플 수: 전체 배치는 정확한 그래디언트를 줍니다.",
    ),
    e("sf.optimizer", "Optimizer", "옵티마이저"),
    e(
        "sf.optimizer.tip",
        "The update rule of both runs (torch.optim defaults).",
        "두 실행의 갱신 규칙(torch.optim 기본값).",
    ),
    e("sf.lr", "Learning rate", "학습률"),
    e(
        "sf.lr.tip",
        "The step size η of both runs.",
        "두 실행의 스텝 크기 η.",
    ),
    e(
        "sf.momentum.tip",
        "Heavy-ball momentum β; the edge of stability moves to (2 + 2β)/η.",
        "헤비볼 모멘텀 β; 안정성의 경계가 (2 + 2β)/η로 옮겨 갑니다.",
    ),
    e("sf.steps", "Steps", "스텝 수"),
    e(
        "sf.steps.tip",
        "Optimizer steps of both runs.",
        "두 실행의 옵티마이저 스텝 수.",
    ),
    e(
        "sf.training_both",
        "training both runs…",
        "두 실행을 학습하는 중…",
    ),
    e(
        "sf.drawing_plane",
        "drawing the plane…",
        "평면을 그리는 중…",
    ),
    e("sf.training", "Training…", "학습 중…"),
    e("sf.diverged", "diverged", "발산"),
    e("sf.col.small", "small", "작은"),
    e("sf.col.large", "large", "큰"),
    e("sf.row.batch", "batch size", "배치 크기"),
    e("sf.row.batch.tip", "Samples per step.", "스텝당 샘플 수."),
    e("sf.row.train_loss", "train loss", "학습 손실"),
    e(
        "sf.row.train_loss.tip",
        "Full-batch training loss at the end.",
        "마지막 지점의 전체 배치 학습 손실.",
    ),
    e("sf.row.test_loss", "test loss", "테스트 손실"),
    e(
        "sf.row.test_loss.tip",
        "Loss on the held-out test set at the end.",
        "마지막 지점에서 따로 떼어 둔 테스트 집합의 손실.",
    ),
    e("sf.row.gap", "gap", "일반화 격차"),
    e(
        "sf.row.gap.tip",
        "Test loss − train loss: the generalization gap.",
        "테스트 손실 − 학습 손실: 일반화 격차.",
    ),
    e("sf.row.train_acc", "train acc", "학습 정확도"),
    e(
        "sf.row.train_acc.tip",
        "Fraction of training points classified correctly.",
        "올바르게 분류된 학습 데이터의 비율.",
    ),
    e("sf.row.test_acc", "test acc", "테스트 정확도"),
    e(
        "sf.row.test_acc.tip",
        "Fraction of test points classified correctly.",
        "올바르게 분류된 테스트 데이터의 비율.",
    ),
    e(
        "sf.row.lambda.tip",
        "The largest eigenvalue of the Hessian: the curvature along the sharpest direction.",
        "헤시안의 가장 큰 고윳값: 가장 날카로운 방향의 곡률.",
    ),
    e("sf.row.trace", "Hessian trace", "헤시안 대각합"),
    e(
        "sf.row.trace.tip",
        "The sum of all curvatures (exact for small models, Hutchinson's estimate otherwise).",
        "모든 곡률의 합(작은 모델은 정확히, 그 밖에는 Hutchinson 추정).",
    ),
    e(
        "sf.row.eps.tip",
        "Keskar et al.: the largest relative rise of the loss in a box of size ε = 1e-3 around the minimum, in %.",
        "Keskar 등: 최솟값 주변 크기 ε = 1e-3 상자 안에서 손실이 가장 크게 오르는 비율(%).",
    ),
    e("sf.batch_sizes", "Batch sizes", "배치 크기"),
    e(
        "sf.batch_sizes.tip",
        "Tick the batch sizes the sweep trains.",
        "스윕에서 학습할 배치 크기를 고르세요.",
    ),
    e("sf.full_short", "full", "전체"),
    e("sf.lr_from", "lr from", "학습률 최소"),
    e(
        "sf.lr_from.tip",
        "The smallest learning rate of the sweep.",
        "스윕의 가장 작은 학습률.",
    ),
    e("sf.lr_to", "lr to", "학습률 최대"),
    e(
        "sf.lr_to.tip",
        "The largest learning rate of the sweep.",
        "스윕의 가장 큰 학습률.",
    ),
    e("sf.lr_count", "learning rates", "학습률 개수"),
    e(
        "sf.lr_count.tip",
        "How many learning rates, evenly spaced on a log scale.",
        "로그 눈금에서 고르게 놓인 학습률의 개수.",
    ),
    e("sf.seeds", "Seeds", "시드"),
    e(
        "sf.seeds.tip",
        "Repeats of every cell with other initial weights and batch orders; the plots show medians.",
        "다른 초기 가중치와 배치 순서로 각 칸을 반복합니다. 그래프는 중앙값을 보여 줍니다.",
    ),
    e("sf.fixed_lr", "fixed lr", "고정 학습률"),
    e(
        "sf.fixed_lr.tip",
        "Every batch size trains with the listed learning rate η.",
        "모든 배치 크기가 목록의 학습률 η로 학습합니다.",
    ),
    e("sf.fixed_base", "fixed base lr η/B", "고정 기본 학습률 η/B"),
    e(
        "sf.fixed_base.tip",
        "Masters & Luschi: the listed value is the base rate η/B, so a batch of B trains with η = B × the listed value.",
        "Masters & Luschi: 목록의 값은 기본 학습률 η/B이므로 배치 크기 B는 η = B × 목록의 값으로 학습합니다.",
    ),
    e("sf.same_steps", "same steps", "같은 스텝 수"),
    e(
        "sf.same_steps.tip",
        "Every cell takes the same number of optimizer steps.",
        "모든 칸이 같은 수의 옵티마이저 스텝을 밟습니다.",
    ),
    e("sf.same_epochs", "same epochs", "같은 에포크 수"),
    e(
        "sf.same_epochs.tip",
        "Every cell makes the same number of passes over the data: small batches take more steps.",
        "모든 칸이 데이터를 같은 횟수만큼 훑습니다. 작은 배치는 더 많은 스텝을 밟습니다.",
    ),
    e("sf.steps_per_cell", "Steps per cell.", "칸마다 스텝 수."),
    e(
        "sf.epochs_per_cell",
        "Epochs per cell.",
        "칸마다 에포크 수.",
    ),
    e("sf.cells_done", "{0} / {1} cells", "{0} / {1}칸"),
    e("sf.cancel_sweep", "Cancel sweep", "스윕 취소"),
    e(
        "sf.cancel_sweep.tip",
        "Stop the sweep; nothing of it is kept.",
        "스윕을 멈춥니다. 결과는 남지 않습니다.",
    ),
    e("sf.run_sweep", "Run sweep ({0} cells)", "스윕 실행 ({0}칸)"),
    e(
        "sf.run_sweep.tip",
        "Train every cell in parallel; progress shows here and it can be cancelled.",
        "모든 칸을 병렬로 학습합니다. 진행 상황이 여기 표시되고 취소할 수 있습니다.",
    ),
    e(
        "sf.confirm.title",
        "Run a big sweep?",
        "큰 스윕을 실행할까요?",
    ),
    e(
        "sf.confirm.text",
        "This sweep trains {0} networks; it can take a long time. It runs in the background and can be cancelled.",
        "이 스윕은 신경망 {0}개를 학습하므로 오래 걸릴 수 있습니다. 백그라운드에서 실행되며 취소할 수 있습니다.",
    ),
    e("sf.confirm.yes", "Run it", "실행"),
    e("sf.confirm.no", "Not now", "나중에"),
    e("sf.small_batch_run", "small batch", "작은 배치"),
    e("sf.large_batch_run", "large batch", "큰 배치"),
    e("sf.run_legend", "{0} (B = {1})", "{0} (B = {1})"),
    e(
        "sf.training_both_runs",
        "Training both runs…",
        "두 실행을 학습하는 중…",
    ),
    e(
        "sf.plane.title",
        "Both paths on one plane",
        "한 평면 위의 두 경로",
    ),
    e(
        "sf.plane.tip",
        "For a network: the plane through the two solutions (small batch at α = 0, large batch at α = 1). For a toy surface: the surface itself.",
        "신경망: 두 해를 지나는 평면(작은 배치가 α = 0, 큰 배치가 α = 1). 장난감 곡면: 곡면 그 자체.",
    ),
    e(
        "sf.computing_plane",
        "computing the plane…",
        "평면을 계산하는 중…",
    ),
    e(
        "sf.interp.title",
        "From the small-batch to the large-batch solution",
        "작은 배치의 해에서 큰 배치의 해까지",
    ),
    e(
        "sf.interp.tip",
        "L((1 − α)·θ_small + α·θ_large): α = 0 is the small-batch minimum, α = 1 the large-batch one (Keskar et al. 2017, figure 3). A sharp minimum shows as a steep wall around its end.",
        "L((1 − α)·θ_small + α·θ_large): α = 0은 작은 배치의 최솟값, α = 1은 큰 배치의 최솟값입니다(Keskar 등 2017, 그림 3). 날카로운 최솟값은 끝 주변의 가파른 벽으로 보입니다.",
    ),
    e(
        "sf.interp.none",
        "No interpolation (a run diverged).",
        "보간 없음(한 실행이 발산했습니다).",
    ),
    e("sf.loss_log", "loss (log)", "손실 (로그)"),
    e("sf.accuracy", "accuracy", "정확도"),
    e("sf.train_accuracy", "train accuracy", "학습 정확도"),
    e("sf.test_accuracy", "test accuracy", "테스트 정확도"),
    e(
        "sf.slices.title",
        "1-D slices around each minimum",
        "각 최솟값 주변의 1차원 단면",
    ),
    e(
        "sf.spectrum.title",
        "Hessian spectrum",
        "헤세 행렬 스펙트럼",
    ),
    e(
        "sf.spectrum.tip",
        "How sharp in every direction: the density of the Hessian's eigenvalues at each end \
         point, by stochastic Lanczos quadrature (4 random probes × 80 Lanczos steps, as \
         PyHessian), on a log axis. Most eigenvalues sit near 0 (flat directions); a sharper \
         minimum has a heavier tail of large ones.",
        "모든 방향으로 얼마나 날카로운가: 각 끝점에서 헤세 행렬 고윳값의 밀도 (확률적 란초스 \
         구적법, 무작위 탐침 4개 × 란초스 80단계, PyHessian과 같음), 로그 축. 대부분의 고윳값은 \
         0 근처 (평평한 방향)에 있고, 날카로운 최솟값일수록 큰 고윳값의 꼬리가 두껍습니다.",
    ),
    e(
        "sf.spectrum.caption",
        "λ_max: small batch {0}, large batch {1}",
        "λ_max: 작은 배치 {0}, 큰 배치 {1}",
    ),
    e("sf.spectrum.x", "eigenvalue λ", "고윳값 λ"),
    e("sf.spectrum.y", "density (log)", "밀도 (로그)"),
    e(
        "sf.spectrum.computing",
        "Computing the Hessian spectra (stochastic Lanczos quadrature)…",
        "헤세 행렬 스펙트럼을 계산하는 중 (확률적 란초스 구적법)…",
    ),
    e(
        "sf.spectrum.none",
        "No spectrum: a run diverged.",
        "스펙트럼 없음: 실행 하나가 발산했습니다.",
    ),
    e(
        "sf.spectrum.skipped",
        "Spectra skipped. Change a setting (or the seed) to compute them with the next comparison.",
        "스펙트럼을 건너뛰었습니다. 설정(또는 시드)을 바꾸면 다음 비교에서 계산합니다.",
    ),
    e("sf.spectrum.skip", "Skip", "건너뛰기"),
    e(
        "sf.spectrum.skip.tip",
        "Stop computing the spectra of this comparison; the shared plane is computed at once.",
        "이 비교의 스펙트럼 계산을 멈추고, 공유 평면을 바로 계산합니다.",
    ),
    e(
        "sf.slices.tip",
        "The training loss along one random direction through each end point (for a network filter-normalized at each minimum, so the two are comparable): the sharp minimum's curve is narrower.",
        "각 끝점을 지나는 하나의 무작위 방향을 따라 본 학습 손실(신경망은 각 최솟값에서 필터 정규화하여 비교할 수 있게 함): 날카로운 최솟값의 곡선이 더 좁습니다.",
    ),
    e(
        "sf.slices.x",
        "distance along the direction",
        "방향을 따른 거리",
    ),
    e(
        "sf.training_loss_log",
        "training loss (log)",
        "학습 손실 (로그)",
    ),
    e(
        "sf.lambda.title",
        "λ_max during training",
        "학습 중의 λ_max",
    ),
    e(
        "sf.lambda.tip",
        "The sharpness of the point each run is at. Gradient descent cannot stay where λ_max > 2/η (with momentum β: (2 + 2β)/η): full-batch runs climb to that line and hover there — the edge of stability (Cohen et al. 2021).",
        "각 실행이 있는 지점의 날카로움. 경사 하강법은 λ_max > 2/η(모멘텀 β가 있으면 (2 + 2β)/η)인 곳에 머무를 수 없습니다. 전체 배치 실행은 그 선까지 올라가 그 근처에 머뭅니다 — 안정성의 경계(Cohen 등 2021).",
    ),
    e("sf.step", "step", "스텝"),
    e("sf.edge", "2/η edge = {0}", "2/η 경계 = {0}"),
    e(
        "sf.lambda.precond_title",
        "Preconditioned sharpness λ_max(P⁻¹H) during training",
        "학습 중의 전처리된 날카로움 λ_max(P⁻¹H)",
    ),
    e(
        "sf.lambda.precond_tip",
        "Adam and RMSprop divide each gradient coordinate by √v + ε, so the sharpness that decides stability is that of the preconditioned Hessian P⁻¹H, not of H. It rises during full-batch training until it reaches (2 + 2β₁)/((1 − β₁)η) for Adam — 38/η at β₁ = 0.9 — or (2 + 2μ)/η for RMSprop with momentum μ, and hovers there (Cohen et al. 2022). Step 0 is missing: before the first step there is no P.",
        "Adam과 RMSprop은 기울기의 각 좌표를 √v + ε로 나누므로, 안정성을 정하는 날카로움은 H가 아니라 전처리된 헤세 행렬 P⁻¹H의 것입니다. 전체 배치 학습 중에 이 값은 Adam에서는 (2 + 2β₁)/((1 − β₁)η) — β₁ = 0.9이면 38/η — , 모멘텀 μ인 RMSprop에서는 (2 + 2μ)/η까지 올라가 그 근처에 머뭅니다(Cohen 등 2022). 첫 스텝 전에는 P가 없으므로 스텝 0은 없습니다.",
    ),
    e(
        "sf.edge.adam",
        "(2 + 2β₁)/((1 − β₁)η) edge = {0}",
        "(2 + 2β₁)/((1 − β₁)η) 경계 = {0}",
    ),
    e(
        "sf.edge.rmsprop",
        "(2 + 2μ)/η edge = {0}",
        "(2 + 2μ)/η 경계 = {0}",
    ),
    e(
        "sf.sweeping",
        "Sweeping… {0} of {1} cells",
        "스윕 중… {1}칸 중 {0}칸",
    ),
    e(
        "sf.no_sweep",
        "No sweep yet: set it up under Sweep settings on the left and start it there.",
        "아직 스윕이 없습니다. 왼쪽의 스윕 설정에서 준비하고 실행하세요.",
    ),
    e(
        "sf.batch_axis_log",
        "batch size B (log₂ axis)",
        "배치 크기 B (log₂ 축)",
    ),
    e("sf.full_batch", "{0} (full)", "{0} (전체)"),
    e("sf.final_acc", "final test accuracy", "최종 테스트 정확도"),
    e("sf.final_loss", "final test loss", "최종 테스트 손실"),
    e("sf.lr_axis", "learning rate η", "학습률 η"),
    e(
        "sf.base_lr_axis",
        "base learning rate η/B",
        "기본 학습률 η/B",
    ),
    e(
        "sf.heatmap.title",
        "Sweep: {0}, median over seeds",
        "스윕: {0}, 시드에 대한 중앙값",
    ),
    e(
        "sf.heatmap.tip",
        "Each cell trains from the same start with its batch size and learning rate; × marks cells where every seed diverged (Masters & Luschi 2018: small batches train stably over a wider range of learning rates).",
        "각 칸은 같은 시작점에서 그 칸의 배치 크기와 학습률로 학습합니다. ×는 모든 시드가 발산한 칸입니다(Masters & Luschi 2018: 작은 배치는 더 넓은 범위의 학습률에서 안정적으로 학습합니다).",
    ),
    e("sf.batch_axis", "batch size B", "배치 크기 B"),
    e("sf.against_b", "{0} against B", "B에 따른 {0}"),
    e(
        "sf.heatmap.title_bn",
        "Sweep: {0}, median over seeds and BN batches",
        "스윕: {0}, 시드와 BN 배치에 대한 중앙값",
    ),
    e("sf.test_acc_pct", "test accuracy (%)", "테스트 정확도 (%)"),
    e("sf.test_loss", "test loss", "테스트 손실"),
    e("sf.eps_sharpness", "ε-sharpness", "ε-날카로움"),
    e(
        "sf.fig.by_lr",
        "{0} against the learning rate",
        "학습률에 따른 {0}",
    ),
    e(
        "sf.fig.by_lr.tip",
        "Masters & Luschi 2018: one line per batch size; small batches keep a high accuracy over a wider range of learning rates. Each point is the median over the seeds, the bar from the worst to the best seed (seeds that diverged are left out).",
        "Masters & Luschi 2018: 배치 크기마다 선 하나. 작은 배치는 더 넓은 범위의 학습률에서 높은 정확도를 유지합니다. 각 점은 시드에 대한 중앙값이고, 막대는 가장 나쁜 시드에서 가장 좋은 시드까지입니다(발산한 시드는 빠집니다).",
    ),
    e(
        "sf.fig.by_bn",
        "{0} against the BN batch",
        "BN 배치에 따른 {0}",
    ),
    e(
        "sf.fig.by_bn.tip",
        "How many examples BatchNorm's statistics are taken over during training (ghost batches of the mini-batch; the SGD batch stays the same). Too few make the statistics noisy and the test accuracy falls (Masters & Luschi 2018). Median over the seeds, the bar from the worst to the best seed.",
        "학습 중 BatchNorm 통계를 내는 예제 수(미니배치를 나눈 고스트 배치; SGD 배치는 그대로). 너무 적으면 통계가 흔들리고 테스트 정확도가 떨어집니다(Masters & Luschi 2018). 시드에 대한 중앙값, 막대는 가장 나쁜 시드에서 가장 좋은 시드까지.",
    ),
    e(
        "sf.fig.by_batch.tip",
        "Keskar et al. 2017: large batches end at sharper minima (larger λ_max and ε-sharpness) and often generalize worse. One line per learning rate; each point is the median over the seeds, the bar from the lowest to the highest seed.",
        "Keskar 등 2017: 큰 배치는 더 날카로운 최솟값(더 큰 λ_max와 ε-날카로움)에 도착하고 흔히 일반화가 더 나쁩니다. 학습률마다 선 하나. 각 점은 시드에 대한 중앙값, 막대는 가장 낮은 시드에서 가장 높은 시드까지.",
    ),
    e(
        "sf.lr_axis_log",
        "learning rate η (log₂ axis)",
        "학습률 η (log₂ 축)",
    ),
    e(
        "sf.base_lr_axis_log",
        "base learning rate η/B (log₂ axis)",
        "기본 학습률 η/B (log₂ 축)",
    ),
    e(
        "sf.bn_axis_log",
        "BN batch: examples per statistics (log₂ axis)",
        "BN 배치: 통계 하나의 예제 수 (log₂ 축)",
    ),
    e("sf.line.batch", "B = {0}", "B = {0}"),
    e("sf.line.lr", "η = {0}", "η = {0}"),
    e("sf.line.base_lr", "η/B = {0}", "η/B = {0}"),
    e("sf.line.bn", "BN batch {0}", "BN 배치 {0}"),
    e("sf.line.bn_whole", "BN batch = B", "BN 배치 = B"),
    e("sf.bn_batch", "BN batch", "BN 배치"),
    e(
        "sf.bn_batch.tip",
        "How many examples BatchNorm's statistics are taken over while both runs train: each mini-batch is split into ghost batches of this size, so the small and the large batch can be compared with the same statistics. The right end is each run's whole mini-batch. The sweep's BN-batch axis, if the preset has one, sets its own.",
        "두 실행이 학습하는 동안 BatchNorm 통계를 내는 예제 수: 각 미니배치를 이 크기의 고스트 배치로 나누므로, 작은 배치와 큰 배치를 같은 통계로 비교할 수 있습니다. 오른쪽 끝은 각 실행의 미니배치 전체입니다. 프리셋에 스윕의 BN 배치 축이 있으면 스윕은 그 값을 씁니다.",
    ),
    e("sf.bn_batch.whole", "whole mini-batch", "미니배치 전체"),
    e("sf.bn_batches", "BN batches: {0}", "BN 배치: {0}"),
    e(
        "sf.bn_batches.tip",
        "The preset's BN-batch axis (sweep.bn_batch_sizes): every batch size and learning rate is trained with BatchNorm's statistics over ghost batches of each of these sizes; a size above a batch is that whole batch.",
        "프리셋의 BN 배치 축(sweep.bn_batch_sizes): 모든 배치 크기와 학습률을 이 크기 각각의 고스트 배치에서 낸 BatchNorm 통계로 학습합니다. 배치보다 큰 크기는 그 배치 전체입니다.",
    ),
];
