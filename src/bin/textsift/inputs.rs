//! The inputs the arguments name, found lazily: a directory is walked one directory at a
//! time in name order, and a list file is read one line at a time, so a million inputs
//! never sit in memory at once.

use super::args::Source;
use std::collections::VecDeque;
use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Read};
use std::path::{Component, Path, PathBuf};

/// One input file.
#[derive(Debug)]
pub(crate) struct Input {
    /// The path as printed in messages and in JSON (`-` for standard input).
    pub(crate) path: PathBuf,
    /// Where its output goes under `--out DIR`: the path below the directory argument that
    /// found it, or the path as given.
    pub(crate) rel: PathBuf,
}

/// What the walk yields: an input, or a directory or list file that could not be read.
pub(crate) type Found = Result<Input, (PathBuf, String)>;

/// A directory being walked: its remaining entries, in reverse name order (popped last first).
struct OpenDir {
    dir: PathBuf,
    /// The directory's identity, to notice a symlink that loops back to an ancestor.
    id: DirId,
    entries: Vec<(Box<OsStr>, bool)>,
}

/// The lazy walk over every source, in argument order.
pub(crate) struct Walk {
    sources: VecDeque<Source>,
    /// The directory argument being walked, and its open directories (innermost last).
    root: Option<PathBuf>,
    dirs: Vec<OpenDir>,
    list: Option<(PathBuf, std::io::Lines<BufReader<std::fs::File>>)>,
}

impl Walk {
    pub(crate) fn new(sources: &[Source]) -> Self {
        Walk {
            sources: sources.iter().cloned().collect(),
            root: None,
            dirs: Vec::new(),
            list: None,
        }
    }

    /// The next input from the directory being walked, if any.
    fn next_in_dirs(&mut self) -> Option<Found> {
        let root = self.root.as_ref()?;
        loop {
            let Some(top) = self.dirs.last_mut() else {
                self.root = None;
                return None;
            };
            let Some((name, is_dir)) = top.entries.pop() else {
                self.dirs.pop();
                continue;
            };
            let path = top.dir.join(&*name);
            if is_dir {
                match open_dir(&path) {
                    Ok(dir) if self.dirs.iter().any(|d| d.id == dir.id) => {
                        let msg = "directory loop: a symbolic link leads back to a directory being walked";
                        return Some(Err((path, msg.to_string())));
                    }
                    Ok(dir) => self.dirs.push(dir),
                    Err(e) => return Some(Err((path, e))),
                }
                continue;
            }
            let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            return Some(Ok(Input { path, rel }));
        }
    }

    /// The next input named by the list file being read, if any.
    fn next_in_list(&mut self) -> Option<Found> {
        let (list, lines) = self.list.as_mut()?;
        for line in lines.by_ref() {
            match line {
                Ok(line) => {
                    let line = line.trim();
                    if line.is_empty() {
                        continue;
                    }
                    return Some(Ok(Input::named(PathBuf::from(line))));
                }
                Err(e) => {
                    let list = list.clone();
                    self.list = None;
                    return Some(Err((list, e.to_string())));
                }
            }
        }
        self.list = None;
        None
    }
}

impl Iterator for Walk {
    type Item = Found;

    fn next(&mut self) -> Option<Found> {
        loop {
            if let Some(found) = self.next_in_dirs() {
                return Some(found);
            }
            if let Some(found) = self.next_in_list() {
                return Some(found);
            }
            match self.sources.pop_front()? {
                Source::List(list) => match std::fs::File::open(&list) {
                    Ok(f) => self.list = Some((list, BufReader::new(f).lines())),
                    Err(e) => return Some(Err((list, e.to_string()))),
                },
                Source::Path(path) if path.as_os_str() != "-" && path.is_dir() => {
                    match open_dir(&path) {
                        Ok(dir) => {
                            self.dirs.push(dir);
                            self.root = Some(path);
                        }
                        Err(e) => return Some(Err((path, e))),
                    }
                }
                Source::Path(path) => return Some(Ok(Input::named(path))),
            }
        }
    }
}

impl Input {
    /// An input named directly (argument or list line): mirrored as given under `--out`.
    fn named(path: PathBuf) -> Input {
        let rel = if path.as_os_str() == "-" {
            PathBuf::from("stdin")
        } else {
            path.components()
                .filter(|c| matches!(c, Component::Normal(_)))
                .collect()
        };
        Input { path, rel }
    }
}

/// Reads a directory's input files and subdirectories, sorted by name.
fn open_dir(dir: &Path) -> Result<OpenDir, String> {
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| e.to_string())? {
        let Ok(entry) = entry else { continue };
        let name = entry.file_name();
        let is_dir = match entry.file_type() {
            Ok(t) if t.is_symlink() => entry.path().is_dir(),
            Ok(t) => t.is_dir(),
            Err(_) => continue,
        };
        if is_dir || is_input_name(&name) {
            entries.push((name.into_boxed_os_str(), is_dir));
        }
    }
    entries.sort_unstable_by(|a, b| b.0.cmp(&a.0)); // reversed: popped from the end
    Ok(OpenDir {
        dir: dir.to_path_buf(),
        id: dir_id(dir)?,
        entries,
    })
}

/// What identifies a directory however it is reached (device and inode on Unix).
#[cfg(unix)]
type DirId = (u64, u64);
#[cfg(not(unix))]
type DirId = PathBuf;

#[cfg(unix)]
fn dir_id(dir: &Path) -> Result<DirId, String> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(dir).map_err(|e| e.to_string())?;
    Ok((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn dir_id(dir: &Path) -> Result<DirId, String> {
    std::fs::canonicalize(dir).map_err(|e| e.to_string())
}

/// `.html`, `.htm`, `.md`, and gzipped `.html.gz` / `.htm.gz` (any case).
fn is_input_name(name: &OsStr) -> bool {
    let Some(name) = name.to_str() else {
        return false;
    };
    let lower = name.to_ascii_lowercase();
    let lower = lower.strip_suffix(".gz").unwrap_or(&lower);
    [".html", ".htm", ".md"].iter().any(|e| lower.ends_with(e))
}

/// The bytes of an input: standard input for `-`, gunzipped for a `.gz` file. At most
/// `limit` bytes are read (a larger input is refused, not truncated); only regular files
/// are opened (a FIFO or device would block or never end); empty and binary files are
/// refused with a one-line reason.
pub(crate) fn read(path: &Path, limit: usize) -> Result<Vec<u8>, String> {
    let too_large = || format!("over the {limit}-byte input limit");
    let bounded = |mut reader: Box<dyn Read + '_>| -> Result<Vec<u8>, String> {
        let mut buf = Vec::new();
        reader
            .by_ref()
            .take(limit as u64 + 1)
            .read_to_end(&mut buf)
            .map_err(|e| e.to_string())?;
        if buf.len() > limit {
            return Err(too_large());
        }
        Ok(buf)
    };
    let bytes = if path.as_os_str() == "-" {
        bounded(Box::new(std::io::stdin().lock()))?
    } else {
        let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
        if meta.is_dir() {
            return Err("is a directory".into());
        }
        if !meta.is_file() {
            return Err("not a regular file (a FIFO, socket or device is not read)".into());
        }
        let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
        {
            let raw = bounded(Box::new(file))?;
            bounded(Box::new(flate2::read::GzDecoder::new(raw.as_slice()))).map_err(|e| {
                if e == too_large() {
                    e
                } else {
                    format!("gzip: {e}")
                }
            })?
        } else {
            bounded(Box::new(file))?
        }
    };
    if bytes.is_empty() {
        return Err("empty file (0 bytes)".into());
    }
    if let Some(reason) = super::sniff::not_html(&bytes) {
        return Err(reason);
    }
    Ok(bytes)
}
