//! Files the user gave the web page — chosen with an Open… button or dropped on it. A browser
//! has no file system, so their bytes are kept here, by file name, for the rest of the visit;
//! [`super::load`] and the data file readers look here for a path that names no file on disk.
//! The desktop never adds one (it reads the files themselves), so there this is always empty.
//!
//! A browser's file has a name but no folder, so a path is looked up by its last component:
//! a preset that names `data.csv` finds the uploaded `data.csv`. At most [`MAX_FILES`] are
//! kept; the oldest goes first.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, TryLockError};

/// How many files are kept at once.
pub const MAX_FILES: usize = 16;

/// The files, oldest first.
static FILES: Mutex<Vec<(String, Arc<[u8]>)>> = Mutex::new(Vec::new());

/// The files, locked by spinning: in the web edition's threaded build the page's thread (which
/// adds files) may not wait on a lock a worker (which reads them) holds, and both hold it
/// only to copy a pointer.
fn files() -> MutexGuard<'static, Vec<(String, Arc<[u8]>)>> {
    loop {
        match FILES.try_lock() {
            Ok(guard) => return guard,
            Err(TryLockError::Poisoned(poisoned)) => return poisoned.into_inner(),
            Err(TryLockError::WouldBlock) => std::hint::spin_loop(),
        }
    }
}

/// The name a path is kept and found under: its last component.
fn key(path: &Path) -> Option<String> {
    path.file_name().map(|n| n.to_string_lossy().into_owned())
}

/// Keeps `bytes` as the file `name` (only its last component counts), replacing an earlier
/// file of that name. Returns the path to open it by, or `None` for a name without a file
/// name (empty, `..`).
pub fn add(name: &str, bytes: Vec<u8>) -> Option<PathBuf> {
    let key = key(Path::new(name))?;
    let mut files = files();
    files.retain(|(k, _)| *k != key);
    if files.len() >= MAX_FILES {
        files.remove(0);
    }
    files.push((key.clone(), Arc::from(bytes)));
    Some(PathBuf::from(key))
}

/// The bytes of the file given as `path`'s last component, if one was given.
#[must_use]
pub fn get(path: &Path) -> Option<Arc<[u8]>> {
    let key = key(path)?;
    files()
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, bytes)| Arc::clone(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_found_by_their_name_and_replaced() {
        let path = add("some/folder/uploads-test-a.csv", b"x,y\n".to_vec()).expect("a name");
        assert_eq!(path, PathBuf::from("uploads-test-a.csv"));
        assert_eq!(
            get(Path::new("/anywhere/uploads-test-a.csv")).as_deref(),
            Some(&b"x,y\n"[..])
        );
        add("uploads-test-a.csv", b"new".to_vec());
        assert_eq!(
            get(Path::new("uploads-test-a.csv")).as_deref(),
            Some(&b"new"[..])
        );
        assert!(get(Path::new("uploads-test-missing.csv")).is_none());
        assert!(add("..", Vec::new()).is_none());
    }
}
