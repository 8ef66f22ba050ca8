//! What a parsed page says about its article: the `<title>`, the `og:` and
//! `article:` meta tags (and the other common date and author tags), the
//! canonical link, `<html lang>`, the `<time datetime>` elements, and the
//! JSON-LD of the page (`headline`, `datePublished`, `url`, `author`,
//! `inLanguage` of the first object that is an article, `@graph`s
//! included). A JSON-LD block that is not JSON is passed over.

use ego_tree::NodeId;
use scraper::{ElementRef, Html};
use serde_json::Value;

/// Everything found, each in its own slot; the caller chooses.
#[derive(Debug, Default)]
pub struct Meta {
    pub title: Option<String>,
    pub og_title: Option<String>,
    pub ld: LinkedData,
    /// `article:published_time`, then the other date tags, first found.
    pub meta_date: Option<String>,
    pub canonical: Option<String>,
    pub og_url: Option<String>,
    pub meta_author: Option<String>,
    pub html_lang: Option<String>,
    /// `og:locale`, then `<meta http-equiv="content-language">`.
    pub meta_lang: Option<String>,
    /// `<time datetime>` elements, in document order.
    pub times: Vec<(NodeId, String)>,
}

/// The JSON-LD article's fields.
#[derive(Debug, Default)]
pub struct LinkedData {
    pub headline: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub lang: Option<String>,
}

/// Date tags by precedence: the Open Graph article's first.
const DATE_KEYS: &[&str] = &[
    "article:published_time",
    "datepublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "pubdate",
    "publish-date",
    "publication_date",
    "sailthru.date",
    "parsely-pub-date",
];

/// Reads the metadata of `doc`.
pub fn read(doc: &Html) -> Meta {
    let mut m = Meta::default();
    let mut dates: Vec<(usize, String)> = Vec::new();
    let mut ld_found = false;
    for node in doc.tree.root().descendants() {
        let Some(el) = ElementRef::wrap(node) else {
            continue;
        };
        let attr = |name: &str| el.attr(name).map(clean).filter(|v| !v.is_empty());
        match el.value().name() {
            "html" if m.html_lang.is_none() => m.html_lang = attr("lang"),
            "title" if m.title.is_none() => {
                m.title = Some(clean(&el.text().collect::<String>())).filter(|t| !t.is_empty());
            }
            "link"
                if m.canonical.is_none()
                    && attr("rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
            {
                m.canonical = attr("href");
            }
            "time" => {
                if let Some(d) = attr("datetime") {
                    m.times.push((node.id(), d));
                }
            }
            "meta" => {
                let Some(content) = attr("content") else {
                    continue;
                };
                if attr("http-equiv").is_some_and(|h| h.eq_ignore_ascii_case("content-language")) {
                    m.meta_lang.get_or_insert(content.clone());
                }
                let Some(key) = attr("property")
                    .or_else(|| attr("name"))
                    .or_else(|| attr("itemprop"))
                    .map(|k| k.to_ascii_lowercase())
                else {
                    continue;
                };
                match key.as_str() {
                    "og:title" => {
                        m.og_title.get_or_insert(content);
                    }
                    "og:url" => {
                        m.og_url.get_or_insert(content);
                    }
                    "og:locale" => {
                        m.meta_lang = Some(content);
                    }
                    "author" | "article:author" | "dc.creator" if !content.contains("://") => {
                        m.meta_author.get_or_insert(content);
                    }
                    k => {
                        if let Some(rank) = DATE_KEYS.iter().position(|d| *d == k) {
                            dates.push((rank, content));
                        }
                    }
                }
            }
            "script" if !ld_found => {
                let ld =
                    attr("type").is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json"));
                if ld
                    && let Ok(v) = serde_json::from_str::<Value>(&el.text().collect::<String>())
                    && let Some(article) = find_article(&v, 0)
                {
                    m.ld = linked_data(article);
                    ld_found = true;
                }
            }
            _ => {}
        }
    }
    dates.sort_by_key(|(rank, _)| *rank);
    m.meta_date = dates.into_iter().next().map(|(_, d)| d);
    m
}

/// White space collapsed and trimmed.
fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Schema.org types of a news article or post.
fn is_article_type(t: &str) -> bool {
    t.ends_with("Article") || matches!(t, "BlogPosting" | "LiveBlogPosting" | "ReportageNews")
}

/// The first article object of a JSON-LD value (depth first, `@graph`s
/// and arrays included), else the first object with a `headline`.
fn find_article(v: &Value, depth: usize) -> Option<&Value> {
    if depth > 16 {
        return None;
    }
    let typed = |o: &Value| match o.get("@type") {
        Some(Value::String(t)) => is_article_type(t),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(is_article_type),
        _ => false,
    };
    let mut queue = vec![v];
    let mut with_headline = None;
    while let Some(v) = queue.pop() {
        match v {
            Value::Object(o) => {
                if typed(v) {
                    return Some(v);
                }
                if with_headline.is_none() && o.contains_key("headline") {
                    with_headline = Some(v);
                }
                if let Some(g) = o.get("@graph")
                    && let Some(found) = find_article(g, depth + 1)
                {
                    return Some(found);
                }
            }
            Value::Array(items) => queue.extend(items.iter().rev()),
            _ => {}
        }
    }
    with_headline
}

fn linked_data(a: &Value) -> LinkedData {
    let text = |key: &str| {
        a.get(key)
            .and_then(Value::as_str)
            .map(clean)
            .filter(|s| !s.is_empty())
    };
    let url = text("url").or_else(|| match a.get("mainEntityOfPage") {
        Some(Value::String(s)) => Some(clean(s)),
        Some(o) => o.get("@id").and_then(Value::as_str).map(clean),
        None => None,
    });
    let lang = text("inLanguage").or_else(|| {
        a.get("inLanguage")
            .and_then(|l| l.get("alternateName").or_else(|| l.get("name")))
            .and_then(Value::as_str)
            .map(clean)
    });
    LinkedData {
        headline: text("headline").or_else(|| text("name")),
        date: text("datePublished").or_else(|| text("dateCreated")),
        url,
        author: a.get("author").and_then(names),
        lang,
    }
}

/// The author names of a JSON-LD `author`: a string, a person or
/// organisation with a `name`, or a list of those, joined with ", ".
fn names(v: &Value) -> Option<String> {
    let one = |v: &Value| match v {
        Value::String(s) => Some(clean(s)),
        Value::Object(o) => o.get("name").and_then(Value::as_str).map(clean),
        _ => None,
    };
    let all: Vec<String> = match v {
        Value::Array(items) => items.iter().filter_map(one).collect(),
        v => one(v).into_iter().collect(),
    };
    let all: Vec<String> = all.into_iter().filter(|n| !n.is_empty()).collect();
    (!all.is_empty()).then(|| all.join(", "))
}
