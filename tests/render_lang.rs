//! `basin render --lang`: a Korean figure is worded in Korean and drawn in the Hangul font
//! (the SVG's text and font family say so), an English one is the same bytes with `--lang en`
//! as without it and keeps the English words and the Latin font, and a language basin does
//! not have is bad input (exit status 2, nothing written).

mod common;

use common::*;

/// The text of every `<text>` element of an SVG, and the document itself.
fn svg_texts(path: &std::path::Path) -> (Vec<String>, String) {
    let text = std::fs::read_to_string(path).expect("svg");
    let doc = roxmltree::Document::parse(&text).expect("the SVG is well-formed XML");
    let texts = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text().map(|t| t.trim().to_string()))
        .collect();
    (texts, text)
}

fn has(texts: &[String], needle: &str) -> bool {
    texts.iter().any(|t| t.contains(needle))
}

const SURFACE: [&str; 8] = [
    "render",
    "rosenbrock-race",
    "--width",
    "640",
    "--height",
    "400",
    "--set",
    "view.resolution=32",
];

#[test]
fn a_korean_landscape_is_worded_in_korean_in_the_hangul_font() {
    let dir = tempdir();
    let mut args = SURFACE.to_vec();
    args.extend(["--lang", "ko", "--out", "ko.svg"]);
    ok(&basin(dir.path(), &args));
    let (texts, svg) = svg_texts(&dir.path().join("ko.svg"));
    for needle in [
        "로젠브록 경주 — rosenbrock의 학습 손실",
        "손실 (로그)",
        "Adam lr=0.100 B=전체",
        "basin · rosenbrock-race · 시드 7",
    ] {
        assert!(has(&texts, needle), "{needle} missing from {texts:?}");
    }
    for english in ["training loss", "loss (log)", "B=full", "seed 7"] {
        assert!(!has(&texts, english), "{english} left in {texts:?}");
    }
    assert!(svg.contains("font-family=\"NanumGothic, sans-serif\""));
    assert!(!svg.contains("font-family=\"sans-serif\""));
    // Hangul is kept, never replaced by the Latin font's `?`.
    assert!(!has(&texts, "??"), "{texts:?}");

    // The PNG draws the Hangul: it differs from the English figure.
    let mut png = SURFACE.to_vec();
    png.extend(["--lang", "ko", "--out", "ko.png"]);
    ok(&basin(dir.path(), &png));
    png.truncate(SURFACE.len());
    png.extend(["--out", "en.png"]);
    ok(&basin(dir.path(), &png));
    let ko = std::fs::read(dir.path().join("ko.png")).expect("png");
    let en = std::fs::read(dir.path().join("en.png")).expect("png");
    assert_ne!(ko, en);
}

#[test]
fn english_is_the_default_and_keeps_its_words_and_font() {
    let dir = tempdir();
    for (out, lang) in [("default.svg", None), ("en.svg", Some("en"))] {
        let mut args = SURFACE.to_vec();
        args.extend(["--out", out]);
        if let Some(lang) = lang {
            args.extend(["--lang", lang]);
        }
        ok(&basin(dir.path(), &args));
    }
    let default = std::fs::read(dir.path().join("default.svg")).expect("svg");
    let en = std::fs::read(dir.path().join("en.svg")).expect("svg");
    assert!(default == en, "--lang en changed the figure");
    let (texts, svg) = svg_texts(&dir.path().join("en.svg"));
    for needle in [
        "Rosenbrock race — training loss of rosenbrock",
        "loss (log)",
        "Adam lr=0.100 B=full",
        "basin · rosenbrock-race · seed 7",
    ] {
        assert!(has(&texts, needle), "{needle} missing from {texts:?}");
    }
    assert!(svg.contains("font-family=\"sans-serif\""));
    assert!(!svg.contains("NanumGothic"));
}

#[test]
fn the_sharp_vs_flat_and_bias_variance_figures_speak_korean() {
    let dir = tempdir();
    let mut args = vec![
        "render",
        "sharp-vs-flat-net",
        "--lab",
        "sharp-vs-flat",
        "--lang",
        "ko",
        "--out",
        "sf.svg",
        "--width",
        "900",
        "--height",
        "600",
    ];
    args.extend(SMALL_SHARP_FLAT);
    ok(&basin(dir.path(), &args));
    let (texts, _) = svg_texts(&dir.path().join("sf.svg"));
    for needle in [
        "두 해 사이의 손실",
        "α  (0: 작은 배치의 해, 1: 큰 배치의 해)",
        "손실 (로그)",
        "작은 배치, B = 8",
        "큰 배치, B = 64",
        "학습 손실",
        "테스트 손실",
        "최종 테스트 정확도 (%), 시드 중앙값",
        "배치 크기 B",
        "학습률 η",
        "64 (전체)",
        "시드 7 · B = 8 대 64",
    ] {
        assert!(has(&texts, needle), "{needle} missing from {texts:?}");
    }
    ok(&basin(
        dir.path(),
        &[
            "render",
            "bias-variance",
            "--lang",
            "ko",
            "--out",
            "bv.svg",
            "--width",
            "800",
            "--height",
            "600",
            "--set",
            "resampling.repeats=10",
        ],
    ));
    let (texts, _) = svg_texts(&dir.path().join("bv.svg"));
    for needle in [
        "다항식 적합의 편향-분산",
        "평균 ± 1σ",
        "적합 10개 (차수 3)",
        "평균 적합",
        "참 함수",
        "학습 표본",
        "오차 (로그)",
        "편향²",
        "기대 테스트 MSE",
        "최적 (",
        "차수",
    ] {
        assert!(has(&texts, needle), "{needle} missing from {texts:?}");
    }
}

#[test]
fn an_unknown_language_is_bad_input_and_writes_nothing() {
    let dir = tempdir();
    let mut args = SURFACE.to_vec();
    args.extend(["--lang", "xx", "--out", "fig.png"]);
    let out = basin(dir.path(), &args);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("expected en or ko"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("fig.png").exists());
}
