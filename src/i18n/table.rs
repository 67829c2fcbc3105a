//! The translation table: one [`Entry`] per user-visible string (key, English, Korean), and
//! the Korean descriptions of the built-in presets. See the module above for how to add one.

/// One string in both languages.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    /// The dotted key the code asks for (`top.preset`).
    pub key: &'static str,
    /// English.
    pub en: &'static str,
    /// Korean.
    pub ko: &'static str,
}

const fn e(key: &'static str, en: &'static str, ko: &'static str) -> Entry {
    Entry { key, en, ko }
}

/// Every string of the window.
pub const ENTRIES: &[Entry] = &[
    // ----- labs (tabs) -----
    e("lab.playground", "Playground", "놀이터"),
    e("lab.network", "Network", "신경망"),
    e("lab.sharp_flat", "Sharp vs Flat", "날카로운 vs 평탄한"),
    e("lab.bias_variance", "Bias–Variance", "편향-분산"),
    e(
        "lab.playground.tip",
        "Optimizers racing on a 2-D test surface.",
        "2차원 테스트 곡면 위에서 옵티마이저들이 경주합니다.",
    ),
    e(
        "lab.network.tip",
        "A small neural network learning a 2-D dataset: its decision boundary, its train and \
         test loss, and its loss landscape on a plane through weight space.",
        "작은 신경망이 2차원 데이터셋을 학습합니다: 결정 경계, 학습 손실과 테스트 손실, 그리고 \
         가중치 공간을 지나는 평면 위의 손실 지형.",
    ),
    e(
        "lab.sharp_flat.tip",
        "A small and a large batch from one start: where they end, how sharp the minima are \
         (λ_max, ε-sharpness) and how well they generalize; sweeps over batch sizes and \
         learning rates.",
        "같은 출발점에서 작은 배치와 큰 배치: 어디에 도착하는지, 최솟값이 얼마나 날카로운지 \
         (λ_max, ε-날카로움), 얼마나 잘 일반화하는지; 배치 크기와 학습률에 대한 스윕.",
    ),
    e(
        "lab.bias_variance.tip",
        "Many fits on resampled data: bias, variance and test error against model complexity, \
         with cross-validation, bagging and boosting.",
        "다시 뽑은 데이터에 대한 여러 번의 적합: 모델 복잡도에 따른 편향, 분산, 테스트 오차, \
         그리고 교차 검증, 배깅, 부스팅.",
    ),
    e("lab.heading", "{0} lab", "{0} 실험실"),
    // ----- top bar -----
    e("top.preset", "Preset", "프리셋"),
    e(
        "top.preset.tip",
        "Load a ready-made experiment, open one from a file, or save this one.",
        "준비된 실험을 불러오거나, 파일에서 열거나, 지금 실험을 저장합니다.",
    ),
    e(
        "top.no_builtins",
        "(no built-in presets)",
        "(내장 프리셋 없음)",
    ),
    e(
        "top.does_not_load",
        "(does not load: {0})",
        "(불러올 수 없음: {0})",
    ),
    e("top.open_file", "Open file…", "파일 열기…"),
    e(
        "top.open_file.tip",
        "Load a preset TOML file from a path (or drop a .toml file on the window).",
        "경로에서 프리셋 TOML 파일을 불러옵니다 (.toml 파일을 창에 끌어다 놓아도 됩니다).",
    ),
    e("top.save_preset", "Save preset…", "프리셋 저장…"),
    e(
        "top.save_preset.tip",
        "Write the current experiment of this lab as a preset TOML file that loads back to the \
         same picture.",
        "이 실험실의 현재 실험을 프리셋 TOML 파일로 저장합니다. 다시 불러오면 같은 그림이 됩니다.",
    ),
    e("top.recent", "Recent", "최근 파일"),
    e("top.no_recent", "(no recent files)", "(최근 파일 없음)"),
    e("top.screenshot", "Screenshot", "스크린샷"),
    e(
        "top.screenshot.tip",
        "Save the window as a PNG in the screenshots folder (S or F12).",
        "창을 PNG로 screenshots 폴더에 저장합니다 (S 또는 F12).",
    ),
    e(
        "top.export_trajectories",
        "Export trajectories",
        "궤적 내보내기",
    ),
    e(
        "top.export_trajectories.tip",
        "Write every run's path and losses as CSV (run,optimizer,step,loss,test_loss,x,y) into \
         exports/.",
        "모든 실행의 경로와 손실을 CSV(run,optimizer,step,loss,test_loss,x,y)로 exports/에 \
         저장합니다.",
    ),
    e("top.export_sweep", "Export sweep", "스윕 내보내기"),
    e(
        "top.export_sweep.tip",
        "Write the sweep on screen as CSV (the columns of `basin sweep`) into exports/.",
        "화면의 스윕을 CSV(`basin sweep`의 열)로 exports/에 저장합니다.",
    ),
    e(
        "top.export_sweep.disabled",
        "Run a sweep first (Sweep settings, on the left).",
        "먼저 스윕을 실행하세요 (왼쪽의 스윕 설정).",
    ),
    e("top.export_csv", "Export CSV", "CSV 내보내기"),
    e(
        "top.export_csv.tip",
        "Write bias², variance, noise and the errors at every complexity as CSV into exports/.",
        "모든 복잡도에서의 편향², 분산, 잡음과 오차를 CSV로 exports/에 저장합니다.",
    ),
    e("top.help", "Help", "도움말"),
    e(
        "top.help.tip",
        "Keyboard shortcuts and what basin is (?).",
        "키보드 단축키와 basin 소개 (?).",
    ),
    e("top.explain", "Explain", "설명"),
    e(
        "top.explain.tip",
        "Show or hide a few sentences on what this lab shows and what to try.",
        "이 실험실이 무엇을 보여 주고 무엇을 해 볼지 짧은 설명을 보이거나 숨깁니다.",
    ),
    e("top.view", "View", "보기"),
    e(
        "top.view.tip",
        "Language, theme, size and contrast for the projector.",
        "언어, 테마, 크기, 대비 (프로젝터용).",
    ),
    e("top.language", "Language", "언어"),
    e("top.light_theme", "Light theme", "밝은 테마"),
    e(
        "top.light_theme.tip",
        "Switch to dark text on a light background (for projectors in bright rooms).",
        "밝은 배경에 어두운 글자로 바꿉니다 (밝은 교실의 프로젝터용).",
    ),
    e("top.dark_theme", "Dark theme", "어두운 테마"),
    e(
        "top.dark_theme.tip",
        "Switch to light text on a dark background.",
        "어두운 배경에 밝은 글자로 바꿉니다.",
    ),
    e("top.high_contrast", "High contrast", "고대비"),
    e(
        "top.high_contrast.tip",
        "A high-contrast colour map and thicker trajectories, for the back of the room.",
        "강한 대비의 색상표와 더 굵은 궤적 (교실 뒤쪽에서도 보이도록).",
    ),
    e("top.hide_panels", "Hide side panels", "옆 패널 숨기기"),
    e(
        "top.hide_panels.tip",
        "Leave only the figure (H).",
        "그림만 남깁니다 (H).",
    ),
    e("top.zoom_in", "Larger", "크게"),
    e("top.zoom_out", "Smaller", "작게"),
    e("top.zoom_reset", "Normal size", "원래 크기"),
    e("top.zoom", "UI scale {0} %", "화면 배율 {0} %"),
    e("top.fullscreen", "Full screen", "전체 화면"),
    e(
        "top.fullscreen.tip",
        "Full screen on or off (F11).",
        "전체 화면 켜기/끄기 (F11).",
    ),
    e("top.shortcuts", "Shortcuts", "단축키"),
    e("top.exporting", "exporting {0} %", "내보내는 중 {0} %"),
    e("top.export_figure", "Export figure…", "그림 내보내기…"),
    e(
        "top.export_figure.tip",
        "Draw this lab's figure as PNG, SVG or an animated GIF, at a size you choose, into \
         exports/.",
        "이 실험실의 그림을 원하는 크기의 PNG, SVG, 움직이는 GIF로 exports/에 그립니다.",
    ),
    e(
        "top.export_animation",
        "Export animation",
        "애니메이션 내보내기",
    ),
    e(
        "top.export_animation.tip",
        "Write the race as an animated GIF (960×600, 5 s at 30 fps) into exports/.",
        "경주를 움직이는 GIF(960×600, 30 fps로 5초)로 exports/에 저장합니다.",
    ),
    // ----- export window -----
    e("export.title", "Export figure", "그림 내보내기"),
    e("export.format", "Format", "형식"),
    e("export.size", "Size", "크기"),
    e("export.fps", "Frames per second", "초당 프레임"),
    e("export.seconds", "Seconds", "초"),
    e("export.export", "Export", "내보내기"),
    e(
        "export.export.tip",
        "Write the file into exports/ (in the background).",
        "파일을 exports/에 씁니다 (백그라운드에서).",
    ),
    e("common.cancel", "Cancel", "취소"),
    // ----- file windows -----
    e("file.open_title", "Open preset", "프리셋 열기"),
    e("file.save_title", "Save preset", "프리셋 저장"),
    e("file.open", "Open", "열기"),
    e("file.save", "Save", "저장"),
    e(
        "file.open.tip",
        "Load this preset file.",
        "이 프리셋 파일을 불러옵니다.",
    ),
    e(
        "file.save.tip",
        "Write the current experiment here.",
        "현재 실험을 여기에 저장합니다.",
    ),
    e("file.path", "Path", "경로"),
    // ----- help window -----
    e("help.title", "Help", "도움말"),
    e(
        "help.playground.1",
        "basin shows how optimizers move on a loss surface.",
        "basin은 옵티마이저가 손실 곡면 위에서 어떻게 움직이는지 보여 줍니다.",
    ),
    e(
        "help.playground.2",
        "Each coloured path is one optimizer; all start from the ring.",
        "색깔 있는 경로 하나가 옵티마이저 하나입니다. 모두 고리 표시에서 출발합니다.",
    ),
    e(
        "help.playground.3",
        "Click the surface to move the start point; hover it to read the loss.",
        "곡면을 클릭하면 출발점이 옮겨지고, 마우스를 올리면 손실 값이 보입니다.",
    ),
    e(
        "help.biasvar.1",
        "Many training sets, one model fitted to each.",
        "여러 학습 세트, 각각에 모델 하나를 적합합니다.",
    ),
    e(
        "help.biasvar.2",
        "Top: the faint beam of fits, their mean, the truth and one sample.",
        "위: 흐릿한 적합 곡선 다발, 그 평균, 참 함수, 표본 하나.",
    ),
    e(
        "help.biasvar.3",
        "Bottom: bias² + variance + noise = test error, against complexity.",
        "아래: 복잡도에 따른 편향² + 분산 + 잡음 = 테스트 오차.",
    ),
    e(
        "help.biasvar.4",
        "Move Complexity to see the fits; New sample redraws the data.",
        "복잡도를 움직여 적합을 보고, 새 표본으로 데이터를 다시 뽑습니다.",
    ),
    e(
        "help.sharpflat.1",
        "Two runs from one start: a small and a large batch.",
        "같은 출발점에서 두 번 실행합니다: 작은 배치와 큰 배치.",
    ),
    e(
        "help.sharpflat.2",
        "The table: the small batch's minimum is flatter (smaller λ_max and ε-sharpness) and \
         its test loss lower.",
        "표: 작은 배치의 최솟값이 더 평탄하고 (λ_max와 ε-날카로움이 더 작고) 테스트 손실이 \
         더 낮습니다.",
    ),
    e(
        "help.sharpflat.3",
        "Plots: both paths on one plane, the loss between the two solutions, slices around \
         each, and λ_max during training with the 2/η line.",
        "그래프: 한 평면 위의 두 경로, 두 해 사이의 손실, 각 해 주변의 단면, 그리고 학습 중의 \
         λ_max와 2/η 선.",
    ),
    e(
        "help.sharpflat.4",
        "Sweep: batch sizes × learning rates × seeds, with progress and Cancel.",
        "스윕: 배치 크기 × 학습률 × 시드, 진행률과 취소 버튼.",
    ),
    e(
        "help.network.1",
        "A small neural network learns the points on the left.",
        "작은 신경망이 왼쪽의 점들을 학습합니다.",
    ),
    e(
        "help.network.2",
        "Right: its loss on a plane through weight space, with each run's path projected onto \
         it.",
        "오른쪽: 가중치 공간을 지나는 평면 위의 손실과, 그 평면에 투영한 각 실행의 경로.",
    ),
    e(
        "help.network.3",
        "Below: train and test loss (the gap between them), and how far the path is from the \
         plane.",
        "아래: 학습 손실과 테스트 손실 (그 사이의 격차), 그리고 경로가 평면에서 얼마나 \
         떨어져 있는지.",
    ),
    e(
        "help.network.4",
        "Try: 0 hidden layers on circles (under-fitting); width 256 on 30 noisy points \
         (over-fitting).",
        "해 보기: circles에 은닉층 0개 (과소적합); 잡음 섞인 점 30개에 너비 256 (과적합).",
    ),
    // ----- shortcuts -----
    e("keys.title", "Keyboard shortcuts", "키보드 단축키"),
    e("keys.play", "play / pause", "재생 / 일시 정지"),
    e("keys.step", "one step forward", "한 스텝 앞으로"),
    e("keys.reset", "back to step 0", "0 스텝으로 되돌리기"),
    e("keys.screenshot", "screenshot", "스크린샷"),
    e("keys.labs", "switch labs", "실험실 바꾸기"),
    e(
        "keys.zoom",
        "UI larger / smaller / normal",
        "화면 크게 / 작게 / 원래대로",
    ),
    e("keys.fullscreen", "full screen", "전체 화면"),
    e(
        "keys.hide",
        "hide / show the side panels",
        "옆 패널 숨기기 / 보이기",
    ),
    e(
        "keys.contrast",
        "high contrast on / off",
        "고대비 켜기 / 끄기",
    ),
    e(
        "keys.explain",
        "explain panel on / off",
        "설명 패널 켜기 / 끄기",
    ),
    e("keys.overlay", "this list", "이 목록"),
    e("keys.key_space", "Space", "스페이스"),
    e("keys.key_right", "Right arrow", "오른쪽 화살표"),
    e("keys.key_reset", "R or Home", "R 또는 Home"),
    e("keys.key_screenshot", "S or F12", "S 또는 F12"),
    e("keys.close", "Close", "닫기"),
    // ----- explain panel -----
    e(
        "explain.title",
        "What this lab shows",
        "이 실험실이 보여 주는 것",
    ),
    e("explain.try", "Try this", "해 보기"),
    e(
        "explain.playground",
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
        "explain.playground.try",
        "Raise the learning rate of plain SGD until it diverges. Load the sharp-vs-flat preset, \
         select the full-batch run and drag its batch size down to 2: watch the ball leave the \
         narrow well for the wide basin. Set Noise σ to 0 and every batch size gives the same \
         path. Switch the layer to the test surface to see the generalization gap.",
        "기본 SGD의 학습률을 발산할 때까지 올려 보세요. sharp-vs-flat 프리셋을 불러와 전체 배치 \
         실행을 고르고 배치 크기를 2로 내려 보세요: 공이 좁은 우물을 빠져나와 넓은 분지로 \
         굴러갑니다. 잡음 σ를 0으로 하면 배치 크기와 상관없이 경로가 같아집니다. '보여 줄 손실'을 테스트 \
         곡면으로 바꾸면 일반화 격차가 그림으로 보입니다.",
    ),
    e(
        "explain.network",
        "A small neural network (an MLP) learns to separate the two classes of points on the \
         left; the shading is its decision boundary at the step shown. On the right, the loss \
         landscape on a plane through weight space, with each run's path projected onto it. \
         Below, train and test loss: the gap between them is the generalization gap.",
        "작은 신경망(MLP)이 왼쪽 점들의 두 클래스를 나누도록 학습합니다. 음영은 현재 스텝의 \
         결정 경계입니다. 오른쪽은 가중치 공간을 지나는 평면 위의 손실 지형과, 그 평면에 \
         투영한 각 실행의 경로입니다. 아래는 학습 손실과 테스트 손실이며, 둘 사이의 차이가 \
         일반화 격차입니다.",
    ),
    e(
        "explain.network.try",
        "Set 0 hidden layers on circles: no straight line separates them (under-fitting). \
         Load the overfit preset: the training loss goes to zero while the test loss climbs \
         (over-fitting). Drag the batch size down and watch the path get noisy.",
        "circles 데이터에 은닉층을 0개로 해 보세요: 직선 하나로는 나눌 수 없습니다 (과소적합). \
         overfit 프리셋을 불러오면 학습 손실은 0으로 가는데 테스트 손실은 올라갑니다 (과적합). \
         배치 크기를 줄이면 경로가 흔들리는 것을 볼 수 있습니다.",
    ),
    e(
        "explain.sharp_flat",
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
        "explain.sharp_flat.try",
        "Compare λ_max of the two runs with the 2/η line. Run a sweep over batch sizes and \
         learning rates: the test loss rises with the batch size at a fixed learning rate, \
         and the ratio B/η tells much of the story.",
        "두 실행의 λ_max를 2/η 선과 비교해 보세요. 배치 크기와 학습률에 대해 스윕을 돌려 \
         보세요: 학습률이 같으면 배치 크기가 클수록 테스트 손실이 올라가고, 비율 B/η가 많은 \
         것을 설명합니다.",
    ),
    e(
        "explain.bias_variance",
        "Many training sets are drawn from the same truth, and the same model is fitted to \
         each. Where the fits miss the truth on average is the bias; how much they scatter is \
         the variance. Bias² + variance + noise is the expected test error: the \
         bias-variance trade-off as a U over model complexity.",
        "같은 참 함수에서 여러 학습 세트를 뽑아, 각각에 같은 모델을 적합합니다. 적합들이 \
         평균적으로 참 함수에서 벗어난 정도가 편향이고, 적합들이 흩어진 정도가 분산입니다. \
         편향² + 분산 + 잡음이 기대 테스트 오차입니다: 모델 복잡도에 따른 U자 모양의 \
         편향-분산 트레이드오프.",
    ),
    e(
        "explain.bias_variance.try",
        "Move Complexity from low (under-fitting: high bias) to high (over-fitting: high \
         variance). Load cross-validation to choose the degree from the data, bagging to see \
         bootstrapping lower the variance, and boosting to see the bias fall round by round.",
        "복잡도를 낮은 쪽(과소적합: 큰 편향)에서 높은 쪽(과적합: 큰 분산)으로 움직여 보세요. \
         cross-validation 프리셋으로 데이터에서 차수를 고르고, bagging으로 부트스트래핑이 \
         분산을 줄이는 것을, boosting으로 라운드마다 편향이 줄어드는 것을 보세요.",
    ),
    // ----- playback -----
    e("play.play", "Play", "재생"),
    e("play.pause", "Pause", "일시 정지"),
    e(
        "play.pause.tip",
        "Stop the animation here (Space).",
        "애니메이션을 여기서 멈춥니다 (스페이스).",
    ),
    e(
        "play.play.tip",
        "Animate the runs step by step (Space).",
        "실행들을 스텝마다 애니메이션으로 보여 줍니다 (스페이스).",
    ),
    e("play.step", "Step", "스텝"),
    e(
        "play.step.tip",
        "Advance every run by one optimizer step (Right arrow key).",
        "모든 실행을 옵티마이저 한 스텝만큼 진행합니다 (오른쪽 화살표).",
    ),
    e("play.reset", "Reset", "처음으로"),
    e(
        "play.reset.tip",
        "Back to the start point, step 0 (R or Home).",
        "출발점, 0 스텝으로 돌아갑니다 (R 또는 Home).",
    ),
    e("play.speed", "Speed (steps/s)", "속도 (스텝/초)"),
    e(
        "play.speed.tip",
        "How many optimizer steps the animation shows per second.",
        "애니메이션이 1초에 보여 주는 옵티마이저 스텝 수.",
    ),
    e("play.at_step", "At step", "현재 스텝"),
    e(
        "play.at_step.tip",
        "Drag to scrub through the race; every run is shown at this step.",
        "끌어서 경주를 앞뒤로 훑어봅니다. 모든 실행이 이 스텝의 위치로 표시됩니다.",
    ),
    // ----- status bar -----
    e("status.ready", "Ready", "준비됨"),
    e("status.landscape", "Landscape", "손실 지형"),
    e("status.seed", "seed {0}", "시드 {0}"),
    e(
        "status.training_runs",
        "Training {0} runs…",
        "실행 {0}개 학습 중…",
    ),
    e(
        "status.seed.tip",
        "Every random draw (shifts, batch order, gradient noise) comes from this seed.",
        "모든 무작위 추출 (이동, 배치 순서, 그레이디언트 잡음)은 이 시드에서 나옵니다.",
    ),
    e(
        "status.sf_training",
        "Training the small and the large batch, then the plane…",
        "작은 배치와 큰 배치를 학습하고, 이어서 평면을 계산하는 중…",
    ),
    e(
        "status.sf_sweep",
        "Sweep: {0} of {1} cells",
        "스윕: {1}칸 중 {0}칸",
    ),
    e(
        "status.sf_seed.tip",
        "Both runs start from the initial weights of this seed.",
        "두 실행 모두 이 시드의 초기 가중치에서 출발합니다.",
    ),
    e(
        "status.net_training",
        "Training {0} runs × {1} steps…",
        "실행 {0}개 × {1} 스텝 학습 중…",
    ),
    e(
        "status.net_plane",
        "Projecting the paths onto the plane…",
        "경로를 평면에 투영하는 중…",
    ),
    e(
        "status.net_seed.tip",
        "The data, the initial weights, the batch order and the random plane all come from this \
         seed.",
        "데이터, 초기 가중치, 배치 순서, 무작위 평면이 모두 이 시드에서 나옵니다.",
    ),
    e(
        "status.bv_fitting",
        "Fitting {0} training sets × {1} complexities",
        "학습 세트 {0}개 × 복잡도 {1}개 적합 중",
    ),
    e(
        "status.bv_seed.tip",
        "Every training set, noise draw and resample comes from this seed.",
        "모든 학습 세트, 잡음, 재표본 추출이 이 시드에서 나옵니다.",
    ),
    e("status.dismiss", "Dismiss", "닫기"),
    e(
        "status.dismiss.tip",
        "Dismiss this message.",
        "이 메시지를 닫습니다.",
    ),
    // ----- notices -----
    e(
        "notice.settings_ignored",
        "The saved settings could not be read ({0}); starting with the defaults.",
        "저장된 설정을 읽을 수 없어 ({0}) 기본값으로 시작합니다.",
    ),
    e(
        "notice.settings_old",
        "The saved settings are from another version of basin; starting with the defaults.",
        "저장된 설정이 다른 버전의 basin에서 온 것이라 기본값으로 시작합니다.",
    ),
    e(
        "notice.saved_preset",
        "Saved preset to {0}",
        "프리셋을 {0}에 저장했습니다",
    ),
    e(
        "notice.cannot_save_preset",
        "cannot save preset {0}: {1}",
        "프리셋 {0}을(를) 저장할 수 없습니다: {1}",
    ),
    e(
        "notice.saved_screenshot",
        "Saved screenshot to {0}",
        "스크린샷을 {0}에 저장했습니다",
    ),
    e(
        "notice.cannot_save_screenshot",
        "cannot save screenshot {0}: {1}",
        "스크린샷 {0}을(를) 저장할 수 없습니다: {1}",
    ),
    e(
        "notice.exported",
        "Exported {0} to {1}",
        "{0}을(를) {1}에 내보냈습니다",
    ),
    e(
        "notice.cannot_export",
        "cannot export {0}: {1}",
        "{0}을(를) 내보낼 수 없습니다: {1}",
    ),
    e("notice.what_sweep", "the sweep", "스윕"),
    e("notice.what_trajectories", "trajectories", "궤적"),
    e(
        "notice.no_sweep_biasvar",
        "no sweep yet: wait for the fits to finish",
        "아직 결과가 없습니다: 적합이 끝날 때까지 기다리세요",
    ),
    e(
        "notice.no_net_trajectories",
        "no trajectories yet: wait for the training and the plane",
        "아직 궤적이 없습니다: 학습과 평면 계산을 기다리세요",
    ),
    e(
        "notice.no_sweep",
        "no sweep yet: run one first",
        "아직 스윕이 없습니다: 먼저 스윕을 실행하세요",
    ),
    e(
        "notice.no_trajectories",
        "no trajectories yet: wait for the training to finish",
        "아직 궤적이 없습니다: 학습이 끝날 때까지 기다리세요",
    ),
    e(
        "notice.not_for_lab",
        "{0} cannot be shown in the {1} lab",
        "{0}은(는) {1} 실험실에서 열 수 없습니다",
    ),
    e(
        "notice.dropped_not_toml",
        "{0} is not a preset: drop a .toml file",
        "{0}은(는) 프리셋이 아닙니다: .toml 파일을 놓으세요",
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
    e("pg.diverged", " — diverged", " — 발산"),
    e("pg.run_n", "Run {0}", "실행 {0}"),
    // ----- Network controls -----
    e("net.data", "Data", "데이터"),
    e("net.model", "Model", "모델"),
    e(
        "net.moons.tip",
        "Two interleaving half-moons: a curved boundary a small network finds.",
        "서로 맞물린 두 반달: 작은 신경망이 찾는 휘어진 경계.",
    ),
    e(
        "net.circles.tip",
        "One circle inside another: no straight line separates them, so a linear model fails.",
        "원 안의 원: 직선 하나로는 나눌 수 없어서 선형 모델은 실패합니다.",
    ),
    e(
        "net.spirals.tip",
        "Two spiral arms winding around each other: needs depth, width and many steps.",
        "서로 감긴 두 나선 팔: 깊이, 너비, 많은 스텝이 필요합니다.",
    ),
    e(
        "net.xor.tip",
        "Class 1 where x·y > 0: the classic problem a single layer cannot solve.",
        "x·y > 0이면 클래스 1: 층 하나로는 풀 수 없는 고전적인 문제.",
    ),
    e(
        "net.blobs.tip",
        "Gaussian blobs on a circle, one class each: multi-class with softmax.",
        "원 위의 가우스 덩어리, 덩어리마다 클래스 하나: 소프트맥스를 쓰는 다중 클래스.",
    ),
    e(
        "net.sine.tip",
        "y = sin(πx) with noise: regression, the network draws a curve.",
        "잡음 섞인 y = sin(πx): 회귀, 신경망이 곡선을 그립니다.",
    ),
    e("net.dataset", "Dataset", "데이터셋"),
    e("net.n_train", "Training points", "학습 점 수"),
    e(
        "net.n_train.tip",
        "How many points the network learns from. Few points and a big network: it memorizes them and the test loss climbs (over-fitting).",
        "신경망이 배우는 점의 수. 점이 적고 신경망이 크면 점들을 외워 버리고 테스트 손실이 올라갑니다 (과적합).",
    ),
    e("net.n_test", "Test points", "테스트 점 수"),
    e(
        "net.n_test.tip",
        "Held-out points from the same distribution: the test loss is measured on them.",
        "같은 분포에서 따로 떼어 둔 점: 테스트 손실을 여기서 잽니다.",
    ),
    e("net.input_noise", "Input noise", "입력 잡음"),
    e(
        "net.input_noise.tip",
        "Standard deviation of the Gaussian noise added to every input point.",
        "모든 입력 점에 더하는 가우스 잡음의 표준편차.",
    ),
    e("net.label_noise", "Label noise", "라벨 잡음"),
    e(
        "net.label_noise.tip",
        "Fraction of training and test labels flipped at random: points no model should fit. A big network fits them anyway — that is over-fitting.",
        "무작위로 뒤집은 학습·테스트 라벨의 비율: 어떤 모델도 맞추면 안 되는 점들. 큰 신경망은 그래도 맞춥니다 — 그것이 과적합입니다.",
    ),
    e("net.classes", "Classes", "클래스 수"),
    e(
        "net.classes.tip",
        "How many blobs, one class each.",
        "덩어리 수, 덩어리마다 클래스 하나.",
    ),
    e(
        "net.seed.tip",
        "Draws the data, the initial weights, the mini-batches and the random plane: the same seed gives the same pictures.",
        "데이터, 초기 가중치, 미니배치, 무작위 평면을 뽑습니다: 같은 시드는 같은 그림을 만듭니다.",
    ),
    e("net.depth", "Hidden layers", "은닉층 수"),
    e(
        "net.depth.tip",
        "0 is a linear model (logistic regression), which under-fits any curved boundary; more layers can bend the boundary more.",
        "0은 선형 모델 (로지스틱 회귀)로, 휘어진 경계는 모두 과소적합합니다; 층이 많을수록 경계를 더 휠 수 있습니다.",
    ),
    e("net.width", "Width", "너비"),
    e(
        "net.width.tip",
        "Neurons in every hidden layer: the network's capacity.",
        "각 은닉층의 뉴런 수: 신경망의 용량.",
    ),
    e("net.activation", "Activation", "활성화 함수"),
    e(
        "net.activation.tip",
        "The nonlinearity after every hidden layer.",
        "각 은닉층 뒤의 비선형 함수.",
    ),
    e(
        "net.shape.tip",
        "Layer sizes from input to output, and the number of weights and biases.",
        "입력부터 출력까지 층의 크기, 그리고 가중치와 편향의 개수.",
    ),
    e(
        "net.plane_random.tip",
        "Two random directions, filter-normalized (Li et al. 2018), through run 1's final weights. Fixed by the seed, so runs and settings can be compared on one plane.",
        "실행 1의 최종 가중치를 지나는, 필터 정규화된 (Li et al. 2018) 무작위 두 방향. 시드로 고정되므로 실행과 설정을 한 평면에서 비교할 수 있습니다.",
    ),
    e(
        "net.plane_pca.tip",
        "The two directions along which the runs' weights moved the most (PCA of the trajectories): the plane that shows the path best.",
        "실행들의 가중치가 가장 많이 움직인 두 방향 (궤적의 PCA): 경로를 가장 잘 보여 주는 평면.",
    ),
    e(
        "net.plane_solutions.tip",
        "The plane through the final weights of runs 1 and 2 (e.g. a small-batch and a large-batch minimum): both solutions and the barrier between them.",
        "실행 1과 2의 최종 가중치를 지나는 평면 (예: 작은 배치와 큰 배치의 최솟값): 두 해와 그 사이의 장벽.",
    ),
    e(
        "net.plane_random",
        "random (filter-normalized)",
        "무작위 (필터 정규화)",
    ),
    e("net.plane_pca", "PCA of the trajectories", "궤적의 PCA"),
    e(
        "net.plane_solutions",
        "through two solutions",
        "두 해를 지나는 평면",
    ),
    e("net.plane", "Plane", "평면"),
    e(
        "net.plane_solutions.disabled",
        "Needs at least two runs: add one under Runs.",
        "실행이 두 개 이상 필요합니다: 실행에서 하나를 추가하세요.",
    ),
    e(
        "net.explained.tip",
        "How much of the weights' movement each axis captures; what is left is off the plane.",
        "가중치 움직임 중 각 축이 담아내는 몫; 나머지는 평면 밖에 있습니다.",
    ),
    e("net.layer_train", "training loss", "학습 손실"),
    e("net.layer_test", "test loss", "테스트 손실"),
    e(
        "net.layer_gap",
        "gap (test − train)",
        "격차 (테스트 − 학습)",
    ),
    e(
        "net.layer.tip",
        "Which loss the landscape shows: on the training set, the test set, or their difference.",
        "손실 지형이 보여 주는 손실: 학습 세트, 테스트 세트, 또는 그 차이.",
    ),
    e("net.range", "Range ±", "범위 ±"),
    e(
        "net.range.tip",
        "How far the picture reaches from the plane's centre along each direction (in units of the directions: 1 is one filter-normalized step).",
        "그림이 평면의 중심에서 각 방향으로 얼마나 멀리 뻗는지 (방향의 단위로: 1은 필터 정규화된 한 걸음).",
    ),
    e(
        "net.resolution.tip",
        "Grid points per side. Every point is a full pass over the data, so finer grids take longer (a coarse picture comes first).",
        "한 변의 격자점 수. 점마다 데이터 전체를 한 번 계산하므로 촘촘할수록 오래 걸립니다 (거친 그림이 먼저 나옵니다).",
    ),
    e(
        "net.colormap.tip",
        "The colours of the landscape (perceptually uniform maps).",
        "손실 지형의 색 (지각적으로 균일한 색상표).",
    ),
    e(
        "net.parameters",
        "{0} · {1} parameters",
        "{0} · 매개변수 {1}개",
    ),
    e("net.centre", "Centred on", "중심"),
    e("net.centre.final", "final weights", "최종 가중치"),
    e(
        "net.centre.final.tip",
        "The plane goes through run 1's final weights: the minimum it found.",
        "평면이 실행 1의 최종 가중치, 곧 그 실행이 찾은 최솟값을 지납니다.",
    ),
    e("net.centre.start", "initial weights", "초기 가중치"),
    e(
        "net.centre.start.tip",
        "The plane goes through the initial weights every run starts from: the paths leave the centre.",
        "평면이 모든 실행이 출발하는 초기 가중치를 지납니다: 경로가 중심에서 떠나갑니다.",
    ),
    e(
        "net.explained",
        "Explained variance: PC1 {0} %, PC2 {1} %",
        "설명된 분산: PC1 {0} %, PC2 {1} %",
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
    // ----- Network view -----
    e(
        "netv.data_curve",
        "Data and fitted curve",
        "데이터와 적합 곡선",
    ),
    e(
        "netv.data_boundary",
        "Data and decision boundary",
        "데이터와 결정 경계",
    ),
    e(
        "netv.at.tip",
        "Select another run under Runs to see its boundary.",
        "다른 실행의 경계를 보려면 실행에서 그 실행을 고르세요.",
    ),
    e(
        "netv.legend",
        "dots: training, rings: test",
        "점: 학습, 고리: 테스트",
    ),
    e(
        "netv.legend.tip",
        "Filled dots are the points the network trains on; rings are held-out test points. The shading is the network's prediction: its colour is the class it predicts, grey where it is unsure.",
        "채워진 점은 신경망이 학습하는 점이고, 고리는 따로 떼어 둔 테스트 점입니다. 음영은 신경망의 예측입니다: 색은 예측한 클래스, 확신이 없는 곳은 회색입니다.",
    ),
    e("netv.training", "Training…", "학습 중…"),
    e("netv.fit", "network's fit", "신경망의 적합"),
    e("netv.train_points", "training points", "학습 점"),
    e("netv.test_points", "test points", "테스트 점"),
    e(
        "netv.loss",
        "Loss: train (solid) and test (dashed)",
        "손실: 학습 (실선), 테스트 (점선)",
    ),
    e(
        "netv.accuracy",
        "Accuracy: train (solid) and test (dashed)",
        "정확도: 학습 (실선), 테스트 (점선)",
    ),
    e(
        "netv.accuracy.tip",
        "Fraction of points classified correctly, measured at 80 steps along each run.",
        "올바르게 분류한 점의 비율, 각 실행을 따라 80개 스텝에서 잽니다.",
    ),
    e("netv.accuracy_axis", "accuracy", "정확도"),
    e("axis.step", "step", "스텝"),
    e("axis.loss_log", "loss (log)", "손실 (로그)"),
    e("axis.loss", "loss", "손실"),
    e(
        "netv.alpha_solutions",
        "α: towards run 2's solution",
        "α: 실행 2의 해 쪽",
    ),
    e(
        "netv.beta_solutions",
        "β: orthogonal direction",
        "β: 수직 방향",
    ),
    e(
        "netv.alpha_random",
        "α along d₁ (filter-normalized)",
        "α: d₁ 방향 (필터 정규화)",
    ),
    e("netv.beta_random", "β along d₂", "β: d₂ 방향"),
    e("netv.gap", "test − train loss", "테스트 − 학습 손실"),
    e("netv.training_lower", "training…", "학습 중…"),
    e(
        "netv.projecting",
        "projecting onto the plane…",
        "평면에 투영하는 중…",
    ),
    e(
        "netv.honesty",
        "Off the plane: true loss (solid) vs the surface under the path (dotted)",
        "평면 밖: 실제 손실 (실선) 대 경로 아래 곡면 (점선)",
    ),
    e(
        "netv.honesty.tip",
        "A path through thousands of weights is drawn on a 2-D plane. Where the two curves part, the picture under the path is not the loss the network really had: the path has left the plane.",
        "수천 개의 가중치를 지나는 경로를 2차원 평면에 그린 것입니다. 두 곡선이 갈라지는 곳에서는 경로 아래 그림이 신경망의 실제 손실이 아닙니다: 경로가 평면을 벗어났습니다.",
    ),
    e(
        "netv.distance.tip",
        "|θ − its projection onto the plane|, in weight units.",
        "|θ − 평면에 대한 θ의 투영|, 가중치 단위.",
    ),
    e(
        "netv.train_loss_log",
        "training loss (log)",
        "학습 손실 (로그)",
    ),
    e("netv.at", "· run {0} at step {1}", "· 실행 {0}, 스텝 {1}"),
    e("netv.class_train", "class {0} (train)", "클래스 {0} (학습)"),
    e("netv.class_test", "class {0} (test)", "클래스 {0} (테스트)"),
    e(
        "netv.pc1",
        "PC1 ({0} % of the movement)",
        "PC1 (움직임의 {0} %)",
    ),
    e(
        "netv.landscape",
        "Landscape: {0} on a plane",
        "손실 지형: 평면 위의 {0}",
    ),
    e(
        "netv.distance",
        "Run {0} at step {1}: distance from the plane {2}{3}",
        "실행 {0}, 스텝 {1}: 평면까지의 거리 {2}{3}",
    ),
    // ----- Bias–Variance view -----
    e("bvv.fitting", "Fitting…", "적합 중…"),
    e("bvv.truth", "truth f(x)", "참 함수 f(x)"),
    e("bvv.sample", "training set 1", "학습 세트 1"),
    e("bvv.mean_fit", "mean fit", "평균 적합"),
    e("bvv.band", "±1σ band", "±1σ 띠"),
    e("bvv.optimum", "optimum", "최적"),
    e("bvv.current", "current", "현재"),
    e("bvv.error_log", "error (log)", "오차 (로그)"),
    e("bvv.underfitting", "under-fitting", "과소적합"),
    e("bvv.overfitting", "over-fitting", "과적합"),
    e("bvv.fits_at", "{0} fits at {1}", "{1}에서 적합 {0}개"),
    e(
        "bvv.numbers",
        "bias² {0} · variance {1} · noise {2} · test MSE {3}",
        "편향² {0} · 분산 {1} · 잡음 {2} · 테스트 MSE {3}",
    ),
    e("bvv.beam", "{0} fits (the beam)", "적합 {0}개 (다발)"),
    e("bvv.error_against", "Error against {0}", "{0}에 따른 오차"),
    e(
        "bvv.lowest",
        "lowest test MSE {0} at {1}",
        "가장 낮은 테스트 MSE {0}, {1}에서",
    ),
    e("bvv.oob", "· out-of-bag share {0}%", "· OOB 비율 {0}%"),
    e("bvv.curve.bias2", "bias²", "편향²"),
    e("bvv.curve.variance", "variance", "분산"),
    e("bvv.curve.noise", "noise σ²", "잡음 σ²"),
    e("bvv.curve.test", "expected test MSE", "기대 테스트 MSE"),
    e("bvv.curve.train", "training MSE", "학습 MSE"),
    e("bvv.curve.cv", "k-fold CV MSE", "k-폴드 교차 검증 MSE"),
    e("bvv.curve.bagged", "bagged MSE", "배깅 MSE"),
    // ----- Playground views and 3-D -----
    e(
        "s3d.hint",
        "drag to turn · scroll to zoom",
        "끌어서 돌리기 · 스크롤로 확대",
    ),
    e("s3d.log", "Log heights", "로그 높이"),
    e(
        "s3d.log.tip",
        "Heights on the colour bar's log scale instead of the raw loss.",
        "높이를 원래 손실 대신 색 막대의 로그 척도로 잽니다.",
    ),
    e("s3d.clamp", "Clamp at", "자르는 위치"),
    e(
        "s3d.clamp.tip",
        "Heights above this quantile of the grid are cut off, so one huge value does not flatten the rest.",
        "격자의 이 분위수보다 높은 곳은 잘라서, 아주 큰 값 하나가 나머지를 납작하게 만들지 않게 합니다.",
    ),
    e("s3d.height", "Height", "높이"),
    e("s3d.reset", "Reset view", "시점 초기화"),
    e(
        "s3d.toggle.tip",
        "Show the surface in 3-D: drag to turn it, scroll to zoom.",
        "곡면을 3차원으로 봅니다: 끌어서 돌리고, 스크롤로 확대합니다.",
    ),
    e(
        "s3d.computing",
        "computing the landscape…",
        "손실 지형을 계산하는 중…",
    ),
    // ----- Loss plot -----
    e("loss.title", "Training loss per step", "스텝별 학습 손실"),
    e("loss.lr_title", "Learning rate per step", "스텝별 학습률"),
    // ----- Landscape view -----
    e(
        "land.layer.tip",
        "Show the training loss, the test loss, or the gap between them.",
        "학습 손실, 테스트 손실, 또는 그 차이를 보여 줍니다.",
    ),
    e(
        "land.click",
        "· click to move the start",
        "· 클릭하면 출발점이 옮겨집니다",
    ),
    e("land.gap_short", "test − train", "테스트 − 학습"),
    e("land.gap_unit", "gap", "격차"),
    // ----- Playground: formula, schedules, hover read-outs -----
    e("pg.schedule", "lr schedule", "학습률 스케줄 (lr schedule)"),
    e("pg.custom", "Custom…", "직접 입력…"),
    e("pg.formula", "Formula f(x, y)", "수식 f(x, y)"),
    // ----- Hover read-outs -----
    e(
        "hover.step_loss",
        "step {0}\nloss {1}",
        "스텝 {0}\n손실 {1}",
    ),
    e("hover.step_lr", "step {0}\nlr {1}", "스텝 {0}\n학습률 {1}"),
    e(
        "hover.step_accuracy",
        "step {0}\naccuracy {1} %",
        "스텝 {0}\n정확도 {1} %",
    ),
    e(
        "hover.nearest",
        "\nloss {0} (nearest grid point)",
        "\n손실 {0} (가장 가까운 격자점)",
    ),
    e("netv.run_true", "run {0} true", "실행 {0} 실제"),
    e("netv.run_plane", "run {0} on the plane", "실행 {0} 평면 위"),
    e(
        "netv.share_of_final",
        " ({0} % of |θ_final|)",
        " (|θ_final|의 {0} %)",
    ),
    e("bvv.n_fits", "{0} fits", "적합 {0}개"),
    e("axis.log_suffix", "{0} (log)", "{0} (로그)"),
    // ----- Bias–Variance complexity axes -----
    e("bvv.cx.degree", "degree", "차수"),
    e("bvv.cx.width", "width", "너비"),
    e("bvv.cx.depth", "depth", "깊이"),
    e("bvv.cx.rounds", "rounds", "라운드"),
    e("bvv.cx.features", "features p", "특성 수 p"),
    // ----- figure export notices -----
    e(
        "notice.no_workers",
        "cannot export: no worker threads",
        "내보낼 수 없습니다: 작업 스레드가 없습니다",
    ),
    e(
        "notice.cannot_create_exports",
        "cannot create exports/: {0}",
        "exports/ 폴더를 만들 수 없습니다: {0}",
    ),
    e(
        "notice.exported_figure",
        "Exported the figure to {0}",
        "그림을 {0}에 내보냈습니다",
    ),
    e(
        "notice.nothing_yet_runs",
        "nothing to export yet: wait for the landscape and the runs",
        "아직 내보낼 것이 없습니다: 손실 지형과 실행이 끝날 때까지 기다리세요",
    ),
    e(
        "notice.sf_no_motion",
        "the Sharp vs Flat figure has no motion: export it as PNG or SVG",
        "날카로운 vs 평탄한 그림에는 움직임이 없습니다: PNG나 SVG로 내보내세요",
    ),
    e(
        "notice.nothing_yet_two_runs",
        "nothing to export yet: wait for the two runs",
        "아직 내보낼 것이 없습니다: 두 실행이 끝날 때까지 기다리세요",
    ),
    e(
        "notice.bv_no_motion",
        "the Bias–Variance figure has no motion: export it as PNG or SVG",
        "편향-분산 그림에는 움직임이 없습니다: PNG나 SVG로 내보내세요",
    ),
    e(
        "notice.nothing_yet_sweep",
        "nothing to export yet: wait for the sweep",
        "아직 내보낼 것이 없습니다: 적합이 끝날 때까지 기다리세요",
    ),
    e(
        "notice.run_key",
        "run {0}: `{1}` {2}",
        "실행 {0}: `{1}` {2}",
    ),
    e(
        "notice.run_schedule_key",
        "run {0}: schedule `{1}` {2}",
        "실행 {0}: 스케줄 `{1}` {2}",
    ),
    e("sf.row.eps", "ε-sharpness", "ε-날카로움"),
    e(
        "sf.plane.x",
        "α: small-batch solution (0) to large-batch solution (1)",
        "α: 작은 배치의 해 (0)에서 큰 배치의 해 (1)까지",
    ),
    e("sf.plane.y", "β: orthogonal direction", "β: 직교 방향"),
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
    e(
        "netv.loss.tip",
        "The shaded band between the two curves of the selected run is the generalization gap: how much worse the network does on points it never saw.",
        "선택한 실행의 두 곡선 사이 음영이 일반화 격차입니다: 신경망이 본 적 없는 점에서 얼마나 더 못하는지를 보여 줍니다.",
    ),
    e(
        "netv.accuracy_now",
        "Accuracy (step {0}, run {1}): train {2} %, test {3} %",
        "정확도 (스텝 {0}, 실행 {1}): 학습 {2} %, 테스트 {3} %",
    ),
    e(
        "net.centre.step",
        "the playback step's weights",
        "재생 중인 스텝의 가중치",
    ),
    e(
        "net.centre.step.tip",
        "The plane goes through run 1's weights at the step the playback shows now (click again after moving the playback to re-centre).",
        "평면이 지금 재생 중인 스텝에서 실행 1의 가중치를 지납니다 (재생 위치를 옮긴 뒤 다시 누르면 다시 맞춥니다).",
    ),
    e("net.centre.at", "(step {0})", "(스텝 {0})"),
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
    e("sf.train_loss", "train loss", "학습 손실"),
    e("sf.test_loss", "test loss", "테스트 손실"),
    e("sf.accuracy", "accuracy", "정확도"),
    e("sf.train_accuracy", "train accuracy", "학습 정확도"),
    e("sf.test_accuracy", "test accuracy", "테스트 정확도"),
    e(
        "sf.slices.title",
        "1-D slices around each minimum",
        "각 최솟값 주변의 1차원 단면",
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
        "sf.sweeping",
        "Sweeping… {0} of {1} cells",
        "스윕 중… {1}칸 중 {0}칸",
    ),
    e(
        "sf.no_sweep",
        "No sweep yet: set it up under Sweep settings on the left and start it there.",
        "아직 스윕이 없습니다. 왼쪽의 스윕 설정에서 준비하고 실행하세요.",
    ),
    e("sf.median_lambda", "median λ_max", "λ_max 중앙값"),
    e("sf.median_eps", "median ε-sharpness", "ε-날카로움 중앙값"),
    e(
        "sf.median_acc",
        "median test accuracy",
        "테스트 정확도 중앙값",
    ),
    e(
        "sf.median_test_loss",
        "median test loss",
        "테스트 손실 중앙값",
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
        "sf.notice.cancelled",
        "Sweep cancelled",
        "스윕을 취소했습니다",
    ),
    e(
        "sf.notice.cannot_run",
        "cannot run the sweep: {0}",
        "스윕을 실행할 수 없습니다: {0}",
    ),
];

/// Korean descriptions of the built-in presets, by preset name (the English text is the
/// preset file's own `description`).
pub const PRESET_DESCRIPTIONS: &[(&str, &str)] = &[
    (
        "rosenbrock-race",
        "다섯 옵티마이저가 같은 출발점에서 로젠브록의 휘어진 골짜기를 따라 (1, 1)의 최솟값까지 \
         경주합니다. 기본 SGD는 기어가고, 모멘텀·네스테로프·Adam은 평평한 골짜기 바닥에서 \
         속도를 붙입니다. 네스테로프는 처음에 가파른 벽 사이를 지그재그로 오갑니다.",
    ),
    (
        "beale",
        "Beale 곡면에는 평평한 고원과 (3, 0.5)의 최솟값으로 이어지는 길고 좁은 골짜기가 있습니다. \
         모멘텀은 골짜기를 한참 지나쳤다가 되돌아오고, Adagrad와 Adam은 곧장 골짜기로 들어가며, \
         기본 SGD는 뒤처집니다.",
    ),
    (
        "saddle",
        "x² − y² 위에서 능선 바로 옆에서 출발하면, 기본 경사 하강법은 (0, 0)의 안장점으로 \
         미끄러져 거기서 멈춥니다. 옆 방향 그레이디언트가 아주 작기 때문입니다. RMSprop과 Adam은 \
         그 작은 그레이디언트를 키워 곧바로 빠져나오고, 모멘텀도 빠져나오지만 늦습니다.",
    ),
    (
        "ill-conditioned",
        "가로 방향이 세로 방향보다 100배 가파른 2차 그릇 (조건수 κ = 100). 기본 경사 하강법은 \
         가파른 방향 때문에 스텝을 작게 유지해야 해서 골짜기를 가로질러 지그재그로 움직이다가 \
         골짜기를 따라 기어갑니다. 모멘텀은 소용돌이치지만 속도를 붙여 훨씬 먼저 최솟값에 \
         닿습니다.",
    ),
    (
        "rastrigin",
        "Rastrigin 곡면은 (0, 0)의 전역 최솟값 주위에 지역 최솟값이 달걀판처럼 깔려 있습니다. \
         전체 배치 경사 하강법은 가장 가까운 웅덩이에 갇히고, 배치 8은 거기서 조금 흔들릴 \
         뿐입니다. 잡음이 더 큰 배치 4는 웅덩이에서 웅덩이로 뛰어 중심으로 갑니다.",
    ),
    (
        "sharp-vs-flat",
        "모든 실행이 넓은 분지의 비탈에 있는 좁은 웅덩이에서 출발합니다. 곡면이 날카로운 곳에서 \
         작은 배치는 잡음이 커서 튕겨 나가 넓은 분지로 굴러가고, 전체 배치는 웅덩이에 머뭅니다. \
         테스트 곡면을 보면: 웅덩이의 바닥은 테스트 바닥에서 벗어나 손해를 보고, 넓은 분지는 \
         거의 영향을 받지 않습니다 (날카로운 최솟값 / 평탄한 최솟값).",
    ),
    (
        "batch-size",
        "잡음 섞인 그릇의 복사본 64개에 대해 같은 SGD를 배치 1, 배치 8, 전체 배치 64로 \
         실행합니다. 배치가 커질수록 경로가 매끄러워집니다: 미니배치 그레이디언트는 표본별 \
         그레이디언트의 평균이라 잡음이 1/√B처럼 줄고, 전체 배치만 정확히 바닥에 멈춥니다.",
    ),
    (
        "schedules",
        "길쭉한 골짜기에서 같은 잡음 섞인 SGD를 네 가지 방식으로 실행합니다. 학습률이 일정하면 \
         미니배치 잡음 때문에 골짜기 바닥을 계속 오갑니다. 코사인 감쇠는 학습률을 0까지 낮춰 \
         바닥에 멈춥니다. 계단식 감쇠는 단계적으로 멈추고, one-cycle은 예열 후 달리다가 역시 \
         멈춥니다.",
    ),
    (
        "custom-formula",
        "수식으로 입력한 곡면: log(1 + Rosenbrock). 로그가 가파른 벽을 평평하게 만들어서 기본 \
         경사 하강법은 어디서나 완만한 그레이디언트를 받아 기어가고, 스텝 크기를 정규화하는 \
         Adam은 거의 영향을 받지 않습니다. 곡면의 Custom…에서 수식을 고쳐 경주가 어떻게 \
         바뀌는지 보세요.",
    ),
    (
        "bias-variance",
        "sin 2πx에서 뽑은 잡음 섞인 점 30개짜리 학습 세트 200개에 각각 다항식을 적합합니다. \
         낮은 차수는 곡선을 놓치고 (편향), 높은 차수는 잡음을 쫓아 적합이 흩어집니다 (분산). \
         둘의 합에 잡음을 더한 것이 테스트 오차입니다: 가운데에 가장 좋은 차수가 있는 U자.",
    ),
    (
        "cross-validation",
        "cos 1.5πx에서 뽑은 점 30개짜리 학습 세트 하나 (scikit-learn의 과소적합·과적합 예제)를 \
         10개 폴드로 나누고, 각 폴드를 나머지 아홉 폴드로 적합한 다항식으로 예측합니다. 교차 \
         검증 오차는 실제 테스트 오차를 따라가고 그 최저점이 좋은 차수를 고르며, 학습 오차는 \
         계속 내려갑니다.",
    ),
    (
        "knn",
        "가장 가까운 학습 점 k개의 평균으로 예측합니다. k가 크면 넓은 창에서 평균을 내어 사인 \
         곡선을 평평하게 만들고 (편향), k = 1은 가장 가까운 잡음 섞인 점을 그대로 따라 합니다 \
         (분산, 학습 오차 0). 복잡도는 오른쪽으로 갈수록 1/k로 커집니다.",
    ),
    (
        "bagging",
        "깊게 자란 회귀 나무는 모든 학습 점을 맞추고 새 표본마다 크게 흔들립니다. 배깅은 같은 \
         세트의 부트스트래핑 재표본에 각각 적합한 나무 25그루를 평균합니다: 편향은 그대로인 채 \
         분산이 줄어, 나무가 깊어지면 배깅의 오차가 나무 하나의 오차보다 낮아집니다.",
    ),
    (
        "boosting",
        "그레이디언트 부스팅은 라운드마다 모델이 아직 틀리는 부분에 적합한 깊이 2의 얕은 나무를 \
         ν = 0.1배로 더합니다. 약한 학습기가 모여 강한 학습기가 됩니다: 라운드가 늘수록 편향이 \
         줄고, 아주 많은 라운드 뒤에야 분산이 오르기 시작합니다.",
    ),
    (
        "double-descent",
        "잡음 섞인 점 n = 30개 (모든 학습 세트에서 같은 입력 30개)에서 무작위 특성 p개에 대한 \
         최소 노름 최소제곱. 테스트 오차는 처음에 고전적인 U를 따르다가, 정확히 하나의 적합이 \
         모든 점을 지나는 보간 문턱 p = n에서 폭발하고, 특성이 더 많아지면 보간이 매끄러워져 \
         첫 최솟값보다 낮게 다시 내려갑니다. 릿지를 키우면 봉우리가 낮아집니다.",
    ),
    (
        "fixed-design",
        "모든 학습 세트가 같은 입력 30개에 새 잡음만 다르고, 오차도 그 입력에서 잽니다. 그러면 \
         계수 d + 1개의 최소제곱은 분산이 정확히 σ²(d+1)/n입니다: 차수마다 같은 만큼 커지고, \
         편향은 줄어듭니다.",
    ),
    (
        "moons",
        "서로 맞물린 두 반달, 학습 점 512개와 테스트 점 512개. 모멘텀 SGD와 Adam이 같은 \
         출발점에서 같은 tanh 신경망을 학습합니다. 손실 지형은 SGD의 최종 가중치를 지나는 필터 \
         정규화된 무작위 평면입니다.",
    ),
    (
        "underfit",
        "두 동심원에 대한 로지스틱 회귀 (은닉층 없음): 직선으로는 나눌 수 없어서, 아무리 오래 \
         학습해도 학습 손실과 테스트 손실이 모두 log 2 근처에 머뭅니다 (과소적합).",
    ),
    (
        "overfit",
        "라벨이 뒤집힌 잡음 섞인 반달 30개에 2-256-256-1 relu 신경망을 전체 배치로 학습합니다: \
         학습 손실은 0으로 가는데 테스트 손실은 올라가고, 일반화 격차가 벌어집니다 (과적합).",
    ),
    (
        "spirals",
        "서로 감긴 두 나선: 원점을 감아 도는 경계. Adam으로 학습하는 2-64-64-64-1 tanh \
         신경망은 많은 스텝과 모든 용량이 필요합니다.",
    ),
    (
        "pca-trajectory",
        "반달 데이터에서 모멘텀 SGD를, 자기 경로의 상위 두 주성분 방향이 만드는 평면 위에 \
         그립니다: 궤적의 분산 대부분이 두 방향에 있습니다.",
    ),
    (
        "sharp-vs-flat-net",
        "라벨 10%가 뒤집힌 반달, 2-32-32-1 tanh 신경망, 같은 초기 가중치에서 η = 0.2의 기본 \
         SGD: B = 8 대 전체 배치 (B = 512). 작은 배치가 더 평탄한 최솟값 (더 작은 λ_max와 \
         ε-날카로움)에 도착하고 테스트 손실도 낮습니다. 평면은 두 해를 지납니다 (실행 0은 \
         (0, 0), 실행 1은 (1, 0)).",
    ),
    (
        "batch-size-matters",
        "라벨 10%가 뒤집힌 반달과 2-32-32-1 tanh 신경망을 한 학습률, 한 출발점에서 기본 SGD로 \
         학습합니다: 작은 배치 (B = 4)가 전체 배치 (B = 512)보다 더 평탄한 최솟값 (더 작은 \
         λ_max와 ε-날카로움)에 도착하고 테스트 손실도 낮습니다. [sweep]은 이를 배치 크기, \
         학습률, 시드에 대해 반복합니다 (basin sweep).",
    ),
    (
        "edge-of-stability",
        "반달 데이터와 2-32-32-1 tanh 신경망에서 η = 0.5의 전체 배치 경사 하강법: 헤시안의 \
         최대 고윳값 λ_max가 학습 중에 안정성 문턱 2/η = 4까지 올라가 그 근처에 머무르고, \
         손실은 단조롭지 않게 계속 내려갑니다 (Cohen et al. 2021). basin sharpness가 마지막 \
         λ_max를 보고합니다.",
    ),
];

/// Korean titles of the built-in presets, by preset name (the English title is the preset
/// file's own `name`).
pub const PRESET_TITLES: &[(&str, &str)] = &[
    ("rosenbrock-race", "로젠브록 경주"),
    ("beale", "Beale 곡면"),
    ("saddle", "안장점"),
    ("ill-conditioned", "조건수가 나쁜 골짜기"),
    ("rastrigin", "Rastrigin: 수많은 지역 최솟값"),
    ("sharp-vs-flat", "날카로운 최솟값 vs 평탄한 최솟값"),
    ("batch-size", "배치 크기"),
    ("schedules", "학습률 스케줄"),
    ("custom-formula", "직접 입력한 수식: 로그를 씌운 로젠브록"),
    ("bias-variance", "편향과 분산: 사인 위의 다항식"),
    ("cross-validation", "교차 검증이 차수를 고른다"),
    ("knn", "k-최근접 이웃"),
    ("bagging", "깊은 나무의 배깅"),
    ("boosting", "약한 학습기의 부스팅"),
    ("double-descent", "이중 하강"),
    ("fixed-design", "고정 설계: 분산 = σ²(d+1)/n"),
    ("moons", "반달: 2-32-32-1 tanh 신경망"),
    ("spirals", "나선: 필요한 용량"),
    ("overfit", "과적합: 잡음 섞인 점 30개에 넓은 신경망"),
    ("underfit", "과소적합: 원 위의 선형 모델"),
    ("pca-trajectory", "궤적의 PCA"),
    (
        "batch-size-matters",
        "배치 크기가 중요하다: 작은 배치가 더 평탄한 최솟값을 찾는다",
    ),
    (
        "sharp-vs-flat-net",
        "날카로운 vs 평탄한: 같은 출발점의 작은 배치와 큰 배치",
    ),
    (
        "edge-of-stability",
        "안정성의 경계: 전체 배치 GD는 2/η까지 날카로워진다",
    ),
];
