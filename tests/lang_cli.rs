//! `--lang` on the command line: accepted before or after the subcommand, and a language
//! basin does not have is bad input (exit status 2, naming the accepted ones). The window
//! itself opening in Korean is tested in `gui_classroom.rs`.

mod common;

use common::basin;

#[test]
fn an_unknown_language_is_bad_input_naming_the_accepted_ones() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["--lang", "fr", "presets"][..],
        &["open", "beale", "--lang", "xx"][..],
    ] {
        let out = basin(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("expected en or ko"), "{args:?}: {stderr}");
    }
}

#[test]
fn the_lang_option_is_accepted_by_the_headless_commands_too() {
    let dir = tempfile::tempdir().unwrap();
    let out = basin(dir.path(), &["presets", "--lang", "ko"]);
    common::ok(&out);
    assert!(String::from_utf8_lossy(&out.stdout).contains("rosenbrock-race"));
    let help = basin(dir.path(), &["open", "--help"]);
    common::ok(&help);
    assert!(String::from_utf8_lossy(&help.stdout).contains("--lang"));
}
