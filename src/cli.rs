//! The command line: `basin` opens the GUI; subcommands run the same experiments headless
//! (DESIGN.md, "CLI and file contracts").
