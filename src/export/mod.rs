//! Data files from core results: the trajectory CSV, the landscape grid as NPY with its axes
//! and a JSON description (DESIGN.md, "CLI and file contracts"). Files are written to a
//! temporary name and renamed, so a failed export leaves nothing behind.
