//! The preset menu and file windows, and the Korean titles and descriptions of the built-in
//! presets (by preset name; the English text is the preset file's own).
//!
//! Every key here starts with `preset.` (checked by the tests in `i18n::tests`).

use super::{Entry, e};

/// The prefix of every key of this area.
pub const PREFIX: &str = "preset.";

/// This area's strings.
pub const ENTRIES: &[Entry] = &[
    // ----- preset menu -----
    e("preset.menu", "Preset", "프리셋"),
    e(
        "preset.menu.tip",
        "Load a ready-made experiment, open one from a file, or save this one.",
        "준비된 실험을 불러오거나, 파일에서 열거나, 지금 실험을 저장합니다.",
    ),
    e(
        "preset.no_builtins",
        "(no built-in presets)",
        "(내장 프리셋 없음)",
    ),
    e(
        "preset.does_not_load",
        "(does not load: {0})",
        "(불러올 수 없음: {0})",
    ),
    e("preset.open_file", "Open file…", "파일 열기…"),
    e(
        "preset.open_file.tip",
        "Load a preset TOML file from a path (or drop a .toml file on the window).",
        "경로에서 프리셋 TOML 파일을 불러옵니다 (.toml 파일을 창에 끌어다 놓아도 됩니다).",
    ),
    e("preset.save", "Save preset…", "프리셋 저장…"),
    e(
        "preset.save.tip",
        "Write the current experiment of this lab as a preset TOML file that loads back to the \
         same picture.",
        "이 실험실의 현재 실험을 프리셋 TOML 파일로 저장합니다. 다시 불러오면 같은 그림이 됩니다.",
    ),
    e("preset.recent", "Recent", "최근 파일"),
    e("preset.no_recent", "(no recent files)", "(최근 파일 없음)"),
    // ----- file windows -----
    e("preset.file.open_title", "Open preset", "프리셋 열기"),
    e("preset.file.save_title", "Save preset", "프리셋 저장"),
    e("preset.file.open", "Open", "열기"),
    e("preset.file.save", "Save", "저장"),
    e(
        "preset.file.open.tip",
        "Load this preset file.",
        "이 프리셋 파일을 불러옵니다.",
    ),
    e(
        "preset.file.save.tip",
        "Write the current experiment here.",
        "현재 실험을 여기에 저장합니다.",
    ),
    e("preset.file.path", "Path", "경로"),
    e(
        "preset.notice.saved",
        "Saved preset to {0}",
        "프리셋을 {0}에 저장했습니다",
    ),
    e(
        "preset.notice.cannot_save",
        "cannot save preset {0}: {1}",
        "프리셋 {0}을(를) 저장할 수 없습니다: {1}",
    ),
    e(
        "preset.notice.dropped_not_toml",
        "{0} is not a preset: drop a .toml file",
        "{0}은(는) 프리셋이 아닙니다: .toml 파일을 놓으세요",
    ),
    e(
        "preset.notice.is_bias_variance",
        "{0} is a bias–variance preset: open it from the Bias–Variance tab",
        "{0}은(는) 편향-분산 프리셋입니다: 편향-분산 탭에서 여세요",
    ),
    e(
        "preset.notice.not_network",
        "{0} is not a network preset",
        "{0}은(는) 신경망 프리셋이 아닙니다",
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
         SGD: B = 8 대 전체 배치 (B = 512). 작은 배치가 훨씬 평탄한 최솟값 (λ_max 1.03 대 5.55, \
         ε-날카로움 0.090 대 0.131)에 도착하지만, 이 장난감 데이터에서는 테스트 수치가 거의 \
         같습니다 (테스트 손실 0.326 대 0.341, 테스트 정확도 89.8 % 대 90.0 %): 날카로움은 \
         갈리지만 일반화는 거의 갈리지 않습니다. 실제 데이터에서는 digits-sharp-flat이 둘 다 \
         보여 줍니다. 평면은 두 해를 지납니다 (실행 0은 (0, 0), 실행 1은 (1, 0)).",
    ),
    (
        "batch-size-matters",
        "라벨 10%가 뒤집힌 반달과 2-32-32-1 tanh 신경망을 한 학습률, 한 출발점에서 기본 SGD로 \
         학습합니다 (B = 4 대 전체 배치 B = 512). 이 장난감 데이터에서 배치 크기는 최솟값의 \
         날카로움을 바꿀 뿐 일반화는 바꾸지 않습니다: [sweep] (배치 크기 8개 × 학습률 6개 × \
         시드 2개, basin sweep)에서 λ_max의 중앙값은 B = 4의 0.97에서 전체 배치의 4.46으로 \
         오르지만, 테스트 정확도의 중앙값은 89.8–90.0 %, 테스트 손실은 0.336–0.343에 \
         머뭅니다. 작은 배치가 더 잘 일반화하는 모습은 실제 데이터의 digits-sharp-flat과 \
         digits-lr-range에서 보세요.",
    ),
    (
        "edge-of-stability",
        "반달 데이터와 2-32-32-1 tanh 신경망에서 η = 0.5의 전체 배치 경사 하강법: 헤시안의 \
         최대 고윳값 λ_max가 학습 중에 안정성 문턱 2/η = 4까지 올라가 그 근처에 머무르고, \
         손실은 단조롭지 않게 계속 내려갑니다 (Cohen et al. 2021). basin sharpness가 마지막 \
         λ_max를 보고합니다.",
    ),
    (
        "digits",
        "실제 데이터: scikit-learn의 8×8 손글씨 숫자 (UCI; 학습 이미지 1,000장, 테스트 이미지 \
         797장, 픽셀/16, 10개 클래스, 소프트맥스 교차 엔트로피)와 64-64-64-10 relu 신경망. \
         모멘텀 SGD (η = 0.05, β = 0.9)와 Adam (η = 0.001)이 같은 출발점에서 배치 32로 \
         1,000 스텝 (32 에포크) 학습하고, 둘 다 테스트 정확도 약 97 %에 이릅니다 (시드 1–5의 \
         중앙값: 97.2 %와 96.9 %, 테스트 손실 0.137과 0.131). 갤러리는 재생 위치의 스텝에서 \
         예측한 클래스와 함께 테스트 숫자를 보여 주고 (틀린 것은 테두리), 옆의 혼동 행렬은 어떤 \
         숫자끼리 헷갈리는지 보여 줍니다. 손실 지형은 SGD 실행의 마지막 가중치를 지나는 필터 \
         정규화된 무작위 평면입니다.",
    ),
    (
        "digits-sharp-flat",
        "실제 데이터에서의 Keskar et al. (2017): 8×8 숫자 (학습 1,000장, 테스트 797장), \
         64-64-64-10 relu 신경망, 같은 초기 가중치에서 학습률 η = 0.1의 기본 SGD로 3,000 스텝: \
         배치 8 대 전체 배치 (B = 1,000). 둘 다 학습 데이터를 맞추지만 (학습 손실 0.01 미만), \
         작은 배치가 더 평탄한 최솟값 (λ_max 1.00 대 3.98)에 도착하고 테스트 손실도 낮습니다 \
         (0.139 대 0.177). [sweep]은 B = 8, 32, 128, 1,000을 같은 3,000 스텝으로 시드 1–5에 \
         대해 반복합니다 (basin sweep): 시드 중앙값으로 λ_max가 배치와 함께 커지고 (1.22, 2.47, \
         3.49, 4.10), 테스트 손실도 커지며 (0.154, 0.178, 0.184, 0.186), 테스트 정확도는 배치 \
         8에서 가장 높습니다 (96.2 %, 배치 32·128·1,000은 95.2 %). 작은 배치가 더 평탄한 \
         최솟값을 찾고 더 잘 일반화합니다.",
    ),
    (
        "digits-lr-range",
        "8×8 숫자와 64-64-64-10 relu 신경망에서의 Masters & Luschi (2018), 기본 SGD: [sweep]은 \
         예제당 기본 학습률 η/B를 고정하고 (η = η/B·B) 모든 배치 크기에 같은 20 에포크를 \
         줍니다. B = 4, 16, 64, 256 × η/B = 2⁻¹⁰ … 2⁻² × 시드 1–3 (basin sweep). 시드 \
         중앙값으로, 테스트 정확도 90 % 이상까지 학습되는 η/B의 개수가 B = 4의 6개에서 B = 16, \
         64, 256의 5, 3, 1개로 줄고, 가장 좋은 테스트 정확도도 97.6 % (B = 4)에서 97.4 %, \
         97.0 %, 90.3 % (B = 256)로 떨어집니다. 작은 배치는 더 넓은 범위의 학습률에서 안정적으로 \
         학습합니다. 범위를 넘으면 우연 수준 (10 %)에 머뭅니다. 두 실행은 같은 η/B = 2⁻⁶과 \
         5,000 스텝을 씁니다: 배치 4 (η = 0.0625)는 테스트 손실 0.146에 이르고, 배치 256 \
         (η = 4)은 우연 수준 (손실 log 10 ≈ 2.30)에 머뭅니다.",
    ),
    (
        "batchnorm-batch-size",
        "8×8 숫자, 각 은닉층 뒤에 BatchNorm이 있는 64-64-64-10 relu 신경망, 학습률 η = 0.1의 \
         기본 SGD, 고정된 배치 64로 60 에포크. BN 통계는 bn_batch_size개 예제의 고스트 배치 \
         (여기서는 8)에서 계산합니다. 8개보다 적은 예제의 통계는 해롭고, 8부터는 BN 배치가 거의 \
         상관없습니다 (Masters & Luschi 2018). 테스트 정확도, 시드 1–5의 중앙값: BN 배치 2: \
         78.5 %, 4: 97.7 %, 8: 98.4 %, 16: 98.5 %, 32: 98.1 %, 64 (= SGD 배치): 98.4 %; \
         BN 배치 = SGD 배치 = 2: 27.9 %. 스윕에는 BN 배치 축이 없습니다: 각 값은 \
         `basin sweep batchnorm-batch-size --set problem.bn_batch_size=G`로, 마지막 값은 \
         `--set training.batch_size=2 --set sweep.batch_sizes=[2]`도 더해 (같은 60 에포크) \
         얻습니다.",
    ),
    (
        "iris",
        "CSV 파일에서 읽은 직접 가져온 데이터: 붓꽃 측정값 (Fisher 1936, UCI와 scikit-learn 제공; \
         꽃 150송이, cm 단위 측정값 4개, 3개 종)이 presets/data/iris.csv에 있고, 시드에 따라 학습용 \
         105송이와 테스트용 45송이로 나뉘며 학습용 꽃들의 평균과 표준편차로 표준화됩니다. 4-16-3 tanh \
         신경망 (소프트맥스 교차 엔트로피)을 같은 시작점에서 B = 16으로 500스텝 동안 모멘텀 SGD \
         (η = 0.05, β = 0.9)와 Adam (η = 0.01)으로 학습합니다: 시드 1–5의 테스트 정확도 중앙값은 \
         SGD 93.3 % (45송이 중 42), Adam 95.6 % (45송이 중 43), 학습 정확도는 약 98 %. 프리셋을 \
         복사해 train이 자신의 CSV 파일을 가리키게 하세요.",
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
    ("digits", "손글씨 숫자: 64-64-64-10 relu 신경망"),
    (
        "digits-sharp-flat",
        "숫자에서 날카로운 vs 평탄한 최솟값: 같은 출발점의 작은 배치와 전체 배치",
    ),
    (
        "digits-lr-range",
        "숫자: 작은 배치는 더 넓은 범위의 학습률에서 학습된다",
    ),
    (
        "batchnorm-batch-size",
        "BatchNorm: 통계에 필요한 예제 수 (BN 배치)",
    ),
    ("iris", "붓꽃: CSV 파일로 가져온 직접 데이터"),
];
