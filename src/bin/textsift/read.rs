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

/// Every gzip member of `raw`, one after another (`cat a.gz b.gz`, WARC files), at most
/// `limit` bytes in all. Bytes after the last member that do not start another one (the
/// zero padding some tools leave) are ignored, as `gzip -d` does; a corrupt member is an
/// error.
fn gunzip(raw: &[u8], limit: usize) -> Result<Vec<u8>, String> {
    const MAGIC: [u8; 2] = [0x1F, 0x8B];
    if !raw.starts_with(&MAGIC) {
        return Err("gzip: not gzip data (no gzip header)".into());
    }
    let mut out = Vec::new();
    let mut rest = raw;
    while rest.starts_with(&MAGIC) {
        // `bufread` reads exactly one member from the slice and leaves the rest.
        let mut member = flate2::bufread::GzDecoder::new(rest);
        let room = (limit + 1).saturating_sub(out.len()) as u64;
        (&mut member)
            .take(room)
            .read_to_end(&mut out)
            .map_err(|e| format!("gzip: {e}"))?;
        if out.len() > limit {
            return Err(format!("over the {limit}-byte input limit"));
        }
        rest = member.into_inner();
    }
    Ok(out)
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
}
