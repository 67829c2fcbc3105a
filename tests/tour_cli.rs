//! `basin tour` and `basin open --tour N` on the command line: the listing's format (one
//! tab-separated line per step, in either language), figures rendered per step as PNGs, and
//! bad input (a step out of range, no action, a malformed tour) as exit 2 with a message.

mod common;

use common::{basin, ok, stderr, tempdir};

#[test]
fn list_prints_one_tab_separated_line_per_step() {
    let tour = basin::tour::builtin().expect("the shipped tour reads");
    let dir = tempdir();
    for (lang, args) in [
        (basin::i18n::Lang::En, vec!["tour", "--list"]),
        (
            basin::i18n::Lang::Ko,
            vec!["--lang", "ko", "tour", "--list"],
        ),
    ] {
        let out = basin(dir.path(), &args);
        ok(&out);
        let text = String::from_utf8(out.stdout).expect("UTF-8");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), tour.len(), "{text}");
        assert!(lines.len() >= 12);
        for (i, (line, step)) in lines.iter().zip(&tour.steps).enumerate() {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 4, "{line}");
            assert_eq!(fields[0], (i + 1).to_string());
            assert_eq!(
                basin::lab::LabKind::from_cli_name(fields[1]),
                Some(step.lab)
            );
            assert!(basin::preset::builtin(fields[2]).is_some(), "{line}");
            assert_eq!(fields[3], step.words(lang).title);
        }
    }
    let out = basin(dir.path(), &["--lang", "ko", "tour", "--list"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("경사 하강법") && text.contains("편향-분산"),
        "{text}"
    );
}

#[test]
fn render_writes_one_png_per_chosen_step() {
    let tour = basin::tour::builtin().expect("the shipped tour reads");
    let dir = tempdir();
    let out_dir = dir.path().join("handout");
    // Two cheap steps (every step's figure takes minutes in a debug build: the Sharp vs Flat
    // steps run their sweeps); the names are the same for all.
    let out = basin(
        dir.path(),
        &[
            "tour", "--render", "handout", "--step", "1", "--step", "7", "--width", "480",
            "--height", "320",
        ],
    );
    ok(&out);
    let mut names: Vec<String> = std::fs::read_dir(&out_dir)
        .expect("the folder was made")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, vec![tour.figure_name(1), tour.figure_name(7)]);
    assert_eq!(names[0], "01-batch-size.png");
    for name in &names {
        let bytes = std::fs::read(out_dir.join(name)).expect("read");
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "{name} is no PNG");
    }
}

#[test]
fn bad_steps_and_missing_actions_exit_2_with_a_message() {
    let dir = tempdir();
    let len = basin::tour::builtin().expect("tour").len();
    let too_far = (len + 1).to_string();
    for args in [
        vec!["open", "--tour", too_far.as_str()],
        vec!["open", "--tour", "0"],
        vec!["tour", "--render", "out", "--step", too_far.as_str()],
    ] {
        let out = basin(dir.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        let message = stderr(&out);
        assert!(
            message.contains("no tour step") && message.contains(&format!("1–{len}")),
            "{args:?}: {message}"
        );
    }
    assert!(
        !dir.path().join("out").exists(),
        "nothing made for a bad step"
    );
    let out = basin(dir.path(), &["tour"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--list"), "{}", stderr(&out));
    let out = basin(dir.path(), &["open", "--tour", "2", "beale"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn a_malformed_tour_is_an_error_naming_the_step_not_a_panic() {
    let text = r#"
[[step]]
lab = "playground"
preset = "no-such-preset"
en = { title = "T", caption = "C", try = "Y" }
ko = { title = "경사", caption = "하강", try = "해 보기" }
"#;
    let err = basin::tour::parse(text, "my-tour.toml").expect_err("no such preset");
    let message = err.to_string();
    assert!(
        message.contains("my-tour.toml")
            && message.contains("step 1")
            && message.contains("no-such-preset"),
        "{message}"
    );
    let err = basin::tour::parse("[[step]]\nlab = 3\n", "my-tour.toml").expect_err("types");
    assert!(err.to_string().contains("my-tour.toml"), "{err}");
}

#[test]
fn the_readme_lists_every_step_in_order() {
    let tour = basin::tour::builtin().expect("the shipped tour reads");
    let readme = include_str!("../README.md");
    let section = readme
        .split("## Teaching with basin")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("README has a \"Teaching with basin\" section");
    let rows: Vec<Vec<&str>> = section
        .lines()
        .filter(|l| l.starts_with("| ") && l.chars().nth(2).is_some_and(|c| c.is_ascii_digit()))
        .map(|l| l.split(" | ").map(str::trim).collect())
        .collect();
    assert_eq!(rows.len(), tour.len(), "{rows:?}");
    for (i, (row, step)) in rows.iter().zip(&tour.steps).enumerate() {
        assert_eq!(row[0], format!("| {}", i + 1));
        assert_eq!(row[1], step.lab.cli_name(), "{row:?}");
        assert!(row[2].starts_with(&format!("`{}`", step.preset)), "{row:?}");
        assert!(row[3].starts_with(&step.en.title), "{row:?}");
    }
}
