//! Temporary files that an interrupted run must not leave behind.
//!
//! The atomic writer registers each temporary file while it is being filled. The first time one
//! is registered, a thread starts that waits for SIGINT, SIGTERM or SIGHUP; when one arrives it
//! removes every registered file and ends the process with the shell's usual status for that
//! signal (128 + its number: 130 for Ctrl-C, 143 for `kill`). Nothing can catch SIGKILL, but the
//! names of temporary files are random, so a file left by a killed run never blocks a later one.
//!
//! The window registers a hook with [`before_exit`] that saves its state (logout and shutdown
//! send SIGTERM or SIGHUP): the thread runs it, bounded in time by the hook, before removing
//! the temporary files and exiting.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// Paths of temporary files being written right now, by any thread.
#[derive(Debug)]
struct Registry(Mutex<Vec<PathBuf>>);

/// The files an interrupt removes.
static PENDING: Registry = Registry::new();

impl Registry {
    const fn new() -> Self {
        Self(Mutex::new(Vec::new()))
    }

    fn paths(&self) -> MutexGuard<'_, Vec<PathBuf>> {
        // A panic elsewhere while holding the lock leaves a list that is still consistent.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn register(&'static self, path: &Path) -> Registered {
        self.paths().push(path.to_owned());
        Registered {
            registry: self,
            path: path.to_owned(),
        }
    }

    /// Removes every registered file; returns how many were removed.
    fn remove_all(&self) -> usize {
        self.paths()
            .drain(..)
            .filter(|path| std::fs::remove_file(path).is_ok())
            .count()
    }
}

/// A registered temporary file; dropping it unregisters the file (it was renamed or removed).
#[derive(Debug)]
pub(super) struct Registered {
    registry: &'static Registry,
    path: PathBuf,
}

impl Drop for Registered {
    fn drop(&mut self) {
        let mut paths = self.registry.paths();
        if let Some(at) = paths.iter().position(|p| *p == self.path) {
            // Only as many entries as writes in flight: a few at most.
            paths.swap_remove(at);
        }
    }
}

/// What runs when a signal arrives, before the files are removed and the process exits.
type Hook = Box<dyn Fn(i32) + Send + Sync>;

static BEFORE_EXIT: Mutex<Option<Hook>> = Mutex::new(None);

/// Runs `hook` (with the signal's number) when SIGINT, SIGTERM or SIGHUP arrives, before
/// temporary files are removed and the process ends; it replaces any earlier hook. The hook
/// must return within a few seconds: the process waits for it.
pub fn before_exit(hook: impl Fn(i32) + Send + Sync + 'static) {
    *BEFORE_EXIT.lock().unwrap_or_else(PoisonError::into_inner) = Some(Box::new(hook));
    listen();
}

fn run_hook(signal: i32) {
    let hook = BEFORE_EXIT
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take();
    if let Some(hook) = hook {
        hook(signal);
    }
}

/// Registers `path` for removal if the process is interrupted before the guard is dropped.
pub(super) fn register(path: &Path) -> Registered {
    listen();
    PENDING.register(path)
}

#[cfg(unix)]
fn listen() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    use signal_hook::iterator::Signals;
    use std::sync::OnceLock;

    static LISTENING: OnceLock<()> = OnceLock::new();
    LISTENING.get_or_init(|| {
        // Without the hook, an interrupted write leaves its temporary file: harmless but untidy,
        // so failing to install it is not worth failing the write for.
        let Ok(mut signals) = Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        let _ = std::thread::Builder::new()
            .name("troopline-signals".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    run_hook(signal);
                    PENDING.remove_all();
                    std::process::exit(128 + signal);
                }
            });
    });
}

#[cfg(not(unix))]
fn listen() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registered_files_are_removed_until_their_guard_is_dropped() {
        // A registry of its own: the global one holds other tests' files in flight.
        static REGISTRY: Registry = Registry::new();
        let dir = tempfile::tempdir().unwrap();
        let (kept, removed) = (dir.path().join("kept"), dir.path().join("removed"));
        std::fs::write(&kept, b"k").unwrap();
        std::fs::write(&removed, b"r").unwrap();
        drop(REGISTRY.register(&kept));
        let guard = REGISTRY.register(&removed);
        assert_eq!(REGISTRY.remove_all(), 1);
        drop(guard);
        assert!(kept.exists(), "a dropped guard no longer removes its file");
        assert!(!removed.exists(), "a live guard's file is removed");
        assert_eq!(REGISTRY.remove_all(), 0, "removing empties the list");
    }
}
