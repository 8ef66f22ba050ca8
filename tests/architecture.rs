//! The "Architecture invariant:" lines of ARCHITECTURE.md, checked on the
//! source. Each test reads every `src/**/*.rs` file, finds the modules it
//! imports and fails naming the offending files.
//!
//! How imports are read: comments are dropped and string literals blanked,
//! then every `use` tree is expanded and every path in code that starts
//! with `crate::`, `super::`, `self::` or the name of a child module is
//! resolved to the deepest file module it names (`super::x` is the file of
//! module `x` when there is one, else the parent's `mod.rs`; a re-export
//! counts as an import of the module that re-exports it). Test code is left
//! out: `#[cfg(test)]` items (`mod tests { ... }`, test helpers) and the
//! files of `#[cfg(test)] mod x;`. A test may build an extraction to fill a
//! store; the library may not. `src/main.rs` (the binary) is left out too.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

/// The module that reads the word lists of `data/lists/` (`"lists"` is
/// `src/lists/`): every other module asks it.
const LIST_LOADER: &[&str] = &["lists"];

/// The base layer: the vocabulary, case folding and the error type. They
/// import nothing above them (only one another).
const BASE: &[&str] = &["model", "fold", "error"];

/// Modules and what they never import: the store, the exports and the graph
/// read and write what extraction produces (`model`) without knowing how it
/// is found; the tagger knows nothing of the rules that call it.
const NEVER_IMPORTS: &[(&str, &[&str])] = &[
    ("store", &["extract", "ner"]),
    ("export", &["extract", "ner"]),
    ("graph", &["extract", "ner"]),
    ("ner", &["extract"]),
];

/// What `extract` may use of `ner`: the tagger interface, nothing inside it.
const NER_INTERFACE: &[&str] = &["Tagger", "spans"];

/// Where the library may print, exit or read the environment.
const FRONT: &[&str] = &["cli"];

/// Macros and paths only [`FRONT`] may use.
const FRONT_ONLY: &[&str] = &[
    "print!",
    "println!",
    "eprint!",
    "eprintln!",
    "dbg!",
    "process::exit",
    "env::var",
    "env::args",
];

#[test]
fn top_level_modules_form_no_cycle() {
    let krate = Crate::read();
    let top = |f: usize| krate.files[f].module[0].clone();
    let mut edges: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for &(a, b) in &krate.edges {
        if top(a) != top(b) {
            edges
                .entry((top(a), top(b)))
                .or_default()
                .push(krate.edge_name(a, b));
        }
    }
    assert!(
        edges.contains_key(&("cli".into(), "store".into())),
        "the reader found no import of store by cli: the parser is broken"
    );
    let pairs: BTreeSet<(String, String)> = edges.keys().cloned().collect();
    let cycles = cycles(&pairs);
    let mut msg = String::new();
    for cycle in &cycles {
        writeln!(msg, "modules in a cycle: {}", cycle.join(", ")).unwrap();
        for ((a, b), via) in &edges {
            if cycle.contains(a) && cycle.contains(b) {
                writeln!(msg, "  {a} -> {b}: {}", via.join("; ")).unwrap();
            }
        }
    }
    assert!(cycles.is_empty(), "{msg}");
}

#[test]
fn files_of_a_module_form_no_cycle() {
    let krate = Crate::read();
    let modules: BTreeSet<&str> = krate
        .files
        .iter()
        .filter(|f| f.module.len() > 1)
        .map(|f| f.module[0].as_str())
        .collect();
    assert!(modules.contains("ner"), "no file of ner/ was read");
    let msg: String = modules.into_iter().map(|m| krate.file_cycles(m)).collect();
    assert!(msg.is_empty(), "{msg}");
}

#[test]
fn layers_never_import_what_they_must_not() {
    let krate = Crate::read();
    let mut msg = String::new();
    for &(a, b) in &krate.edges {
        let (from, to) = (&krate.files[a].module[0], &krate.files[b].module[0]);
        if from == to {
            continue;
        }
        for (layer, never) in NEVER_IMPORTS {
            if from == layer && never.contains(&to.as_str()) {
                writeln!(
                    msg,
                    "{layer} must not import {to}: {}",
                    krate.edge_name(a, b)
                )
                .unwrap();
            }
        }
        if BASE.contains(&from.as_str()) && !BASE.contains(&to.as_str()) {
            writeln!(
                msg,
                "{from} is in the base layer ({}) and must not import {to}: {}",
                BASE.join(", "),
                krate.edge_name(a, b)
            )
            .unwrap();
        }
    }
    assert!(msg.is_empty(), "{msg}");
}

#[test]
fn extract_reaches_the_tagger_only_through_its_interface() {
    let krate = Crate::read();
    let mut msg = String::new();
    let mut seen = 0;
    for (f, file) in krate.files.iter().enumerate() {
        if file.module[0] != "extract" {
            continue;
        }
        for path in &krate.paths[f] {
            if path.first().map(String::as_str) != Some("ner") {
                continue;
            }
            seen += 1;
            let item = path.get(1).map_or("", String::as_str);
            if !NER_INTERFACE.contains(&item) {
                writeln!(
                    msg,
                    "{} uses crate::{}; extract may use only crate::ner::{{{}}}",
                    file.path,
                    path.join("::"),
                    NER_INTERFACE.join(", ")
                )
                .unwrap();
            }
        }
    }
    assert!(
        seen > 0,
        "extract does not call the tagger: the reader is broken"
    );
    assert!(msg.is_empty(), "{msg}");
}

#[test]
fn only_the_loader_reads_list_files() {
    let krate = Crate::read();
    let mut readers = Vec::new();
    let mut msg = String::new();
    for file in &krate.files {
        if !file.literals.iter().any(|s| s.contains("data/lists")) {
            continue;
        }
        readers.push(file.path.clone());
        let inside = LIST_LOADER.iter().any(|m| {
            let m: Vec<&str> = m.split("::").collect();
            file.module.len() >= m.len() && file.module.iter().zip(&m).all(|(a, b)| a == b)
        });
        if !inside {
            writeln!(
                msg,
                "{} reads data/lists but is not the word-list loader ({})",
                file.path,
                LIST_LOADER.join(", ")
            )
            .unwrap();
        }
    }
    assert!(
        !readers.is_empty(),
        "no file reads data/lists: is LIST_LOADER stale?"
    );
    assert!(msg.is_empty(), "{msg}");
}

#[test]
fn only_the_front_prints_exits_or_reads_the_environment() {
    let krate = Crate::read();
    let mut msg = String::new();
    for file in &krate.files {
        if FRONT.contains(&file.module[0].as_str()) {
            continue;
        }
        let code: String = file.code.split_whitespace().collect();
        for bad in FRONT_ONLY {
            let at = code.match_indices(bad).any(|(i, _)| {
                // `print!` must not match inside `eprint!`, nor `env::var`
                // inside `my_env::var`.
                !code[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_')
            });
            if at {
                writeln!(msg, "{} uses {bad}; only cli/ may", file.path).unwrap();
            }
        }
    }
    assert!(msg.is_empty(), "{msg}");
}

/// The reader on made-up sources, so that the checks above cannot pass by
/// reading nothing.
#[test]
fn the_reader_sees_imports_and_skips_tests_comments_and_strings() {
    let (code, literals, test_mods) = library_code(
        r##"
        //! Docs name crate::fake::one.
        use super::{gaz::{self, Known}, segment::Words as W};
        use crate::model::{Map, Set};
        /* crate::fake::two /* nested */ */
        fn f() -> char {
            let _ = "crate::fake::three { ";
            let _ = r#"crate::fake::four }"#;
            let _ = include_str!("../../data/lists/x.tsv");
            crate::ner::Tagger::builtin(x);
            child::go();
            '{'
        }
        #[cfg(test)]
        mod tests {
            use crate::fake::five;
        }
        #[cfg(test)]
        mod more;
        fn g<'a>(x: &'a str) { crate::store::Store::open(x) }
        "##,
    );
    assert_eq!(test_mods, ["more"]);
    assert!(literals.iter().any(|s| s.contains("data/lists/x.tsv")));
    let module = ["extract".to_string(), "mentions".to_string()];
    let children = ["child".to_string()];
    let mut paths: Vec<String> = import_paths(&code, &module, &children)
        .into_iter()
        .map(|p| p.join("::"))
        .collect();
    paths.sort();
    paths.dedup();
    assert_eq!(
        paths,
        [
            "extract::gaz",
            "extract::gaz::Known",
            "extract::mentions::child::go",
            "extract::segment::Words",
            "model::Map",
            "model::Set",
            "ner::Tagger::builtin",
            "store::Store::open",
        ]
    );
}

/// The library's files, their imports resolved to files.
struct Crate {
    files: Vec<SourceFile>,
    /// The import paths of each file, absolute (without `crate`).
    paths: Vec<Vec<Vec<String>>>,
    /// `(importer, imported)`, indexes into `files`, never a file to itself.
    edges: BTreeSet<(usize, usize)>,
}

struct SourceFile {
    /// `src/extract/gaz.rs`.
    path: String,
    /// `["extract", "gaz"]`; `[]` for `lib.rs`.
    module: Vec<String>,
    /// Library code: no comments, no test items, string literals empty.
    code: String,
    /// The string literals of the library code.
    literals: Vec<String>,
}

impl Crate {
    fn read() -> Crate {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut sources = Vec::new();
        walk(&root.join("src"), &mut sources);
        sources.sort();
        let mut files = Vec::new();
        let mut test_files = BTreeSet::new();
        for path in sources {
            let rel = path
                .strip_prefix(root)
                .expect("under the root")
                .to_string_lossy()
                .replace('\\', "/");
            if rel == "src/main.rs" {
                continue;
            }
            let module = module_of(&rel);
            let text = std::fs::read_to_string(&path).expect("readable source");
            let (code, literals, test_mods) = library_code(&text);
            for m in test_mods {
                let mut child = module.clone();
                child.push(m);
                test_files.insert(child);
            }
            files.push(SourceFile {
                path: rel,
                module,
                code,
                literals,
            });
        }
        files.retain(|f| {
            !test_files
                .iter()
                .any(|t| f.module.len() >= t.len() && f.module[..t.len()] == t[..])
        });
        files.retain(|f| !f.module.is_empty());
        let by_module: BTreeMap<Vec<String>, usize> = files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.module.clone(), i))
            .collect();
        let mut paths = Vec::new();
        let mut edges = BTreeSet::new();
        for (i, f) in files.iter().enumerate() {
            let children: Vec<String> = by_module
                .keys()
                .filter(|m| m.len() == f.module.len() + 1 && m.starts_with(&f.module))
                .map(|m| m[m.len() - 1].clone())
                .collect();
            let found = import_paths(&f.code, &f.module, &children);
            for p in &found {
                let target = (1..=p.len())
                    .rev()
                    .find_map(|n| by_module.get(&p[..n]).copied());
                if let Some(j) = target.filter(|&j| j != i) {
                    edges.insert((i, j));
                }
            }
            paths.push(found);
        }
        Crate {
            files,
            paths,
            edges,
        }
    }

    fn edge_name(&self, a: usize, b: usize) -> String {
        format!("{} -> {}", self.files[a].path, self.files[b].path)
    }

    /// The cycles between the files of top-level module `top`, described;
    /// empty when there is none.
    fn file_cycles(&self, top: &str) -> String {
        let inside = |f: usize| self.files[f].module[0] == top;
        // A file's own `mod.rs` (or an ancestor's) is its module's face:
        // the parts of a module may use what it defines or re-exports.
        let ancestor = |a: usize, b: usize| {
            let (a, b) = (&self.files[a].module, &self.files[b].module);
            b.len() < a.len() && a.starts_with(b)
        };
        let pairs: BTreeSet<(String, String)> = self
            .edges
            .iter()
            .filter(|&&(a, b)| inside(a) && inside(b) && !ancestor(a, b))
            .map(|&(a, b)| (self.files[a].path.clone(), self.files[b].path.clone()))
            .collect();
        let mut msg = String::new();
        for cycle in cycles(&pairs) {
            writeln!(msg, "files of {top}/ in a cycle: {}", cycle.join(", ")).unwrap();
            for (a, b) in &pairs {
                if cycle.contains(a) && cycle.contains(b) {
                    writeln!(msg, "  {a} -> {b}").unwrap();
                }
            }
        }
        msg
    }
}

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable src/") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/extract/gaz.rs` -> `[extract, gaz]`; `src/extract/mod.rs` ->
/// `[extract]`; `src/lib.rs` -> `[]`.
fn module_of(rel: &str) -> Vec<String> {
    let inner = rel.trim_start_matches("src/").trim_end_matches(".rs");
    let mut parts: Vec<String> = inner.split('/').map(str::to_string).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

/// The strongly connected components of more than one node (Tarjan).
fn cycles(edges: &BTreeSet<(String, String)>) -> Vec<Vec<String>> {
    let nodes: BTreeSet<&String> = edges.iter().flat_map(|(a, b)| [a, b]).collect();
    let nodes: Vec<&String> = nodes.into_iter().collect();
    let index_of: BTreeMap<&String, usize> =
        nodes.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let mut next: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    for (a, b) in edges {
        next[index_of[a]].push(index_of[b]);
    }
    struct Tarjan<'g> {
        next: &'g [Vec<usize>],
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        on_stack: Vec<bool>,
        stack: Vec<usize>,
        counter: usize,
        found: Vec<Vec<usize>>,
    }
    impl Tarjan<'_> {
        fn visit(&mut self, v: usize) {
            self.index[v] = Some(self.counter);
            self.low[v] = self.counter;
            self.counter += 1;
            self.stack.push(v);
            self.on_stack[v] = true;
            for &w in &self.next[v] {
                match self.index[w] {
                    None => {
                        self.visit(w);
                        self.low[v] = self.low[v].min(self.low[w]);
                    }
                    Some(iw) if self.on_stack[w] => self.low[v] = self.low[v].min(iw),
                    Some(_) => {}
                }
            }
            if Some(self.low[v]) == self.index[v] {
                let mut scc = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack[w] = false;
                    scc.push(w);
                    if w == v {
                        break;
                    }
                }
                if scc.len() > 1 {
                    self.found.push(scc);
                }
            }
        }
    }
    let n = nodes.len();
    let mut t = Tarjan {
        next: &next,
        index: vec![None; n],
        low: vec![0; n],
        on_stack: vec![false; n],
        stack: Vec::new(),
        counter: 0,
        found: Vec::new(),
    };
    for v in 0..n {
        if t.index[v].is_none() {
            t.visit(v);
        }
    }
    let mut out: Vec<Vec<String>> = t
        .found
        .into_iter()
        .map(|scc| {
            let mut names: Vec<String> = scc.into_iter().map(|i| nodes[i].clone()).collect();
            names.sort();
            names
        })
        .collect();
    out.sort();
    out
}

/// A source file's library code: comments dropped, string and character
/// literals emptied (their text returned apart), `#[cfg(test)]` items
/// removed; plus the names of the `#[cfg(test)] mod x;` files.
fn library_code(text: &str) -> (String, Vec<String>, Vec<String>) {
    // Pass 1: comments and literals. Each string literal becomes `""`
    // followed by its index, so pass 2 can tell which ones survive.
    let chars: Vec<char> = text.chars().collect();
    let mut code = String::new();
    let mut all_literals = Vec::new();
    let mut i = 0;
    let at = |i: usize, s: &str| {
        s.chars()
            .enumerate()
            .all(|(k, c)| chars.get(i + k) == Some(&c))
    };
    while i < chars.len() {
        let c = chars[i];
        if at(i, "//") {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if at(i, "/*") {
            let mut depth = 0;
            while i < chars.len() {
                if at(i, "/*") {
                    depth += 1;
                    i += 2;
                } else if at(i, "*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            code.push(' ');
        } else if c == '"' || ((c == 'r' || at(i, "br")) && raw_start(&chars, i).is_some()) {
            let prev_ident = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
            if c != '"' && prev_ident {
                code.push(c);
                i += 1;
                continue;
            }
            let mut lit = String::new();
            if c == '"' {
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' {
                        lit.push(chars[i]);
                        i += 1;
                    }
                    if let Some(&ch) = chars.get(i) {
                        lit.push(ch);
                    }
                    i += 1;
                }
                i += 1;
            } else {
                let (hashes, body) = raw_start(&chars, i).expect("checked above");
                let close: String = std::iter::once('"')
                    .chain(std::iter::repeat_n('#', hashes))
                    .collect();
                i = body;
                while i < chars.len() && !at(i, &close) {
                    lit.push(chars[i]);
                    i += 1;
                }
                i += close.chars().count();
            }
            write!(code, "\"\"{} ", all_literals.len()).unwrap();
            all_literals.push(lit);
        } else if c == '\'' {
            // A character literal ('x', '\n', '\u{..}') or a lifetime ('a).
            if chars.get(i + 1) == Some(&'\\') {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
                code.push_str("' '");
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
                code.push_str("' '");
            } else {
                code.push(c);
                i += 1;
            }
        } else {
            code.push(c);
            i += 1;
        }
    }
    // Pass 2: `#[cfg(test)]` items.
    let mut kept = String::new();
    let mut test_mods = Vec::new();
    let mut rest = code.as_str();
    while let Some(p) = rest.find("#[cfg(test)]") {
        kept.push_str(&rest[..p]);
        let item = &rest[p + "#[cfg(test)]".len()..];
        let end = item_end(item);
        let words: Vec<&str> = item[..end]
            .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ';'))
            .filter(|w| !w.is_empty())
            .collect();
        if let Some(k) = words.iter().position(|w| *w == "mod") {
            if let Some(name) = words.get(k + 1).and_then(|w| w.strip_suffix(';')) {
                test_mods.push(name.to_string());
            } else if words.get(k + 2) == Some(&";") {
                test_mods.push(words[k + 1].to_string());
            }
        }
        rest = &item[end..];
    }
    kept.push_str(rest);
    let literals = kept
        .match_indices("\"\"")
        .filter_map(|(p, _)| {
            let digits: String = kept[p + 2..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.parse::<usize>().ok()
        })
        .map(|n| all_literals[n].clone())
        .collect();
    (kept, literals, test_mods)
}

/// If a raw string (`r"`, `r#"`, `br##"`...) starts at `i`: its number of
/// `#` and where its text starts.
fn raw_start(chars: &[char], i: usize) -> Option<(usize, usize)> {
    let mut j = i + if chars[i] == 'b' { 2 } else { 1 };
    let mut hashes = 0;
    while chars.get(j) == Some(&'#') {
        hashes += 1;
        j += 1;
    }
    (chars.get(j) == Some(&'"')).then_some((hashes, j + 1))
}

/// Where the item at the start of `s` ends: after its other attributes,
/// at its first `;` or the `}` closing its first `{`, whichever comes first
/// outside brackets.
fn item_end(s: &str) -> usize {
    let mut depth = 0usize;
    let mut in_block = false;
    for (i, c) in s.char_indices() {
        match c {
            '{' => {
                in_block = true;
                depth += 1;
            }
            '(' | '[' => depth += 1,
            '}' | ')' | ']' => {
                depth = depth.saturating_sub(1);
                if in_block && depth == 0 && c == '}' {
                    return i + 1;
                }
            }
            ';' if depth == 0 => return i + 1,
            _ => {}
        }
    }
    s.len()
}

/// The crate paths `code` (library code of module `module`, whose child
/// modules are `children`) names, absolute and without `crate`.
fn import_paths(code: &str, module: &[String], children: &[String]) -> Vec<Vec<String>> {
    let tokens = tokenize(code);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i] == "use" {
            let end = tokens[i..]
                .iter()
                .position(|t| t == ";")
                .map_or(tokens.len(), |k| i + k);
            let mut trees = Vec::new();
            use_tree(&tokens[i + 1..end], &[], &mut trees);
            out.extend(trees.iter().filter_map(|p| absolute(p, module, children)));
            i = end;
            continue;
        }
        let starts_path = i == 0 || tokens[i - 1] != "::";
        if starts_path && is_ident(&tokens[i]) {
            let mut path = vec![tokens[i].clone()];
            let mut k = i + 1;
            while k + 1 < tokens.len() && tokens[k] == "::" && is_ident(&tokens[k + 1]) {
                path.push(tokens[k + 1].clone());
                k += 2;
            }
            if path.len() > 1 {
                out.extend(absolute(&path, module, children));
            }
            i = k;
            continue;
        }
        i += 1;
    }
    out
}

/// Identifiers, `::` and single punctuation characters.
fn tokenize(code: &str) -> Vec<String> {
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(chars[start..i].iter().collect());
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            out.push("::".to_string());
            i += 2;
        } else {
            if !c.is_whitespace() {
                out.push(c.to_string());
            }
            i += 1;
        }
    }
    out
}

fn is_ident(t: &str) -> bool {
    t.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
}

/// Expands a `use` tree (`a::{b, c::{self, d}} as e`) into its paths.
fn use_tree(tokens: &[String], prefix: &[String], out: &mut Vec<Vec<String>>) {
    let mut path = prefix.to_vec();
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i].as_str();
        match t {
            "::" | "pub" | "(" | ")" => i += 1,
            "{" => {
                // Split the group at its top-level commas.
                let mut depth = 0;
                let mut start = i + 1;
                for k in i..tokens.len() {
                    match tokens[k].as_str() {
                        "{" => depth += 1,
                        "}" => {
                            depth -= 1;
                            if depth == 0 {
                                use_tree(&tokens[start..k], &path, out);
                                return;
                            }
                        }
                        "," if depth == 1 => {
                            use_tree(&tokens[start..k], &path, out);
                            start = k + 1;
                        }
                        _ => {}
                    }
                }
                return;
            }
            "as" | "*" => break,
            "self" if !path.is_empty() => i += 1,
            _ => {
                path.push(t.to_string());
                i += 1;
            }
        }
    }
    if !path.is_empty() {
        out.push(path);
    }
}

/// A path as written in module `module` made absolute (without `crate`),
/// or `None` when it does not start in this crate.
fn absolute(path: &[String], module: &[String], children: &[String]) -> Option<Vec<String>> {
    let mut base: Vec<String> = module.to_vec();
    let mut rest = path;
    match path.first().map(String::as_str) {
        Some("crate") => {
            base.clear();
            rest = &path[1..];
        }
        Some("self") => rest = &path[1..],
        Some("super") => {
            while rest.first().map(String::as_str) == Some("super") {
                base.pop()?;
                rest = &rest[1..];
            }
        }
        Some(first) if children.iter().any(|c| c == first) => {}
        _ => return None,
    }
    base.extend(rest.iter().cloned());
    Some(base)
}
