//! The main text of a parsed page, readability-style: the page is cut into
//! blocks (paragraphs, headings, list items, cells: what a reader sees as
//! one piece of text), the page furniture is dropped, and the region that
//! holds the story is chosen among what is left.
//!
//! Dropped everywhere, with what they hold: elements that are never text
//! (scripts, styles, forms, frames, AMP's ads), navigation, footers, asides and the
//! site header (a `<header>` inside `<article>` or `<main>` is the story's
//! own); hidden elements; elements whose class or id names furniture
//! (cookie and consent banners, newsletter and subscription boxes,
//! comments and "réagir" boxes, "related"/"lire aussi" boxes, sharing,
//! bylines, photo credits, ads) or whose
//! ARIA role does; boxes titled as furniture ("À lire aussi",
//! "Commentaires", "Newsletter", "Related", "Comments"...), a "Lire aussi :"
//! paragraph, a cookie notice; blocks mostly made of links.
//!
//! The region is the `<article>` or `<main>` (or `role="main"`) holding
//! the most text when it holds a good part of the page's text; else the
//! element the paragraphs score highest for (each paragraph of 25
//! characters or more gives its parent 1 point, one per comma and one per
//! 100 characters up to 3; half that to the grandparent, a sixth to the
//! next), scaled down by its share of link text, with those of its
//! siblings that score nearly as well. A page where nothing scores is
//! taken whole, furniture left out.

use crate::fold::fold;
use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use scraper::{Html, Node};
use std::collections::{BTreeMap, BTreeSet};

/// One block of text in document order.
#[derive(Debug)]
pub struct Block {
    /// White space collapsed, trimmed, never empty.
    pub text: String,
    /// `h1` to `h6` as 1 to 6, else 0.
    pub heading: u8,
    /// The element that holds the text (a paragraph, a heading, a div).
    pub owner: NodeId,
    /// Characters of the text, and of those inside links.
    chars: usize,
    link_chars: usize,
    /// Inside a list item.
    in_item: bool,
}

/// Elements whose content is never article text, dropped with it.
const DROPPED: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "nav",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "textarea",
    "iframe",
    "object",
    "canvas",
    "menu",
    "dialog",
    "title",
    "input",
    "head",
    "amp-ad",
    "amp-embed",
    "amp-sticky-ad",
    "amp-analytics",
    "amp-pixel",
];

/// Elements that start and end a block.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "section",
    "article",
    "main",
    "header",
    "table",
    "tr",
    "td",
    "th",
    "caption",
    "figure",
    "figcaption",
    "br",
    "hr",
    "address",
    "body",
    "details",
    "summary",
    "center",
    "fieldset",
];

/// ARIA roles of page furniture.
const FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "dialog",
    "alertdialog",
    "search",
    "form",
    "menu",
    "menubar",
    "toolbar",
    "alert",
];

/// Parts of class names and ids that name page furniture.
const FURNITURE_NAMES: &[&str] = &[
    "cookie",
    "consent",
    "gdpr",
    "rgpd",
    "newsletter",
    "subscribe",
    "subscription",
    "abonnement",
    "inscription",
    "signup",
    "sign-up",
    "comment",
    "disqus",
    "reagir",
    "reaction",
    "related",
    "lire-aussi",
    "lireaussi",
    "a-lire",
    "read-also",
    "readalso",
    "read-more",
    "readmore",
    "voir-aussi",
    "see-also",
    "also-read",
    "sidebar",
    "breadcrumb",
    "outbrain",
    "taboola",
    "share",
    "sharing",
    "partage",
    "social",
    "popup",
    "modal",
    "paywall",
    "promo",
    "sponsor",
    "advert",
    "byline",
    "author",
    "credit",
    "most-read",
    "mostread",
    "plus-lus",
    "recommend",
    "trending",
    "footer",
    "navbar",
    "navigation",
    "menu",
    "banner",
    "overlay",
];

/// Whole words of class names and ids that name page furniture ("ad" in
/// "ad-slot", not in "head").
const FURNITURE_WORDS: &[&str] = &["ad", "ads", "pub", "nav", "aside", "tags", "cmp"];

/// Titles of boxes that are not the story, folded, with what goes with
/// them: `true` for a box that runs to the end of its container
/// (comments, a newsletter form), `false` for one whose links follow it.
const FURNITURE_TITLES: &[(&str, bool)] = &[
    ("a lire aussi", false),
    ("lire aussi", false),
    ("a lire egalement", false),
    ("lire egalement", false),
    ("voir aussi", false),
    ("sur le meme sujet", false),
    ("dans la meme rubrique", false),
    ("les plus lus", false),
    ("les plus partages", false),
    ("read also", false),
    ("read more", false),
    ("also read", false),
    ("see also", false),
    ("related", false),
    ("related articles", false),
    ("related stories", false),
    ("more on this story", false),
    ("most read", false),
    ("most popular", false),
    ("you may also like", false),
    ("recommended", false),
    ("commentaires", true),
    ("vos commentaires", true),
    ("reagir", true),
    ("reagir a cet article", true),
    ("reagissez a cet article", true),
    ("leave a comment", true),
    ("leave a reply", true),
    ("vos reactions", true),
    ("comments", true),
    ("join the conversation", true),
    ("newsletter", true),
    ("abonnez-vous", true),
    ("inscrivez-vous", true),
    ("subscribe", true),
    ("sign up", true),
];

/// How deep an element may sit and still count: text deeper than this
/// belongs to its ancestor at this depth (a pathological page costs no
/// more than this per block).
const MAX_DEPTH: usize = 256;

/// The blocks of the page's main text, in document order, and the
/// elements that hold them (the region chosen).
pub struct Content {
    pub blocks: Vec<Block>,
    pub region: Vec<NodeId>,
    /// The first level-one heading of the region, else of the page's
    /// text.
    pub headline: Option<String>,
}

/// Reads the main text of `doc`.
pub fn read(doc: &Html) -> Content {
    let mut blocks = walk(doc);
    drop_furniture_boxes(doc, &mut blocks);
    blocks.retain(|b| b.link_chars * 2 <= b.chars || b.chars == 0);
    let region = choose_region(doc, &blocks);
    let first_h1 = blocks
        .iter()
        .find(|b| b.heading == 1)
        .map(|b| b.text.clone());
    let inside: Vec<Block> = if region.is_empty() {
        blocks
    } else {
        let roots: BTreeSet<NodeId> = region.iter().copied().collect();
        blocks
            .into_iter()
            .filter(|b| within(doc, b.owner, &roots))
            .collect()
    };
    let headline = inside
        .iter()
        .find(|b| b.heading == 1)
        .map(|b| b.text.clone())
        .or(first_h1);
    Content {
        blocks: inside,
        region,
        headline,
    }
}

/// Whether `id` is one of `roots` or inside one.
pub fn within(doc: &Html, id: NodeId, roots: &BTreeSet<NodeId>) -> bool {
    let Some(node) = doc.tree.get(id) else {
        return false;
    };
    std::iter::once(node)
        .chain(node.ancestors())
        .any(|n| roots.contains(&n.id()))
}

fn element_name(node: &NodeRef<'_, Node>) -> Option<&'static str> {
    let name = node.value().as_element()?.name();
    // Interned names of the elements this module knows, so callers can
    // compare without holding the tree.
    BLOCKS
        .iter()
        .chain(DROPPED)
        .chain(&["a", "article", "main", "html"])
        .find(|n| **n == name)
        .copied()
}

/// Whether an element is furniture by its name, attributes or place.
fn is_furniture(node: &NodeRef<'_, Node>, in_story: bool) -> bool {
    let Some(e) = node.value().as_element() else {
        return false;
    };
    let name = e.name();
    if DROPPED.contains(&name) || (name == "header" && !in_story) {
        return true;
    }
    // The story itself is never furniture, whatever its class says.
    if matches!(name, "html" | "body" | "article" | "main")
        || e.attr("role")
            .is_some_and(|r| r.eq_ignore_ascii_case("main"))
    {
        return false;
    }
    if e.attr("hidden").is_some()
        || e.attr("aria-hidden")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
        || e.attr("style").is_some_and(|s| {
            let s: String = s
                .split_whitespace()
                .collect::<String>()
                .to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        })
    {
        return true;
    }
    if e.attr("role")
        .is_some_and(|r| FURNITURE_ROLES.contains(&r.trim().to_ascii_lowercase().as_str()))
    {
        return true;
    }
    if e.attr("itemprop")
        .is_some_and(|p| p.eq_ignore_ascii_case("author") || p.eq_ignore_ascii_case("comment"))
    {
        return true;
    }
    let names = [e.attr("class"), e.attr("id")]
        .into_iter()
        .flatten()
        .map(|v| v.to_ascii_lowercase().replace('_', "-"))
        .collect::<Vec<_>>()
        .join(" ");
    FURNITURE_NAMES.iter().any(|f| names.contains(f))
        || names
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| FURNITURE_WORDS.contains(&w))
}

/// The blocks of the page, furniture elements left out.
fn walk(doc: &Html) -> Vec<Block> {
    let mut w = Walker::default();
    let mut skip: Option<NodeId> = None;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skip.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(_) => {
                        if is_furniture(&node, w.story > 0) {
                            skip = Some(node.id());
                            continue;
                        }
                        w.open(&node);
                    }
                    Node::Text(t) => w.text(t),
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(id) = skip {
                    if id == node.id() {
                        skip = None;
                    }
                    continue;
                }
                if node.value().is_element() {
                    w.close(&node);
                }
            }
        }
    }
    w.end_block();
    w.blocks
}

#[derive(Default)]
struct Walker {
    blocks: Vec<Block>,
    /// Open elements (up to [`MAX_DEPTH`]): id, known name, heading level.
    stack: Vec<(NodeId, Option<&'static str>)>,
    /// Elements open beyond [`MAX_DEPTH`].
    too_deep: usize,
    /// Open `<article>`/`<main>` elements.
    story: usize,
    links: usize,
    items: usize,
    current: String,
    chars: usize,
    link_chars: usize,
}

impl Walker {
    fn open(&mut self, node: &NodeRef<'_, Node>) {
        let name = element_name(node);
        if name.is_some_and(|n| BLOCKS.contains(&n)) {
            self.end_block();
        }
        if self.stack.len() >= MAX_DEPTH {
            self.too_deep += 1;
            return;
        }
        match name {
            Some("article" | "main") => self.story += 1,
            Some("a") => self.links += 1,
            Some("li") => self.items += 1,
            _ => {}
        }
        let role_main = node
            .value()
            .as_element()
            .and_then(|e| e.attr("role"))
            .is_some_and(|r| r.eq_ignore_ascii_case("main"));
        let name = if role_main && !matches!(name, Some("article" | "main")) {
            self.story += 1;
            Some("main")
        } else {
            name
        };
        self.stack.push((node.id(), name));
    }

    fn close(&mut self, node: &NodeRef<'_, Node>) {
        if self.too_deep > 0 {
            self.too_deep -= 1;
            return;
        }
        let Some((id, name)) = self.stack.last().copied() else {
            return;
        };
        if id != node.id() {
            return;
        }
        if name.is_some_and(|n| BLOCKS.contains(&n) || n == "main") {
            self.end_block();
        }
        self.stack.pop();
        match name {
            Some("article" | "main") => self.story -= 1,
            Some("a") => self.links -= 1,
            Some("li") => self.items -= 1,
            _ => {}
        }
    }

    fn text(&mut self, raw: &str) {
        for c in raw.chars() {
            if c.is_whitespace() {
                if !self.current.is_empty() && !self.current.ends_with(' ') {
                    self.current.push(' ');
                }
            } else {
                self.current.push(c);
                self.chars += 1;
                if self.links > 0 {
                    self.link_chars += 1;
                }
            }
        }
    }

    fn end_block(&mut self) {
        let text = self.current.trim().to_string();
        self.current.clear();
        let (chars, link_chars) = (
            std::mem::take(&mut self.chars),
            std::mem::take(&mut self.link_chars),
        );
        if text.is_empty() {
            return;
        }
        // The innermost open block element holds the text; what is open
        // below it (a link, an emphasis) is part of it.
        let owner = self
            .stack
            .iter()
            .rev()
            .find(|(_, n)| n.is_some_and(|n| BLOCKS.contains(&n) || n == "main"))
            .or(self.stack.last());
        let Some(&(owner, name)) = owner else {
            return;
        };
        let heading = match name {
            Some(h) if h.len() == 2 && h.starts_with('h') => h[1..].parse().unwrap_or(0),
            _ => 0,
        };
        self.blocks.push(Block {
            text,
            heading,
            owner,
            chars,
            link_chars,
            in_item: self.items > 0,
        });
    }
}

/// What a block's folded text is as a box title: the title and whether
/// the box runs to the end of its container.
fn furniture_title(b: &Block) -> Option<bool> {
    if b.text.chars().count() > 80 {
        return None;
    }
    let folded = fold(&b.text);
    let bare = folded.trim_end_matches(|c: char| c == ':' || c == '.' || c.is_whitespace());
    FURNITURE_TITLES
        .iter()
        .find(|(t, _)| bare == *t)
        .map(|&(_, to_end)| to_end)
}

/// "Lire aussi : ...", "Read more: ...": a paragraph pointing elsewhere.
fn is_pointer(b: &Block) -> bool {
    let folded = fold(&b.text);
    [
        "a lire aussi",
        "lire aussi",
        "read also",
        "read more",
        "see also",
        "voir aussi",
        "also read",
    ]
    .iter()
    .any(|p| {
        folded
            .strip_prefix(p)
            .is_some_and(|r| r.trim_start().starts_with(':'))
    })
}

/// A cookie or consent notice.
fn is_cookie_notice(b: &Block) -> bool {
    let folded = fold(&b.text);
    folded.contains("cookie")
        && [
            "accept", "consent", "agree", "parametr", "refuser", "reject",
        ]
        .iter()
        .any(|w| folded.contains(w))
}

/// Drops the boxes titled as furniture, pointers and cookie notices. A
/// titled box is its container when that is a box of its own (not the
/// story or the body); inside the story, a box running to the end
/// (comments) takes the rest of the container, another (related links)
/// takes the title and the links and list items after it.
fn drop_furniture_boxes(doc: &Html, blocks: &mut Vec<Block>) {
    let mut boxes: BTreeSet<NodeId> = BTreeSet::new();
    let mut gone = vec![false; blocks.len()];
    let mut i = 0;
    while i < blocks.len() {
        let b = &blocks[i];
        let title = furniture_title(b);
        if title.is_none() && !is_pointer(b) && !is_cookie_notice(b) {
            i += 1;
            continue;
        }
        gone[i] = true;
        let Some(to_end) = title else {
            i += 1;
            continue;
        };
        // The box the title heads: the heading's (or paragraph's)
        // parent, or the element holding the title text itself.
        let owner = doc.tree.get(b.owner);
        let leaf = owner.is_some_and(|n| {
            n.value().as_element().is_some_and(|e| {
                matches!(
                    e.name(),
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "p" | "dt" | "summary" | "li"
                )
            })
        });
        let container = owner
            .and_then(|n| if leaf { n.parent() } else { Some(n) })
            .filter(|n| {
                n.value().as_element().is_some_and(|e| {
                    !matches!(e.name(), "html" | "body" | "article" | "main")
                        && !e
                            .attr("role")
                            .is_some_and(|r| r.eq_ignore_ascii_case("main"))
                })
            })
            .map(|n| n.id());
        let roots: BTreeSet<NodeId> = container.into_iter().collect();
        // A box its title heads: nothing of it comes before the title.
        let heads_box =
            container.is_some() && (i == 0 || !within(doc, blocks[i - 1].owner, &roots));
        if heads_box {
            boxes.extend(roots);
        } else if to_end {
            let parent: BTreeSet<NodeId> = owner
                .and_then(|n| if leaf { n.parent() } else { Some(n) })
                .map(|n| n.id())
                .into_iter()
                .collect();
            let mut j = i + 1;
            while j < blocks.len() && within(doc, blocks[j].owner, &parent) {
                gone[j] = true;
                j += 1;
            }
        } else {
            let mut j = i + 1;
            while j < blocks.len()
                && (blocks[j].in_item || blocks[j].link_chars * 2 > blocks[j].chars)
            {
                gone[j] = true;
                j += 1;
            }
        }
        i += 1;
    }
    let mut k = 0;
    blocks.retain(|b| {
        let keep = !gone[k] && !within(doc, b.owner, &boxes);
        k += 1;
        keep
    });
}

/// The elements holding the story (see the module's description); empty
/// for the whole page.
fn choose_region(doc: &Html, blocks: &[Block]) -> Vec<NodeId> {
    let total: usize = blocks.iter().map(|b| b.chars).sum();
    if total == 0 {
        return Vec::new();
    }
    // Text held by each element, and the link text of it.
    let mut held: BTreeMap<NodeId, (usize, usize)> = BTreeMap::new();
    let mut score: BTreeMap<NodeId, f64> = BTreeMap::new();
    for b in blocks {
        let Some(owner) = doc.tree.get(b.owner) else {
            continue;
        };
        for n in std::iter::once(owner)
            .chain(owner.ancestors())
            .take(MAX_DEPTH)
        {
            let e = held.entry(n.id()).or_default();
            e.0 += b.chars;
            e.1 += b.link_chars;
        }
        if b.chars < 25 {
            continue;
        }
        let points =
            1.0 + b.text.matches([',', '，']).count() as f64 + (b.chars / 100).min(3) as f64;
        for (level, n) in owner.ancestors().take(3).enumerate() {
            if !n.value().is_element() {
                break;
            }
            let divide = [1.0, 2.0, 6.0][level];
            *score.entry(n.id()).or_insert_with(|| tag_bonus(&n)) += points / divide;
        }
    }
    // An <article> or <main> holding a good part of the text.
    let story = held
        .iter()
        .filter(|(id, _)| {
            doc.tree.get(**id).is_some_and(|n| {
                n.value().as_element().is_some_and(|e| {
                    matches!(e.name(), "article" | "main")
                        || e.attr("role")
                            .is_some_and(|r| r.eq_ignore_ascii_case("main"))
                })
            })
        })
        .max_by_key(|(id, (chars, _))| (*chars, std::cmp::Reverse(**id)));
    if let Some((id, (chars, _))) = story
        && *chars * 5 >= total * 2
    {
        return vec![*id];
    }
    let scaled = |id: &NodeId, s: f64| {
        let (chars, links) = held.get(id).copied().unwrap_or_default();
        s * (1.0 - links as f64 / chars.max(1) as f64)
    };
    let Some((top, top_score)) = score.iter().map(|(id, s)| (*id, scaled(id, *s))).fold(
        None::<(NodeId, f64)>,
        |best, (id, s)| match best {
            Some((_, b)) if b >= s => best,
            _ => Some((id, s)),
        },
    ) else {
        return Vec::new();
    };
    let Some(parent) = doc.tree.get(top).and_then(|n| n.parent()) else {
        return vec![top];
    };
    if !parent.value().is_element() {
        return vec![top];
    }
    let threshold = (top_score * 0.2).max(10.0);
    parent
        .children()
        .filter(|n| n.value().is_element())
        .filter(|n| {
            let id = n.id();
            if id == top {
                return true;
            }
            if score.get(&id).is_some_and(|s| scaled(&id, *s) >= threshold) {
                return true;
            }
            // A paragraph beside the top one, long or a sentence.
            let (chars, links) = held.get(&id).copied().unwrap_or_default();
            let is_p = n.value().as_element().is_some_and(|e| e.name() == "p");
            is_p && chars > 0
                && ((chars > 80 && links * 4 < chars)
                    || (links == 0 && held_text_ends_sentence(blocks, id)))
        })
        .map(|n| n.id())
        .collect()
}

fn held_text_ends_sentence(blocks: &[Block], id: NodeId) -> bool {
    blocks
        .iter()
        .filter(|b| b.owner == id)
        .any(|b| b.text.ends_with(['.', '!', '?', '»', '"']))
}

/// Readability's head start by element: a `div` is likely a container of
/// paragraphs, a list or a heading unlikely.
fn tag_bonus(n: &NodeRef<'_, Node>) -> f64 {
    match n.value().as_element().map(|e| e.name()) {
        Some("div" | "article" | "main" | "section") => 5.0,
        Some("pre" | "td" | "blockquote") => 3.0,
        Some("address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form") => -3.0,
        Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th") => -5.0,
        _ => 0.0,
    }
}
