//! The Markdown table and the worst pages.

use super::Done;

/// One row per set and scorer; the first scorer's row is the set's headline.
pub fn table(done: &[Done]) {
    println!(
        "\n| set | scorer | pages | F1 | P | R | F1<0.5 | empty | errors | extract s | notes |"
    );
    println!("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
    for d in done {
        for (k, (s, _)) in d.scores.iter().enumerate() {
            let name = match (k, d.set.info) {
                (0, false) => format!("**{}**", d.set.name),
                (0, true) => format!("{} (info)", d.set.name),
                _ => d.set.name.to_string(),
            };
            // Extraction's errors and time go with the headline row only.
            let (f1, errors, secs) = match k {
                0 => (
                    format!("**{:.3}**", s.f1),
                    d.errors.to_string(),
                    format!("{:.1}", d.secs),
                ),
                _ => (format!("{:.3}", s.f1), String::new(), String::new()),
            };
            println!(
                "| {name} | {} | {} | {f1} | {:.3} | {:.3} | {} | {} | {errors} | {secs} | {} |",
                s.scorer.label(),
                s.pages,
                s.precision,
                s.recall,
                s.below_half,
                s.empty,
                s.notes,
            );
        }
    }
}

/// The set's `n` pages with the lowest headline F1 (ties by id), with the other scorers' F1.
pub fn worst(d: &Done, n: usize) {
    let Some(((head, pages), others)) = d.scores.split_first() else {
        return;
    };
    if n == 0 || pages.is_empty() {
        return;
    }
    let mut worst: Vec<_> = pages.iter().collect();
    worst.sort_by(|a, b| a.1.f1.total_cmp(&b.1.f1).then(a.0.cmp(b.0)));
    let extra: String = others
        .iter()
        .map(|(s, _)| format!(" {} F1 |", s.scorer.label()))
        .collect();
    println!(
        "\n{}: worst {} of {} by {} F1\n",
        d.set.name,
        n.min(worst.len()),
        worst.len(),
        head.scorer.label()
    );
    println!("| id | F1 | P | R |{extra} chars out | detail |");
    println!(
        "| --- | ---: | ---: | ---: |{} ---: | --- |",
        " ---: |".repeat(others.len())
    );
    for (id, page) in worst.into_iter().take(n) {
        let other: String = others
            .iter()
            .map(|(_, pp)| {
                pp.get(id)
                    .map_or(" – |".into(), |p| format!(" {:.3} |", p.f1))
            })
            .collect();
        let chars = d.chars.get(id).map_or("error".into(), |c| c.to_string());
        println!(
            "| {id} | {:.3} | {} | {} |{other} {chars} | {} |",
            page.f1,
            page.precision.map_or("–".into(), |p| format!("{p:.3}")),
            page.recall.map_or("–".into(), |r| format!("{r:.3}")),
            page.detail,
        );
    }
}
