//! The Network lab's strings: its tab, Explain text and help, the data/model/plane controls,
//! and the decision boundary, curves and loss-landscape views.
//!
//! Every key here starts with `net.` (checked by the tests in `i18n::tests`).

use super::{Entry, e};

/// The prefix of every key of this area.
pub const PREFIX: &str = "net.";

/// This area's strings.
pub const ENTRIES: &[Entry] = &[
    // ----- tab, Explain, help -----
    e("net.tab", "Network", "신경망"),
    e(
        "net.tab.tip",
        "A small neural network learning a 2-D dataset: its decision boundary, its train and \
         test loss, and its loss landscape on a plane through weight space.",
        "작은 신경망이 2차원 데이터셋을 학습합니다: 결정 경계, 학습 손실과 테스트 손실, 그리고 \
         가중치 공간을 지나는 평면 위의 손실 지형.",
    ),
    e(
        "net.help.1",
        "A small neural network learns the points on the left.",
        "작은 신경망이 왼쪽의 점들을 학습합니다.",
    ),
    e(
        "net.help.2",
        "Right: its loss on a plane through weight space, with each run's path projected onto \
         it.",
        "오른쪽: 가중치 공간을 지나는 평면 위의 손실과, 그 평면에 투영한 각 실행의 경로.",
    ),
    e(
        "net.help.3",
        "Below: train and test loss (the gap between them), and how far the path is from the \
         plane.",
        "아래: 학습 손실과 테스트 손실 (그 사이의 격차), 그리고 경로가 평면에서 얼마나 \
         떨어져 있는지.",
    ),
    e(
        "net.help.4",
        "Try: 0 hidden layers on circles (under-fitting); width 256 on 30 noisy points \
         (over-fitting).",
        "해 보기: circles에 은닉층 0개 (과소적합); 잡음 섞인 점 30개에 너비 256 (과적합).",
    ),
    e(
        "net.explain",
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
        "net.explain.try",
        "Set 0 hidden layers on circles: no straight line separates them (under-fitting). \
         Load the overfit preset: the training loss goes to zero while the test loss climbs \
         (over-fitting). Drag the batch size down and watch the path get noisy.",
        "circles 데이터에 은닉층을 0개로 해 보세요: 직선 하나로는 나눌 수 없습니다 (과소적합). \
         overfit 프리셋을 불러오면 학습 손실은 0으로 가는데 테스트 손실은 올라갑니다 (과적합). \
         배치 크기를 줄이면 경로가 흔들리는 것을 볼 수 있습니다.",
    ),
    // ----- status bar, notices -----
    e(
        "net.status.training",
        "Training {0} runs × {1} steps…",
        "실행 {0}개 × {1} 스텝 학습 중…",
    ),
    e(
        "net.status.plane",
        "Projecting the paths onto the plane…",
        "경로를 평면에 투영하는 중…",
    ),
    e(
        "net.landscape_progress.tip",
        "The landscape is computed in the background: a coarse picture first, then the full \
         grid. Any change cancels it and starts over.",
        "손실 지형은 백그라운드에서 계산됩니다. 먼저 거친 그림을, 그다음 전체 격자를 그립니다. \
         무엇이든 바꾸면 취소하고 처음부터 다시 계산합니다.",
    ),
    e(
        "net.status.seed.tip",
        "The data, the initial weights, the batch order and the random plane all come from this \
         seed.",
        "데이터, 초기 가중치, 배치 순서, 무작위 평면이 모두 이 시드에서 나옵니다.",
    ),
    e(
        "net.notice.no_trajectories",
        "no trajectories yet: wait for the training and the plane",
        "아직 궤적이 없습니다: 학습과 평면 계산을 기다리세요",
    ),
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
        "net.digits.tip",
        "Real data: 1,797 handwritten digits of 8×8 pixels (UCI, via scikit-learn), 10 classes. \
         The network sees 64 inputs; the view shows a gallery of test digits.",
        "실제 데이터: 8×8 픽셀 손글씨 숫자 1,797장 (UCI, scikit-learn 제공), 10개 클래스. \
         신경망 입력은 64개이고, 화면에는 테스트 숫자 갤러리가 나옵니다.",
    ),
    e(
        "net.file.tip",
        "Your own data: a CSV or NPY table named by the preset (dataset = \"file\").",
        "직접 가져온 데이터: 프리셋이 가리키는 CSV 또는 NPY 표 (dataset = \"file\").",
    ),
    e("net.open_data", "Open data…", "데이터 열기…"),
    e(
        "net.open_data.tip",
        "Train on your own table: a CSV file (a header, number columns and a label column) or \
         an .npy array of features with its labels beside it (X.npy and y.npy). You can also \
         drop the file on the window.",
        "직접 가져온 표로 학습합니다: CSV 파일 (머리글, 숫자 열, 레이블 열) 또는 특징 .npy 배열과 \
         그 옆의 레이블 (X.npy와 y.npy). 파일을 창에 끌어다 놓아도 됩니다.",
    ),
    e("net.open_data_title", "Open data", "데이터 열기"),
    e("net.open_data.load", "Use this data", "이 데이터 사용"),
    e(
        "net.open_data.load.tip",
        "Read the file; the lab on screen trains on it (Network: classes inferred from the \
         labels) or fits it (Bias–Variance: columns x and y), 30 % of the rows held out for \
         testing, the same seed. A file that cannot be read leaves the experiment as it is.",
        "파일을 읽어 화면의 실험실이 학습 (신경망: 레이블에서 클래스를 추론) 또는 적합 \
         (편향–분산: x, y 열)합니다. 행의 30 %를 테스트용으로 떼어 두며, 시드는 그대로입니다. \
         읽을 수 없는 파일이면 실험은 그대로 남습니다.",
    ),
    e(
        "net.reading_data",
        "Reading the data file…",
        "데이터 파일을 읽는 중…",
    ),
    e("net.file_name", "File: {0}", "파일: {0}"),
    e(
        "net.file_sizes",
        "{0} training / {1} test rows, {2} features, {3} classes",
        "학습 {0}행 / 테스트 {1}행, 특징 {2}개, 클래스 {3}개",
    ),
    e(
        "net.file_sizes_regression",
        "{0} training / {1} test rows, {2} features, regression",
        "학습 {0}행 / 테스트 {1}행, 특징 {2}개, 회귀",
    ),
    e(
        "net.file_sizes.tip",
        "The sizes are the data's: without a test file, 30 % of the rows (chosen by the seed) \
         are held out for testing.",
        "크기는 데이터가 정합니다: 테스트 파일이 없으면 행의 30 %(시드로 선택)를 테스트용으로 \
         떼어 둡니다.",
    ),
    e("net.standardize", "Standardized", "표준화"),
    e(
        "net.standardize.tip",
        "Every feature minus the training set's mean, divided by its standard deviation (the \
         same numbers applied to the test set).",
        "각 특징에서 학습 집합의 평균을 빼고 표준편차로 나눕니다 (테스트 집합에도 같은 값을 \
         적용).",
    ),
    e(
        "net.notice.cannot_read_data",
        "Cannot train on this data; the experiment is unchanged: {0}",
        "이 데이터로 학습할 수 없어 실험은 그대로입니다: {0}",
    ),
    e(
        "net.notice.no_data_path",
        "Type the path of a .csv or .npy file.",
        ".csv 또는 .npy 파일의 경로를 입력하세요.",
    ),
    e(
        "net.notice.data_not_here",
        "{0}: data files are opened in the Network and Bias–Variance labs.",
        "{0}: 데이터 파일은 신경망 실험실과 편향-분산 실험실에서 엽니다.",
    ),
    e("net.class_predicted", "predicted {0}", "예측 {0}"),
    e("net.data_pc1", "PC 1", "주성분 1"),
    e("net.data_pc2", "PC 2", "주성분 2"),
    e(
        "net.data_predictions",
        "Data and predictions on PC 1",
        "주성분 1 위의 데이터와 예측",
    ),
    e(
        "net.legend_predictions",
        "dots: training, rings: test, ×: the network's prediction at each test point",
        "점: 학습, 고리: 테스트, ×: 각 테스트 점에서 신경망의 예측",
    ),
    e(
        "net.predicted_points",
        "predicted at the test points",
        "테스트 점에서의 예측",
    ),
    e(
        "net.data_pca",
        "Test points on the first two principal components",
        "처음 두 주성분 위의 테스트 점",
    ),
    e(
        "net.legend_pca",
        "fill: true class · ring: class the network predicts at the shown step",
        "채운 색: 실제 클래스 · 고리: 표시된 스텝에서 신경망이 예측한 클래스",
    ),
    e(
        "net.data_pca.tip",
        "The data has more than two features: each test point is placed by its first two \
         principal components (of the training inputs). The fill is its true class, the ring \
         the class the network predicts at the shown step.",
        "특징이 둘보다 많습니다: 각 테스트 점을 (학습 입력의) 처음 두 주성분 위에 놓습니다. \
         채운 색은 실제 클래스, 고리는 표시된 단계에서 신경망이 예측한 클래스입니다.",
    ),
    e(
        "net.n_test_rest",
        "Test images: the other {0}",
        "테스트 이미지: 나머지 {0}장",
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
        "net.plane_hessian",
        "Hessian top-2 eigenvectors",
        "헤시안 상위 2 고유벡터",
    ),
    e(
        "net.plane_hessian.tip",
        "The two directions in which the loss curves up most steeply at the centre: the eigenvectors v₁, v₂ of the two largest eigenvalues λ₁ ≥ λ₂ of the training-loss Hessian (unit length, not filter-normalized). Computed in the background by power iteration.",
        "중심에서 손실이 가장 가파르게 휘어 오르는 두 방향: 학습 손실 헤시안의 가장 큰 두 고윳값 λ₁ ≥ λ₂의 고유벡터 v₁, v₂ (단위 길이, 필터 정규화 없음). 거듭제곱 반복법으로 백그라운드에서 계산합니다.",
    ),
    e(
        "net.range_hessian.tip",
        "On the Hessian plane, 1 is the step along v₁ at which the loss would rise by about 1 (√(2/λ₁) in weight units); the axes show weight units.",
        "헤시안 평면에서 1은 v₁ 방향으로 손실이 약 1만큼 오르는 걸음 (가중치 단위로 √(2/λ₁))이며, 축은 가중치 단위로 표시됩니다.",
    ),
    e(
        "net.eigenvalues",
        "Hessian eigenvalues: λ₁ = {0}, λ₂ = {1}",
        "헤시안 고윳값: λ₁ = {0}, λ₂ = {1}",
    ),
    e(
        "net.alpha_hessian",
        "α along v₁ (λ₁ = {0})",
        "α: v₁ 방향 (λ₁ = {0})",
    ),
    e(
        "net.beta_hessian",
        "β along v₂ (λ₂ = {0})",
        "β: v₂ 방향 (λ₂ = {0})",
    ),
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
    // ----- Network view -----
    e(
        "net.data_curve",
        "Data and fitted curve",
        "데이터와 적합 곡선",
    ),
    e(
        "net.data_boundary",
        "Data and decision boundary",
        "데이터와 결정 경계",
    ),
    e(
        "net.at.tip",
        "Select another run under Runs to see its boundary.",
        "다른 실행의 경계를 보려면 실행에서 그 실행을 고르세요.",
    ),
    e(
        "net.legend",
        "dots: training, rings: test",
        "점: 학습, 고리: 테스트",
    ),
    e(
        "net.legend.tip",
        "Filled dots are the points the network trains on; rings are held-out test points. The shading is the network's prediction: its colour is the class it predicts, grey where it is unsure.",
        "채워진 점은 신경망이 학습하는 점이고, 고리는 따로 떼어 둔 테스트 점입니다. 음영은 신경망의 예측입니다: 색은 예측한 클래스, 확신이 없는 곳은 회색입니다.",
    ),
    e("net.training", "Training…", "학습 중…"),
    e("net.fit", "network's fit", "신경망의 적합"),
    e("net.train_points", "training points", "학습 점"),
    e("net.test_points", "test points", "테스트 점"),
    e(
        "net.loss",
        "Loss: train (solid) and test (dashed)",
        "손실: 학습 (실선), 테스트 (점선)",
    ),
    e(
        "net.accuracy",
        "Accuracy: train (solid) and test (dashed)",
        "정확도: 학습 (실선), 테스트 (점선)",
    ),
    e(
        "net.accuracy.tip",
        "Fraction of points classified correctly, measured at 80 steps along each run.",
        "올바르게 분류한 점의 비율, 각 실행을 따라 80개 스텝에서 잽니다.",
    ),
    e("net.accuracy_axis", "accuracy", "정확도"),
    e(
        "net.alpha_solutions",
        "α: towards run 2's solution",
        "α: 실행 2의 해 쪽",
    ),
    e(
        "net.beta_solutions",
        "β: orthogonal direction",
        "β: 수직 방향",
    ),
    e(
        "net.alpha_random",
        "α along d₁ (filter-normalized)",
        "α: d₁ 방향 (필터 정규화)",
    ),
    e("net.beta_random", "β along d₂", "β: d₂ 방향"),
    e("net.gap", "test − train loss", "테스트 − 학습 손실"),
    e("net.training_lower", "training…", "학습 중…"),
    e(
        "net.projecting",
        "projecting onto the plane…",
        "평면에 투영하는 중…",
    ),
    e(
        "net.honesty",
        "Off the plane: true loss (solid) vs the surface under the path (dotted)",
        "평면 밖: 실제 손실 (실선) 대 경로 아래 곡면 (점선)",
    ),
    e(
        "net.honesty.tip",
        "A path through thousands of weights is drawn on a 2-D plane. Where the two curves part, the picture under the path is not the loss the network really had: the path has left the plane.",
        "수천 개의 가중치를 지나는 경로를 2차원 평면에 그린 것입니다. 두 곡선이 갈라지는 곳에서는 경로 아래 그림이 신경망의 실제 손실이 아닙니다: 경로가 평면을 벗어났습니다.",
    ),
    e(
        "net.distance.tip",
        "|θ − its projection onto the plane|, in weight units.",
        "|θ − 평면에 대한 θ의 투영|, 가중치 단위.",
    ),
    e(
        "net.train_loss_log",
        "training loss (log)",
        "학습 손실 (로그)",
    ),
    e("net.at", "· run {0} at step {1}", "· 실행 {0}, 스텝 {1}"),
    e("net.class_train", "class {0} (train)", "클래스 {0} (학습)"),
    e("net.class_test", "class {0} (test)", "클래스 {0} (테스트)"),
    e(
        "net.gallery.title",
        "Test digits: the class the network predicts",
        "테스트 숫자: 신경망이 예측한 클래스",
    ),
    e(
        "net.gallery.tip",
        "The first test images (never seen in training), each with the class the network \
         predicts at the playback step in its corner: green when right, red and framed when \
         wrong. Play the training and watch the red ones turn green.",
        "학습에 쓰지 않은 첫 테스트 이미지들입니다. 모서리의 숫자는 재생 위치의 스텝에서 \
         신경망이 예측한 클래스이고, 맞으면 초록색, 틀리면 빨간색 테두리로 표시합니다. \
         학습을 재생하면서 빨간 것이 초록으로 바뀌는 것을 보세요.",
    ),
    e(
        "net.gallery.caption",
        "{0} of {1} test images right ({2} %)",
        "테스트 이미지 {1}장 중 {0}장 정답 ({2} %)",
    ),
    e(
        "net.confusion.title",
        "Confusion matrix: true class (rows) × predicted (columns)",
        "혼동 행렬: 실제 클래스 (행) × 예측 클래스 (열)",
    ),
    e(
        "net.confusion.tip",
        "How many test images of each class (row) the network assigns to each class (column) \
         at the playback step; the diagonal is right, anything off it is a confusion. The last \
         column is each class's accuracy.",
        "재생 위치의 스텝에서 각 클래스(행)의 테스트 이미지를 신경망이 어떤 클래스(열)로 \
         분류하는지 셉니다. 대각선이 정답이고, 그 밖은 혼동입니다. 마지막 열은 클래스별 \
         정확도입니다.",
    ),
    e(
        "net.error.build",
        "cannot build the network: {0}",
        "신경망을 만들 수 없습니다: {0}",
    ),
    e(
        "net.error.plane",
        "no {0} plane: {1}",
        "{0} 평면을 만들 수 없습니다: {1}",
    ),
    e(
        "net.pc1",
        "PC1 ({0} % of the movement)",
        "PC1 (움직임의 {0} %)",
    ),
    e(
        "net.landscape",
        "Landscape: {0} on a plane",
        "손실 지형: 평면 위의 {0}",
    ),
    e(
        "net.distance",
        "Run {0} at step {1}: distance from the plane {2}{3}",
        "실행 {0}, 스텝 {1}: 평면까지의 거리 {2}{3}",
    ),
    e("net.run_true", "run {0} true", "실행 {0} 실제"),
    e("net.run_plane", "run {0} on the plane", "실행 {0} 평면 위"),
    e(
        "net.share_of_final",
        " ({0} % of |θ_final|)",
        " (|θ_final|의 {0} %)",
    ),
    e(
        "net.loss.tip",
        "The shaded band between the two curves of the selected run is the generalization gap: how much worse the network does on points it never saw.",
        "선택한 실행의 두 곡선 사이 음영이 일반화 격차입니다: 신경망이 본 적 없는 점에서 얼마나 더 못하는지를 보여 줍니다.",
    ),
    e(
        "net.accuracy_now",
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
    e("net.bn_batch", "BN batch", "BN 배치"),
    e(
        "net.bn_batch.tip",
        "How many examples BatchNorm's statistics are taken over while training: each mini-batch is split into ghost batches of this size (the SGD batch stays the same). Fewer than about 8 make the statistics noisy and hurt the test accuracy (Masters & Luschi 2018). The right end is the whole mini-batch; losses and accuracies are measured with the running statistics.",
        "학습 중 BatchNorm 통계를 내는 예제 수: 각 미니배치를 이 크기의 고스트 배치로 나눕니다(SGD 배치는 그대로). 약 8개보다 적으면 통계가 흔들려 테스트 정확도가 떨어집니다(Masters & Luschi 2018). 오른쪽 끝은 미니배치 전체이고, 손실과 정확도는 이동 통계로 측정합니다.",
    ),
    e("net.bn_batch.whole", "whole mini-batch", "미니배치 전체"),
    // ----- the network diagram ("Inside the network") -----
    e("net.view.landscape", "Loss landscape", "손실 지형 보기"),
    e(
        "net.view.landscape.tip",
        "The loss on a plane through weight space and how far the paths are from it.",
        "가중치 공간을 지나는 평면 위의 손실과, 경로가 그 평면에서 얼마나 떨어져 있는지.",
    ),
    e(
        "net.view.diagram",
        "Inside the network",
        "신경망 들여다보기",
    ),
    e(
        "net.view.diagram.tip",
        "The network drawn layer by layer at the playback step: each hidden neuron as a picture \
         of what it computes, the weights between neurons as lines.",
        "재생 스텝에서의 신경망을 층마다 그립니다: 은닉 뉴런 하나하나를 그것이 계산하는 \
         값의 그림으로, 뉴런 사이의 가중치를 선으로.",
    ),
    e(
        "net.diagram.title",
        "Inside the network",
        "신경망 들여다보기",
    ),
    e(
        "net.diagram.computing",
        "Computing the neurons…",
        "뉴런을 계산하는 중…",
    ),
    e("net.diagram.inputs", "Inputs", "입력"),
    e("net.diagram.layer", "Layer {0} ({1})", "{0}층 ({1}개)"),
    e("net.diagram.output", "Output", "출력"),
    e("net.diagram.more", "+{0} more", "외 {0}개"),
    e(
        "net.diagram.legend.map",
        "Neuron: its {0} activation over the input plane",
        "뉴런: 입력 평면 위의 {0} 활성값",
    ),
    e(
        "net.diagram.legend.weights",
        "Layer 1: each neuron's weights on the {0}×{0} pixels",
        "1층: 각 뉴런의 {0}×{0} 픽셀 가중치",
    ),
    e(
        "net.diagram.legend.edges",
        "Lines: weights, blue + / orange −, thicker = larger |w|",
        "선: 가중치, 파랑 + / 주황 −, 굵을수록 |w|가 큼",
    ),
    e(
        "net.diagram.legend.edges.tip",
        "Each line joins two shown neurons; its width is |w| over the layer's largest |w|. \
         Only the first 16 neurons of a layer are drawn.",
        "선마다 보이는 두 뉴런을 잇습니다. 굵기는 |w|를 그 층에서 가장 큰 |w|로 나눈 값입니다. \
         층마다 처음 16개 뉴런만 그립니다.",
    ),
    e("net.diagram.hover.input", "Input {0}", "입력 {0}"),
    e(
        "net.diagram.hover.pixels",
        "The {0} pixels of the image, one input each",
        "이미지의 픽셀 {0}개, 하나가 입력 하나",
    ),
    e(
        "net.diagram.hover.neuron",
        "Layer {0}, neuron {1}",
        "{0}층, 뉴런 {1}",
    ),
    e(
        "net.diagram.hover.weights",
        "Incoming weights {0} … {1}, bias {2}",
        "들어오는 가중치 {0} … {1}, 편향 {2}",
    ),
    e(
        "net.diagram.hover.range",
        "Its activation on the plane: {0} … {1}",
        "평면 위의 활성값: {0} … {1}",
    ),
    e(
        "net.diagram.hover.map",
        "Its {0} activation (after BatchNorm, if any) at each point of the data picture's \
         box: x₁ to the right, x₂ up.",
        "데이터 그림의 범위 안 각 점에서의 {0} 활성값 (BatchNorm이 있으면 그 뒤): \
         x₁은 오른쪽, x₂는 위쪽.",
    ),
    e(
        "net.diagram.hover.picture",
        "Its weight on each of the {0}×{0} pixels: blue where ink raises it, orange where ink \
         lowers it.",
        "{0}×{0} 픽셀 하나하나에 대한 가중치: 파랑은 잉크가 값을 올리는 곳, 주황은 \
         내리는 곳.",
    ),
    e(
        "net.diagram.hover.plain",
        "A plain node: its inputs are neurons, not a plane or a picture.",
        "단순한 점: 입력이 평면이나 그림이 아니라 뉴런입니다.",
    ),
    e(
        "net.diagram.hover.output",
        "The probability of class 1: the decision boundary at this step.",
        "클래스 1일 확률: 이 스텝의 결정 경계.",
    ),
    e(
        "net.diagram.hover.class",
        "The logit of class {0}",
        "클래스 {0}의 로짓",
    ),
    e("net.diagram.hover.value", "The predicted value", "예측값"),
];
