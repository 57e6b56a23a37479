//! `serde::Serialize` for the output types (feature `serde`). Absent values and empty lists
//! are left out, so the JSON holds only what the input said.

use crate::{Article, Block, Candidate, Explanation, Image};
use serde::ser::{Serialize, SerializeMap, Serializer};

impl Serialize for Article {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        if let Some(v) = &self.title {
            map.serialize_entry("title", v)?;
        }
        if let Some(v) = &self.author {
            map.serialize_entry("author", v)?;
        }
        if !self.authors.is_empty() {
            map.serialize_entry("authors", &self.authors)?;
        }
        if let Some(v) = &self.published {
            map.serialize_entry("published", v)?;
        }
        if let Some(v) = &self.modified {
            map.serialize_entry("modified", v)?;
        }
        if !self.categories.is_empty() {
            map.serialize_entry("categories", &self.categories)?;
        }
        if !self.tags.is_empty() {
            map.serialize_entry("tags", &self.tags)?;
        }
        if let Some(v) = &self.lead_image {
            map.serialize_entry("lead_image", v)?;
        }
        if let Some(v) = &self.language {
            map.serialize_entry("language", v)?;
        }
        if let Some(v) = &self.canonical_url {
            map.serialize_entry("canonical_url", v)?;
        }
        if let Some(v) = &self.site_name {
            map.serialize_entry("site_name", v)?;
        }
        if let Some(v) = &self.description {
            map.serialize_entry("description", v)?;
        }
        // Written piece by piece: no joined copy of the whole text.
        map.serialize_entry("text", &JoinedText(&self.blocks))?;
        map.serialize_entry("blocks", &self.blocks)?;
        map.serialize_entry("images", &self.images)?;
        if !self.warnings.is_empty() {
            map.serialize_entry("warnings", &self.warnings)?;
        }
        if let Some(v) = &self.explanation {
            map.serialize_entry("explain", v)?;
        }
        map.end()
    }
}

impl Serialize for Explanation {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(3))?;
        map.serialize_entry("strategy", &self.strategy)?;
        map.serialize_entry("candidates", &self.candidates)?;
        map.serialize_entry("reasons", &self.reasons)?;
        map.end()
    }
}

impl Serialize for Candidate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(4))?;
        map.serialize_entry("strategy", &self.strategy)?;
        map.serialize_entry("elements", &self.elements)?;
        map.serialize_entry("text", &self.text)?;
        map.serialize_entry("prose", &self.prose)?;
        map.end()
    }
}

/// The blocks' texts joined by a blank line, as [`Article::text`] gives them.
struct JoinedText<'a>(&'a [Block]);

impl Serialize for JoinedText<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl std::fmt::Display for JoinedText<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, block) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n\n")?;
            }
            f.write_str(&block.text)?;
        }
        Ok(())
    }
}

impl Serialize for Block {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("kind", self.kind.name())?;
        if let crate::BlockKind::Heading { level } = self.kind {
            map.serialize_entry("level", &level)?;
        }
        map.serialize_entry("text", &self.text)?;
        map.end()
    }
}

impl Serialize for Image {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("url", &self.url)?;
        if let Some(v) = &self.alt {
            map.serialize_entry("alt", v)?;
        }
        if let Some(v) = &self.caption {
            map.serialize_entry("caption", v)?;
        }
        if let Some(v) = &self.credit {
            map.serialize_entry("credit", v)?;
        }
        if let Some(v) = self.width {
            map.serialize_entry("width", &v)?;
        }
        if let Some(v) = self.height {
            map.serialize_entry("height", &v)?;
        }
        map.serialize_entry("block", &self.block)?;
        map.end()
    }
}
