//! Default export file names and folders, used when no save dialog is available.

use std::path::{Path, PathBuf};

/// `"US troops in Germany"` → `"us-troops-in-germany"`: safe in file names on every system.
pub fn slug(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug: String = slug.chars().take(60).collect();
    if slug.is_empty() {
        "chart".to_owned()
    } else {
        slug
    }
}

/// `<folder>/<slug>-<YYYYMMDD-HHMMSS>.png`.
pub fn timestamped(
    folder: &Path,
    title: &str,
    now: chrono::NaiveDateTime,
    extension: &str,
) -> PathBuf {
    folder.join(format!(
        "{}-{}.{extension}",
        slug(title),
        now.format("%Y%m%d-%H%M%S")
    ))
}

/// What an export holds, which decides the folder it goes to when no dialog asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// A PNG of the chart: the user's Pictures folder.
    Image,
    /// A CSV table: the user's Documents folder.
    Table,
}

/// Where exports of `kind` go when no save dialog is available: the user's Pictures folder for
/// images and Documents for tables (as named in `user-dirs.dirs`, e.g. `~/Bilder` on a German
/// desktop), else the home folder, else the current folder.
#[cfg(feature = "gui")]
pub fn default_folder(kind: ExportKind) -> PathBuf {
    let preferred = match kind {
        ExportKind::Image => dirs::picture_dir(),
        ExportKind::Table => dirs::document_dir(),
    };
    let current = std::env::current_dir().ok();
    first_folder([preferred, dirs::home_dir(), current], |path| path.is_dir())
}

/// The first candidate that is present and a folder by `is_folder`, else `.`: the fallback
/// order of [`default_folder`], kept apart from the file system so it can be tested.
pub fn first_folder(
    candidates: impl IntoIterator<Item = Option<PathBuf>>,
    is_folder: impl Fn(&Path) -> bool,
) -> PathBuf {
    candidates
        .into_iter()
        .flatten()
        .find(|path| is_folder(path))
        .unwrap_or_else(|| PathBuf::from("."))
}

/// A `file://` link to `folder` that a file manager opens: spaces, `#`, `%` and non-ASCII
/// names are percent-encoded, and it ends in `/`. `None` for a relative path, which has no URL.
#[cfg(feature = "gui")]
pub fn folder_url(folder: &Path) -> Option<String> {
    url::Url::from_directory_path(folder).ok().map(String::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_ascii_words() {
        assert_eq!(slug("US troops in Germany"), "us-troops-in-germany");
        assert_eq!(slug("  Korea 1950–1953!! "), "korea-1950-1953");
        assert_eq!(slug("—"), "chart");
    }

    #[test]
    fn timestamped_names_sort_by_time() {
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 24)
            .unwrap()
            .and_hms_opt(10, 15, 0)
            .unwrap();
        let path = timestamped(Path::new("/tmp"), "Korea", now, "png");
        assert_eq!(path, Path::new("/tmp/korea-20261124-101500.png"));
    }

    fn some(path: &str) -> Option<PathBuf> {
        Some(PathBuf::from(path))
    }

    #[test]
    fn the_first_existing_folder_wins_in_order() {
        let exists = |existing: &'static [&'static str]| {
            move |path: &Path| existing.iter().any(|e| Path::new(e) == path)
        };
        let order = || [some("/home/u/Bilder"), some("/home/u"), some("/work")];
        const ALL: &[&str] = &["/home/u/Bilder", "/home/u", "/work"];
        assert_eq!(
            first_folder(order(), exists(ALL)),
            Path::new("/home/u/Bilder")
        );
        assert_eq!(
            first_folder(order(), exists(&["/home/u", "/work"])),
            Path::new("/home/u")
        );
        assert_eq!(
            first_folder(order(), exists(&["/work"])),
            Path::new("/work")
        );
        assert_eq!(first_folder(order(), exists(&[])), Path::new("."));
        // A folder the system does not name (no user-dirs entry, no home) is skipped.
        assert_eq!(
            first_folder([None, None, some("/work")], exists(ALL)),
            Path::new("/work")
        );
    }

    #[test]
    fn default_folders_are_existing_folders() {
        for kind in [ExportKind::Image, ExportKind::Table] {
            let folder = default_folder(kind);
            assert!(folder.is_dir(), "{kind:?}: {}", folder.display());
        }
    }

    #[test]
    fn folder_urls_encode_what_a_path_may_hold() {
        let url = |path: &str| folder_url(Path::new(path)).unwrap();
        assert_eq!(url("/home/u/Pictures"), "file:///home/u/Pictures/");
        assert_eq!(url("/home/u/My Pictures"), "file:///home/u/My%20Pictures/");
        assert_eq!(url("/tmp/a#b/100%"), "file:///tmp/a%23b/100%25/");
        assert_eq!(url("/home/ü/Bilder"), "file:///home/%C3%BC/Bilder/");
        assert_eq!(url("/tmp/x?y"), "file:///tmp/x%3Fy/");
        assert_eq!(
            url("/tmp/a\\b"),
            "file:///tmp/a%5Cb/",
            "not a second separator"
        );
        assert_eq!(folder_url(Path::new("relative/dir")), None);
    }

    proptest::proptest! {
        /// Whatever the folder's name, its link leads back to it and is one plain URL.
        #[test]
        fn folder_urls_lead_back_to_the_folder(
            parts in proptest::collection::vec(r"[^/\x00]{1,12}", 1..4)
        ) {
            // `.` and `..` are not names: a path with them is not one folder.
            let names = parts.into_iter().filter(|p| p != "." && p != "..");
            let folder: PathBuf = std::iter::once("/".to_owned()).chain(names).collect();
            let text = folder_url(&folder).unwrap();
            proptest::prop_assert!(text.starts_with("file:///"), "{}", text);
            proptest::prop_assert!(
                !text.contains([' ', '#', '?']) && text.is_ascii(),
                "{}",
                text
            );
            let back = url::Url::parse(&text).unwrap().to_file_path().unwrap();
            proptest::prop_assert_eq!(back, folder);
        }
    }
}
