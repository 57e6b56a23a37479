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
    any_name_word, classify, classify_by_tag, has_noise_class, names_comments, Role,
};
pub(crate) use reveal::reveal;
