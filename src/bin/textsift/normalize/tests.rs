//! `textsift normalize` in bounded memory: invalid UTF-8 goes on, long lines are cut
//! where the cut changes nothing.

use super::super::diag::Diag;
use super::super::pieces::{self, exact_cuts, scan_all, Cut};
use super::{run, Lines};
use proptest::prelude::*;
use std::io::Cursor;
use textsift::{normalize, Policy};

const POLICIES: [Policy; 3] = [Policy::Compact, Policy::Pangu, Policy::Keep];

/// `input` through the tool's loop with pieces of `piece` bytes: (output, the cuts made,
/// stderr).
fn stream(input: &[u8], policy: Policy, piece: usize) -> (String, Vec<Cut>, String) {
    let mut lines = Lines::new(policy, piece);
    let mut out = Vec::new();
    let mut err = Vec::new();
    {
        let mut diag = Diag::new(&mut err);
        let result = lines.copy(&mut Cursor::new(input), &mut out, &mut diag);
        assert!(result.is_ok());
    }
    (
        String::from_utf8(out).expect("the output is UTF-8"),
        lines.cuts,
        String::from_utf8_lossy(&err).into_owned(),
    )
}

/// `normalize` applied piece by piece at `cuts`.
fn pieced(text: &str, cuts: &[usize], policy: Policy) -> String {
    let mut out = String::new();
    let mut from = 0;
    for &cut in cuts.iter().chain([text.len()].iter()) {
        out.push_str(&normalize(
            text.get(from..cut).expect("cut on a boundary"),
            policy,
        ));
        from = cut;
    }
    out
}

#[test]
fn normalize_invalid_utf8_line_is_replaced_and_the_rest_is_kept() {
    let input =
        b"first ok\nbad \xff\xfe byte\n\xe4\xb8\nlast ( \xe4\xb8\xad\xe6\x96\x87 )\r\nno newline";
    let (out, _, err) = stream(input, Policy::Compact, 1 << 20);
    assert_eq!(
        out,
        "first ok\nbad \u{FFFD}\u{FFFD} byte\n\u{FFFD}\nlast（中文）\nno newline\n"
    );
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].contains("line 2:") && lines[1].contains("line 3:"),
        "{err}"
    );
}

#[test]
fn normalize_warnings_are_bounded() {
    let input: Vec<u8> = (0..50).flat_map(|_| b"x\xff\n".to_vec()).collect();
    let mut out = Vec::new();
    let mut err = Vec::new();
    let code = run(
        Policy::Compact,
        &mut Cursor::new(input),
        &mut out,
        &mut Diag::new(&mut err),
    );
    assert_eq!(code, 0);
    let err = String::from_utf8(err).unwrap();
    assert_eq!(err.lines().count(), 11, "{err}");
    assert!(
        err.lines().last().unwrap().contains("40 more lines"),
        "{err}"
    );
}

#[test]
fn normalize_incomplete_character_at_a_piece_edge_is_not_split() {
    // Pieces of 7 bytes fall inside the 3-byte characters.
    let line = "中文。中文！中文？中文。abc 中文";
    let (out, cuts, err) = stream(line.as_bytes(), Policy::Compact, 7);
    assert!(err.is_empty(), "{err}");
    assert!(!cuts.is_empty());
    assert_eq!(out.trim_end(), normalize(line, Policy::Compact));
}

#[test]
fn normalize_line_of_exactly_one_piece_is_whole() {
    let line = "中文 ( 测试 ) ok";
    let (out, cuts, _) = stream(
        format!("{line}\n{line}").as_bytes(),
        Policy::Compact,
        line.len(),
    );
    assert!(cuts.is_empty(), "{cuts:?}");
    assert_eq!(out, "中文（测试）ok\n中文（测试）ok\n");
    let (_, cuts, _) = stream(format!("{line}!").as_bytes(), Policy::Compact, line.len());
    assert_eq!(cuts.len(), 1);
}

#[test]
fn normalize_long_ascii_line_is_exact_in_pieces() {
    let line = "word  and\tanother  ".repeat(200);
    let (out, cuts, _) = stream(line.as_bytes(), Policy::Compact, 64);
    assert!(cuts.len() > 10);
    assert_eq!(out, format!("{}\n", normalize(&line, Policy::Compact)));
    let spaces = format!("a{}b", " ".repeat(500));
    let (out, _, _) = stream(spaces.as_bytes(), Policy::Compact, 64);
    assert_eq!(out, "a b\n");
}

/// The conformance cases' inputs (ours always; the shared set when present).
fn case_inputs() -> Vec<String> {
    let mut inputs = Vec::new();
    let own = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/normalize/cases.jsonl"
    );
    let shared = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/normalize/cases-dev.jsonl"
    );
    for path in [own, shared] {
        let Ok(text) = std::fs::read_to_string(path) else {
            eprintln!("skipping {path}: not present");
            continue;
        };
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).expect("a JSON case");
            if let Some(input) = v["input"].as_str() {
                inputs.push(input.to_string());
            }
        }
    }
    inputs
}

fn has_kana(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(c as u32, 0x3040..=0x30FA | 0x30FC..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F
            | 0x1100..=0x11FF | 0x3130..=0x318F | 0xA960..=0xA97F | 0xAC00..=0xD7FF)
    })
}

#[test]
fn normalize_long_line_of_conformance_cases_is_exact_in_pieces() {
    let inputs: Vec<String> = case_inputs()
        .into_iter()
        .filter(|i| !has_kana(i) && !i.contains('\n'))
        .collect();
    assert!(inputs.len() >= 30);
    // One long line: each case after a sentence end, as in running text.
    let mut checked = 0;
    for joiner in ["。", "！接着", "？"] {
        let line = inputs.join(joiner);
        if !scan_all(&line).balanced() {
            // Quotes left open somewhere: the whole-line pairing differs by design.
            continue;
        }
        let cuts = exact_cuts(&line);
        assert!(cuts.len() > inputs.len() / 4, "{} exact cuts", cuts.len());
        for policy in POLICIES {
            assert_eq!(
                pieced(&line, &cuts, policy),
                normalize(&line, policy),
                "{policy:?}"
            );
            // And through the tool's own loop with small pieces.
            let (out, used, _) = stream(line.as_bytes(), policy, 256);
            if used.iter().all(|&c| c == Cut::Exact) {
                assert_eq!(out, format!("{}\n", normalize(&line, policy)), "{policy:?}");
                checked += 1;
            }
        }
    }
    // Each case leaving nothing open: every sentence end before Han is exact.
    let balanced: Vec<&String> = inputs.iter().filter(|i| scan_all(i).settled()).collect();
    assert!(balanced.len() > inputs.len() / 2);
    let line = balanced
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join("。");
    let cuts = exact_cuts(&line);
    for policy in POLICIES {
        assert_eq!(
            pieced(&line, &cuts, policy),
            normalize(&line, policy),
            "{policy:?}"
        );
        let (out, used, _) = stream(line.as_bytes(), policy, 1024);
        assert!(
            used.len() > 4 && used.iter().all(|&c| c == Cut::Exact),
            "{used:?}"
        );
        assert_eq!(out, format!("{}\n", normalize(&line, policy)));
        checked += 1;
    }
    assert!(checked >= 3);
}

#[test]
fn normalize_cut_points_are_after_a_sentence_end_before_han() {
    let text = "他说“你好。我是”谁。然后离开。`a。b`代码。结束";
    let cuts = exact_cuts(text);
    let after: Vec<&str> = cuts.iter().map(|&c| text.get(c..).unwrap()).collect();
    assert_eq!(after, ["然后离开。`a。b`代码。结束", "结束"]);
    assert_eq!(pieces::find(text, 0).1, Cut::Exact);
}

/// Pieces of text: what every rule of the normaliser reads.
fn fragment() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "中文",
        "。",
        "！",
        "？",
        "，",
        "\"",
        "'",
        "“",
        "”",
        "‘",
        "’",
        "(",
        ")",
        "（",
        "）",
        "`",
        "``",
        "```",
        "$",
        "$x$",
        "$1",
        "a",
        "1",
        "5\"",
        "It's",
        " ",
        "  ",
        "\t",
        "...",
        "…",
        "：",
        "１",
        "Ｗ",
        "\u{200B}",
        "https://e.com/a_(b)",
        "e.com/a_(b')",
        "&quot;",
        "&",
        ",",
        ".",
        "!",
        "?",
        ";",
        "-",
        "--flag",
        "x=1",
        "@me",
        "/usr/bin",
        "2021年",
        "iPhone",
        "《书》",
        "——",
        "é",
        "α",
        "①",
        "·",
        "\u{3000}",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 20000,
        max_global_rejects: 1_000_000,
        ..ProptestConfig::default()
    })]

    #[test]
    fn normalize_exact_cuts_change_nothing_on_balanced_lines(
        sentences in prop::collection::vec(
            (
                prop::sample::select(vec!["中文", "他", "", "“", "("]),
                prop::collection::vec(fragment(), 0..10),
                prop::sample::select(vec!["。", "！", "？", "", "."]),
            ),
            1..12,
        )
    ) {
        // Sentences, so that sentence ends before Han (the cut points) are common.
        let line: String = sentences
            .iter()
            .map(|(start, middle, end)| format!("{start}{}{end}", middle.concat()))
            .collect();
        prop_assume!(scan_all(&line).balanced());
        let cuts = exact_cuts(&line);
        for policy in POLICIES {
            prop_assert_eq!(
                pieced(&line, &cuts, policy),
                normalize(&line, policy),
                "{:?} cuts {:?}",
                policy,
                cuts
            );
        }
    }
}
