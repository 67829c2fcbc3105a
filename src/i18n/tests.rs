//! Completeness of the translation tables: every key the sources name exists, every key in
//! the tables is named by some source, every entry is complete in both languages, and every
//! area keeps to its prefix.
//!
//! A key is found wherever it is written as a string literal — at a `tr("…")`/`fill("…")`
//! call, in an arm of `tr(match …)`, or in a `const` table looked up later — by reading the
//! string literals of the sources (outside comments) and keeping those that look like keys.

use std::collections::{BTreeSet, HashSet};

use super::presets::{PRESET_DESCRIPTIONS, PRESET_TITLES};
use super::{AREAS, Lang, entries, fill_text, tr_in};

/// The placeholders `{0}`, `{1}`, … a text uses.
fn placeholders(text: &str) -> BTreeSet<usize> {
    (0..10)
        .filter(|i| text.contains(&format!("{{{i}}}")))
        .collect()
}

#[test]
fn every_entry_is_complete_in_both_languages_and_defined_once() {
    let mut seen = HashSet::new();
    let mut count = 0;
    for entry in entries() {
        count += 1;
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
    assert!(count > 500, "only {count} strings in the tables");
}

#[test]
fn every_area_keeps_to_its_one_prefix() {
    for (i, (prefix, area)) in AREAS.iter().enumerate() {
        assert!(
            prefix.ends_with('.'),
            "prefix {prefix} does not end in a dot"
        );
        assert!(!area.is_empty(), "area {prefix} is empty");
        for entry in *area {
            assert!(
                entry.key.starts_with(prefix) && entry.key.len() > prefix.len(),
                "{} is in the {prefix} table",
                entry.key
            );
        }
        for (j, (other, _)) in AREAS.iter().enumerate() {
            assert!(
                i == j || !other.starts_with(prefix),
                "prefixes {prefix} and {other} overlap"
            );
        }
    }
}

/// The string literals of Rust `source` outside comments, each with the line it starts on
/// (1-based). Handles `"…"` with escapes, raw strings `r"…"`/`r#"…"#`, byte strings, char
/// literals (`'"'`) and lifetimes, `//` and nested `/* */` comments.
fn string_literals(source: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = source.chars().collect();
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let ident_before = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    line += usize::from(chars[i] == '\n');
                    i += 1;
                }
            }
        } else if c == 'r' && !ident_before && (at(i + 1) == '"' || at(i + 1) == '#') {
            let mut hashes = 0;
            let mut j = i + 1;
            while at(j) == '#' {
                hashes += 1;
                j += 1;
            }
            if at(j) != '"' {
                i += 1; // `r#ident`
                continue;
            }
            let start = (line, j + 1);
            j += 1;
            while j < chars.len() {
                if chars[j] == '"' && (1..=hashes).all(|k| at(j + k) == '#') {
                    break;
                }
                line += usize::from(chars[j] == '\n');
                j += 1;
            }
            out.push((start.0, chars[start.1..j.min(chars.len())].iter().collect()));
            i = j + 1 + hashes;
        } else if c == '"' {
            let start = line;
            let mut text = String::new();
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    text.push(chars[i]);
                    i += 1;
                }
                line += usize::from(at(i) == '\n');
                text.push(at(i));
                i += 1;
            }
            out.push((start, text));
            i += 1;
        } else if c == '\'' {
            if at(i + 1) == '\\' {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if at(i + 2) == '\'' {
                i += 3;
            } else {
                i += 1; // a lifetime or label
            }
        } else {
            i += 1;
        }
    }
    out
}

/// File names that start like a key (`"bv.csv"` in a test) are not keys.
const NOT_KEY_ENDINGS: [&str; 8] = [
    ".csv", ".png", ".svg", ".gif", ".jpg", ".toml", ".json", ".npy",
];

/// Whether a string literal looks like a translation key: one of the areas' prefixes, then
/// dotted words of `a-z`, `0-9` and `_`.
fn looks_like_key(text: &str) -> bool {
    AREAS.iter().any(|(prefix, _)| {
        text.strip_prefix(prefix).is_some_and(|rest| {
            !rest.is_empty()
                && rest.split('.').all(|word| {
                    !word.is_empty()
                        && word
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                })
        })
    }) && !NOT_KEY_ENDINGS.iter().any(|ending| text.ends_with(ending))
}

/// What reading a set of sources against the tables found.
#[derive(Debug, Default)]
struct Check {
    /// Keys the sources name that the tables lack, as `file:line: key`.
    missing: Vec<String>,
    /// Keys of the tables no source names.
    unused: Vec<&'static str>,
    /// How many key literals were read.
    used: usize,
}

/// Reads `sources` (name, text) for key literals and compares them with `known`.
fn check(sources: &[(String, String)], known: &[&'static str]) -> Check {
    let table: HashSet<&str> = known.iter().copied().collect();
    let mut named = HashSet::new();
    let mut result = Check::default();
    for (name, text) in sources {
        for (line, literal) in string_literals(text) {
            if !looks_like_key(&literal) {
                continue;
            }
            result.used += 1;
            if !table.contains(literal.as_str()) {
                result.missing.push(format!("{name}:{line}: {literal}"));
            }
            named.insert(literal);
        }
    }
    result.unused = known
        .iter()
        .copied()
        .filter(|k| !named.contains(*k))
        .collect();
    result
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

/// The `.rs` files under the crate's folder `dir` (none if it does not exist), as (name,
/// text), leaving out `src/i18n/` (the tables themselves and these tests).
fn sources_under(dir: &str) -> Vec<(String, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    if root.join(dir).is_dir() {
        rust_files(&root.join(dir), &mut files);
    }
    let i18n = root.join("src").join("i18n");
    files
        .into_iter()
        .filter(|f| !f.starts_with(&i18n))
        .map(|f| {
            let text = std::fs::read_to_string(&f).unwrap();
            let name = f.strip_prefix(root).unwrap_or(&f).display().to_string();
            (name, text)
        })
        .collect()
}

fn known_keys() -> Vec<&'static str> {
    entries().map(|e| e.key).collect()
}

#[test]
fn every_key_in_the_sources_is_in_the_tables() {
    let mut sources = sources_under("src");
    sources.extend(sources_under("tests"));
    sources.extend(sources_under("benches"));
    let found = check(&sources, &known_keys());
    assert!(
        found.used > 500,
        "only {} translation keys found in the sources",
        found.used
    );
    assert!(
        found.missing.is_empty(),
        "keys missing from the tables: {:#?}",
        found.missing
    );
}

#[test]
fn every_key_in_the_tables_is_used_by_the_sources() {
    let found = check(&sources_under("src"), &known_keys());
    assert!(
        found.unused.is_empty(),
        "keys no file under src/ names (remove them, or write the key as a literal where \
         it is used): {:#?}",
        found.unused
    );
}

#[test]
fn the_scanner_sees_keys_in_match_arms_and_const_tables_but_not_in_comments() {
    let source = r##"
fn title(lab: Lab) -> &'static str {
    tr(match lab {
        Lab::A => "pg.tab",
        Lab::B =>
            "pg.no_such_key",
    })
}
// tr("sf.in_a_line_comment")
/* "net.in_a_block" /* "net.nested" */ "net.still_in_the_block" */
const KEYS: [&str; 2] = ["bv.curve.bias2", r#"bv.raw"#];
fn other<'a>(x: &'a str) -> char {
    let _ = ("bv.csv", "pg.tab \" sf.escaped", "pg.Tab", "pg.", "pgx.tab");
    let _ = fill("common.cancel", &[]);
    '"'
}
const AFTER_A_QUOTE_CHAR: &str = "sf.after";
"##;
    let keys: Vec<(usize, String)> = string_literals(source)
        .into_iter()
        .filter(|(_, text)| looks_like_key(text))
        .collect();
    let expected = [
        (4, "pg.tab"),
        (6, "pg.no_such_key"),
        (11, "bv.curve.bias2"),
        (11, "bv.raw"),
        (14, "common.cancel"),
        (17, "sf.after"),
    ];
    assert_eq!(
        keys,
        expected
            .iter()
            .map(|(l, k)| (*l, (*k).to_string()))
            .collect::<Vec<_>>()
    );

    let known = [
        "pg.tab",
        "bv.curve.bias2",
        "bv.raw",
        "common.cancel",
        "sf.after",
        "sf.dead",
    ];
    let found = check(&[("demo.rs".to_string(), source.to_string())], &known);
    assert_eq!(found.missing, vec!["demo.rs:6: pg.no_such_key".to_string()]);
    assert_eq!(found.unused, vec!["sf.dead"]);
    assert_eq!(found.used, 6);
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
    assert_eq!(tr_in(Lang::En, "common.play.play"), "Play");
    assert_eq!(tr_in(Lang::Ko, "common.play.play"), "재생");
    assert_eq!(tr_in(Lang::Ko, "no.such.key"), "no.such.key");
    assert_eq!(
        fill_text(tr_in(Lang::Ko, "sf.status.sweep"), &[&3, &12]),
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
    assert_eq!(super::tr("common.play.pause"), "일시 정지");
    super::set_lang(Lang::En);
    assert_eq!(super::tr("common.play.pause"), "Pause");
}
