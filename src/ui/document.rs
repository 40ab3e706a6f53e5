//! The open dataset file: loading on a background thread, watching it for changes, and
//! keeping the last valid version when a reload fails.
//!
//! Rules of the watcher:
//! - Only events that can change content count (create, data or name changes, removal,
//!   metadata such as a new modification time); opens, reads and closes never do, so a
//!   backup tool, an editor opening the file, or troopline's own read cannot start a reload.
//! - After a burst of events settles ([`DEBOUNCE`]), the file's [`Stamp`] (size, modification
//!   time, inode) is compared with the one taken when it was last loaded: an unchanged file is
//!   not read again.
//! - One load runs at a time; changes seen while it runs are checked when it ends.

use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, EventKind};
use notify::{RecursiveMode, Watcher};

use crate::chart::ChartModel;
use crate::dataset::table::{TABLE_EXTENSIONS, is_table};
use crate::dataset::{self, Dataset, LoadError, TableOptions};

/// Where the shown dataset came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The dataset embedded in the binary.
    Builtin,
    /// A file the user opened.
    File(PathBuf),
}

impl Origin {
    /// How to name it in the UI.
    pub fn describe(&self) -> String {
        match self {
            Origin::Builtin => dataset::builtin_name().to_owned(),
            Origin::File(path) => path.display().to_string(),
        }
    }

    /// The table file shown (CSV, TSV, XLSX, ODS, ...), which "Save as dataset…" turns into RON.
    pub fn table(&self) -> Option<&Path> {
        match self {
            Origin::File(path) if is_table(path) => Some(path),
            _ => None,
        }
    }

    /// A stable key for remembering things per dataset (its view range).
    pub fn key(&self) -> String {
        match self {
            Origin::Builtin => "builtin".to_owned(),
            Origin::File(path) => std::path::absolute(path)
                .unwrap_or_else(|_| path.clone())
                .display()
                .to_string(),
        }
    }
}

/// Editors save in bursts (write, rename, chmod): wait this long after the last event.
const DEBOUNCE: Duration = Duration::from_millis(250);

/// What identifies one version of a file without reading it: a reload happens only when
/// this differs from the version last loaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    #[cfg(unix)]
    inode: (u64, u64),
}

impl Stamp {
    /// The stamp of `path` now, or `None` when it cannot be read (removed, renamed away).
    pub fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        let inode = {
            use std::os::unix::fs::MetadataExt;
            (meta.dev(), meta.ino())
        };
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            inode,
        })
    }
}

/// Whether a watcher event can mean new content. Access events (open, read, close) never do:
/// reacting to them made every read of the file, ours included, start another load.
pub fn is_content_event(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(notify::event::AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => true,
        EventKind::Any | EventKind::Other => false,
    }
}

/// A valid dataset with its plot model, both built off the UI thread.
pub struct Opened {
    /// The dataset.
    pub dataset: Dataset,
    /// Its plot model (indexes over every series).
    pub model: ChartModel,
}

/// What a finished load produced.
pub enum Loaded {
    /// A valid dataset from `path`.
    Ok(Box<Opened>, PathBuf),
    /// Problems with `path`; the last good dataset stays on screen.
    Failed(LoadError, PathBuf),
}

/// Loads and watches one file. Callers poll it once per frame.
pub struct Document {
    path: Option<PathBuf>,
    loading: Option<(mpsc::Receiver<Result<Opened, LoadError>>, PathBuf)>,
    watcher: Option<notify::RecommendedWatcher>,
    changes: Option<mpsc::Receiver<()>>,
    last_change: Option<Instant>,
    /// The version of the file last loaded (or being loaded).
    loaded_stamp: Option<Stamp>,
    /// How many loads of the file have started, for tests and diagnostics.
    loads_started: u64,
    wake: Arc<dyn Fn() + Send + Sync>,
    /// How tables are read (from the command line).
    table_options: TableOptions,
}

impl Document {
    /// A document with no file (the built-in dataset). `wake` asks the UI for a frame.
    pub fn new(wake: Arc<dyn Fn() + Send + Sync>) -> Self {
        Self {
            path: None,
            loading: None,
            watcher: None,
            changes: None,
            last_change: None,
            loaded_stamp: None,
            loads_started: 0,
            wake,
            table_options: TableOptions::default(),
        }
    }

    /// Reads tables with `options` from now on (sheet, number and date style).
    pub fn set_table_options(&mut self, options: TableOptions) {
        self.table_options = options;
    }

    /// Whether a load is running.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// How many loads have started since this document was made (the first open included).
    pub fn loads_started(&self) -> u64 {
        self.loads_started
    }

    /// Starts loading `path` in the background and watches it from now on.
    pub fn open(&mut self, path: PathBuf) {
        self.watch(&path);
        self.path = Some(path.clone());
        self.start_load(path);
    }

    /// Watches `path`, whose current content the caller has already loaded.
    pub fn watch_only(&mut self, path: PathBuf) {
        self.watch(&path);
        self.loaded_stamp = Stamp::of(&path);
        self.path = Some(path);
    }

    /// Stops watching (the built-in dataset is shown).
    pub fn close(&mut self) {
        self.path = None;
        self.watcher = None;
        self.changes = None;
        self.loading = None;
        self.last_change = None;
        self.loaded_stamp = None;
    }

    fn start_load(&mut self, path: PathBuf) {
        // Taken before reading, so a write during the read shows up as a change afterwards.
        self.loaded_stamp = Stamp::of(&path);
        self.loads_started += 1;
        let (sender, receiver) = mpsc::channel();
        let wake = Arc::clone(&self.wake);
        let load_path = path.clone();
        let options = self.table_options.clone();
        // Parsing and indexing a large file takes a while; the window keeps drawing meanwhile.
        let spawned = std::thread::Builder::new()
            .name("troopline-load".into())
            .spawn(move || {
                let _ = sender.send(open(&load_path, &options));
                wake();
            });
        if spawned.is_ok() {
            self.loading = Some((receiver, path));
        } else {
            let (sender, receiver) = mpsc::channel();
            let _ = sender.send(open(&path, &self.table_options));
            self.loading = Some((receiver, path));
        }
    }

    fn watch(&mut self, path: &Path) {
        let (sender, receiver) = mpsc::channel();
        let wake = Arc::clone(&self.wake);
        let name = path.file_name().map(std::ffi::OsStr::to_owned);
        let handler = move |event: notify::Result<notify::Event>| {
            let Ok(event) = event else { return };
            if !is_content_event(&event.kind) {
                return;
            }
            // The folder is watched (editors replace files by renaming); react to our file only.
            if event.paths.iter().any(|p| p.file_name() == name.as_deref()) {
                let _ = sender.send(());
                wake();
            }
        };
        let folder = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
            _ => PathBuf::from("."),
        };
        self.watcher = notify::recommended_watcher(handler)
            .and_then(|mut watcher| {
                watcher
                    .watch(&folder, RecursiveMode::NonRecursive)
                    .map(|()| watcher)
            })
            .map_err(|error| eprintln!("troopline: not watching {}: {error}", folder.display()))
            .ok();
        self.changes = Some(receiver);
    }

    /// Checks for file changes and finished loads. Returns a result when a load finished.
    pub fn poll(&mut self) -> Option<Loaded> {
        if let Some(changes) = &self.changes {
            while changes.try_recv().is_ok() {
                self.last_change = Some(Instant::now());
            }
        }
        if let Some(changed) = self.last_change {
            if changed.elapsed() >= DEBOUNCE && self.loading.is_none() {
                self.last_change = None;
                if let Some(path) = self.path.clone()
                    && Stamp::of(&path) != self.loaded_stamp
                {
                    self.start_load(path);
                }
            } else {
                let wake = Arc::clone(&self.wake);
                wake();
            }
        }
        let (receiver, path) = self.loading.as_ref()?;
        match receiver.try_recv() {
            Ok(result) => {
                let path = path.clone();
                self.loading = None;
                Some(match result {
                    Ok(opened) => Loaded::Ok(Box::new(opened), path),
                    Err(error) => Loaded::Failed(error, path),
                })
            }
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => {
                self.loading = None;
                None
            }
        }
    }
}

/// Extensions of the files troopline opens: RON datasets, then tables.
pub fn openable_extensions() -> Vec<&'static str> {
    std::iter::once("ron").chain(TABLE_EXTENSIONS).collect()
}

/// Whether `path` names a file troopline can open, by its extension: a RON dataset or a
/// table (CSV, TSV, XLSX, XLS, ODS, ...).
pub fn is_dataset_file(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        openable_extensions()
            .iter()
            .any(|known| e.eq_ignore_ascii_case(known))
    })
}

/// Loads, validates and indexes `path`.
fn open(path: &Path, options: &TableOptions) -> Result<Opened, LoadError> {
    let dataset = dataset::load_path(path, options)?;
    let model = ChartModel::new(&dataset);
    Ok(Opened { dataset, model })
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, DataChange, MetadataKind, ModifyKind, RemoveKind};
    use std::io::Read;

    #[test]
    fn only_events_that_can_change_content_count() {
        let reads = [
            EventKind::Access(AccessKind::Read),
            EventKind::Access(AccessKind::Open(notify::event::AccessMode::Any)),
            EventKind::Access(AccessKind::Close(notify::event::AccessMode::Read)),
            EventKind::Any,
            EventKind::Other,
        ];
        for kind in reads {
            assert!(!is_content_event(&kind), "{kind:?}");
        }
        let writes = [
            EventKind::Create(CreateKind::File),
            EventKind::Modify(ModifyKind::Data(DataChange::Content)),
            EventKind::Modify(ModifyKind::Name(notify::event::RenameMode::To)),
            EventKind::Modify(ModifyKind::Metadata(MetadataKind::WriteTime)),
            EventKind::Remove(RemoveKind::File),
            EventKind::Access(AccessKind::Close(notify::event::AccessMode::Write)),
        ];
        for kind in writes {
            assert!(is_content_event(&kind), "{kind:?}");
        }
    }

    /// Polls like the UI does, for `frames` frames 10 ms apart, and returns the finished loads.
    fn run_frames(document: &mut Document, frames: usize) -> usize {
        let mut finished = 0;
        for _ in 0..frames {
            if document.poll().is_some() {
                finished += 1;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        finished
    }

    /// Polls until a load has finished, for at most `frames` frames.
    fn until_loaded(document: &mut Document, frames: usize) -> bool {
        (0..frames).any(|_| {
            let done = document.poll().is_some();
            std::thread::sleep(Duration::from_millis(10));
            done
        })
    }

    #[test]
    fn reads_never_reload_and_one_write_reloads_once() -> std::io::Result<()> {
        let folder = tempfile::tempdir()?;
        let path = folder.path().join("data.ron");
        std::fs::write(&path, dataset::BUILTIN_RON)?;
        let mut document = Document::new(Arc::new(|| {}));
        document.open(path.clone());
        assert!(until_loaded(&mut document, 1000), "the first load finishes");
        assert_eq!(document.loads_started(), 1);
        // Let the watcher deliver the events of our own first read, then read as others do.
        run_frames(&mut document, 40);
        for _ in 0..100 {
            let mut text = String::new();
            std::fs::File::open(&path)?.read_to_string(&mut text)?;
        }
        // Permissions change metadata but not content: no reload either.
        let permissions = std::fs::metadata(&path)?.permissions();
        std::fs::set_permissions(&path, permissions)?;
        assert_eq!(run_frames(&mut document, 60), 0);
        assert_eq!(document.loads_started(), 1, "reads started a reload");

        std::fs::write(&path, format!("{}\n// edited\n", dataset::BUILTIN_RON))?;
        assert!(until_loaded(&mut document, 1000), "the write is reloaded");
        assert_eq!(run_frames(&mut document, 60), 0);
        assert_eq!(document.loads_started(), 2, "one write, one reload");
        Ok(())
    }
}
