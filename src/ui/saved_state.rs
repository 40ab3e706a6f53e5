//! What the window remembers between runs (view, window size, panel sizes), kept in one small
//! RON file that is only ever replaced through the atomic writer.
//!
//! eframe's own storage rewrites its file in place, so a crash or a full disk during a save
//! could leave a truncated file; this store is used instead of it.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::export::{WriteError, write_atomic};

use super::export_flow::ExportChoices;
use super::view_state::ViewState;

/// Version of the saved-state layout. A file written by a newer layout is ignored, not misread.
pub const STATE_VERSION: u32 = 1;

/// Everything remembered between runs.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedState {
    /// Layout version; see [`STATE_VERSION`].
    pub version: u32,
    /// Range, toggles, theme, recent files.
    pub view: ViewState,
    /// The Export dialog's last choices.
    pub export: ExportChoices,
    /// Window size and place, when it was neither maximised nor full screen.
    pub window: Option<WindowGeometry>,
    /// egui's memory (panel and column sizes), as its own RON text so that a copy written by
    /// another egui version is dropped on its own without losing the view.
    pub egui_memory: Option<String>,
}

/// Size and place of the window, in points.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct WindowGeometry {
    /// Inner size.
    pub size: [f32; 2],
    /// Top-left corner of the outer frame, where the platform reports it (not on Wayland).
    pub position: Option<[f32; 2]>,
    /// Whether the window was maximised.
    #[serde(default)]
    pub maximized: bool,
}

/// Smallest window that still shows a usable chart.
pub const MIN_WINDOW: [f32; 2] = [640.0, 420.0];
/// Larger than any screen; a saved size beyond it is corrupt.
const MAX_EXTENT: f32 = 16_384.0;

impl WindowGeometry {
    /// The size to open with: the saved one, within sane bounds.
    pub fn clamped_size(&self) -> Option<[f32; 2]> {
        let [w, h] = self.size;
        (w.is_finite() && h.is_finite()).then(|| {
            [
                w.clamp(MIN_WINDOW[0], MAX_EXTENT),
                h.clamp(MIN_WINDOW[1], MAX_EXTENT),
            ]
        })
    }

    /// The position to open at, if it is plausible.
    pub fn sane_position(&self) -> Option<[f32; 2]> {
        self.position
            .filter(|p| p.iter().all(|v| v.is_finite() && v.abs() < MAX_EXTENT))
    }
}

impl SavedState {
    /// egui's memory from the saved text; `None` (with a log line) if this version cannot read it.
    pub fn egui_memory(&self) -> Option<egui::Memory> {
        let text = self.egui_memory.as_deref()?;
        match ron::from_str(text) {
            Ok(memory) => Some(memory),
            Err(error) => {
                eprintln!("troopline: ignoring saved panel sizes ({error})");
                None
            }
        }
    }
}

/// The file the state lives in, and what was last written to it.
#[derive(Debug)]
pub struct StateFile {
    path: PathBuf,
    /// Text last read or written, so that an unchanged state is not rewritten.
    last_text: Option<String>,
}

impl StateFile {
    /// A state file at `path` (its folder is created on first save).
    pub fn at(path: PathBuf) -> Self {
        Self {
            path,
            last_text: None,
        }
    }

    /// The platform's place for application state: `$XDG_STATE_HOME/troopline/state.ron`
    /// (`~/.local/state/...`) on Linux, the usual per-user folders elsewhere.
    pub fn default_location() -> Option<PathBuf> {
        let env_dir = |name: &str| {
            std::env::var_os(name)
                .map(PathBuf::from)
                .filter(|p| p.is_absolute())
        };
        let home = env_dir("HOME");
        let base = if cfg!(target_os = "windows") {
            env_dir("APPDATA")
        } else if cfg!(target_os = "macos") {
            home.map(|h| h.join("Library").join("Application Support"))
        } else {
            env_dir("XDG_STATE_HOME").or_else(|| home.map(|h| h.join(".local").join("state")))
        };
        base.map(|dir| dir.join("troopline").join("state.ron"))
    }

    /// Where the state is kept.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads the saved state. A missing file gives the defaults; an unreadable, corrupt or
    /// newer file gives the defaults and a log line: remembered settings are never worth a crash.
    pub fn load(&mut self) -> SavedState {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return SavedState::default();
            }
            Err(error) => {
                self.ignore(&error.to_string());
                return SavedState::default();
            }
        };
        match ron::from_str::<SavedState>(&text) {
            Ok(state) if state.version <= STATE_VERSION => {
                self.last_text = Some(text);
                state
            }
            Ok(state) => {
                self.ignore(&format!(
                    "written by a newer troopline (layout {}, this one reads {STATE_VERSION})",
                    state.version
                ));
                SavedState::default()
            }
            Err(error) => {
                self.ignore(&error.to_string());
                SavedState::default()
            }
        }
    }

    fn ignore(&self, why: &str) {
        eprintln!(
            "troopline: ignoring saved state in {} ({why}); starting with defaults",
            self.path.display()
        );
    }

    /// Writes `state` if it differs from what the file holds. Returns whether it wrote.
    pub fn save(&mut self, state: &SavedState) -> Result<bool, SaveStateError> {
        let text = ron::ser::to_string_pretty(state, ron::ser::PrettyConfig::default())
            .map_err(|error| SaveStateError::Encode(error.to_string()))?;
        if self.last_text.as_ref() == Some(&text) {
            return Ok(false);
        }
        if let Some(folder) = self.path.parent() {
            std::fs::create_dir_all(folder).map_err(|source| SaveStateError::Folder {
                folder: folder.to_owned(),
                source,
            })?;
        }
        write_atomic(&self.path, |out| out.write_all(text.as_bytes()))?;
        self.last_text = Some(text);
        Ok(true)
    }
}

/// How often (seconds) the remembered state is compared with the file and saved if it changed.
const AUTOSAVE_SECONDS: f64 = 5.0;

/// How long a signal waits for the window to save its state before the process ends anyway
/// (a frozen or never-drawn window must not keep a logout waiting).
const SIGNAL_SAVE_SECONDS: u64 = 3;

/// A save asked for by a signal (SIGTERM, SIGHUP, SIGINT) from its thread, carried out by the
/// next frame, which has the state: the signal's thread wakes the window and waits for it.
#[derive(Default)]
pub struct SignalSave {
    asked: std::sync::atomic::AtomicBool,
    ctx: std::sync::OnceLock<egui::Context>,
    done: std::sync::Mutex<bool>,
    saved: std::sync::Condvar,
}

impl SignalSave {
    /// Asks the window to save and waits until it did, or `timeout` passed. Returns whether
    /// it saved.
    pub fn ask_and_wait(&self, timeout: std::time::Duration) -> bool {
        self.asked.store(true, std::sync::atomic::Ordering::SeqCst);
        if let Some(ctx) = self.ctx.get() {
            ctx.request_repaint();
        }
        let done = self
            .done
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let (done, _) = self
            .saved
            .wait_timeout_while(done, timeout, |done| !*done)
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *done
    }

    fn asked(&self) -> bool {
        self.asked.load(std::sync::atomic::Ordering::SeqCst)
    }

    fn finished(&self) {
        *self
            .done
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = true;
        self.saved.notify_all();
    }
}

/// Remembering the state while the window runs: where, what the window looked like, and when
/// to save next.
pub struct Persistence {
    file: StateFile,
    window: Option<WindowGeometry>,
    signal: std::sync::Arc<SignalSave>,
    next_save: f64,
    /// Whether the user did anything since the last save (an idle window does not wake up).
    touched: bool,
    last_error: Option<String>,
}

impl Persistence {
    /// Remembers in `file`; `window` is the geometry the window opened with.
    pub fn new(file: StateFile, window: Option<WindowGeometry>) -> Self {
        Self {
            file,
            window,
            signal: std::sync::Arc::default(),
            next_save: AUTOSAVE_SECONDS,
            touched: false,
            last_error: None,
        }
    }

    /// Saves the state when SIGTERM, SIGHUP or SIGINT arrives (logout, shutdown, `kill`), before
    /// the process ends: the real window calls this once; tests drive [`Self::signal_save`].
    pub fn save_on_signals(&self) {
        let signal = std::sync::Arc::clone(&self.signal);
        crate::export::interrupt::before_exit(move |_| {
            signal.ask_and_wait(std::time::Duration::from_secs(SIGNAL_SAVE_SECONDS));
        });
    }

    /// The request a signal makes, for tests.
    pub fn signal_save(&self) -> std::sync::Arc<SignalSave> {
        std::sync::Arc::clone(&self.signal)
    }

    /// Writes `view` (with its range remembered for dataset `key`), the window geometry and
    /// egui's memory, if they changed. Returns whether it wrote.
    pub fn save(
        &mut self,
        ctx: &egui::Context,
        (view, export): (&ViewState, &ExportChoices),
        key: &str,
    ) -> Result<bool, SaveStateError> {
        self.window = window_geometry(ctx, self.window);
        let mut view = view.clone();
        view.remember_range(key);
        let state = SavedState {
            version: STATE_VERSION,
            view,
            export: export.clone(),
            window: self.window,
            egui_memory: ctx.memory(ron::to_string).ok(),
        };
        self.file.save(&state)
    }

    /// Saves every few seconds after the user did something; call after the frame's UI so
    /// that what was just clicked is included. Returns a message for the status line when a
    /// save failed for a new reason (said once, not every few seconds).
    pub fn autosave(
        &mut self,
        ctx: &egui::Context,
        remembered: (&ViewState, &ExportChoices),
        key: &str,
    ) -> Option<String> {
        self.signal.ctx.get_or_init(|| ctx.clone());
        if self.signal.asked() {
            // The process ends once this returns: save whatever changed, now.
            let result = self.save(ctx, remembered, key);
            self.signal.finished();
            return result.err().map(|error| error.to_string());
        }
        let (now, input) = ctx.input(|i| (i.time, !i.events.is_empty()));
        // Resizing or moving the window sends no input event, so compare the geometry.
        self.touched |= input || window_geometry(ctx, self.window) != self.window;
        if !self.touched {
            return None;
        }
        if now < self.next_save {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(self.next_save - now));
            return None;
        }
        self.next_save = now + AUTOSAVE_SECONDS;
        self.touched = false;
        match self.save(ctx, remembered, key) {
            Ok(_) => {
                self.last_error = None;
                None
            }
            Err(error) => {
                let message = format!("Could not remember the view for next time: {error}");
                (self.last_error.as_ref() != Some(&message)).then(|| {
                    self.last_error = Some(message.clone());
                    message
                })
            }
        }
    }
}

/// The window's size and place now; while maximised or full screen, the normal size from before.
fn window_geometry(
    ctx: &egui::Context,
    previous: Option<WindowGeometry>,
) -> Option<WindowGeometry> {
    ctx.input(|i| {
        let viewport = i.viewport();
        let maximized = viewport.maximized.unwrap_or(false);
        if maximized || viewport.fullscreen.unwrap_or(false) {
            return previous.map(|g| WindowGeometry { maximized, ..g });
        }
        let Some(inner) = viewport.inner_rect else {
            return previous;
        };
        Some(WindowGeometry {
            size: [inner.width(), inner.height()],
            position: viewport.outer_rect.map(|r| [r.min.x, r.min.y]),
            maximized: false,
        })
    })
}

/// Why the state could not be remembered.
#[derive(Debug, thiserror::Error)]
pub enum SaveStateError {
    /// The state folder could not be created.
    #[error("cannot create the folder {folder}: {source}")]
    Folder {
        /// The folder.
        folder: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// Writing the file failed (the previous copy is kept).
    #[error(transparent)]
    Write(#[from] WriteError),
    /// The state could not be encoded (a bug, not a user error).
    #[error("cannot encode the view state: {0}")]
    Encode(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state_with_range() -> SavedState {
        let mut state = SavedState {
            version: STATE_VERSION,
            ..SavedState::default()
        };
        state.view.request_range(12_000.0, 13_000.0);
        state.view.bars = super::super::view_state::BarChoice::Cumulative;
        state.window = Some(WindowGeometry {
            size: [1000.0, 700.0],
            position: Some([10.0, 20.0]),
            maximized: false,
        });
        state
    }

    #[test]
    fn a_saved_state_reads_back_and_is_not_rewritten_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested").join("state.ron");
        let mut file = StateFile::at(path.clone());
        assert!(file.save(&state_with_range()).unwrap());
        assert!(!file.save(&state_with_range()).unwrap(), "unchanged");

        let loaded = StateFile::at(path).load();
        assert_eq!(
            loaded.view.range,
            crate::chart::range::DateRange::new(12_000.0, 13_000.0)
        );
        assert_eq!(
            loaded.view.bars,
            super::super::view_state::BarChoice::Cumulative
        );
        assert_eq!(loaded.window, state_with_range().window);
    }

    #[test]
    fn a_signal_saves_the_state_from_the_next_frame_and_is_told_when_done() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.ron");
        let mut persistence = Persistence::new(StateFile::at(path.clone()), None);
        let ctx = egui::Context::default();
        let (view, export) = (ViewState::default(), ExportChoices::default());
        // A frame with nothing touched saves nothing.
        assert_eq!(persistence.autosave(&ctx, (&view, &export), "k"), None);
        assert!(!path.exists());
        let signal = persistence.signal_save();
        let waiter =
            std::thread::spawn(move || signal.ask_and_wait(std::time::Duration::from_secs(60)));
        for _ in 0..6000 {
            assert_eq!(persistence.autosave(&ctx, (&view, &export), "k"), None);
            if path.exists() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert!(
            waiter.join().unwrap(),
            "the signal's thread is told the state is saved"
        );
        assert!(StateFile::at(path).load().window.is_none());
    }

    #[test]
    fn a_signal_with_no_frame_to_save_gives_up_after_its_timeout() {
        let persistence = Persistence::new(StateFile::at("unused.ron".into()), None);
        assert!(
            !persistence
                .signal_save()
                .ask_and_wait(std::time::Duration::from_millis(50))
        );
    }

    #[test]
    fn bad_egui_memory_is_dropped_alone() {
        let state = SavedState {
            egui_memory: Some("not memory".into()),
            ..state_with_range()
        };
        assert!(state.egui_memory().is_none());
        assert_eq!(
            state.view.bars,
            super::super::view_state::BarChoice::Cumulative
        );
        let memory = ron::to_string(&egui::Memory::default()).unwrap();
        let state = SavedState {
            egui_memory: Some(memory),
            ..state_with_range()
        };
        assert!(state.egui_memory().is_some());
    }

    #[test]
    fn window_geometry_is_kept_within_sane_bounds() {
        let tiny = WindowGeometry {
            size: [10.0, f32::MAX],
            position: Some([f32::NAN, 0.0]),
            maximized: false,
        };
        assert_eq!(tiny.clamped_size(), Some([MIN_WINDOW[0], MAX_EXTENT]));
        assert_eq!(tiny.sane_position(), None);
        let broken = WindowGeometry {
            size: [f32::INFINITY, 500.0],
            ..tiny
        };
        assert_eq!(broken.clamped_size(), None);
    }

    #[test]
    fn a_failed_save_keeps_the_previous_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.ron");
        let mut file = StateFile::at(path.clone());
        file.save(&state_with_range()).unwrap();
        let before = std::fs::read_to_string(&path).unwrap();
        // Replace the file by a folder: the next save must fail with words, not panic.
        let mut changed = state_with_range();
        changed.view.bars = super::super::view_state::BarChoice::Auto;
        let blocked = StateFile::at(dir.path().to_owned()).save(&changed);
        assert!(
            blocked.unwrap_err().to_string().contains("it is a folder"),
            "saving onto a folder"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
    }
}
