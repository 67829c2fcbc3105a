//! Completeness of the translation table: every key the sources ask for exists, and every
//! entry is complete in both languages.

use std::collections::{BTreeSet, HashSet};

use super::table::{ENTRIES, PRESET_DESCRIPTIONS, PRESET_TITLES};
use super::{Lang, fill_text, tr_in};

/// The placeholders `{0}`, `{1}`, … a text uses.
fn placeholders(text: &str) -> BTreeSet<usize> {
    (0..10)
        .filter(|i| text.contains(&format!("{{{i}}}")))
        .collect()
}

#[test]
fn every_entry_is_complete_in_both_languages_and_defined_once() {
    let mut seen = HashSet::new();
    for entry in ENTRIES {
        assert!(seen.insert(entry.key), "key {} defined twice", entry.key);
        assert!(
            !entry.en.trim().is_empty(),
            "{}: English is empty",
            entry.key
        );
        assert!(
            !entry.ko.trim().is_empty(),
            "{}: Korean is empty",
            entry.key
        );
        assert_eq!(
            placeholders(entry.en),
            placeholders(entry.ko),
            "{}: the languages fill different values",
            entry.key
        );
    }
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The string literal keys passed to `tr(`, `fill(` and `tr_in(LANG, ` in `source` (the
/// literal may be on the next line, as rustfmt puts it).
fn keys_used(source: &str) -> Vec<String> {
    let code: String = source
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .map(|l| format!("{l}\n"))
        .collect();
    let source = code.as_str();
    let mut keys = Vec::new();
    for call in [
        "tr(",
        "fill(",
        "tr_in(lang,",
        "tr_in(Lang::En,",
        "tr_in(Lang::Ko,",
    ] {
        let mut rest = source;
        while let Some(at) = rest.find(call) {
            // `attr(` or `self.fill(` are not calls of ours.
            let before = rest[..at].chars().next_back();
            let after = rest[at + call.len()..].trim_start();
            if !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
                && let Some(literal) = after.strip_prefix('"')
                && let Some(end) = literal.find('"')
            {
                keys.push(literal[..end].to_string());
            }
            rest = &rest[at + call.len()..];
        }
    }
    // Keys kept in const tables and looked up later (`tr(text)`).
    for prefix in ["\"bv.family.", "\"bvv.curve.", "\"bvv.cx.", "\"help."] {
        let mut rest = source;
        while let Some(at) = rest.find(prefix) {
            let literal = &rest[at + 1..];
            if let Some(end) = literal.find('"') {
                keys.push(literal[..end].to_string());
            }
            rest = &rest[at + prefix.len()..];
        }
    }
    keys
}

#[test]
fn every_key_in_the_sources_is_in_the_table() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let known: HashSet<&str> = ENTRIES.iter().map(|e| e.key).collect();
    let mut used = 0;
    let mut missing = Vec::new();
    for file in files {
        if file.ends_with("i18n/tests.rs") {
            continue;
        }
        let source = std::fs::read_to_string(&file).unwrap();
        for key in keys_used(&source) {
            used += 1;
            if !known.contains(key.as_str()) {
                missing.push(format!("{}: {key}", file.display()));
            }
        }
    }
    assert!(
        used > 100,
        "only {used} translated strings found in the sources"
    );
    assert!(
        missing.is_empty(),
        "keys missing from the table: {missing:#?}"
    );
}

#[test]
fn every_builtin_preset_has_a_korean_title_and_description() {
    for (name, _) in PRESET_TITLES {
        assert!(
            crate::preset::all_builtins().any(|b| b.name == *name),
            "Korean title for {name}, which is no built-in preset"
        );
    }
    for builtin in crate::preset::all_builtins() {
        let title = PRESET_TITLES.iter().find(|(n, _)| *n == builtin.name);
        assert!(
            title.is_some_and(|(_, t)| t.chars().any(|c| ('가'..='힣').contains(&c))),
            "no Korean title for preset {}",
            builtin.name
        );
        let ko = PRESET_DESCRIPTIONS
            .iter()
            .find(|(name, _)| *name == builtin.name)
            .map(|(_, ko)| *ko);
        assert!(
            ko.is_some_and(|t| t.chars().any(|c| ('가'..='힣').contains(&c))),
            "no Korean description for preset {}",
            builtin.name
        );
    }
    for (name, _) in PRESET_DESCRIPTIONS {
        assert!(
            crate::preset::all_builtins().any(|b| b.name == *name),
            "Korean description for {name}, which is no built-in preset"
        );
    }
}

#[test]
fn lookup_switches_language_and_fills_values_in_order() {
    assert_eq!(tr_in(Lang::En, "play.play"), "Play");
    assert_eq!(tr_in(Lang::Ko, "play.play"), "재생");
    assert_eq!(tr_in(Lang::Ko, "no.such.key"), "no.such.key");
    assert_eq!(
        fill_text(tr_in(Lang::Ko, "status.sf_sweep"), &[&3, &12]),
        "스윕: 12칸 중 3칸"
    );
    assert_eq!(Lang::parse(" KO "), Ok(Lang::Ko));
    assert!(Lang::parse("fr").unwrap_err().contains("en or ko"));
}

#[test]
fn the_language_is_per_thread() {
    super::set_lang(Lang::Ko);
    let other = std::thread::Builder::new()
        .name("i18n-test".to_string())
        .spawn(super::lang)
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(other, Lang::En);
    assert_eq!(super::tr("play.pause"), "일시 정지");
    super::set_lang(Lang::En);
    assert_eq!(super::tr("play.pause"), "Pause");
}
