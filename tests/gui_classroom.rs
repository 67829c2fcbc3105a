#![cfg(feature = "gui")]
//! The classroom features driven through the real window (egui_kittest): the language switch
//! and `--lang`, the saved settings (and a corrupt saved state), the keyboard shortcuts, the
//! Explain panel, saving and reopening a preset in every lab, and a preset dropped on the
//! window.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use basin::app::labs::playground::fallback_experiment;
use basin::app::notices::NoticeKind;
use basin::app::settings::Settings;
use basin::app::shell::DialogKind;
use basin::app::{App, Command, Startup};
use basin::core::biasvar::config::Resampling;
use basin::i18n::Lang;
use basin::lab::LabKind;
use common::gui::Dropped;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness(startup: Startup) -> Harness<'static, App> {
    let startup = Startup {
        preset: Some((fallback_experiment()).into()),
        preset_name: Some("test".to_string()),
        ..startup
    };
    Harness::builder()
        .with_size(egui::vec2(1440.0, 900.0))
        .build_eframe(move |cc| App::new(cc, startup))
}

/// Steps frames until `done` holds (panics after 30 s).
fn step_until(h: &mut Harness<'static, App>, what: &str, done: impl Fn(&App) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !done(h.state()) {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        h.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    h.step();
}

#[test]
fn switching_to_korean_shows_korean_labels_and_back() {
    let mut h = harness(Startup::default());
    h.step();
    assert!(h.query_by_label("놀이터").is_none());
    h.get_by_label("한국어").click();
    h.step();
    h.step();
    assert_eq!(h.state().settings().lang, Lang::Ko);
    // The tab, the playback button and a control in Korean.
    h.get_by_label("놀이터");
    h.get_by_label("처음으로");
    h.get_by_label("모든 실행에 적용");
    assert!(h.query_by_label("Playground").is_none());
    h.get_by_label("English").click();
    h.step();
    h.step();
    h.get_by_label("Playground");
    assert!(h.query_by_label("놀이터").is_none());
}

/// The labels other tests look widgets up by are the English texts of their keys.
#[test]
fn the_english_labels_tests_use_are_the_tables() {
    use basin::app::labs::playground::controls::{CUSTOM_ENTRY, FORMULA_FIELD};
    use basin::i18n::tr_in;
    assert_eq!(tr_in(Lang::En, "pg.custom"), CUSTOM_ENTRY);
    assert_eq!(tr_in(Lang::En, "pg.formula"), FORMULA_FIELD);
    assert_eq!(tr_in(Lang::En, "pg.schedule"), "lr schedule");
    assert_eq!(tr_in(Lang::Ko, "pg.lr"), "학습률");
    assert_eq!(tr_in(Lang::Ko, "pg.batch"), "배치 크기");
}

#[test]
fn the_lang_option_opens_the_window_in_korean() {
    let mut h = harness(Startup {
        lang: Some(Lang::Ko),
        ..Startup::default()
    });
    h.step();
    h.get_by_label("신경망");
    h.get_by_label("편향-분산");
    assert_eq!(h.state().settings().lang, Lang::Ko);
}

/// The last presets of some labs.
fn last_presets(pairs: &[(LabKind, &str)]) -> basin::app::settings::LastPresets {
    let mut last = basin::app::settings::LastPresets::default();
    for &(lab, name) in pairs {
        last.set(lab, name, &[]);
    }
    last
}

#[test]
fn saved_settings_are_restored_and_the_command_line_language_wins() {
    let saved = Settings {
        lang: Lang::Ko,
        zoom: 1.5,
        high_contrast: true,
        explain_open: true,
        panels_hidden: true,
        recent_files: vec!["presets/beale.toml".to_string()],
        last_preset: last_presets(&[
            (LabKind::Playground, "saddle"),
            (LabKind::Network, "overfit"),
            (LabKind::SharpFlat, "edge-of-stability"),
            (LabKind::BiasVariance, "knn"),
        ]),
        ..Settings::default()
    };
    let mut h = harness(Startup {
        settings: Some(saved.to_text()),
        ..Startup::default()
    });
    h.step();
    h.step();
    let restored = h.state().settings();
    assert_eq!(restored.lang, Lang::Ko);
    assert!(restored.high_contrast && restored.explain_open && restored.panels_hidden);
    assert_eq!(restored.recent_files, saved.recent_files);
    // Every lab reopens on its last preset (the Playground's only without one on the command
    // line: this harness gives one).
    let app = h.state();
    assert_eq!(app.preset_name(LabKind::Playground), "test");
    assert_eq!(app.preset_name(LabKind::Network), "overfit");
    assert_eq!(app.preset_name(LabKind::SharpFlat), "edge-of-stability");
    assert_eq!(app.preset_name(LabKind::BiasVariance), "knn");
    assert!((h.ctx.zoom_factor() - 1.5).abs() < 1e-6);
    h.get_by_label("이 실험실이 보여 주는 것");
    // Hidden side panels: no Playground controls.
    assert!(h.query_by_label("곡면").is_none());
    assert!(h.state().notices().is_empty());

    let mut h = harness(Startup {
        settings: Some(saved.to_text()),
        lang: Some(Lang::En),
        ..Startup::default()
    });
    h.step();
    assert_eq!(h.state().settings().lang, Lang::En);
    h.get_by_label("Reset");
    assert!(h.query_by_label("처음으로").is_none());
}

#[test]
fn a_preset_opened_with_overrides_reopens_with_them() {
    // A tour step opens `bias-variance` with `resampling.mode=bootstrap`; the next start
    // reopens the lab as it was left, not the bare preset.
    let mut h = harness(Startup {
        tour: Some(8),
        ..Startup::default()
    });
    h.step();
    let bootstrap = |h: &Harness<'_, App>| {
        h.state().labs.bias_variance.experiment.config.resampling == Resampling::Bootstrap
    };
    assert!(bootstrap(&h), "{:?}", h.state().notices());
    let saved = h.state().settings().to_text();
    assert!(saved.contains("resampling.mode=bootstrap"), "{saved}");
    let mut h = harness(Startup {
        settings: Some(saved.clone()),
        ..Startup::default()
    });
    h.step();
    assert!(bootstrap(&h), "{saved}");
    // Overrides that no longer apply: the preset as it is.
    let stale = saved.replace("resampling.mode=bootstrap", "resampling.mode=nonsense");
    let mut h = harness(Startup {
        settings: Some(stale),
        ..Startup::default()
    });
    h.step();
    assert!(!bootstrap(&h));
    assert_eq!(
        h.state().preset_name(LabKind::BiasVariance),
        "bias-variance"
    );
}

#[test]
fn a_corrupt_or_old_saved_state_falls_back_to_the_defaults_with_a_notice() {
    for text in [
        "{\"version\": 1, \"lang\": ",
        "\u{0}\u{1}garbage",
        "{\"version\": 99, \"lang\": \"Ko\"}",
    ] {
        let mut h = harness(Startup {
            settings: Some(text.to_string()),
            ..Startup::default()
        });
        h.step();
        assert_eq!(h.state().settings(), Settings::default(), "{text:?}");
        assert!((h.ctx.zoom_factor() - 1.0).abs() < 1e-6);
        let notices = h.state().notices();
        assert!(
            notices
                .iter()
                .any(|n| n.kind == NoticeKind::Error && n.text.contains("defaults")),
            "{text:?}: {notices:?}"
        );
        // The window works: the Playground is drawn in English.
        h.get_by_label("Playground");
    }
}

#[test]
fn shortcuts_drive_the_app_but_not_while_typing() {
    let mut h = harness(Startup::default());
    step_until(&mut h, "the first trajectories", |a| {
        a.labs.playground.trained().is_some()
    });
    // Number keys switch labs.
    h.key_press(egui::Key::Num4);
    h.step();
    assert_eq!(h.state().lab(), LabKind::BiasVariance);
    h.key_press(egui::Key::Num1);
    h.step();
    assert_eq!(h.state().lab(), LabKind::Playground);
    // Space pauses or plays.
    let playing = h.state().labs.playground.playing();
    h.key_press(egui::Key::Space);
    h.step();
    assert_ne!(h.state().labs.playground.playing(), playing);
    // H hides the side panels, and again shows them.
    h.get_by_label("Surface");
    h.key_press(egui::Key::H);
    h.step();
    h.step();
    assert!(h.state().settings().panels_hidden);
    assert!(h.query_by_label("Surface").is_none());
    h.key_press(egui::Key::H);
    h.step();
    h.step();
    h.get_by_label("Surface");
    // C: high contrast (the magma map); E: the Explain panel; ?: every shortcut.
    h.key_press(egui::Key::C);
    h.step();
    assert!(h.state().settings().high_contrast);
    assert_eq!(
        h.state().settings().colormap,
        basin::ui::heatmap::ColorMap::Magma
    );
    h.key_press(egui::Key::C);
    h.step();
    assert_eq!(
        h.state().settings().colormap,
        basin::ui::heatmap::ColorMap::Viridis
    );
    h.key_press(egui::Key::E);
    h.step();
    h.step();
    h.get_by_label("What this lab shows");
    h.key_press(egui::Key::Questionmark);
    h.step();
    h.step();
    h.get_by_label("Keyboard shortcuts");
    h.get_by_label("switch labs");
    h.key_press(egui::Key::Escape);
    h.step();
    h.step();
    assert!(h.query_by_label("switch labs").is_none());
    // Ctrl + scales the UI up (egui's zoom), Ctrl 0 back.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Equals);
    h.step();
    assert!(h.ctx.zoom_factor() > 1.05, "{}", h.ctx.zoom_factor());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num0);
    h.step();
    assert!((h.ctx.zoom_factor() - 1.0).abs() < 1e-6);
    // Ctrl O, Ctrl Shift O and Ctrl S open the file windows (the typed path here: tests never
    // ask for the system's dialog).
    for (modifiers, key, kind) in [
        (egui::Modifiers::COMMAND, egui::Key::O, DialogKind::Open),
        (
            egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
            egui::Key::O,
            DialogKind::OpenData,
        ),
        (egui::Modifiers::COMMAND, egui::Key::S, DialogKind::Save),
    ] {
        h.key_press_modifiers(modifiers, key);
        h.step();
        let opened = h.state().windows.file_dialog.as_ref().map(|d| d.kind);
        assert_eq!(opened, Some(kind), "{modifiers:?} {key:?}");
        h.state_mut().windows.file_dialog = None;
        h.step();
    }
    // Ctrl E opens the Export figure window; Esc closes it; Enter exports (the typed path
    // window here, as tests never ask for the system's dialog).
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.step();
    assert!(h.state().windows.figure_export.dialog.is_some());
    h.key_press(egui::Key::Escape);
    h.step();
    assert!(h.state().windows.figure_export.dialog.is_none());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.step();
    // A width too small to draw: the export Enter asks for says so, and writes nothing.
    if let Some(settings) = &mut h.state_mut().windows.figure_export.dialog {
        settings.width = 10;
    }
    h.key_press(egui::Key::Enter);
    h.step();
    let refused = h
        .state()
        .notices()
        .iter()
        .any(|n| n.kind == NoticeKind::Error && n.text.contains("160"));
    assert!(refused, "Enter did not export: {:?}", h.state().notices());
    let ctx = h.ctx.clone();
    h.state_mut().apply(&ctx, Command::SetFigureExport(None));
    h.step();
    // Typing "2" and "h" into a text field neither switches the lab nor hides panels.
    let ctx = h.ctx.clone();
    h.state_mut().apply(
        &ctx,
        Command::OpenDialog(basin::app::shell::DialogKind::Save),
    );
    // A new window takes a sizing frame before it is shown.
    h.run_steps(4);
    h.get_by_role(egui::accesskit::Role::TextInput).focus();
    h.step();
    assert!(h.ctx.egui_wants_keyboard_input());
    h.key_press(egui::Key::Num2);
    h.key_press(egui::Key::H);
    h.step();
    assert_eq!(h.state().lab(), LabKind::Playground);
    assert!(!h.state().settings().panels_hidden);
}

/// Every lab: "Save preset…" writes a file that opens back to the same experiment, and the
/// file goes into the recent list and becomes the lab's last preset.
#[test]
fn a_saved_preset_of_every_lab_opens_to_the_same_experiment() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Startup::default());
    h.step();
    let ctx = h.ctx.clone();
    for lab in LabKind::ALL {
        h.state_mut().apply(&ctx, Command::SetLab(lab));
        let fingerprint = |app: &App| match app.lab() {
            LabKind::Playground => basin::preset::to_toml(app.labs.playground.experiment()),
            LabKind::Network => basin::preset::network_to_toml(&app.labs.network.experiment),
            LabKind::BiasVariance => {
                basin::preset::regression_to_toml(&app.labs.bias_variance.experiment)
            }
            LabKind::SharpFlat => app.labs.sharp_flat.to_toml(),
        };
        let before = fingerprint(h.state());
        let before_network = h.state().labs.network.experiment.clone();
        let before_bv = h.state().labs.bias_variance.experiment.clone();
        let path = dir.path().join(format!("{lab:?}.toml"));
        let path_text = path.display().to_string();
        h.state_mut()
            .apply(&ctx, Command::SavePreset(path_text.clone()));
        assert!(path.exists(), "{lab:?}: {:?}", h.state().notices());
        h.state_mut()
            .apply(&ctx, Command::OpenFile(path_text.clone()));
        h.step();
        assert_eq!(h.state().lab(), lab, "{:?}", h.state().notices());
        assert_eq!(fingerprint(h.state()), before, "{lab:?}");
        match lab {
            LabKind::Network => assert_eq!(h.state().labs.network.experiment, before_network),
            LabKind::BiasVariance => assert_eq!(h.state().labs.bias_variance.experiment, before_bv),
            _ => {}
        }
        let settings = h.state().settings();
        assert_eq!(settings.recent_files.first(), Some(&path_text));
        let last = settings.last_preset.get(lab);
        assert_eq!(last, Some((path_text.as_str(), &[][..])));
    }
    assert_eq!(h.state().settings().recent_files.len(), 4);
    // The Recent menu lists them.
    h.get_by_label("Preset").click();
    h.run_steps(2);
    h.get_by_label("Recent").click();
    h.run_steps(3);
    h.get_by_label(&dir.path().join("Playground.toml").display().to_string());
}

#[test]
fn a_preset_dropped_on_the_window_opens_and_other_files_are_refused() {
    let mut h = harness(Startup::default());
    h.step();
    let beale = Path::new(env!("CARGO_MANIFEST_DIR")).join("presets/beale.toml");
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(beale.clone())));
    h.step();
    h.step();
    assert_eq!(
        h.state().labs.playground.experiment().problem.surface.kind,
        basin::core::surface::SurfaceKind::Beale
    );
    assert_eq!(
        h.state().settings().recent_files.first(),
        Some(&beale.display().to_string())
    );
    let readme = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(readme)));
    h.step();
    h.step();
    assert!(
        h.state()
            .notices()
            .iter()
            .any(|n| n.kind == NoticeKind::Error && n.text.contains("README.md")),
        "{:?}",
        h.state().notices()
    );
    assert_eq!(
        h.state().labs.playground.experiment().problem.surface.kind,
        basin::core::surface::SurfaceKind::Beale
    );
}

#[test]
fn the_explain_panel_speaks_the_current_language_in_every_lab() {
    let mut h = harness(Startup::default());
    h.step();
    h.get_by_label("Explain").click();
    h.step();
    h.step();
    for lab in LabKind::ALL {
        let ctx = h.ctx.clone();
        h.state_mut().apply(&ctx, Command::SetLab(lab));
        h.step();
        let (what, _) = lab.explanation();
        h.get_by_label(what);
    }
    h.get_by_label("한국어").click();
    h.step();
    h.step();
    h.get_by_label("이 실험실이 보여 주는 것");
    basin::i18n::set_lang(Lang::Ko);
    let (what, try_this) = h.state().lab().explanation();
    basin::i18n::set_lang(Lang::En);
    h.get_by_label(what);
    h.get_by_label(try_this);
}

#[test]
fn plain_basin_reopens_the_playgrounds_last_preset_or_the_default_if_it_is_gone() {
    let open = |last: &str| {
        let saved = Settings {
            last_preset: last_presets(&[(LabKind::Playground, last)]),
            ..Settings::default()
        };
        let startup = Startup {
            settings: Some(saved.to_text()),
            ..Startup::default()
        };
        let mut h = Harness::builder()
            .with_size(egui::vec2(1440.0, 900.0))
            .build_eframe(move |cc| App::new(cc, startup));
        h.step();
        (
            h.state().preset_name(LabKind::Playground).to_string(),
            h.state().labs.playground.experiment().problem.surface.kind,
        )
    };
    assert_eq!(
        open("saddle"),
        (
            "saddle".to_string(),
            basin::core::surface::SurfaceKind::Saddle
        )
    );
    let (name, _) = open("/no/such/preset.toml");
    assert_eq!(name, basin::preset::DEFAULT_PRESET);

    // `basin open knn`: the Bias–Variance lab on knn, the Playground on its last preset.
    let saved = Settings {
        last_preset: last_presets(&[(LabKind::Playground, "saddle")]),
        ..Settings::default()
    };
    let Ok(basin::preset::Preset::Regression(knn)) = basin::preset::load("knn", &[]) else {
        panic!("knn is a bias–variance preset");
    };
    let startup = Startup {
        preset: Some((knn).into()),
        preset_name: Some("knn".to_string()),
        settings: Some(saved.to_text()),
        ..Startup::default()
    };
    let mut h = Harness::builder()
        .with_size(egui::vec2(1440.0, 900.0))
        .build_eframe(move |cc| App::new(cc, startup));
    h.step();
    assert_eq!(h.state().lab(), LabKind::BiasVariance);
    assert_eq!(h.state().preset_name(LabKind::BiasVariance), "knn");
    assert_eq!(h.state().preset_name(LabKind::Playground), "saddle");
}

/// Every lab draws in Korean, with the Explain panel, the help window and the shortcuts
/// overlay open (kittest panics on a character no font can draw), and its tab is in Korean.
#[test]
fn every_lab_draws_in_korean_with_every_window_open() {
    let mut h = harness(Startup {
        lang: Some(Lang::Ko),
        ..Startup::default()
    });
    let ctx = h.ctx.clone();
    for command in [
        Command::SetExplainOpen(true),
        Command::SetHelpOpen(true),
        Command::SetShortcutsOpen(true),
    ] {
        h.state_mut().apply(&ctx, command);
    }
    for (lab, tab) in
        LabKind::ALL
            .into_iter()
            .zip(["놀이터", "신경망", "날카로운 vs 평탄한", "편향-분산"])
    {
        h.state_mut().apply(&ctx, Command::SetLab(lab));
        h.run_steps(4);
        assert_eq!(h.state().lab(), lab);
        // The tab, and the lab's name atop the Explain panel.
        assert_eq!(h.query_all_by_label(tab).count(), 2, "{tab}");
        h.get_by_label("키보드 단축키");
    }
}

#[test]
fn run_legends_say_full_batch_and_diverged_in_the_window_language() {
    use basin::core::optim::{OptimizerKind, OptimizerSpec};
    use basin::core::train::RunSpec;
    let mut sgd = OptimizerSpec::defaults(OptimizerKind::Sgd);
    sgd.lr = 0.1;
    let full = RunSpec::new(sgd.clone());
    let small = RunSpec {
        batch_size: 8,
        ..RunSpec::new(sgd)
    };
    basin::i18n::set_lang(Lang::Ko);
    let ko_full = basin::app::picture::run_legend(&full, 100, true);
    let ko_small = basin::app::picture::run_legend(&small, 100, false);
    basin::i18n::set_lang(Lang::En);
    let en_full = basin::app::picture::run_legend(&full, 100, true);
    assert_eq!(ko_full, "SGD lr=0.100 B=전체 — 발산");
    assert_eq!(ko_small, "SGD lr=0.100 B=8");
    assert_eq!(en_full, "SGD lr=0.100 B=full — diverged");
    // Files and the command line keep the English legend whatever the window's language.
    basin::i18n::set_lang(Lang::Ko);
    assert_eq!(full.legend(100), "SGD lr=0.100 B=full");
    basin::i18n::set_lang(Lang::En);
}
