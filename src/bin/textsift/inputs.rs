//! The inputs the arguments name, found lazily: a directory is walked one directory at a
//! time in name order, and a list file is read one line at a time, so a million inputs
//! never sit in memory at once.
//!
//! Names are handled as bytes (`OsStr`), never as `str`: a file name that is not UTF-8 is
//! walked like any other (on Unix, where names are bytes). Whatever cannot be read (a
//! directory entry, a list line) is reported as one error and the walk goes on.

use super::args::Source;
use std::collections::{HashSet, VecDeque};
use std::ffi::OsStr;
use std::io::{BufRead, BufReader};
use std::path::{Component, Path, PathBuf};

/// One input file.
#[derive(Debug)]
pub(crate) struct Input {
    /// The path as printed in messages and in JSON (`-` for standard input).
    pub(crate) path: PathBuf,
    /// Where its output goes under `--out DIR`, relative to `DIR` (see [`Walk::new`]).
    pub(crate) rel: PathBuf,
}

/// What the walk yields: an input, or something that could not be read and why.
pub(crate) type Found = Result<Input, (PathBuf, String)>;

/// The longest line a list file may hold (longer lines are reported and skipped).
const MAX_LIST_LINE: usize = 32 * 1024;

/// A directory being walked: its remaining entries, in reverse name order (popped last first).
struct OpenDir {
    dir: PathBuf,
    /// The directory's identity, to notice a symlink that loops back to an ancestor.
    id: DirId,
    entries: Vec<(Box<OsStr>, bool)>,
}

/// A directory source being walked: where it is and where its outputs go.
struct Root {
    path: PathBuf,
    /// Prefix of every `rel` below it.
    mirror: PathBuf,
}

/// A list file being read.
struct List {
    path: PathBuf,
    reader: BufReader<std::fs::File>,
    line_no: u64,
    buf: Vec<u8>,
}

/// The lazy walk over every source, in argument order.
pub(crate) struct Walk {
    sources: VecDeque<Source>,
    /// The directory source being walked, and its open directories (innermost last).
    root: Option<Root>,
    dirs: Vec<OpenDir>,
    /// Entries of open directories that could not be read, reported before going on.
    pending: Vec<(PathBuf, String)>,
    list: Option<List>,
    /// A directory never walked into (the `--out` directory).
    skip: Option<DirId>,
    /// Whether each directory source is mirrored below its own path (see [`Walk::new`]).
    mirror_dirs: bool,
    /// Hashes of the mirror prefixes given out so far.
    mirrors: HashSet<u64>,
    /// Directory sources started so far (their position, for a prefix that is taken).
    dir_sources: u64,
    /// Only counting (the progress bar's length): list files that are not regular files
    /// (`@/dev/stdin`, a FIFO) are left alone, since reading them would take their lines
    /// from the real walk.
    counting: bool,
}

impl Walk {
    /// A walk over `sources` that never enters the directory `skip`.
    ///
    /// Under `--out`, an input named directly (argument or list line) keeps its path as
    /// given (its normal components: `a/post.html` → `a/post.html`, `/abs/x.html` →
    /// `abs/x.html`). Below a directory source, the path below it: a lone directory
    /// argument keeps the layout the tool always had (`site/a/x.html` → `a/x.html`); with
    /// several sources each directory is mirrored below its own path as given
    /// (`one/site` → `one/site/…`), so two directories never share a prefix. A directory
    /// named `.` or `..` takes its real name; a prefix already given to an earlier source
    /// gets its position (`site~2`).
    pub(crate) fn new(sources: &[Source], skip: Option<DirId>) -> Self {
        let lone_dir = matches!(sources, [Source::Path(p)] if is_dir_arg(p));
        Walk {
            sources: sources.iter().cloned().collect(),
            root: None,
            dirs: Vec::new(),
            pending: Vec::new(),
            list: None,
            skip,
            mirror_dirs: !lone_dir,
            mirrors: HashSet::new(),
            dir_sources: 0,
            counting: false,
        }
    }

    /// A walk that only counts the inputs: as [`Walk::new`], but it never reads a list
    /// file that is not a regular file.
    pub(crate) fn counting(sources: &[Source], skip: Option<DirId>) -> Self {
        Walk {
            counting: true,
            ..Walk::new(sources, skip)
        }
    }

    /// The next input from the directory source being walked, if any.
    fn next_in_dirs(&mut self) -> Option<Found> {
        self.root.as_ref()?;
        loop {
            if let Some(e) = self.pending.pop() {
                return Some(Err(e));
            }
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
                match dir_id(&path) {
                    Ok(id) if Some(&id) == self.skip.as_ref() => {}
                    Ok(id) if self.dirs.iter().any(|d| d.id == id) => {
                        let msg = "directory loop: a symbolic link leads back to a directory being walked";
                        return Some(Err((path, msg.to_string())));
                    }
                    Ok(id) => match open_dir(&path, id, &mut self.pending) {
                        Ok(dir) => self.dirs.push(dir),
                        Err(e) => return Some(Err((path, e))),
                    },
                    Err(e) => return Some(Err((path, e))),
                }
                continue;
            }
            let rel = match &self.root {
                Some(root) => root
                    .mirror
                    .join(path.strip_prefix(&root.path).unwrap_or(&path)),
                None => normal_components(&path),
            };
            return Some(Ok(Input { path, rel }));
        }
    }

    /// Starts walking the directory source `path`, or says why it cannot be walked.
    fn start_dir(&mut self, path: PathBuf) -> Option<Found> {
        let id = match dir_id(&path) {
            Ok(id) => id,
            Err(e) => return Some(Err((path, e))),
        };
        if Some(&id) == self.skip.as_ref() {
            let msg = "is the --out directory: outputs are not read as inputs";
            return Some(Err((path, msg.to_string())));
        }
        let dir = match open_dir(&path, id, &mut self.pending) {
            Ok(dir) => dir,
            Err(e) => return Some(Err((path, e))),
        };
        self.dir_sources += 1;
        let mirror = if self.mirror_dirs {
            self.mirror_prefix(&path)
        } else {
            PathBuf::new()
        };
        self.dirs.push(dir);
        self.root = Some(Root { path, mirror });
        None
    }

    /// The prefix a directory source's outputs go under when several sources share `--out`.
    fn mirror_prefix(&mut self, dir: &Path) -> PathBuf {
        let mut prefix = normal_components(dir);
        if prefix.as_os_str().is_empty() {
            // `.`, `..`, `/`: the directory's own name.
            let real = std::fs::canonicalize(dir).ok();
            let name = real.as_deref().and_then(Path::file_name);
            prefix = PathBuf::from(name.unwrap_or(OsStr::new("root")));
        }
        let position = self.dir_sources;
        while !self.mirrors.insert(super::output::hash_path(&prefix)) {
            let mut taken = prefix.into_os_string();
            taken.push(format!("~{position}"));
            prefix = PathBuf::from(taken);
        }
        prefix
    }

    /// A path argument or list line: an input, or a directory to walk.
    fn open_path(&mut self, path: PathBuf) -> Option<Found> {
        if is_dir_arg(&path) {
            return self.start_dir(path);
        }
        Some(Ok(Input::named(path)))
    }
}

impl Iterator for Walk {
    type Item = Found;

    fn next(&mut self) -> Option<Found> {
        loop {
            if let Some(found) = self.next_in_dirs() {
                return Some(found);
            }
            if let Some(list) = &mut self.list {
                match list.next_line() {
                    Ok(Some(Ok(path))) => match self.open_path(path) {
                        Some(found) => return Some(found),
                        None => continue,
                    },
                    Ok(Some(Err(e))) => return Some(Err((list.path.clone(), e))),
                    Ok(None) => self.list = None,
                    Err(e) => {
                        let found = Err((list.path.clone(), e));
                        self.list = None;
                        return Some(found);
                    }
                }
                continue;
            }
            match self.sources.pop_front()? {
                Source::List(path)
                    if self.counting && !std::fs::metadata(&path).is_ok_and(|m| m.is_file()) => {}
                Source::List(path) => match std::fs::File::open(&path) {
                    Ok(f) if f.metadata().is_ok_and(|m| m.is_dir()) => {
                        return Some(Err((path, "a list file, but a directory".into())))
                    }
                    Ok(f) => {
                        self.list = Some(List {
                            path,
                            reader: BufReader::new(f),
                            line_no: 0,
                            buf: Vec::new(),
                        })
                    }
                    Err(e) => return Some(Err((path, e.to_string()))),
                },
                Source::Path(path) => {
                    if let Some(found) = self.open_path(path) {
                        return Some(found);
                    }
                }
            }
        }
    }
}

impl List {
    /// The next path the list names: `Ok(None)` at its end, `Ok(Some(Err))` for a line
    /// that names nothing (reported, then the list goes on), `Err` when the list itself
    /// cannot be read further.
    fn next_line(&mut self) -> Result<Option<Result<PathBuf, String>>, String> {
        loop {
            let Some(too_long) = read_line(&mut self.reader, &mut self.buf, MAX_LIST_LINE)
                .map_err(|e| format!("after line {}: {e}", self.line_no))?
            else {
                return Ok(None);
            };
            self.line_no += 1;
            let n = self.line_no;
            if too_long {
                let msg = format!("line {n}: longer than {MAX_LIST_LINE} bytes, skipped");
                return Ok(Some(Err(msg)));
            }
            let mut line = self.buf.trim_ascii();
            if n == 1 {
                // A list saved by an editor that starts files with a UTF-8 byte-order mark.
                line = line
                    .strip_prefix(b"\xEF\xBB\xBF")
                    .unwrap_or(line)
                    .trim_ascii();
            }
            if line.is_empty() {
                continue;
            }
            return Ok(Some(path_from_bytes(line).ok_or_else(|| {
                format!("line {n}: not UTF-8, which names no file on this system")
            })));
        }
    }
}

/// Reads one line (without its `\n`) into `buf`, keeping at most `max` bytes: `None` at
/// the end of the input, `Some(true)` when the line was longer (its rest is skipped). A NUL
/// does not end a line: a UTF-16 list would be cut into one-character names, `/` and `.`
/// among them, each a directory to walk; a line holding one is reported instead.
fn read_line(r: &mut impl BufRead, buf: &mut Vec<u8>, max: usize) -> std::io::Result<Option<bool>> {
    buf.clear();
    let mut seen = false;
    let mut too_long = false;
    loop {
        let chunk = match r.fill_buf() {
            Ok(chunk) => chunk,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(seen.then_some(too_long));
        }
        seen = true;
        let (take, newline) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i, true),
            None => (chunk.len(), false),
        };
        if !too_long {
            match chunk.get(..take) {
                Some(part) if part.len() <= max - buf.len() => buf.extend_from_slice(part),
                _ => {
                    too_long = true;
                    buf.clear();
                }
            }
        }
        r.consume(take + usize::from(newline));
        if newline {
            return Ok(Some(too_long));
        }
    }
}

/// A path from the bytes of a list line or argument: any bytes on Unix, UTF-8 elsewhere.
pub(crate) fn path_from_bytes(bytes: &[u8]) -> Option<PathBuf> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        Some(PathBuf::from(OsStr::from_bytes(bytes)))
    }
    #[cfg(not(unix))]
    {
        std::str::from_utf8(bytes).ok().map(PathBuf::from)
    }
}

/// Whether an argument or list line names a directory to walk (`-` is standard input).
fn is_dir_arg(path: &Path) -> bool {
    path.as_os_str() != "-" && path.is_dir()
}

/// The path's plain components (no root, no `.` or `..`), as a relative path.
fn normal_components(path: &Path) -> PathBuf {
    path.components()
        .filter(|c| matches!(c, Component::Normal(_)))
        .collect()
}

impl Input {
    /// An input named directly (argument or list line): mirrored as given under `--out`.
    fn named(path: PathBuf) -> Input {
        let rel = if path.as_os_str() == "-" {
            PathBuf::from("stdin")
        } else {
            normal_components(&path)
        };
        Input { path, rel }
    }
}

/// Reads a directory's input files and subdirectories, sorted by name (as bytes). An
/// entry that cannot be read is added to `errors`.
fn open_dir(dir: &Path, id: DirId, errors: &mut Vec<(PathBuf, String)>) -> Result<OpenDir, String> {
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| e.to_string())? {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                errors.push((dir.to_path_buf(), format!("reading the directory: {e}")));
                continue;
            }
        };
        let name = entry.file_name();
        let is_dir = match entry.file_type() {
            Ok(t) if t.is_symlink() => entry.path().is_dir(),
            Ok(t) => t.is_dir(),
            Err(e) => {
                if is_input_name(&name) {
                    errors.push((entry.path(), e.to_string()));
                }
                continue;
            }
        };
        if is_dir || is_input_name(&name) {
            entries.push((name.into_boxed_os_str(), is_dir));
        }
    }
    entries.sort_unstable_by(|a, b| b.0.cmp(&a.0)); // reversed: popped from the end
    Ok(OpenDir {
        dir: dir.to_path_buf(),
        id,
        entries,
    })
}

/// What identifies a directory however it is reached (device and inode on Unix).
#[cfg(unix)]
pub(crate) type DirId = (u64, u64);
#[cfg(not(unix))]
pub(crate) type DirId = PathBuf;

#[cfg(unix)]
pub(crate) fn dir_id(dir: &Path) -> Result<DirId, String> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(dir).map_err(|e| e.to_string())?;
    Ok((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
pub(crate) fn dir_id(dir: &Path) -> Result<DirId, String> {
    std::fs::canonicalize(dir).map_err(|e| e.to_string())
}

/// `.html`, `.htm`, `.md`, and gzipped `.html.gz` / `.htm.gz` (any case), judged on the
/// name's bytes, so a name that is not UTF-8 counts like any other.
fn is_input_name(name: &OsStr) -> bool {
    let name = name.as_encoded_bytes();
    let ends = |s: &[u8], suffix: &[u8]| {
        s.len() >= suffix.len()
            && s.get(s.len() - suffix.len()..)
                .is_some_and(|end| end.eq_ignore_ascii_case(suffix))
    };
    let base = if ends(name, b".gz") {
        name.get(..name.len() - 3).unwrap_or_default()
    } else {
        name
    };
    [&b".html"[..], b".htm", b".md"]
        .iter()
        .any(|e| ends(base, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn progress_count_does_not_read_a_list_from_a_pipe() {
        let dir = std::env::temp_dir().join(format!("textsift-count-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let fifo = dir.join("list");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success());
        if !made {
            eprintln!("skipping: mkfifo failed");
            return;
        }
        // Opening the FIFO would block (and, with a writer, steal its lines).
        let sources = [Source::List(fifo)];
        assert_eq!(Walk::counting(&sources, None).count(), 0);
    }

    #[test]
    fn input_names_are_judged_on_bytes() {
        assert!(is_input_name(OsStr::new("a.HTML")));
        assert!(is_input_name(OsStr::new("a.htm.GZ")));
        assert!(is_input_name(OsStr::new("post.md")));
        assert!(!is_input_name(OsStr::new("a.gz")));
        assert!(!is_input_name(OsStr::new("html")));
        assert!(!is_input_name(OsStr::new("a.txt")));
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            assert!(is_input_name(OsStr::from_bytes(b"caf\xe9.html")));
        }
    }

    #[cfg(unix)]
    #[test]
    fn list_with_a_bom_names_its_first_file_and_nul_splits_no_line() {
        let dir = std::env::temp_dir().join(format!("textsift-list-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let list = dir.join("list");
        std::fs::write(&list, b"\xEF\xBB\xBFa.html\r\nb.html\0/\0.\nd.html").unwrap();
        let names: Vec<PathBuf> = Walk::new(&[Source::List(list.clone())], None)
            .map(|found| found.map_or_else(|(path, _)| path, |input| input.path))
            .collect();
        // The NUL line is one name (the open reports it), never `/` or `.` to walk.
        let want: Vec<PathBuf> = ["a.html", "b.html\0/\0.", "d.html"]
            .iter()
            .map(PathBuf::from)
            .collect();
        assert_eq!(names, want);
        // A UTF-16 list: its lines are names with NULs, not a walk of `/`.
        let utf16: Vec<u8> = "\u{FEFF}/\n.\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        std::fs::write(&list, utf16).unwrap();
        assert!(Walk::new(&[Source::List(list)], None).count() <= 3);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn list_lines_are_bounded_and_go_on_after_a_bad_one() {
        let text = format!("a\n{}\nb\r\n\nc", "x".repeat(100));
        let mut r = std::io::Cursor::new(text.into_bytes());
        let mut buf = Vec::new();
        let mut got = Vec::new();
        while let Some(long) = read_line(&mut r, &mut buf, 10).unwrap() {
            got.push((long, String::from_utf8_lossy(&buf).into_owned()));
        }
        let want = [
            (false, "a"),
            (true, ""),
            (false, "b\r"),
            (false, ""),
            (false, "c"),
        ];
        let want: Vec<_> = want.iter().map(|(l, s)| (*l, s.to_string())).collect();
        assert_eq!(got, want);
    }
}
