#!/usr/bin/env bash
# Seeds each target's corpus from the fixtures (corpora are not committed).
set -eu
cd "$(dirname "$0")"
for t in extract_bytes extract_html normalize front_matter; do mkdir -p "corpus/$t"; done
for f in ../fixtures/*/input.*; do
    name=$(basename "$(dirname "$f")")
    cp "$f" "corpus/extract_bytes/$name"
    cp "$f" "corpus/extract_html/$name"
    # Front matter target: the part after the opening '---' line, when there is one.
    if [ "$(head -c 3 "$f")" = "---" ]; then tail -n +2 "$f" > "corpus/front_matter/$name"; fi
    # Normaliser: the first 4 KiB of text.
    sed -e 's/<[^>]*>//g' "$f" | head -c 4096 > "corpus/normalize/$name"
done
for f in ../tests/data/*normalize*/* ; do [ -f "$f" ] && cp "$f" corpus/normalize/ || true; done
