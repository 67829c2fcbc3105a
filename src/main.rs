//! basin: opens the GUI, or runs a subcommand headless.
fn main() {}
