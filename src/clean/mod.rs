//! Cleaning rules, applied during the block walk: which elements are noise, and what the
//! real source of an image is once lazy-load markup and proxies are unwrapped.

mod images;
mod noise;
mod reveal;
mod trackers;

pub(crate) use images::{
    image_of, RawImage, UrlContext, DIMENSION_ATTRS, LAZY_ATTRS, SRCSET_ATTRS,
};
pub(crate) use noise::{
    any_name_word, classify, classify_by_tag, classify_tag, is_comment_word, never_by_class,
    read_value, Role,
};
pub(crate) use reveal::reveal;
