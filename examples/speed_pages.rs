//! Extracts every file of a directory once, in process, for instruction counts:
//! `valgrind --tool=callgrind --dump-instr=no target/release/examples/speed_pages DIR`
//! (DIR holding the bench's articles gunzipped, for instance). Prints the text bytes.

fn main() {
    let dir = std::env::args().nth(1).expect("usage: speed_pages DIR");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("a readable directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    let pages: Vec<Vec<u8>> = paths.iter().filter_map(|p| std::fs::read(p).ok()).collect();
    let mut n = 0;
    for p in &pages {
        n += textsift::extract(p).map(|a| a.text().len()).unwrap_or(0);
    }
    println!("{n}");
}
