//! presets/README.md lists every shipped preset (what it demonstrates, what to try), and
//! nothing that is not one.

#[test]
fn the_presets_readme_lists_every_builtin_preset_once() {
    let readme = include_str!("../presets/README.md");
    let listed: Vec<&str> = readme
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .collect();
    let mut builtins: Vec<&str> = basin::preset::all_builtins().map(|b| b.name).collect();
    let mut sorted = listed.clone();
    sorted.sort_unstable();
    builtins.sort_unstable();
    assert_eq!(sorted, builtins);
    // Every row has three filled cells: the name, what it demonstrates, what to try.
    for line in readme.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.split(" | ").collect();
        assert_eq!(cells.len(), 3, "{line}");
        assert!(cells.iter().all(|c| c.trim().len() > 3), "{line}");
    }
}
