//! File-system helpers: atomic, link-safe writes of one file or a whole set, and bounded reads
//! of input files that refuse folders, FIFOs and devices.
//!
//! Writes go to a temporary file with a random name, created exclusively (never through a
//! planted link) in the target's own folder, synced, then renamed over the target. A replaced
//! file keeps its permissions (and, as root, its owner). An output path that is itself a
//! symbolic link is refused with a message; it is never silently replaced by a regular file.

use std::fmt;
use std::io::{self, Read, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Largest input file strata reads (JSON documents, raw texts, sidecars): 256 MiB.
pub const MAX_INPUT_BYTES: u64 = 256 << 20;

/// A write that failed, naming the file.
#[derive(Debug)]
pub struct WriteError {
    /// The output file.
    pub path: PathBuf,
    /// What went wrong.
    pub error: io::Error,
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The OS error alone: tempfile's own wording names the temporary file, not the output.
        let why = match self.error.raw_os_error() {
            Some(code) => crate::i18n::os_error(&io::Error::from_raw_os_error(code)),
            None => crate::i18n::os_error(&self.error),
        };
        write!(f, "{}", crate::i18n::trf(crate::i18n::Msg::CannotWrite, &[&self.path.display(), &why]))
    }
}

impl std::error::Error for WriteError {}

/// Writes `bytes` to `path` atomically: a failure leaves any previous file untouched and no
/// temporary file behind.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_set(&[(path, bytes)])
}

/// Writes a set of files all or nothing: every file is written to its temporary and synced
/// first, then all are renamed into place. On any failure (a full disk, the file-size limit, a
/// rename that fails) the temporaries are removed and files already renamed are put back, so
/// the old set is left as it was.
pub fn write_set(files: &[(&Path, &[u8])]) -> Result<(), WriteError> {
    write_set_with(files, |_| Ok(()))
}

/// One file of a set, written to a temporary file beside its target, its data on its way to the
/// disk, not yet in place: made by [`stage`] (on any thread), synced and put in place with the
/// rest by [`commit_set`].
/// Dropped uncommitted, it removes its temporary.
#[derive(Debug)]
pub struct Staged<'a> {
    path: &'a Path,
    temp: tempfile::NamedTempFile,
}

/// Writes `bytes` to a temporary file beside `path` and starts writing it to the disk, for
/// [`commit_set`]: what [`write_set`] does first for each of its files, here one at a time.
/// Nothing waits for the disk here; the set's syncs come together at its commit.
pub fn stage<'a>(path: &'a Path, bytes: &[u8]) -> Result<Staged<'a>, WriteError> {
    let temp = prepare(path, bytes).map_err(|error| WriteError { path: path.to_path_buf(), error })?;
    Ok(Staged { path, temp })
}

/// Syncs a staged set and puts it in place all or nothing, as [`write_set`] does once its files
/// are staged.
pub fn commit_set(set: Vec<Staged>) -> Result<(), WriteError> {
    commit_with(set, |_| Ok(()))
}

/// [`write_set`] with a hook called before each rename (tests inject failures there).
fn write_set_with(
    files: &[(&Path, &[u8])],
    before_rename: impl FnMut(usize) -> io::Result<()>,
) -> Result<(), WriteError> {
    commit_with(stage_set(files)?, before_rename)
}

/// Stages a set as [`stage`] does each file.
pub fn stage_set<'a>(files: &[(&'a Path, &[u8])]) -> Result<Vec<Staged<'a>>, WriteError> {
    files.iter().map(|&(path, bytes)| stage(path, bytes)).collect()
}

/// Syncs a staged set, then renames it into place; on a failure puts back what was already
/// renamed.
fn commit_with(set: Vec<Staged>, mut before_rename: impl FnMut(usize) -> io::Result<()>) -> Result<(), WriteError> {
    // Every file is on the disk before any is renamed. Each one's writing started when it was
    // staged; the syncs wait for the disk side by side, not one after another.
    let synced = crate::threads::map_on(set.iter().collect(), IO_THREADS, |s: &Staged| {
        s.temp.as_file().sync_all().map_err(|error| WriteError { path: s.path.to_path_buf(), error })
    });
    synced.into_iter().collect::<Result<(), WriteError>>()?;
    let paths: Vec<&Path> = set.iter().map(|s| s.path).collect();
    // Keep a link to each old file so that a failed rename later in the set can restore it.
    let mut backups = Vec::with_capacity(paths.len());
    if paths.len() > 1 {
        for path in &paths {
            backups.push(backup(path).map_err(|error| WriteError { path: path.to_path_buf(), error })?);
        }
    }
    let mut done: Vec<usize> = Vec::new();
    for (i, staged) in set.into_iter().enumerate() {
        let path = paths[i];
        let result = before_rename(i).and_then(|_| staged.temp.persist(path).map(drop).map_err(|e| e.error));
        if let Err(error) = result {
            for &j in done.iter().rev() {
                match backups.get_mut(j).and_then(Option::take) {
                    Some(old) => {
                        let _ = old.persist(paths[j]);
                    }
                    None => {
                        let _ = std::fs::remove_file(paths[j]);
                    }
                }
            }
            return Err(WriteError { path: path.to_path_buf(), error });
        }
        done.push(i);
    }
    // The backups go before the folders are synced: removing a name from a folder whose block
    // is being written out waits for that write (milliseconds each on a busy disk).
    remove_backups(backups);
    let mut folders: Vec<&Path> = paths.iter().map(|path| folder_of(path)).collect();
    folders.sort_unstable();
    folders.dedup();
    for dir in folders {
        sync_dir(dir);
    }
    Ok(())
}

/// Removes a set's backups. Removing the last name of an old file frees its cached pages and its
/// blocks, and where the file system discards freed blocks it waits for the disk (about 1 ms
/// for a 1 MB file, README "Scale"): the removals wait side by side.
fn remove_backups(backups: Vec<Option<tempfile::NamedTempFile<()>>>) {
    crate::threads::map_on(backups.into_iter().flatten().collect(), IO_THREADS, drop);
}

/// Most threads a set's syncs or removals take at once: each call mostly waits for the disk, and
/// the waits overlap.
const IO_THREADS: usize = 8;

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// The hidden prefix of temporary files beside `path`: `.NAME.` (a random part follows).
fn temp_prefix(path: &Path) -> String {
    format!(".{}.", path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default())
}

/// The existing output file's metadata, refusing links and anything that is not a regular file.
fn existing(path: &Path) -> io::Result<Option<std::fs::Metadata>> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(io::Error::other(
            "the output path is a symbolic link; strata does not write through links (give the link's target instead)",
        )),
        Ok(m) if !m.is_file() => Err(io::Error::other("the output path exists and is not a regular file")),
        Ok(m) => Ok(Some(m)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// A temporary file beside `path` holding `bytes`, with the old file's permissions, its data
/// on its way to the disk (the caller syncs it).
fn prepare(path: &Path, bytes: &[u8]) -> io::Result<tempfile::NamedTempFile> {
    let old = existing(path)?;
    let mode = old.as_ref().map_or(0o666, |m| m.permissions().mode() & 0o7777);
    let prefix = temp_prefix(path);
    let mut temp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .permissions(std::fs::Permissions::from_mode(mode))
        .tempfile_in(folder_of(path))?;
    if let Some(m) = &old {
        // The umask applied at creation; a replaced file keeps exactly its mode and owner.
        temp.as_file().set_permissions(std::fs::Permissions::from_mode(mode))?;
        if m.uid() != temp.as_file().metadata()?.uid() {
            let _ = std::os::unix::fs::fchown(temp.as_file(), Some(m.uid()), Some(m.gid()));
        }
    }
    temp.write_all(bytes)?;
    start_writeback(temp.as_file());
    Ok(temp)
}

/// A hard link (or, where links are not supported, a copy) of the file at `path`, when there is
/// one, under a random name in its folder.
fn backup(path: &Path) -> io::Result<Option<tempfile::NamedTempFile<()>>> {
    if existing(path)?.is_none() {
        return Ok(None);
    }
    let prefix = temp_prefix(path);
    let mut b = tempfile::Builder::new();
    b.prefix(&prefix).suffix(".bak");
    match b.make_in(folder_of(path), |p| std::fs::hard_link(path, p)) {
        Ok(t) => Ok(Some(t)),
        Err(_) => b.make_in(folder_of(path), |p| std::fs::copy(path, p).map(drop)).map(Some),
    }
}

/// Starts writing the file's data to the disk without waiting, so that the writes of a set
/// overlap; the sync that follows waits for them. Only a hint: a failure shows in that sync.
fn start_writeback(file: &std::fs::File) {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        // SAFETY: the descriptor is open for the call's duration; the call only starts I/O.
        unsafe { libc::sync_file_range(file.as_raw_fd(), 0, 0, libc::SYNC_FILE_RANGE_WRITE) };
    }
    #[cfg(not(target_os = "linux"))]
    let _ = file;
}

fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Why an input file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// The path is a folder.
    Folder,
    /// A FIFO, device or socket: reading it could block or never end.
    NotRegular(&'static str),
    /// Larger than the limit.
    TooLarge {
        /// The file's size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// Opening or reading failed.
    Io(io::Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::i18n::{Msg, tr, trf};
        let text = match self {
            ReadError::Folder => tr(Msg::IsAFolder).to_string(),
            ReadError::NotRegular(kind) => {
                let kind = match *kind {
                    "FIFO (named pipe)" => Msg::KindFifo,
                    "character device" => Msg::KindCharDevice,
                    "block device" => Msg::KindBlockDevice,
                    "socket" => Msg::KindSocket,
                    _ => Msg::KindSpecial,
                };
                trf(Msg::NotARegularFile, &[&tr(kind)])
            }
            ReadError::TooLarge { size, limit } => trf(Msg::TooLarge, &[&human_size(*size), &human_size(*limit)]),
            ReadError::Io(e) => trf(Msg::CannotReadIo, &[&crate::i18n::os_error(e)]),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for ReadError {}

/// A byte count for a message: whole MiB where it is one, else MiB with one decimal from 1 MiB
/// up, else bytes.
fn human_size(n: u64) -> String {
    use crate::i18n::{Msg, Noun, count, number, trf};
    if n >= 1 << 20 && n.is_multiple_of(1 << 20) {
        trf(Msg::Mebibytes, &[&(n >> 20)])
    } else if n >= 1 << 20 {
        trf(Msg::Mebibytes, &[&number((n as f64 / 1048576.0 * 10.0).round() / 10.0)])
    } else {
        count(n as usize, Noun::Byte)
    }
}

/// Reads a whole input file of at most `limit` bytes. The file type is checked on the opened
/// file before anything is read (opened non-blocking, so a FIFO cannot hang the open): folders,
/// FIFOs, devices and sockets are refused, and so is a file over the limit (or one that grows
/// past it while being read).
pub fn read_input(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(|e| if path.is_dir() { ReadError::Folder } else { ReadError::Io(e) })?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    let ft = meta.file_type();
    if ft.is_dir() {
        return Err(ReadError::Folder);
    }
    if !ft.is_file() {
        use std::os::unix::fs::FileTypeExt;
        let kind = if ft.is_fifo() {
            "FIFO (named pipe)"
        } else if ft.is_char_device() {
            "character device"
        } else if ft.is_block_device() {
            "block device"
        } else if ft.is_socket() {
            "socket"
        } else {
            "special file"
        };
        return Err(ReadError::NotRegular(kind));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge { size: meta.len(), limit });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1).read_to_end(&mut bytes).map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { size: bytes.len() as u64, limit });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        v.sort();
        v
    }

    #[test]
    fn replaces_whole_file_keeps_mode_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.json");
        std::fs::write(&p, "old").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&p, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
        assert_eq!(std::fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o640);
        assert_eq!(names(dir.path()), ["out.json"]);
        let fresh = dir.path().join("fresh.json");
        write_atomic(&fresh, b"x").unwrap();
        let mode = std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777;
        assert!(mode & 0o644 == 0o644 || mode & 0o600 == 0o600, "a new file is readable as umask allows: {mode:o}");
        let e = write_atomic(&dir.path().join("missing/x.json"), b"x").unwrap_err();
        assert!(e.to_string().contains("missing/x.json"), "{e}");
    }

    #[test]
    fn a_symlink_output_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "someone else's").unwrap();
        let link = dir.path().join("out.json");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        let e = write_atomic(&link, b"new").unwrap_err();
        assert!(e.to_string().contains("symbolic link"), "{e}");
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "someone else's");
        assert_eq!(names(dir.path()), ["out.json", "victim"]);
    }

    #[test]
    fn a_failure_mid_set_restores_the_old_set() {
        let dir = tempfile::tempdir().unwrap();
        let paths: Vec<PathBuf> = ["a.json", "b.json", "c.json"].iter().map(|n| dir.path().join(n)).collect();
        std::fs::write(&paths[0], "old a").unwrap();
        std::fs::write(&paths[2], "old c").unwrap();
        let files: Vec<(&Path, &[u8])> = paths.iter().map(|p| (p.as_path(), b"new".as_slice())).collect();
        // The third rename fails: a and b were already in place.
        let e =
            write_set_with(&files, |i| if i == 2 { Err(io::Error::other("disk gone")) } else { Ok(()) }).unwrap_err();
        assert!(e.to_string().contains("c.json") && e.to_string().contains("disk gone"), "{e}");
        assert_eq!(std::fs::read_to_string(&paths[0]).unwrap(), "old a");
        assert_eq!(std::fs::read_to_string(&paths[2]).unwrap(), "old c");
        assert_eq!(names(dir.path()), ["a.json", "c.json"], "b removed again, no temporaries left");
        // A folder in the way fails before anything is renamed.
        std::fs::create_dir(&paths[1]).unwrap();
        assert!(write_set(&files).unwrap_err().to_string().contains("b.json"));
        assert_eq!(std::fs::read_to_string(&paths[0]).unwrap(), "old a");
        assert_eq!(names(dir.path()), ["a.json", "b.json", "c.json"]);
        std::fs::remove_dir(&paths[1]).unwrap();
        write_set(&files).unwrap();
        assert!(paths.iter().all(|p| std::fs::read_to_string(p).unwrap() == "new"));
        assert_eq!(names(dir.path()), ["a.json", "b.json", "c.json"]);
    }

    #[test]
    fn a_staged_set_goes_in_place_together_or_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let paths: Vec<PathBuf> = ["a.json", "b.json"].iter().map(|n| dir.path().join(n)).collect();
        std::fs::write(&paths[0], "old a").unwrap();
        // Staged on two threads, then dropped: the old set stays, no temporary is left.
        let stage_both = || {
            std::thread::scope(|s| {
                let hs: Vec<_> = paths.iter().map(|p| s.spawn(move || stage(p, b"new").unwrap())).collect();
                hs.into_iter().map(|h| h.join().unwrap()).collect::<Vec<_>>()
            })
        };
        let set = stage_both();
        assert_eq!(names(dir.path()).len(), 3, "the two temporaries beside the old file");
        drop(set);
        assert_eq!(names(dir.path()), ["a.json"]);
        assert_eq!(std::fs::read_to_string(&paths[0]).unwrap(), "old a");
        commit_set(stage_both()).unwrap();
        assert!(paths.iter().all(|p| std::fs::read_to_string(p).unwrap() == "new"));
        assert_eq!(names(dir.path()), ["a.json", "b.json"]);
        let e = stage(&dir.path().join("missing/x.json"), b"x").unwrap_err();
        assert!(e.to_string().contains("missing/x.json"), "{e}");
    }

    #[test]
    fn inputs_that_are_not_regular_files_are_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(read_input(dir.path(), 10), Err(ReadError::Folder)));
        assert!(matches!(read_input(Path::new("/dev/zero"), 10), Err(ReadError::NotRegular(_))));
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let e = read_input(&fifo, 10).unwrap_err();
        assert!(e.to_string().contains("FIFO"), "{e}");
        let big = dir.path().join("big");
        std::fs::write(&big, "0123456789x").unwrap();
        assert!(read_input(&big, 10).unwrap_err().to_string().contains("too large"));
        assert_eq!(read_input(&big, 11).unwrap(), b"0123456789x");
    }
}
