//! The one way troopline writes files: to a temporary file beside the target, renamed into
//! place only once everything is written and synced. A failure leaves any existing file as it
//! was and no partial file behind.
//!
//! What a replaced file keeps: its permission bits, its owner and group where the system allows
//! (always when run as root; otherwise the group where the user belongs to it), and its place: a
//! symbolic link is followed and the file it points to is replaced, so the link keeps working.
//! What it cannot keep: other hard links to it, which go on naming the old content; the caller
//! is told ([`Written::split_links`]).
//!
//! Temporary files have short random names (`.troopline-XXXXXXXX.tmp`), so names up to the
//! system's limit still work, two writers never collide, and a file left behind by a killed run
//! never blocks a later one. They are removed on any error and on SIGINT, SIGTERM and SIGHUP
//! (see `interrupt`).

use std::fs::{self, File, Metadata};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use super::interrupt;

/// Why a file could not be written, in words a user can act on.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The target is a directory.
    #[error("cannot save to {path}: it is a folder; give a file name")]
    IsDirectory {
        /// The target.
        path: PathBuf,
    },
    /// The target exists but is a device, pipe or similar, which renaming would destroy.
    #[error("cannot save to {path}: it is not a regular file")]
    NotRegularFile {
        /// The target.
        path: PathBuf,
    },
    /// The folder to write into does not exist.
    #[error("cannot save to {path}: the folder {folder} does not exist")]
    NoFolder {
        /// The target.
        path: PathBuf,
        /// Its folder.
        folder: PathBuf,
    },
    /// Part of the folder path is a file, as in `base.csv/x.csv`.
    #[error("cannot save to {path}: {file} is a file, not a folder")]
    NotAFolder {
        /// The target.
        path: PathBuf,
        /// The file standing where a folder should be.
        file: PathBuf,
    },
    /// The folder exists but no file can be created in it (`/proc`, `/sys`, ...).
    #[error("cannot save to {path}: files cannot be created in {folder}")]
    CannotCreate {
        /// The target.
        path: PathBuf,
        /// Its folder.
        folder: PathBuf,
    },
    /// The content would be larger than troopline reads back.
    #[error(
        "cannot save to {path}: the file would be over {} MiB, more than troopline opens (limit: {} MiB); choose fewer series or a shorter range",
        .limit >> 20, .limit >> 20
    )]
    TooLarge {
        /// The target.
        path: PathBuf,
        /// The limit in bytes.
        limit: u64,
    },
    /// The target is the file being read.
    #[error(
        "cannot save to {path}: it is the input file {input}; choose another name (--force does not replace an input)"
    )]
    SameAsInput {
        /// The target.
        path: PathBuf,
        /// The input it names.
        input: PathBuf,
    },
    /// Creating, writing, syncing or renaming failed.
    #[error("cannot save to {path}: {}", explain(source))]
    Io {
        /// The target.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
}

fn explain(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::PermissionDenied => {
            "permission denied (choose a folder you can write to)".into()
        }
        io::ErrorKind::StorageFull => "the disk is full".into(),
        io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only".into(),
        io::ErrorKind::InvalidFilename => {
            "the file name is too long or not allowed here (most systems allow 255 bytes)".into()
        }
        io::ErrorKind::QuotaExceeded => "the disk quota is used up".into(),
        _ => error.to_string(),
    }
}

/// What a successful write did besides writing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    /// The file that holds the content now: the target itself or, when the target is a
    /// symbolic link, the file it points to.
    pub file: PathBuf,
    /// How many other names (hard links) the replaced file had. They still name the old
    /// content: a rename cannot update them.
    pub split_links: u64,
}

impl Written {
    /// A sentence for the user when the write did something they may not expect.
    pub fn notice(&self) -> Option<String> {
        (self.split_links > 0).then(|| {
            format!(
                "{} had {} other hard link{}; {} the old content",
                self.file.display(),
                self.split_links,
                if self.split_links == 1 { "" } else { "s" },
                if self.split_links == 1 {
                    "it still shows"
                } else {
                    "they still show"
                },
            )
        })
    }
}

/// Refuses `path` when it names the same file as `input` (the same device and inode, so hard
/// links, symbolic links and `./` spellings are all caught): writing would destroy the input.
pub fn refuse_input(path: &Path, input: &Path) -> Result<(), WriteError> {
    if same_file(path, input) {
        return Err(WriteError::SameAsInput {
            path: path.to_owned(),
            input: input.to_owned(),
        });
    }
    Ok(())
}

/// Whether both paths name one existing file (links followed).
pub fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(a), Ok(b)) = (fs::metadata(a), fs::metadata(b)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        a.dev() == b.dev() && a.ino() == b.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        false
    }
}

/// [`write_atomic_reporting`] that stops, and leaves the target as it was, once the content
/// passes `limit` bytes: troopline never writes a dataset or table it would refuse to open.
pub fn write_atomic_limited(
    path: &Path,
    limit: u64,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<Written, WriteError> {
    let mut exceeded = false;
    let result = write_atomic_reporting(path, |out| {
        let mut capped = Capped {
            inner: out,
            left: limit,
            exceeded: &mut exceeded,
        };
        fill(&mut capped)
    });
    match result {
        Err(_) if exceeded => Err(WriteError::TooLarge {
            path: path.to_owned(),
            limit,
        }),
        other => other,
    }
}

/// A writer that fails once more than `left` bytes would pass through it.
struct Capped<'a> {
    inner: &'a mut dyn Write,
    left: u64,
    exceeded: &'a mut bool,
}

impl Write for Capped<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if buf.len() as u64 > self.left {
            *self.exceeded = true;
            return Err(io::Error::other("the size limit is reached"));
        }
        let written = self.inner.write(buf)?;
        self.left -= written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Symbolic links followed before giving up, as Linux does.
const MAX_LINKS: usize = 40;

/// Writes `path` atomically: `fill` writes the content into a temporary file in the same folder,
/// which replaces `path` only after `fill` succeeded and the data is on disk.
pub fn write_atomic(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), WriteError> {
    write_atomic_reporting(path, fill).map(drop)
}

/// [`write_atomic`], telling what the write did: which file was written and whether hard links
/// to the old file were split.
pub fn write_atomic_reporting(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<Written, WriteError> {
    let io_error = |source| WriteError::Io {
        path: path.to_owned(),
        source,
    };
    let target = follow_links(path).map_err(io_error)?;
    let existing = match fs::metadata(&target) {
        Ok(metadata) if metadata.is_dir() => {
            return Err(WriteError::IsDirectory {
                path: path.to_owned(),
            });
        }
        Ok(metadata) if !metadata.is_file() => {
            return Err(WriteError::NotRegularFile {
                path: path.to_owned(),
            });
        }
        Ok(metadata) => Some(metadata),
        Err(error)
            if matches!(
                error.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
            ) =>
        {
            None
        }
        Err(error) => return Err(io_error(error)),
    };
    let folder = folder_of(&target);
    check_folder(path, &folder)?;

    // Registered before it exists, so an interrupt at any moment removes it.
    let mut registered = None;
    let mut temp = tempfile::Builder::new()
        .prefix(".troopline-")
        .suffix(".tmp")
        .rand_bytes(8)
        .make_in(&folder, |candidate| {
            let guard = interrupt::register(candidate);
            let file = create_new(candidate, existing.is_none())?;
            registered = Some(guard);
            Ok(file)
        })
        .map_err(|error| {
            if error.kind() == io::ErrorKind::NotFound {
                // The folder exists (checked above), yet refuses new files: a virtual file
                // system such as /proc.
                WriteError::CannotCreate {
                    path: path.to_owned(),
                    folder: folder.clone(),
                }
            } else {
                io_error(error)
            }
        })?;
    if let Some(metadata) = &existing {
        keep_properties(temp.as_file(), metadata).map_err(io_error)?;
    }
    // On any error `temp` is dropped, which removes the file.
    write_and_sync(temp.as_file_mut(), fill).map_err(io_error)?;
    temp.persist(&target)
        .map_err(|error| io_error(error.error))?;
    drop(registered);
    // The rename is durable only once the folder is synced; best effort, as not every file
    // system lets a folder be opened for that.
    if let Ok(dir) = File::open(&folder) {
        let _ = dir.sync_all();
    }
    Ok(Written {
        file: target,
        split_links: existing.as_ref().map_or(0, link_count).saturating_sub(1),
    })
}

/// Creates the temporary file. A new target gets the usual permissions (0666 less the umask);
/// a replacement starts private and gets the old file's permissions before any data.
fn create_new(path: &Path, is_new: bool) -> io::Result<File> {
    let mut options = fs::OpenOptions::new();
    options.read(true).write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, if is_new { 0o666 } else { 0o600 });
    #[cfg(not(unix))]
    let _ = is_new;
    options.open(path)
}

/// The path `path` leads to after following symbolic links, even to a file that does not exist
/// yet (a dangling link is written through, creating its target).
fn follow_links(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_owned();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                let link = fs::read_link(&current)?;
                // A relative link is relative to the folder holding it; joining an absolute one
                // replaces the whole path.
                current = match current.parent() {
                    Some(parent) => parent.join(link),
                    None => link,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other("its symbolic links form a loop"))
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// The folder must exist and be a folder; otherwise say which part of the path is wrong.
fn check_folder(path: &Path, folder: &Path) -> Result<(), WriteError> {
    if folder.is_dir() {
        return Ok(());
    }
    // The nearest part of the path that exists tells what is wrong.
    match folder.ancestors().find(|part| fs::metadata(part).is_ok()) {
        Some(part) if !part.as_os_str().is_empty() && !part.is_dir() => {
            Err(WriteError::NotAFolder {
                path: path.to_owned(),
                file: part.to_owned(),
            })
        }
        _ => Err(WriteError::NoFolder {
            path: path.to_owned(),
            folder: folder.to_owned(),
        }),
    }
}

/// Gives the new file the owner, group and permission bits of the one it replaces. Owner and
/// group may be refused (only root can give a file away); that is not worth failing a save for.
#[cfg(unix)]
fn keep_properties(file: &File, old: &Metadata) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    // Owner first: changing it clears set-user-id bits, which the mode below restores.
    if std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid())).is_err() {
        let _ = std::os::unix::fs::fchown(file, None, Some(old.gid()));
    }
    file.set_permissions(old.permissions())
}

#[cfg(not(unix))]
fn keep_properties(file: &File, old: &Metadata) -> io::Result<()> {
    file.set_permissions(old.permissions())
}

#[cfg(unix)]
fn link_count(metadata: &Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(metadata)
}

#[cfg(not(unix))]
fn link_count(_: &Metadata) -> u64 {
    1
}

fn write_and_sync(
    file: &mut File,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let mut writer = BufWriter::new(&mut *file);
    fill(&mut writer)?;
    writer.flush()?;
    drop(writer);
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Files in `dir` that look like temporary files of any troopline version.
    fn leftovers(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".troopline-") || n.contains(".tmp"))
            .collect()
    }

    #[test]
    fn writes_new_and_replaces_existing_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        let written = write_atomic_reporting(&path, |w| w.write_all(b"first")).unwrap();
        assert_eq!(written.file, path);
        assert_eq!((written.split_links, written.notice()), (0, None));
        write_atomic(&path, |w| w.write_all(b"second")).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_failing_write_keeps_the_old_file_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        fs::write(&path, b"precious").unwrap();
        let error = write_atomic(&path, |w| {
            w.write_all(&[0; 100_000])?;
            Err(io::Error::from(io::ErrorKind::StorageFull))
        })
        .unwrap_err();
        assert!(error.to_string().contains("the disk is full"), "{error}");
        assert_eq!(fs::read(&path).unwrap(), b"precious");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn refuses_folders_devices_and_missing_folders() {
        let dir = tempfile::tempdir().unwrap();
        let error = write_atomic(dir.path(), |w| w.write_all(b"x")).unwrap_err();
        assert!(error.to_string().contains("it is a folder"), "{error}");
        // Renaming over a device node would replace it (we may run as root): never try.
        let error = write_atomic(Path::new("/dev/full"), |w| w.write_all(b"x")).unwrap_err();
        assert!(error.to_string().contains("not a regular file"), "{error}");
        assert!(Path::new("/dev/full").exists());
        let missing = dir.path().join("missing/out.png");
        let error = write_atomic(&missing, |w| w.write_all(b"x")).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!(
                "cannot save to {}: the folder {} does not exist",
                missing.display(),
                dir.path().join("missing").display()
            )
        );
    }

    #[test]
    fn a_file_where_a_folder_should_be_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().join("base.csv");
        fs::write(&base, b"a,b").unwrap();
        for target in [base.join("x.csv"), base.join("deeper/x.csv")] {
            let error = write_atomic(&target, |w| w.write_all(b"x")).unwrap_err();
            assert_eq!(
                error.to_string(),
                format!(
                    "cannot save to {}: {} is a file, not a folder",
                    target.display(),
                    base.display()
                )
            );
        }
        assert_eq!(fs::read(&base).unwrap(), b"a,b");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_folder_that_refuses_files_is_named() {
        if !Path::new("/proc/self").is_dir() {
            return;
        }
        let error = write_atomic(Path::new("/proc/x.png"), |w| w.write_all(b"x")).unwrap_err();
        assert_eq!(
            error.to_string(),
            "cannot save to /proc/x.png: files cannot be created in /proc"
        );
    }

    #[test]
    fn names_up_to_the_system_limit_work_and_longer_ones_are_explained() {
        let dir = tempfile::tempdir().unwrap();
        for length in [236, 250, 255] {
            let path = dir.path().join(format!("{}.png", "n".repeat(length - 4)));
            write_atomic(&path, |w| w.write_all(b"x")).unwrap();
            assert_eq!(fs::read(&path).unwrap(), b"x", "{length} bytes");
        }
        let path = dir.path().join("n".repeat(256));
        let error = write_atomic(&path, |w| w.write_all(b"x")).unwrap_err();
        assert!(
            error.to_string().contains("the file name is too long"),
            "{error}"
        );
        assert_eq!(leftovers(dir.path()), Vec::<String>::new());
    }

    #[test]
    fn a_write_past_its_limit_leaves_the_old_file_and_names_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        fs::write(&path, b"old").unwrap();
        let error = write_atomic_limited(&path, 3 << 20, |out| {
            for _ in 0..4 {
                out.write_all(&[b'x'; 1 << 20])?;
            }
            Ok(())
        })
        .unwrap_err();
        assert!(matches!(error, WriteError::TooLarge { .. }), "{error}");
        assert!(error.to_string().contains("over 3 MiB"), "{error}");
        assert_eq!(fs::read(&path).unwrap(), b"old");
        assert!(leftovers(dir.path()).is_empty());
        write_atomic_limited(&path, 3 << 20, |out| out.write_all(&[b'y'; 3 << 20])).unwrap();
        assert_eq!(fs::metadata(&path).unwrap().len(), 3 << 20);
    }

    #[test]
    fn the_same_file_is_known_by_device_and_inode() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        fs::write(&a, b"a").unwrap();
        fs::hard_link(&a, &b).unwrap();
        assert!(same_file(&a, &b));
        assert!(same_file(&a, &dir.path().join(".").join("a")));
        assert!(!same_file(&a, &dir.path().join("missing")));
        fs::write(dir.path().join("c"), b"a").unwrap();
        assert!(!same_file(&a, &dir.path().join("c")));
        assert!(refuse_input(&b, &a).is_err());
    }

    #[test]
    fn leftovers_of_killed_runs_never_block_a_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.png");
        // What this and older versions leave when killed: the old names were predictable.
        let stale = [
            format!(".out.png.tmp-{}-0", std::process::id()),
            ".troopline-00000000.tmp".to_owned(),
        ];
        for name in &stale {
            fs::write(dir.path().join(name), b"stale").unwrap();
        }
        for round in 0..20 {
            write_atomic(&path, |w| write!(w, "{round}")).unwrap();
        }
        assert_eq!(fs::read(&path).unwrap(), b"19");
        assert_eq!(leftovers(dir.path()).len(), stale.len());
    }

    #[test]
    fn concurrent_writes_to_one_file_leave_one_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        std::thread::scope(|scope| {
            for writer in 0..8u8 {
                let path = &path;
                scope.spawn(move || {
                    write_atomic(path, |w| w.write_all(&[b'a' + writer; 50_000])).unwrap();
                });
            }
        });
        let content = fs::read(&path).unwrap();
        assert_eq!(content.len(), 50_000);
        assert!(
            content.iter().all(|&b| b == content[0]),
            "one writer's file"
        );
        assert!(leftovers(dir.path()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_permissions_and_a_new_one_gets_the_usual_ones() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mode = |path: &Path| fs::metadata(path).unwrap().permissions().mode() & 0o7777;
        for kept in [0o600, 0o640, 0o755, 0o444] {
            let path = dir.path().join(format!("kept-{kept:o}"));
            fs::write(&path, b"old").unwrap();
            fs::set_permissions(&path, fs::Permissions::from_mode(kept)).unwrap();
            write_atomic(&path, |w| w.write_all(b"new")).unwrap();
            assert_eq!(mode(&path), kept, "{kept:o}");
            assert_eq!(fs::read(&path).unwrap(), b"new");
        }
        // A new file is created like any other by this process: 0666 less the umask.
        let usual = dir.path().join("usual");
        fs::write(&usual, b"").unwrap();
        let new = dir.path().join("new");
        write_atomic(&new, |w| w.write_all(b"x")).unwrap();
        assert_eq!(mode(&new), mode(&usual));
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_owner_when_run_as_root() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("owned");
        fs::write(&path, b"old").unwrap();
        // Giving a file away needs root; as anyone else the owner is ours anyway.
        if std::os::unix::fs::chown(&path, Some(4321), Some(4322)).is_err() {
            return;
        }
        write_atomic(&path, |w| w.write_all(b"new")).unwrap();
        let metadata = fs::metadata(&path).unwrap();
        assert_eq!((metadata.uid(), metadata.gid()), (4321, 4322));
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_are_written_through() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.png");
        fs::write(&real, b"old").unwrap();
        // A relative link, a link to that link, and an absolute link to a missing file.
        let link = dir.path().join("link.png");
        symlink("real.png", &link).unwrap();
        let chain = dir.path().join("chain.png");
        symlink(&link, &chain).unwrap();
        let written = write_atomic_reporting(&chain, |w| w.write_all(b"new")).unwrap();
        assert_eq!(written.file, dir.path().join("real.png"));
        assert_eq!(fs::read(&real).unwrap(), b"new");
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert!(
            fs::symlink_metadata(&chain)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        let dangling = dir.path().join("dangling.png");
        symlink(dir.path().join("created.png"), &dangling).unwrap();
        write_atomic(&dangling, |w| w.write_all(b"made")).unwrap();
        assert_eq!(fs::read(dir.path().join("created.png")).unwrap(), b"made");
        assert!(
            fs::symlink_metadata(&dangling)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        // A loop is explained, not followed forever.
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        symlink(&b, &a).unwrap();
        symlink(&a, &b).unwrap();
        let error = write_atomic(&a, |w| w.write_all(b"x")).unwrap_err();
        assert!(
            error.to_string().contains("symbolic links form a loop"),
            "{error}"
        );
        assert!(leftovers(dir.path()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn splitting_hard_links_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        fs::write(&path, b"old").unwrap();
        let other = dir.path().join("other-name.csv");
        fs::hard_link(&path, &other).unwrap();
        let written = write_atomic_reporting(&path, |w| w.write_all(b"new")).unwrap();
        assert_eq!(written.split_links, 1);
        assert_eq!(
            written.notice().unwrap(),
            format!(
                "{} had 1 other hard link; it still shows the old content",
                path.display()
            )
        );
        assert_eq!(fs::read(&other).unwrap(), b"old");
        assert_eq!(fs::read(&path).unwrap(), b"new");
        let again = write_atomic_reporting(&path, |w| w.write_all(b"newer")).unwrap();
        assert_eq!(again.notice(), None, "no longer linked");
    }

    #[cfg(unix)]
    #[test]
    fn an_unwritable_folder_is_reported_and_nothing_is_left() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let locked = dir.path().join("locked");
        fs::create_dir(&locked).unwrap();
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o500)).unwrap();
        // Root ignores directory permissions; the check is only meaningful for other users.
        let probe = locked.join("probe");
        if fs::write(&probe, b"").is_ok() {
            fs::remove_file(&probe).unwrap();
            return;
        }
        let error = write_atomic(&locked.join("out.png"), |w| w.write_all(b"x")).unwrap_err();
        assert!(error.to_string().contains("permission denied"), "{error}");
        assert_eq!(fs::read_dir(&locked).unwrap().count(), 0);
    }
}
