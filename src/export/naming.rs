//! Default export file names and folders, used when no save dialog is available.

use std::path::{Path, PathBuf};

/// `"US troops in Iraq"` → `"us-troops-in-iraq"`: safe in file names on every system.
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

/// The user's Pictures folder if it exists, else the current folder.
pub fn default_folder() -> PathBuf {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let pictures = std::env::var_os("XDG_PICTURES_DIR")
        .map(PathBuf::from)
        .or_else(|| home.map(|h| h.join("Pictures")));
    match pictures {
        Some(folder) if folder.is_dir() => folder,
        _ => std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_ascii_words() {
        assert_eq!(slug("US troops in Iraq"), "us-troops-in-iraq");
        assert_eq!(slug("  Iraq 2003–2024!! "), "iraq-2003-2024");
        assert_eq!(slug("—"), "chart");
    }

    #[test]
    fn timestamped_names_sort_by_time() {
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 24)
            .unwrap()
            .and_hms_opt(10, 15, 0)
            .unwrap();
        let path = timestamped(Path::new("/tmp"), "Iraq", now, "png");
        assert_eq!(path, Path::new("/tmp/iraq-20261124-101500.png"));
    }
}
