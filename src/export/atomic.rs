//! The one way troopline writes files: to a temporary file beside the target, renamed into
//! place only once everything is written and synced. A failure leaves any existing file as it
//! was and no partial file behind.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

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
        _ => error.to_string(),
    }
}

/// Distinguishes temporary files of concurrent writes within one process.
static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Writes `path` atomically: `fill` writes the content into a temporary file in the same folder,
/// which replaces `path` only after `fill` succeeded and the data is on disk.
pub fn write_atomic(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), WriteError> {
    if let Ok(metadata) = fs::metadata(path) {
        if metadata.is_dir() {
            return Err(WriteError::IsDirectory {
                path: path.to_owned(),
            });
        }
        if !metadata.is_file() {
            return Err(WriteError::NotRegularFile {
                path: path.to_owned(),
            });
        }
    }
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    };
    if !folder.is_dir() {
        return Err(WriteError::NoFolder {
            path: path.to_owned(),
            folder,
        });
    }
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let temp = folder.join(format!(
        ".{name}.tmp-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let io_error = |source| WriteError::Io {
        path: path.to_owned(),
        source,
    };
    let file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)
        .map_err(io_error)?;
    let result = write_and_sync(file, fill).and_then(|()| fs::rename(&temp, path));
    if let Err(error) = result {
        // Best effort: the temp file may not exist if creation itself failed halfway.
        let _ = fs::remove_file(&temp);
        return Err(io_error(error));
    }
    Ok(())
}

fn write_and_sync(
    file: File,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let mut writer = BufWriter::new(file);
    fill(&mut writer)?;
    let file = writer
        .into_inner()
        .map_err(io::IntoInnerError::into_error)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".tmp-"))
            .collect()
    }

    #[test]
    fn writes_new_and_replaces_existing_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        write_atomic(&path, |w| w.write_all(b"first")).unwrap();
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
        let error =
            write_atomic(&dir.path().join("missing/out.png"), |w| w.write_all(b"x")).unwrap_err();
        assert!(error.to_string().contains("does not exist"), "{error}");
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
