//! How hotseat puts files on disk: private (files 0600, folders 0700, whatever the umask), whole
//! (written to a temp file in the same folder, fsynced, renamed over the target, so a full disk or
//! a crash leaves the old file or the new one, never half of one), and never through a symbolic
//! link (a link planted where a report or a transcript goes is refused, not followed).

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Mode of every file hotseat creates.
pub const FILE_MODE: u32 = 0o600;
/// Mode of every folder hotseat creates.
pub const DIR_MODE: u32 = 0o700;

/// Writes `bytes` to `path` atomically: a new private temp file beside it (created exclusively,
/// not following links), fsynced, then renamed over `path`, and the folder fsynced. On any error
/// the temp file is removed and `path` is as it was. Missing parent folders are created private.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    refuse_link(path)?;
    let dir = parent_of(path);
    create_private_dir_all(&dir)?;
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?;
    let tmp = dir.join(format!(
        ".{}.{}-{}.tmp",
        name.to_string_lossy(),
        std::process::id(),
        uuid::Uuid::new_v4().simple()
    ));
    let written = (|| {
        let mut f = create_private(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    sync_dir(&dir);
    Ok(())
}

/// Creates a new file (failing if anything, a link included, is already there), mode 0600.
pub fn create_private(path: &Path) -> io::Result<File> {
    let mut opts = OpenOptions::new();
    opts.write(true).create_new(true);
    no_follow(&mut opts);
    let f = opts.open(path)?;
    set_mode(&f, FILE_MODE)?;
    Ok(f)
}

/// Opens a file to append to, creating it private when missing; a symbolic link is refused.
/// `create`: whether a missing file is created (else it is an error).
pub fn open_append(path: &Path, create: bool) -> io::Result<File> {
    refuse_link(path)?;
    let mut opts = OpenOptions::new();
    opts.read(true).append(true).create(create);
    no_follow(&mut opts);
    let f = opts.open(path)?;
    if !f.metadata()?.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    set_mode(&f, FILE_MODE)?;
    Ok(f)
}

/// Creates `dir` and any missing parents, each new one mode 0700. An existing folder is left as it
/// is; a file or a link to a file where a folder should be is an error.
pub fn create_private_dir_all(dir: &Path) -> io::Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    if std::fs::symlink_metadata(dir).is_ok() {
        return Err(not_a_folder(dir));
    }
    if let Some(parent) = dir.parent() {
        create_private_dir_all(parent)?;
    }
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(DIR_MODE);
    }
    match builder.create(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => return Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Err(not_a_folder(dir)),
        Err(e) => return Err(e),
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(DIR_MODE))?;
    }
    Ok(())
}

/// Creates `dir` itself (its parent must exist or is created), mode 0700; refuses a link or a file
/// in its place, and an existing folder when `fresh`.
pub fn create_private_dir(dir: &Path, fresh: bool) -> io::Result<()> {
    refuse_link(dir)?;
    if fresh && dir.exists() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "already exists",
        ));
    }
    create_private_dir_all(dir)
}

/// An error when `path` is a symbolic link.
pub fn refuse_link(path: &Path) -> io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "is a symbolic link; hotseat does not write through links",
        )),
        _ => Ok(()),
    }
}

fn not_a_folder(path: &Path) -> io::Error {
    io::Error::new(
        io::ErrorKind::NotADirectory,
        format!("{} is a file, not a folder", path.display()),
    )
}

fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn no_follow(opts: &mut OpenOptions) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(FILE_MODE)
            .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC);
    }
}

/// Sets the mode on the open file itself (the umask only narrows what `open` asked for; this makes
/// it exact).
fn set_mode(f: &File, mode: u32) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        f.set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    let _ = (f, mode);
    Ok(())
}

/// Makes a rename durable (best effort: not every file system lets a folder be fsynced).
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn files_and_folders_are_private_and_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/report.json");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&dir.path().join("a")), 0o700);
        assert_eq!(mode(&dir.path().join("a/b")), 0o700);
        let left: Vec<_> = std::fs::read_dir(dir.path().join("a/b")).unwrap().collect();
        assert_eq!(left.len(), 1, "no temp file left behind");
    }

    #[test]
    fn writes_never_follow_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "precious").unwrap();
        let link = dir.path().join("critique.json");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        assert!(write_atomic(&link, b"x").is_err());
        assert!(open_append(&link, true).is_err());
        assert!(create_private(&link).is_err());
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    }

    #[test]
    fn a_file_where_a_folder_goes_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("sessions");
        std::fs::write(&file, "").unwrap();
        let err = create_private_dir_all(&file.join("x")).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotADirectory);
    }
}
