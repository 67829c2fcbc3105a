//! The Playground lab's strings: its tab, Explain text and help, its controls (problem, runs,
//! optimizers, schedules, view), the landscape and loss plots, and its legends.
//!
//! Every key here starts with `pg.` (checked by the tests in `i18n::tests`).

use super::{Entry, e};

/// The prefix of every key of this area.
pub const PREFIX: &str = "pg.";

/// This area's strings.
pub const ENTRIES: &[Entry] = &[
    // ----- tab, Explain, help -----
    e("pg.tab", "Playground", "놀이터"),
    e(
        "pg.tab.tip",
        "Optimizers racing on a 2-D test surface.",
        "2차원 테스트 곡면 위에서 옵티마이저들이 경주합니다.",
    ),
    e(
        "pg.help.1",
        "basin shows how optimizers move on a loss surface.",
        "basin은 옵티마이저가 손실 곡면 위에서 어떻게 움직이는지 보여 줍니다.",
    ),
    e(
        "pg.help.2",
        "Each coloured path is one optimizer; all start from the ring.",
        "색깔 있는 경로 하나가 옵티마이저 하나입니다. 모두 고리 표시에서 출발합니다.",
    ),
    e(
        "pg.help.3",
        "Click the surface to move the start point; hover it to read the loss.",
        "곡면을 클릭하면 출발점이 옮겨지고, 마우스를 올리면 손실 값이 보입니다.",
    ),
    e(
        "pg.explain",
        "Every coloured path is one optimizer, and all of them start from the same ring. The \
         colours underneath are the training loss: dark is low. The plot on the right is the \
         loss of each run against the step. A toy surface here is a dataset of shifted copies, \
         so the batch size is real: a mini-batch gradient is a mean over B samples, and its \
         noise shrinks like 1/√B.",
        "색깔 있는 경로 하나하나가 옵티마이저이고, 모두 같은 고리 표시에서 출발합니다. 바탕의 \
         색은 학습 손실입니다: 어두울수록 낮습니다. 오른쪽 그래프는 스텝에 따른 각 실행의 \
         손실입니다. 여기서 장난감 곡면은 조금씩 옮긴 복사본들의 데이터셋이라서 배치 크기가 \
         실제로 의미가 있습니다: 미니배치 그레이디언트는 B개 표본의 평균이고, 그 잡음은 \
         1/√B처럼 줄어듭니다.",
    ),
    e(
        "pg.explain.try",
        "Raise the learning rate of plain SGD until it diverges. Load the sharp-vs-flat preset, \
         select the full-batch run and drag its batch size down to 2: watch the ball leave the \
         narrow well for the wide basin. Set Noise σ to 0 and every batch size gives the same \
         path. Switch the layer to the test surface to see the generalization gap.",
        "기본 SGD의 학습률을 발산할 때까지 올려 보세요. sharp-vs-flat 프리셋을 불러와 전체 배치 \
         실행을 고르고 배치 크기를 2로 내려 보세요: 공이 좁은 우물을 빠져나와 넓은 분지로 \
         굴러갑니다. 잡음 σ를 0으로 하면 배치 크기와 상관없이 경로가 같아집니다. '보여 줄 손실'을 테스트 \
         곡면으로 바꾸면 일반화 격차가 그림으로 보입니다.",
    ),
    // ----- status bar, notices -----
    e(
        "pg.status.training",
        "Training {0} runs…",
        "실행 {0}개 학습 중…",
    ),
    // ----- "Tune learning rates" -----
    e("pg.tune", "Tune learning rates", "학습률 조정"),
    e(
        "pg.tune.tip",
        "A fair race: for every run, tries learning rates from 0.0001 to 10 (3 a decade, then \
         finer around the best, then half and twice the best) and keeps the one with the lowest \
         final training loss — the mean over {2} seeds when the run uses mini-batches or \
         gradient noise; a run that diverges counts as infinitely bad. About {0} trainings of \
         {1} steps (times the seeds for random runs), in the background: seconds for a \
         surface. The race then restarts with the tuned rates.",
        "공정한 경주: 실행마다 학습률을 0.0001부터 10까지 시도하고(10배 구간마다 3개, 그다음 \
         최선 주변을 더 촘촘히, 끝으로 최선의 절반과 두 배) 최종 학습 손실이 가장 낮은 값을 \
         고릅니다. 미니배치나 그레이디언트 잡음을 쓰는 실행은 시드 {2}개의 평균이고, 발산한 \
         실행은 한없이 나쁜 것으로 칩니다. {1} 스텝짜리 학습 약 {0}번(무작위 실행은 시드 수만큼 \
         더)을 백그라운드에서 돌립니다: 곡면이면 몇 초입니다. 그다음 조정된 학습률로 경주를 \
         다시 시작합니다.",
    ),
    e(
        "pg.tune.running",
        "Tuning learning rates…",
        "학습률 조정 중…",
    ),
    e("pg.tune.cancel", "Cancel", "취소"),
    e(
        "pg.tune.cancel.tip",
        "Stop tuning; the learning rates stay as they are.",
        "조정을 멈춥니다. 학습률은 그대로 둡니다.",
    ),
    e("pg.tune.undo", "Undo tuning", "조정 되돌리기"),
    e(
        "pg.tune.undo.tip",
        "Put back the learning rates the tuning replaced.",
        "조정이 바꾼 학습률을 원래대로 되돌립니다.",
    ),
    e(
        "pg.tune.done",
        "Learning rates tuned: {0}",
        "학습률 조정 완료: {0}",
    ),
    e("pg.tune.was", "{0} {1} (was {2})", "{0} {1} (이전 {2})"),
    e(
        "pg.tune.diverged",
        "Diverged at every learning rate, left as they were: {0}",
        "모든 학습률에서 발산해 그대로 둔 실행: {0}",
    ),
    e(
        "pg.tune.stale",
        "The runs changed while tuning; nothing was replaced.",
        "조정하는 동안 실행이 바뀌어서 아무것도 바꾸지 않았습니다.",
    ),
    e("pg.legend.tuned", " (tuned lr {0})", " (조정된 학습률 {0})"),
    e(
        "pg.status.seed.tip",
        "Every random draw (shifts, batch order, gradient noise) comes from this seed.",
        "모든 무작위 추출 (이동, 배치 순서, 그레이디언트 잡음)은 이 시드에서 나옵니다.",
    ),
    e(
        "pg.notice.no_trajectories",
        "no trajectories yet: wait for the training to finish",
        "아직 궤적이 없습니다: 학습이 끝날 때까지 기다리세요",
    ),
    // ----- Playground controls -----
    e("pg.problem", "Problem", "문제"),
    e("pg.runs", "Runs", "실행"),
    e("pg.training", "Training", "학습"),
    e("pg.view", "View", "보기"),
    e("pg.surface", "Surface", "곡면"),
    e(
        "pg.custom.tip",
        "Type your own f(x, y): x^2 + 10*sin(y), (1-x)^2 + 100*(y-x^2)^2, …",
        "직접 f(x, y)를 입력합니다: x^2 + 10*sin(y), (1-x)^2 + 100*(y-x^2)^2, …",
    ),
    e("pg.condition", "Condition number κ", "조건수 κ"),
    e(
        "pg.condition.tip",
        "How much steeper one axis is than the other; large κ makes plain gradient descent zig-zag.",
        "한 축이 다른 축보다 얼마나 가파른지; κ가 크면 기본 경사 하강법이 지그재그로 움직입니다.",
    ),
    e("pg.samples", "Samples N", "표본 수 N"),
    e(
        "pg.samples.tip",
        "How many shifted copies of the surface make up the training set.",
        "학습 세트를 이루는, 곡면을 조금씩 옮긴 복사본의 수.",
    ),
    e("pg.noise", "Noise σ", "잡음 σ"),
    e(
        "pg.noise.tip",
        "How far each training copy is shifted at random; σ > 0 makes mini-batch gradients noisy and train differ from test.",
        "각 학습 복사본을 무작위로 옮기는 거리; σ > 0이면 미니배치 그레이디언트에 잡음이 생기고 학습과 테스트가 달라집니다.",
    ),
    e("pg.test_samples", "Test samples M", "테스트 표본 수 M"),
    e(
        "pg.test_samples.tip",
        "How many fresh copies estimate the test (population) loss.",
        "테스트 (모집단) 손실을 추정하는 새 복사본의 수.",
    ),
    e("pg.seed", "Seed", "시드"),
    e(
        "pg.seed.tip",
        "The seed of every random draw; the same seed gives the same race.",
        "모든 무작위 추출의 시드; 같은 시드는 같은 경주를 만듭니다.",
    ),
    e("pg.recent_formulas", "Recent formulas", "최근 수식"),
    e(
        "pg.recent_formulas.tip",
        "Formulas used in this session.",
        "이번 세션에서 쓴 수식.",
    ),
    e(
        "pg.select_run.tip",
        "Select this run to edit it below.",
        "이 실행을 골라 아래에서 고칩니다.",
    ),
    e("pg.add", "Add", "추가"),
    e(
        "pg.add.tip",
        "Add a new run (Adam) that races from the same start.",
        "같은 출발점에서 경주하는 새 실행 (Adam)을 추가합니다.",
    ),
    e("pg.duplicate", "Duplicate", "복제"),
    e(
        "pg.duplicate.tip",
        "Add a copy of the selected run, to compare one change.",
        "선택한 실행의 복사본을 추가해 한 가지 변경을 비교합니다.",
    ),
    e("pg.remove", "Remove", "삭제"),
    e(
        "pg.remove.tip",
        "Remove the selected run.",
        "선택한 실행을 지웁니다.",
    ),
    e("pg.lr", "Learning rate", "학습률"),
    e(
        "pg.lr.tip",
        "The step size γ: how far each update moves along the (adapted) gradient.",
        "스텝 크기 γ: 한 번의 업데이트가 (조정된) 그레이디언트를 따라 얼마나 멀리 움직이는지.",
    ),
    e("pg.batch", "Batch size", "배치 크기"),
    e(
        "pg.batch.tip",
        "Samples per gradient: small batches give noisy steps, the full batch gives the exact gradient.",
        "그레이디언트 하나에 쓰는 표본 수: 작은 배치는 잡음 섞인 스텝을, 전체 배치는 정확한 그레이디언트를 줍니다.",
    ),
    e("pg.apply_all", "Apply to all runs", "모든 실행에 적용"),
    e(
        "pg.apply_all.tip",
        "Learning rate and batch size changes go to every run instead of only the selected one.",
        "학습률과 배치 크기 변경을 선택한 실행만이 아니라 모든 실행에 적용합니다.",
    ),
    e("pg.optimizer", "Optimizer", "옵티마이저"),
    e(
        "pg.optimizer.tip",
        "The update rule of this run (torch.optim semantics).",
        "이 실행의 업데이트 규칙 (torch.optim의 의미 그대로).",
    ),
    e(
        "pg.rho.tip",
        "SAM's neighbourhood radius ρ: it steps with the gradient found ρ uphill, preferring flat minima.",
        "SAM의 이웃 반경 ρ: ρ만큼 오르막 쪽에서 찾은 그레이디언트로 움직여, 평탄한 최솟값을 선호합니다.",
    ),
    e(
        "pg.base.tip",
        "The optimizer SAM wraps: it makes the actual update.",
        "SAM이 감싸는 옵티마이저: 실제 업데이트를 합니다.",
    ),
    e(
        "pg.momentum.tip",
        "μ: how much of the previous step is kept; momentum speeds up long valleys.",
        "μ: 이전 스텝을 얼마나 유지하는지; 모멘텀은 긴 골짜기에서 속도를 높입니다.",
    ),
    e(
        "pg.dampening.tip",
        "τ: scales down the new gradient's share in the momentum buffer.",
        "τ: 모멘텀 버퍼에서 새 그레이디언트의 몫을 줄입니다.",
    ),
    e(
        "pg.nesterov.tip",
        "Look ahead along the momentum before taking the gradient (needs momentum > 0 and dampening = 0).",
        "그레이디언트를 구하기 전에 모멘텀 방향으로 미리 내다봅니다 (momentum > 0, dampening = 0 필요).",
    ),
    e(
        "pg.beta1.tip",
        "β₁: the averaging factor of the gradient (the momentum).",
        "β₁: 그레이디언트의 평균 계수 (모멘텀).",
    ),
    e(
        "pg.beta2.tip",
        "β₂: the averaging factor of the squared gradient (the step-size scale).",
        "β₂: 그레이디언트 제곱의 평균 계수 (스텝 크기의 척도).",
    ),
    e(
        "pg.eps.tip",
        "ε: added to the denominator so steps stay finite where gradients vanish.",
        "ε: 그레이디언트가 사라지는 곳에서도 스텝이 유한하도록 분모에 더하는 값.",
    ),
    e(
        "pg.amsgrad.tip",
        "Use the largest squared-gradient average seen so far, so step sizes never grow.",
        "지금까지 본 가장 큰 그레이디언트 제곱 평균을 써서 스텝 크기가 커지지 않게 합니다.",
    ),
    e(
        "pg.alpha.tip",
        "α: the averaging factor of the squared gradient.",
        "α: 그레이디언트 제곱의 평균 계수.",
    ),
    e(
        "pg.rms_momentum.tip",
        "μ: momentum on the scaled steps.",
        "μ: 크기를 조정한 스텝에 거는 모멘텀.",
    ),
    e(
        "pg.centered.tip",
        "Divide by the gradient's variance instead of its raw second moment.",
        "그레이디언트의 원래 2차 적률 대신 분산으로 나눕니다.",
    ),
    e(
        "pg.lr_decay.tip",
        "Shrinks the learning rate as γ / (1 + (t − 1)·lr_decay).",
        "학습률을 γ / (1 + (t − 1)·lr_decay)로 줄입니다.",
    ),
    e(
        "pg.init_acc.tip",
        "The starting sum of squared gradients; larger values make the first steps smaller.",
        "그레이디언트 제곱 합의 시작값; 클수록 처음 스텝이 작아집니다.",
    ),
    e(
        "pg.weight_decay.tip",
        "λ: pulls the parameters towards zero at every step (decoupled for AdamW and Lion).",
        "λ: 매 스텝 매개변수를 0 쪽으로 당깁니다 (AdamW와 Lion에서는 분리된 방식).",
    ),
    e(
        "pg.clip.tip",
        "Rescale any gradient longer than this norm down to it before the step.",
        "이 노름보다 긴 그레이디언트는 스텝 전에 이 길이로 줄입니다.",
    ),
    e(
        "pg.clip_max.tip",
        "The largest gradient norm allowed.",
        "허용하는 가장 큰 그레이디언트 노름.",
    ),
    e(
        "pg.grad_noise.tip",
        "τ: adds Gaussian noise N(0, τ²) to every gradient (Langevin-style exploration).",
        "τ: 모든 그레이디언트에 가우스 잡음 N(0, τ²)을 더합니다 (랑주뱅 방식의 탐색).",
    ),
    e(
        "pg.schedule.tip",
        "How the learning rate changes over the steps (torch.optim.lr_scheduler, stepped after every optimizer step).",
        "스텝에 따라 학습률이 어떻게 바뀌는지 (torch.optim.lr_scheduler, 옵티마이저 스텝마다 갱신).",
    ),
    e(
        "pg.step_size.tip",
        "StepLR: multiply the lr by gamma every step_size steps.",
        "StepLR: step_size 스텝마다 학습률에 gamma를 곱합니다.",
    ),
    e(
        "pg.gamma.tip",
        "The factor at every decay.",
        "감쇠할 때마다 곱하는 계수.",
    ),
    e(
        "pg.exp_gamma.tip",
        "ExponentialLR: multiply the lr by gamma at every step.",
        "ExponentialLR: 매 스텝 학습률에 gamma를 곱합니다.",
    ),
    e(
        "pg.t_max.tip",
        "CosineAnnealingLR: steps of half a cosine from the lr down to eta_min.",
        "CosineAnnealingLR: 학습률에서 eta_min까지 코사인 반주기를 따라 내려갑니다.",
    ),
    e(
        "pg.eta_min.tip",
        "The floor the cosine anneals to.",
        "코사인이 내려가는 바닥값.",
    ),
    e(
        "pg.max_lr.tip",
        "OneCycleLR: the peak; it starts at max_lr/25 and ends at max_lr/25/1e4.",
        "OneCycleLR: 최고점; max_lr/25에서 시작해 max_lr/25/1e4로 끝납니다.",
    ),
    e(
        "pg.total_steps.tip",
        "The length of the cycle.",
        "주기의 길이.",
    ),
    e(
        "pg.pct_start.tip",
        "The share of the cycle spent raising the lr.",
        "주기 중 학습률을 올리는 데 쓰는 비율.",
    ),
    e(
        "pg.warmup.tip",
        "Linear warm-up (LinearLR, start_factor 1/3) for this many steps before the schedule.",
        "스케줄 전에 이만큼의 스텝 동안 선형 예열 (LinearLR, start_factor 1/3).",
    ),
    e("pg.steps", "Steps", "스텝 수"),
    e(
        "pg.steps.tip",
        "How many optimizer steps every run takes.",
        "각 실행이 밟는 옵티마이저 스텝 수.",
    ),
    e("pg.start", "Start", "출발점"),
    e(
        "pg.start.tip",
        "Where every run starts (or click the surface).",
        "모든 실행이 출발하는 곳 (곡면을 클릭해도 됩니다).",
    ),
    e("pg.layer_train", "training surface", "학습 곡면"),
    e("pg.layer_test", "test surface", "테스트 곡면"),
    e(
        "pg.layer_gap",
        "difference (test − train)",
        "차이 (테스트 − 학습)",
    ),
    e("pg.layer", "Layer", "보여 줄 손실"),
    e(
        "pg.layer.tip",
        "Show the training loss, the test loss, or the gap between them (where overfitting shows).",
        "학습 손실, 테스트 손실, 또는 둘의 차이 (과적합이 드러나는 곳)를 보여 줍니다.",
    ),
    // ----- inside a step (the step anatomy's overlays and panel) -----
    e("pg.overlays", "Inside a step", "스텝 들여다보기"),
    e(
        "pg.overlays.tip",
        "Arrows at the playback step of the selected run: what its optimizer saw and did on \
         the step from this point to the next.",
        "선택한 실행의 재생 스텝에 화살표를 그립니다: 이 점에서 다음 점으로 가는 스텝에서 \
         옵티마이저가 본 것과 한 일입니다.",
    ),
    e(
        "pg.overlay.gradient",
        "Full-batch gradient step",
        "전체 배치 기울기 스텝",
    ),
    e(
        "pg.overlay.gradient.tip",
        "−η∇L: where plain gradient descent on all the training data would step from here.",
        "−η∇L: 모든 훈련 데이터로 계산한 경사 하강이 여기서 갈 스텝입니다.",
    ),
    e(
        "pg.overlay.mini_batch",
        "Mini-batch gradient step",
        "미니배치 기울기 스텝",
    ),
    e(
        "pg.overlay.mini_batch.tip",
        "−η·g: the step along the gradient this run actually got: its mini-batch, with its noise \
         and clipping.",
        "−η·g: 이 실행이 실제로 받은 기울기(미니배치, 잡음과 클리핑 포함)를 따라가는 스텝입니다.",
    ),
    e(
        "pg.overlay.momentum",
        "Momentum step (Adam: 1st moment)",
        "모멘텀 스텝 (Adam: 1차 모멘트)",
    ),
    e(
        "pg.overlay.momentum.tip",
        "−η·v: the momentum buffer after this step, drawn as the step it alone would make; for \
         Adam the bias-corrected first moment m_hat = m/(1 − β₁^t).",
        "−η·v: 이 스텝 뒤의 모멘텀 버퍼를, 그것만으로 갈 스텝으로 그립니다. Adam은 편향을 보정한 \
         1차 모멘트 m_hat = m/(1 − β₁^t)입니다.",
    ),
    e("pg.overlay.update", "Actual update", "실제 업데이트"),
    e(
        "pg.overlay.update.tip",
        "Where the optimizer really moved: θ(t+1) − θ(t).",
        "옵티마이저가 실제로 움직인 곳: θ(t+1) − θ(t).",
    ),
    e(
        "pg.overlay.step_size",
        "Step size per coordinate",
        "좌표별 스텝 크기",
    ),
    e(
        "pg.overlay.step_size.tip",
        "Adam, RMSprop, Adagrad: each coordinate's effective step size η/(√v_hat + ε), drawn as \
         the half-axes of an ellipse around the point.",
        "Adam, RMSprop, Adagrad: 좌표마다의 실효 스텝 크기 η/(√v_hat + ε)를 점 둘레 타원의 \
         반지름으로 그립니다.",
    ),
    e(
        "pg.overlay.look_ahead",
        "Nesterov look-ahead",
        "네스테로프 앞선 지점",
    ),
    e(
        "pg.overlay.look_ahead.tip",
        "Nesterov: where momentum alone would carry the point, θ − η·μ·v.",
        "네스테로프: 모멘텀만으로 점이 갈 곳, θ − η·μ·v.",
    ),
    e("pg.overlay.ascent", "SAM ascent point", "SAM 상승 지점"),
    e(
        "pg.overlay.ascent.tip",
        "SAM: the point uphill by ρ, θ + ρ·g/‖g‖, where it takes the gradient it steps with.",
        "SAM: ρ만큼 오르막으로 간 점 θ + ρ·g/‖g‖. 여기서 잰 기울기로 스텝을 밟습니다.",
    ),
    e(
        "pg.overlay.not_here",
        "This run's optimizer has none.",
        "이 실행의 옵티마이저에는 없습니다.",
    ),
    e(
        "pg.overlay.scaled",
        "arrows and ellipse ×{0}",
        "화살표와 타원 ×{0}",
    ),
    e("pg.step_panel", "One step at a time", "한 번에 한 스텝"),
    e(
        "pg.step_panel.tip",
        "The update rule of the selected run's optimizer with the numbers of the step at the \
         playback position.",
        "선택한 실행의 옵티마이저 업데이트 규칙에 재생 위치 스텝의 숫자를 채워 보여 줍니다.",
    ),
    e(
        "pg.step_panel.head",
        "{0}: step {1} (from point {1} to {2}), η = {3}",
        "{0}: 스텝 {1} (점 {1}에서 {2}로), η = {3}",
    ),
    e(
        "pg.step_panel.waiting",
        "Working out the step…",
        "스텝을 계산하는 중…",
    ),
    e("pg.log_scale", "Log colour scale", "로그 색 척도"),
    e(
        "pg.log_scale.tip",
        "Colour by the logarithm of the loss, so valleys spanning many decades stay visible.",
        "손실의 로그로 색을 칠해, 여러 자릿수에 걸친 골짜기도 보이게 합니다.",
    ),
    e("pg.colormap", "Colour map", "색상표"),
    e(
        "pg.colormap.tip",
        "The colours of the loss: perceptually uniform maps that also print in grey.",
        "손실의 색: 지각적으로 균일하고 흑백 인쇄에도 괜찮은 색상표.",
    ),
    e("pg.resolution", "Resolution", "해상도"),
    e(
        "pg.resolution.tip",
        "Grid points per axis of the heatmap; more is sharper and slower.",
        "히트맵의 축당 격자점 수; 많을수록 선명하고 느립니다.",
    ),
    e(
        "pg.test_in_plot",
        "Test loss in plot",
        "그래프에 테스트 손실",
    ),
    e(
        "pg.test_in_plot.tip",
        "Also draw each run's test loss, dashed, in the loss plot.",
        "손실 그래프에 각 실행의 테스트 손실도 점선으로 그립니다.",
    ),
    e(
        "pg.surface.tip",
        "The loss function the optimizers descend: {0}",
        "옵티마이저가 내려가는 손실 함수: {0}",
    ),
    e(
        "pg.formula.tip",
        "f(x, y) with + − * / ^, brackets, and the names {0}",
        "f(x, y): + − * / ^, 괄호, 그리고 이름 {0}",
    ),
    e(
        "pg.non_finite",
        "f is undefined (NaN or infinite) on {0} % of the view (grey on the heatmap)",
        "f가 화면의 {0} %에서 정의되지 않습니다 (NaN 또는 무한대, 히트맵의 회색)",
    ),
    e("pg.full_batch", "full ({0})", "전체 ({0})"),
    e("pg.run_n", "Run {0}", "실행 {0}"),
    // ----- Loss plot -----
    e(
        "pg.loss.title",
        "Training loss per step",
        "스텝별 학습 손실",
    ),
    e(
        "pg.loss.lr_title",
        "Learning rate per step",
        "스텝별 학습률",
    ),
    e("pg.loss.lr_axis", "lr", "학습률"),
    // ----- surface names (people's names stay as they are) -----
    e(
        "pg.surface.six_hump_camel",
        "Six-hump camel",
        "여섯 혹 낙타",
    ),
    e("pg.surface.saddle", "Saddle", "안장"),
    e("pg.surface.quadratic", "Quadratic", "이차 함수"),
    e(
        "pg.surface.sharp_flat",
        "Sharp vs flat",
        "날카로운 vs 평탄한",
    ),
    // ----- Landscape view -----
    e(
        "pg.land.layer.tip",
        "Show the training loss, the test loss, or the gap between them.",
        "학습 손실, 테스트 손실, 또는 그 차이를 보여 줍니다.",
    ),
    e(
        "pg.land.click",
        "· click to move the start",
        "· 클릭하면 출발점이 옮겨집니다",
    ),
    e("pg.land.gap_short", "test − train", "테스트 − 학습"),
    // ----- Playground: formula, schedules, hover read-outs -----
    e("pg.schedule", "lr schedule", "학습률 스케줄 (lr schedule)"),
    e("pg.custom", "Custom…", "직접 입력…"),
    e("pg.formula", "Formula f(x, y)", "수식 f(x, y)"),
];
