//! Reading one input: standard input, a file, or a gzipped file, bounded and sniffed.

use std::io::Read;
use std::path::Path;

/// The bytes of an input: standard input for `-`, gunzipped for a `.gz` file (every
/// member of a multi-member file, as `cat a.gz b.gz` makes; see [`gunzip`]). At most
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
            gunzip(&raw, limit)?
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

/// The most gunzipped bytes held while the members' total size is not yet known. A
/// larger output is only counted from there on, then inflated once more into a buffer of
/// its size when it fits the limit: a bomb (a few kilobytes inflating past the limit) costs
/// this much memory, not the limit, and the few inputs larger than this are inflated twice.
const GUNZIP_HOLD: usize = 8 << 20;

/// Every gzip member of `raw`, one after another (`cat a.gz b.gz`, WARC files), at most
/// `limit` bytes in all. Bytes after the last member that do not start another one (the
/// zero padding some tools leave) are ignored, as `gzip -d` does; a corrupt member is an
/// error. At most [`GUNZIP_HOLD`] bytes are held before the total is known.
fn gunzip(raw: &[u8], limit: usize) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut holding = true;
    let total = inflate(raw, limit, |chunk| {
        if !holding {
            return;
        }
        if out.len() + chunk.len() <= GUNZIP_HOLD {
            out.extend_from_slice(chunk);
        } else {
            holding = false;
            out = Vec::new();
        }
    })?;
    if holding {
        return Ok(out);
    }
    let mut out = Vec::with_capacity(total);
    inflate(raw, limit, |chunk| out.extend_from_slice(chunk))?;
    Ok(out)
}

/// Inflates every member of `raw`, handing the output to `each` in chunks; the total
/// size, or an error once it passes `limit` (nothing past the limit is inflated).
fn inflate(raw: &[u8], limit: usize, mut each: impl FnMut(&[u8])) -> Result<usize, String> {
    const MAGIC: [u8; 2] = [0x1F, 0x8B];
    if !raw.starts_with(&MAGIC) {
        return Err("gzip: not gzip data (no gzip header)".into());
    }
    let mut buf = vec![0u8; 64 << 10];
    let mut total = 0usize;
    let mut rest = raw;
    while rest.starts_with(&MAGIC) {
        // `bufread` reads exactly one member from the slice and leaves the rest.
        let mut member = flate2::bufread::GzDecoder::new(rest);
        loop {
            let n = match member.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(format!("gzip: {e}")),
            };
            total = total.saturating_add(n);
            if total > limit {
                return Err(format!("over the {limit}-byte input limit"));
            }
            each(buf.get(..n).unwrap_or_default());
        }
        rest = member.into_inner();
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gzip_members_are_all_read_and_padding_ignored() {
        use std::io::Write;
        let gz = |text: &[u8]| {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(text).unwrap();
            e.finish().unwrap()
        };
        let mut raw = gz(b"first ");
        raw.extend(gz(b""));
        raw.extend(gz(b"second"));
        assert_eq!(gunzip(&raw, 100).unwrap(), b"first second");
        raw.extend([0u8; 512]);
        assert_eq!(gunzip(&raw, 100).unwrap(), b"first second");
        assert!(gunzip(&raw, 8).unwrap_err().contains("limit"));
        assert!(gunzip(b"<p>not gzip</p>", 100)
            .unwrap_err()
            .starts_with("gzip: "));
        let mut corrupt = gz(b"one");
        corrupt.extend(gz(b"two").get(..12).unwrap());
        assert!(gunzip(&corrupt, 100).unwrap_err().starts_with("gzip: "));
        let bomb = gz(&vec![b'a'; 1 << 20]);
        assert!(gunzip(&bomb, 1000).unwrap_err().contains("limit"));
    }

    #[test]
    fn gzip_bomb_is_refused_and_output_past_the_hold_inflated_again_whole() {
        use std::io::Write;
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let block = vec![b'a'; 1 << 20];
        let mut seen = 0;
        for _ in 0..3 * GUNZIP_HOLD / block.len() {
            e.write_all(&block).unwrap();
        }
        let bomb = e.finish().unwrap();
        let limit = 2 * GUNZIP_HOLD;
        // Every byte is handed over once; past the limit, refused.
        let total = inflate(&bomb, usize::MAX, |c| seen += c.len()).unwrap();
        assert_eq!(total, 3 * GUNZIP_HOLD);
        assert_eq!(seen, total);
        assert!(gunzip(&bomb, limit).unwrap_err().contains("limit"));
        // Larger than the hold but within the limit: inflated twice, whole and exact.
        let whole = gunzip(&bomb, 3 * GUNZIP_HOLD).unwrap();
        assert_eq!(whole.len(), 3 * GUNZIP_HOLD);
        assert!(whole.iter().all(|&b| b == b'a'));
        assert_eq!(whole.capacity(), whole.len());
    }
}
