//! The strings every lab shares: the top bar, the figure-export window, help and keyboard
//! shortcuts, the Explain panel, playback, the status bar, window-wide notices, axis and hover
//! labels, and the 3-D view.
//!
//! Every key here starts with `common.` (checked by the tests in `i18n::tests`).

use super::{Entry, e};

/// The prefix of every key of this area.
pub const PREFIX: &str = "common.";

/// This area's strings.
pub const ENTRIES: &[Entry] = &[
    // ----- lab heading -----
    e("common.lab.heading", "{0} lab", "{0} 실험실"),
    // ----- top bar -----
    e("common.top.screenshot", "Screenshot", "스크린샷"),
    e(
        "common.top.screenshot.tip",
        "Save the window as a PNG in the screenshots folder (S or F12).",
        "창을 PNG로 screenshots 폴더에 저장합니다 (S 또는 F12).",
    ),
    e(
        "common.top.export_trajectories",
        "Export trajectories",
        "궤적 내보내기",
    ),
    e(
        "common.top.export_trajectories.tip",
        "Write every run's path and losses as CSV (run,optimizer,step,loss,test_loss,x,y) where you \
         choose (without a file dialog, into exports/).",
        "모든 실행의 경로와 손실을 CSV(run,optimizer,step,loss,test_loss,x,y)로 고른 곳(파일 \
         대화 상자가 없으면 exports/)에 저장합니다.",
    ),
    e("common.top.help", "Help", "도움말"),
    e(
        "common.top.help.tip",
        "Keyboard shortcuts and what basin is (?).",
        "키보드 단축키와 basin 소개 (?).",
    ),
    e("common.top.explain", "Explain", "설명"),
    e(
        "common.top.explain.tip",
        "Show or hide a few sentences on what this lab shows and what to try.",
        "이 실험실이 무엇을 보여 주고 무엇을 해 볼지 짧은 설명을 보이거나 숨깁니다.",
    ),
    e("common.top.view", "View", "보기"),
    e(
        "common.top.view.tip",
        "Language, theme, size and contrast for the projector.",
        "언어, 테마, 크기, 대비 (프로젝터용).",
    ),
    e("common.top.language", "Language", "언어"),
    e("common.top.light_theme", "Light theme", "밝은 테마"),
    e(
        "common.top.light_theme.tip",
        "Switch to dark text on a light background (for projectors in bright rooms).",
        "밝은 배경에 어두운 글자로 바꿉니다 (밝은 교실의 프로젝터용).",
    ),
    e("common.top.dark_theme", "Dark theme", "어두운 테마"),
    e(
        "common.top.dark_theme.tip",
        "Switch to light text on a dark background.",
        "어두운 배경에 밝은 글자로 바꿉니다.",
    ),
    e("common.top.high_contrast", "High contrast", "고대비"),
    e(
        "common.top.high_contrast.tip",
        "A high-contrast colour map and thicker trajectories, for the back of the room.",
        "강한 대비의 색상표와 더 굵은 궤적 (교실 뒤쪽에서도 보이도록).",
    ),
    e(
        "common.top.hide_panels",
        "Hide side panels",
        "옆 패널 숨기기",
    ),
    e(
        "common.top.hide_panels.tip",
        "Leave only the figure (H).",
        "그림만 남깁니다 (H).",
    ),
    e("common.top.zoom_in", "Larger", "크게"),
    e("common.top.zoom_out", "Smaller", "작게"),
    e("common.top.zoom_reset", "Normal size", "원래 크기"),
    e("common.top.zoom", "UI scale {0} %", "화면 배율 {0} %"),
    e("common.top.fullscreen", "Full screen", "전체 화면"),
    e(
        "common.top.fullscreen.tip",
        "Full screen on or off (F11).",
        "전체 화면 켜기/끄기 (F11).",
    ),
    e("common.top.shortcuts", "Shortcuts", "단축키"),
    e(
        "common.top.exporting",
        "exporting {0} %",
        "내보내는 중 {0} %",
    ),
    e(
        "common.top.export_figure",
        "Export figure…",
        "그림 내보내기…",
    ),
    e(
        "common.top.export_figure.tip",
        "Draw this lab's figure as PNG, SVG or an animated GIF, at a size you choose, into a \
         file you pick (without a file dialog, into exports/). Ctrl+E.",
        "이 실험실의 그림을 원하는 크기의 PNG, SVG, 움직이는 GIF로 고른 파일(파일 대화 상자가 \
         없으면 exports/)에 그립니다. Ctrl+E.",
    ),
    e(
        "common.top.export_animation",
        "Export animation",
        "애니메이션 내보내기",
    ),
    e(
        "common.top.export_animation.tip",
        "Write the race as an animated GIF (960×600, 5 s at 30 fps) where you choose (without a \
         file dialog, into exports/).",
        "경주를 움직이는 GIF(960×600, 30 fps로 5초)로 고른 곳(파일 대화 상자가 없으면 \
         exports/)에 저장합니다.",
    ),
    // ----- figure-export window -----
    e("common.export.title", "Export figure", "그림 내보내기"),
    e("common.export.format", "Format", "형식"),
    e("common.export.size", "Size", "크기"),
    e("common.export.fps", "Frames per second", "초당 프레임"),
    e("common.export.seconds", "Seconds", "초"),
    e("common.export.export", "Export", "내보내기"),
    e(
        "common.export.export.tip",
        "Write the file (in the background) where you choose (without a file dialog, into \
         exports/).",
        "파일을 고른 곳(파일 대화 상자가 없으면 exports/)에 씁니다 (백그라운드에서).",
    ),
    e("common.cancel", "Cancel", "취소"),
    // ----- system file dialogs (crate::app::file_picker) -----
    e(
        "common.file.export_data_title",
        "Export data",
        "데이터 내보내기",
    ),
    e(
        "common.file.filter.presets",
        "Presets (TOML)",
        "프리셋 (TOML)",
    ),
    e(
        "common.file.filter.data",
        "Data (CSV, NPY)",
        "데이터 (CSV, NPY)",
    ),
    e("common.file.filter.csv_table", "CSV table", "CSV 표"),
    e("common.file.filter.png_image", "PNG image", "PNG 이미지"),
    e(
        "common.file.filter.svg_drawing",
        "SVG drawing",
        "SVG 벡터 그림",
    ),
    e(
        "common.file.filter.gif_animation",
        "GIF animation",
        "GIF 애니메이션",
    ),
    e("common.file.filter.all", "All files", "모든 파일"),
    e(
        "common.file.typed_no_service",
        "Type the path: no system file dialog service is running here.",
        "경로를 입력하세요: 이 환경에는 시스템 파일 대화 상자 서비스가 없습니다.",
    ),
    e(
        "common.file.typed_failed",
        "Type the path: the system file dialog could not be shown.",
        "경로를 입력하세요: 시스템 파일 대화 상자를 열 수 없었습니다.",
    ),
    // ----- help window -----
    e("common.help.title", "Help", "도움말"),
    // ----- keyboard shortcuts -----
    e("common.keys.title", "Keyboard shortcuts", "키보드 단축키"),
    e("common.keys.play", "play / pause", "재생 / 일시 정지"),
    e("common.keys.step", "one step forward", "한 스텝 앞으로"),
    e("common.keys.reset", "back to step 0", "0 스텝으로 되돌리기"),
    e("common.keys.screenshot", "screenshot", "스크린샷"),
    e("common.keys.labs", "switch labs", "실험실 바꾸기"),
    e(
        "common.keys.open",
        "open a preset file…",
        "프리셋 파일 열기…",
    ),
    e(
        "common.keys.open_data",
        "open a data file (Network, Bias–Variance)…",
        "데이터 파일 열기 (신경망, 편향–분산)…",
    ),
    e(
        "common.keys.save",
        "save the experiment as a preset…",
        "실험을 프리셋으로 저장…",
    ),
    e(
        "common.keys.export_figure",
        "export the figure… (Enter exports, Esc closes)",
        "그림 내보내기… (Enter 내보내기, Esc 닫기)",
    ),
    e(
        "common.keys.zoom",
        "UI larger / smaller / normal",
        "화면 크게 / 작게 / 원래대로",
    ),
    e("common.keys.fullscreen", "full screen", "전체 화면"),
    e(
        "common.keys.hide",
        "hide / show the side panels",
        "옆 패널 숨기기 / 보이기",
    ),
    e(
        "common.keys.contrast",
        "high contrast on / off",
        "고대비 켜기 / 끄기",
    ),
    e(
        "common.keys.explain",
        "explain panel on / off",
        "설명 패널 켜기 / 끄기",
    ),
    e("common.keys.overlay", "this list", "이 목록"),
    e("common.keys.key_space", "Space", "스페이스"),
    e("common.keys.key_right", "Right arrow", "오른쪽 화살표"),
    e("common.keys.key_reset", "R or Home", "R 또는 Home"),
    e("common.keys.key_screenshot", "S or F12", "S 또는 F12"),
    e("common.keys.close", "Close", "닫기"),
    e(
        "common.keys.tour",
        "start / leave the lecture",
        "강의 시작 / 나가기",
    ),
    e(
        "common.keys.tour_move",
        "lecture: next / previous step",
        "강의: 다음 / 이전 단계",
    ),
    e(
        "common.keys.tour_restore",
        "lecture: back to the step's settings",
        "강의: 이 단계의 설정으로 되돌리기",
    ),
    e("common.keys.key_backspace", "Backspace", "백스페이스"),
    // ----- lecture mode (the guided tour) -----
    e("common.tour.button", "Lecture", "강의"),
    e(
        "common.tour.button.tip",
        "Walk through the lecture note step by step: each step opens its lab and preset with a \
         caption (F5). Page Down / Page Up or N / P move, Backspace restores the step's \
         settings, Esc leaves.",
        "강의 노트를 단계별로 따라갑니다: 각 단계가 실험실과 프리셋을 설명과 함께 엽니다 (F5). \
         Page Down / Page Up 또는 N / P로 이동, 백스페이스로 단계 설정 복원, Esc로 나갑니다.",
    ),
    e("common.tour.counter", "Step {0} / {1}", "단계 {0} / {1}"),
    e("common.tour.previous", "◀ Previous", "◀ 이전"),
    e(
        "common.tour.previous.tip",
        "The previous step (Page Up or P).",
        "이전 단계 (Page Up 또는 P).",
    ),
    e("common.tour.next", "Next ▶", "다음 ▶"),
    e(
        "common.tour.next.tip",
        "The next step (Page Down or N).",
        "다음 단계 (Page Down 또는 N).",
    ),
    e("common.tour.restore", "Step's settings", "단계 설정으로"),
    e(
        "common.tour.restore.tip",
        "Reopen this step's preset as it was, undoing what you changed (Backspace).",
        "이 단계의 프리셋을 처음 상태로 다시 엽니다. 바꾼 것은 되돌려집니다 (백스페이스).",
    ),
    e("common.tour.leave", "× Leave", "× 나가기"),
    e(
        "common.tour.leave.tip",
        "Leave the lecture (Esc); the lab stays as it is.",
        "강의를 나갑니다 (Esc). 실험실은 그대로 남습니다.",
    ),
    e("common.tour.try", "Try:", "해 보기:"),
    e("common.tour.caption", "Caption", "설명"),
    e(
        "common.tour.caption.tip",
        "Show or hide the caption and what to try (the title stays), to give the lab more room.",
        "설명과 해 보기를 보이거나 숨깁니다 (제목은 남습니다). 실험실에 자리를 더 줍니다.",
    ),
    e(
        "common.tour.broken",
        "The built-in tour does not load: {0}",
        "내장 강의 투어를 읽을 수 없습니다: {0}",
    ),
    // ----- Explain panel -----
    e(
        "common.explain.title",
        "What this lab shows",
        "이 실험실이 보여 주는 것",
    ),
    e("common.explain.try", "Try this", "해 보기"),
    // ----- playback -----
    e("common.play.play", "Play", "재생"),
    e("common.play.pause", "Pause", "일시 정지"),
    e(
        "common.play.pause.tip",
        "Stop the animation here (Space).",
        "애니메이션을 여기서 멈춥니다 (스페이스).",
    ),
    e(
        "common.play.play.tip",
        "Animate the runs step by step (Space).",
        "실행들을 스텝마다 애니메이션으로 보여 줍니다 (스페이스).",
    ),
    e("common.play.step", "Step", "스텝"),
    e(
        "common.play.step.tip",
        "Advance every run by one optimizer step (Right arrow key).",
        "모든 실행을 옵티마이저 한 스텝만큼 진행합니다 (오른쪽 화살표).",
    ),
    e("common.play.reset", "Reset", "처음으로"),
    e(
        "common.play.reset.tip",
        "Back to the start point, step 0 (R or Home).",
        "출발점, 0 스텝으로 돌아갑니다 (R 또는 Home).",
    ),
    e("common.play.speed", "Speed (steps/s)", "속도 (스텝/초)"),
    e(
        "common.play.speed.tip",
        "How many optimizer steps the animation shows per second.",
        "애니메이션이 1초에 보여 주는 옵티마이저 스텝 수.",
    ),
    e("common.play.at_step", "At step", "현재 스텝"),
    e(
        "common.play.at_step.tip",
        "Drag to scrub through the race; every run is shown at this step.",
        "끌어서 경주를 앞뒤로 훑어봅니다. 모든 실행이 이 스텝의 위치로 표시됩니다.",
    ),
    // ----- status bar -----
    e("common.status.ready", "Ready", "준비됨"),
    e("common.status.landscape", "Landscape", "손실 지형"),
    e("common.status.seed", "seed {0}", "시드 {0}"),
    e("common.status.dismiss", "Dismiss", "닫기"),
    e(
        "common.status.dismiss.tip",
        "Dismiss this message.",
        "이 메시지를 닫습니다.",
    ),
    // ----- notices -----
    e(
        "common.notice.settings_ignored",
        "The saved settings could not be read ({0}); starting with the defaults.",
        "저장된 설정을 읽을 수 없어 ({0}) 기본값으로 시작합니다.",
    ),
    e(
        "common.notice.settings_old",
        "The saved settings are from another version of basin; starting with the defaults.",
        "저장된 설정이 다른 버전의 basin에서 온 것이라 기본값으로 시작합니다.",
    ),
    e(
        "common.notice.saved_screenshot",
        "Saved screenshot to {0}",
        "스크린샷을 {0}에 저장했습니다",
    ),
    e(
        "common.notice.cannot_save_screenshot",
        "cannot save screenshot {0}: {1}",
        "스크린샷 {0}을(를) 저장할 수 없습니다: {1}",
    ),
    e(
        "common.notice.exported",
        "Exported {0} to {1}",
        "{0}을(를) {1}에 내보냈습니다",
    ),
    e(
        "common.notice.cannot_export",
        "cannot export {0}: {1}",
        "{0}을(를) 내보낼 수 없습니다: {1}",
    ),
    e("common.notice.what_sweep", "the sweep", "스윕"),
    e("common.notice.what_trajectories", "trajectories", "궤적"),
    e(
        "common.notice.no_workers",
        "cannot export: no worker threads",
        "내보낼 수 없습니다: 작업 스레드가 없습니다",
    ),
    e(
        "common.notice.cannot_create_folder",
        "cannot create the folder {0}: {1}",
        "{0} 폴더를 만들 수 없습니다: {1}",
    ),
    e(
        "common.notice.exported_figure",
        "Exported the figure to {0}",
        "그림을 {0}에 내보냈습니다",
    ),
    e(
        "common.notice.nothing_yet_runs",
        "nothing to export yet: wait for the landscape and the runs",
        "아직 내보낼 것이 없습니다: 손실 지형과 실행이 끝날 때까지 기다리세요",
    ),
    e(
        "common.notice.run_key",
        "run {0}: `{1}` {2}",
        "실행 {0}: `{1}` {2}",
    ),
    e(
        "common.notice.run_schedule_key",
        "run {0}: schedule `{1}` {2}",
        "실행 {0}: 스케줄 `{1}` {2}",
    ),
    e(
        "common.notice.no_motion",
        "the {0} figure has no motion: export it as PNG or SVG",
        "{0} 그림에는 움직임이 없습니다: PNG나 SVG로 내보내세요",
    ),
    e(
        "common.notice.web_font_loading",
        "The Korean font is still loading: export the figure again in a moment",
        "한글 글꼴을 아직 불러오는 중입니다: 잠시 후 다시 그림을 내보내세요",
    ),
    e(
        "common.notice.not_for_lab",
        "{0} cannot be shown in the {1} lab",
        "{0}은(는) {1} 실험실에서 열 수 없습니다",
    ),
    e(
        "common.notice.fallback_playground",
        "{0}; showing a built-in Rosenbrock race",
        "{0}; 내장된 Rosenbrock 경주를 대신 보여 줍니다",
    ),
    e(
        "common.notice.fallback_sharp_flat",
        "{0}; the Sharp vs Flat lab shows a built-in moons network",
        "{0}; 날카로운 vs 평탄한 실험실은 내장된 moons 신경망을 대신 보여 줍니다",
    ),
    e(
        "common.notice.fallback_network",
        "{0}; showing a built-in moons network",
        "{0}; 내장된 moons 신경망을 대신 보여 줍니다",
    ),
    e(
        "common.notice.no_worker_threads",
        "cannot start worker threads: {0}",
        "작업 스레드를 시작할 수 없습니다: {0}",
    ),
    // ----- axes -----
    e("common.axis.step", "step", "스텝"),
    e("common.axis.loss_log", "loss (log)", "손실 (로그)"),
    e("common.axis.loss", "loss", "손실"),
    e("common.axis.gap", "gap", "격차"),
    e("common.axis.log_suffix", "{0} (log)", "{0} (로그)"),
    // ----- run legends -----
    e("common.legend.run", "run {0}", "실행 {0}"),
    e("common.legend.full", "full", "전체"),
    e("common.legend.diverged", " — diverged", " — 발산"),
    // ----- hover read-outs -----
    e(
        "common.hover.step_loss",
        "step {0}\nloss {1}",
        "스텝 {0}\n손실 {1}",
    ),
    e(
        "common.hover.step_lr",
        "step {0}\nlr {1}",
        "스텝 {0}\n학습률 {1}",
    ),
    e(
        "common.hover.step_accuracy",
        "step {0}\naccuracy {1} %",
        "스텝 {0}\n정확도 {1} %",
    ),
    e(
        "common.hover.nearest",
        "\nloss {0} (nearest grid point)",
        "\n손실 {0} (가장 가까운 격자점)",
    ),
    // ----- 3-D view -----
    e(
        "common.s3d.hint",
        "drag to turn · scroll to zoom",
        "끌어서 돌리기 · 스크롤로 확대",
    ),
    e("common.s3d.log", "Log heights", "로그 높이"),
    e(
        "common.s3d.log.tip",
        "Heights on the colour bar's log scale instead of the raw loss.",
        "높이를 원래 손실 대신 색 막대의 로그 척도로 잽니다.",
    ),
    e("common.s3d.clamp", "Clamp at", "자르는 위치"),
    e(
        "common.s3d.clamp.tip",
        "Heights above this quantile of the grid are cut off, so one huge value does not flatten the rest.",
        "격자의 이 분위수보다 높은 곳은 잘라서, 아주 큰 값 하나가 나머지를 납작하게 만들지 않게 합니다.",
    ),
    e("common.s3d.height", "Height", "높이"),
    e("common.s3d.reset", "Reset view", "시점 초기화"),
    e(
        "common.s3d.toggle.tip",
        "Show the surface in 3-D: drag to turn it, scroll to zoom.",
        "곡면을 3차원으로 봅니다: 끌어서 돌리고, 스크롤로 확대합니다.",
    ),
    e(
        "common.s3d.computing",
        "computing the landscape…",
        "손실 지형을 계산하는 중…",
    ),
];
