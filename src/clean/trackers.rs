//! Images that are not pictures: tracking pixels, counters and ad beacons. Pages load them
//! as `<img>` (often in `<noscript>`), so they would otherwise reach `Article::images`.

use crate::wordset::{LazyWords, WordSet};

/// Hosts (and their subdomains) that serve only beacons, counters or ads.
const HOSTS: &[&str] = &[
    "scorecardresearch.com",
    "pixel.wp.com",
    "stats.wp.com",
    "stats.wordpress.com",
    "statcounter.com",
    "doubleclick.net",
    "google-analytics.com",
    "googletagmanager.com",
    "googlesyndication.com",
    "bat.bing.com",
    "quantserve.com",
    "imrworldwide.com",
    "adlog.com.com",
    "etracker.de",
    "fastcounter.de",
    "mc.yandex.ru",
    "counter.yadro.ru",
    "top-fwz1.mail.ru",
    "hm.baidu.com",
    "cnzz.com",
    "analytics.twitter.com",
    "px.ads.linkedin.com",
    "ads.linkedin.com",
    "amazon-adsystem.com",
    "moatads.com",
    "chartbeat.net",
    "nr-data.net",
    "omtrdc.net",
    "2o7.net",
    "demdex.net",
    "krxd.net",
    "bluekai.com",
    "adsrvr.org",
    "mathtag.com",
    "onaudience.com",
    "adpartner.pro",
    "heartbeat.pmc.com",
    "sp.analytics.yahoo.com",
    "pixel.facebook.com",
    "ct.pinterest.com",
    "googleadservices.com",
    "adnxs.com",
    "rubiconproject.com",
    "alb.reddit.com",
    "tr.snapchat.com",
    "analytics.tiktok.com",
    "q.quora.com",
    "c.clarity.ms",
];

/// File names that are beacons or counters wherever they are served from.
static FILES: LazyWords = LazyWords::new(|| {
    WordSet::new(&[
        "piwik.php",
        "matomo.php",
        "piwik.gif",
        "counter.php",
        "counter.cgi",
        "count.cgi",
        "cnt.php",
        "fcounter.php",
        "beacon.asp",
        "beacon.gif",
        "__utm.gif",
        "utm.gif",
        "pixel.gif",
        "pixel.png",
        "1x1.gif",
        "1x1.png",
        "tr",
        "collect",
        "adsct",
    ])
});

/// Whether `url` (resolved, possibly relative) is a tracking pixel, counter or ad beacon.
pub(crate) fn is_tracker(url: &str) -> bool {
    let (host, path) = split_host(url);
    if let Some(host) = host {
        let host = host.trim_end_matches('.');
        let listed = HOSTS.iter().any(|h| {
            host.len() >= h.len()
                && host
                    .get(host.len() - h.len()..)
                    .is_some_and(|tail| tail.eq_ignore_ascii_case(h))
                && (host.len() == h.len() || host.as_bytes()[host.len() - h.len() - 1] == b'.')
        });
        if listed {
            return true;
        }
        let first = host.split('.').next().unwrap_or("");
        if ["pixel", "tracking", "track", "beacon", "counter"]
            .iter()
            .any(|p| first.eq_ignore_ascii_case(p))
        {
            return true;
        }
        if host.eq_ignore_ascii_case("www.facebook.com") && path.starts_with("/tr") {
            return true;
        }
    }
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let file = path.rsplit('/').next().unwrap_or(path);
    FILES.contains(file) || path.contains("/feedtrack/")
}

/// The host of an absolute or protocol-relative URL, and the rest from its path on.
fn split_host(url: &str) -> (Option<&str>, &str) {
    let rest = url
        .split_once("://")
        .map(|(_, r)| r)
        .or_else(|| url.strip_prefix("//"));
    let Some(rest) = rest else {
        return (None, url);
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(end);
    let host = authority.rsplit('@').next().unwrap_or(authority);
    let host = host.split(':').next().unwrap_or(host);
    (Some(host), path)
}

#[cfg(test)]
mod tests {
    use super::is_tracker;

    /// Issue 10: image lists held tracking pixels (1×1 beacons, counters) as images.
    #[test]
    fn beacons_and_counters_are_trackers() {
        for url in [
            "https://sb.scorecardresearch.com/p?c1=2&c2=6035310&cv=2.0&cj=1",
            "https://pixel.wp.com/b.gif?v=noscript",
            "http://stats.wordpress.com/b.gif?v=noscript",
            "http://c6.statcounter.com/counter.php?sc_project=1",
            "https://www.google-analytics.com/collect?v=1&tid=UA-1",
            "https://stats.example.org/piwik.php?idsite=1&rec=1",
            "https://www.facebook.com/tr?id=1&ev=PageView&noscript=1",
            "http://www.example.com/cgi-bin/counter.cgi?position=5",
            "http://ad.doubleclick.net/ad/x;sz=728x90",
            "https://tracking.example.de/m.php?idsite=1",
            "/stats/piwik.php?idsite=3",
            "http://feeds.example.co.uk/feedtrack/justcopyright.gif?feedid=1",
            "https://ct.pinterest.com/v3/?tid=2612&noscript=1",
            "https://www.googleadservices.com/pagead/conversion/1/?label=x&guid=ON",
            "https://ib.adnxs.com/px?id=1&t=2",
            "https://alb.reddit.com/snoo.gif?q=CAAHAAABAAoACQAAAA&s=x",
            "https://tr.snapchat.com/p",
            "https://q.quora.com/_/ad/1/pixel?tag=ViewContent&noscript=1",
            "https://c.clarity.ms/c.gif",
        ] {
            assert!(is_tracker(url), "{url}");
        }
        for url in [
            "https://e.com/beacon-hill.jpg",
            "https://static.example.com/pixel-8a/photo.jpg",
            "https://pixelmaker.example.at/winter.jpg",
            "https://e.com/track/1.jpg",
            "https://e.com/a/tr.jpg",
            "img/collect.png",
            "https://notscorecardresearch.com/p.jpg",
            "https://图.example/图片.jpg",
        ] {
            assert!(!is_tracker(url), "{url}");
        }
    }
}
