//! Runs the examples of `README.md` and `docs/*.md` against the built `kg`
//! binary and compares what it prints with what the page shows, so the
//! documentation cannot drift from the program.
//!
//! The convention, for anyone writing docs:
//!
//! - A fenced block opened with ` ```console ` is an example that is run.
//!   Each line starting with `$ kg ` is a command (arguments split as a
//!   shell would, with single and double quotes; no pipes, redirections or
//!   `&&`); the lines after it, up to the next `$ ` line or the end of the
//!   block, are what it prints: standard output, then standard error.
//! - A last line `[exit N]` says the command exits with code N; without
//!   one it must exit 0.
//! - A line that is exactly `...` stands for any number of lines (none
//!   included), e.g. the rest of a long output; `[..]` inside a line stands
//!   for any text on that line, e.g. a time.
//! - Every other fence (` ```sh `, ` ```text `, ...) is not run: use it for
//!   set-up commands, commands that need the network, `../shared`, Python or
//!   Graphviz, and for formats shown as documentation.
//!
//! Each page runs in a fresh temporary directory holding a link to the
//! repository's `data/`, where `kg ingest data/articles` has already built
//! `./kg.db` (as the README's set-up command does), with `KG_DB` unset. The
//! examples of one page run in order and share that directory.

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// One `$ kg ...` line of a page and what it should print.
#[derive(Debug)]
struct Example {
    /// Where the command is: `README.md:42`.
    place: String,
    args: Vec<String>,
    expected: Vec<String>,
    exit: i32,
}

/// The pages whose examples are run: README.md, then docs/*.md by name.
fn pages() -> Vec<PathBuf> {
    let root = Path::new(ROOT);
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .expect("docs/ exists")
        .map(|e| e.expect("docs/ entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    docs.sort();
    let mut pages = vec![root.join("README.md")];
    pages.extend(docs);
    pages
}

/// The examples of a page's ` ```console ` blocks, in order.
fn examples(name: &str, text: &str) -> Vec<Example> {
    let mut out: Vec<Example> = Vec::new();
    // None outside a fence; Some(true) inside a console block.
    let mut fence: Option<bool> = None;
    let mut block_start = 0;
    let mut in_example = false;
    for (i, line) in text.lines().enumerate() {
        let number = i + 1;
        if let Some(info) = line.trim_start().strip_prefix("```") {
            match fence {
                None => {
                    fence = Some(info.trim() == "console");
                    block_start = number;
                    in_example = false;
                }
                Some(_) => fence = None,
            }
            continue;
        }
        if fence != Some(true) {
            continue;
        }
        if let Some(command) = line.strip_prefix("$ ") {
            let args = split_command(command)
                .unwrap_or_else(|e| panic!("{name}:{number}: {e}: {command}"));
            assert!(
                args.first().is_some_and(|a| a == "kg"),
                "{name}:{number}: a console example runs `kg`, not {command:?} \
                 (fence other commands as ```sh)"
            );
            out.push(Example {
                place: format!("{name}:{number}"),
                args: args[1..].to_vec(),
                expected: Vec::new(),
                exit: 0,
            });
            in_example = true;
            continue;
        }
        assert!(
            in_example,
            "{name}:{number}: the console block opened at line {block_start} \
             must start with a `$ kg ...` line"
        );
        let example = out.last_mut().expect("in_example implies an example");
        match exit_line(line) {
            Some(code) => {
                example.exit = code;
                in_example = false;
            }
            None => example.expected.push(line.to_string()),
        }
    }
    assert!(fence.is_none(), "{name}: a fence is never closed");
    out
}

/// `[exit N]` -> N.
fn exit_line(line: &str) -> Option<i32> {
    line.strip_prefix("[exit ")?.strip_suffix(']')?.parse().ok()
}

/// Splits a command line as a shell would for plain words and quotes;
/// refuses what needs a shell (pipes, redirections, `&&`, `;`, `$VAR`).
fn split_command(line: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' => {
                if let Some(w) = word.take() {
                    words.push(w);
                }
            }
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => w.push(c),
                        None => return Err("unclosed single quote".into()),
                    }
                }
            }
            '"' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\' | '$' | '`')) => w.push(c),
                            Some(c) => {
                                w.push('\\');
                                w.push(c);
                            }
                            None => return Err("unclosed double quote".into()),
                        },
                        Some(c @ ('$' | '`')) => {
                            return Err(format!("{c} needs a shell"));
                        }
                        Some(c) => w.push(c),
                        None => return Err("unclosed double quote".into()),
                    }
                }
            }
            '|' | '&' | ';' | '<' | '>' | '$' | '`' | '\\' | '*' | '?' | '(' | ')' => {
                return Err(format!(
                    "{c} needs a shell (elide lines with `...` instead of a pipe)"
                ));
            }
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    Ok(words)
}

/// Whether `actual` matches one expected line, where `[..]` stands for any
/// text.
fn line_matches(expected: &str, actual: &str) -> bool {
    let parts: Vec<&str> = expected.split("[..]").collect();
    if parts.len() == 1 {
        return expected == actual;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !actual.starts_with(first) || actual.len() < first.len() + last.len() {
        return false;
    }
    let mut rest = &actual[first.len()..];
    if !rest.ends_with(last) {
        return false;
    }
    rest = &rest[..rest.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    true
}

/// Whether `actual` matches `expected`, where an `...` line stands for any
/// number of lines.
fn lines_match(expected: &[String], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((first, rest)) if first == "..." => {
            (0..=actual.len()).any(|skip| lines_match(rest, &actual[skip..]))
        }
        Some((first, rest)) => actual
            .split_first()
            .is_some_and(|(a, more)| line_matches(first, a) && lines_match(rest, more)),
    }
}

/// `kg` run in `dir`, with `KG_DB` unset.
fn kg(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("kg").expect("kg binary");
    c.current_dir(dir).env_remove("KG_DB");
    c
}

/// A fresh directory linking the repository's `data/`, with the sample
/// ingested into `./kg.db`.
fn workspace() -> TempDir {
    let dir = TempDir::new().expect("temp dir");
    link_data(dir.path());
    kg(dir.path())
        .args(["ingest", "data/articles"])
        .assert()
        .success();
    dir
}

#[cfg(unix)]
fn link_data(dir: &Path) {
    std::os::unix::fs::symlink(Path::new(ROOT).join("data"), dir.join("data")).expect("link data/");
}

#[cfg(windows)]
fn link_data(dir: &Path) {
    std::os::windows::fs::symlink_dir(Path::new(ROOT).join("data"), dir.join("data"))
        .expect("link data/");
}

/// Runs one example; a description of the difference when it fails.
fn check(dir: &Path, example: &Example) -> Option<String> {
    let output = kg(dir).args(&example.args).output().expect("kg runs");
    let mut printed = String::from_utf8_lossy(&output.stdout).into_owned();
    printed.push_str(&String::from_utf8_lossy(&output.stderr));
    let actual: Vec<&str> = printed.lines().collect();
    let code = output.status.code().unwrap_or(-1);
    if code == example.exit && lines_match(&example.expected, &actual) {
        return None;
    }
    Some(format!(
        "{}: $ kg {}\n--- the page shows (exit {}):\n{}\n--- kg prints (exit {code}):\n{}\n",
        example.place,
        example.args.join(" "),
        example.exit,
        example.expected.join("\n"),
        printed.trim_end(),
    ))
}

#[test]
fn every_console_example_prints_what_its_page_shows() {
    let mut failures = Vec::new();
    let mut run = 0;
    for page in pages() {
        let name = page
            .strip_prefix(ROOT)
            .expect("pages are in the repository")
            .display()
            .to_string();
        let text = std::fs::read_to_string(&page).expect("page readable");
        let examples = examples(&name, &text);
        if examples.is_empty() {
            continue;
        }
        let dir = workspace();
        for example in &examples {
            run += 1;
            failures.extend(check(dir.path(), example));
        }
    }
    assert!(
        run >= 10,
        "only {run} examples found: is the convention kept?"
    );
    assert!(
        failures.is_empty(),
        "{} of {run} examples differ from the binary:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_readme_has_examples_and_its_setup_commands() {
    let text = std::fs::read_to_string(Path::new(ROOT).join("README.md")).expect("README");
    assert!(!examples("README.md", &text).is_empty());
    // `.ci/run` runs the README's test command; the set-up runs the main
    // job on the bundled sample.
    for command in [
        "cargo run --release -- ingest data/articles/ && cargo run --release -- path \"Bonnie Jenkins\" \"Sergueï Riabkov\"",
        "cargo test --release",
    ] {
        assert!(
            text.lines().any(|l| l == command),
            "README.md lost its set-up command {command:?}"
        );
    }
    assert!(
        !text.contains("../shared/"),
        "README.md points into ../shared/, which a user of the repository does not have"
    );
}

#[test]
fn elisions_match_what_they_stand_for_and_nothing_else() {
    let lines = |s: &str| s.lines().map(String::from).collect::<Vec<_>>();
    let actual = ["a", "time: 0.25 s", "b", "c"];
    assert!(lines_match(&lines("a\ntime: [..] s\nb\nc"), &actual));
    assert!(lines_match(&lines("a\n...\nc"), &actual));
    assert!(lines_match(&lines("a\n..."), &actual));
    assert!(lines_match(&lines("...\na\ntime: [..]\n...\nc"), &actual));
    assert!(!lines_match(&lines("a\ntime: 0.26 s\nb\nc"), &actual));
    assert!(!lines_match(&lines("a\n...\nb"), &actual));
    assert!(!lines_match(&lines("a\ntime: [..] s\nb"), &actual));
    assert!(!lines_match(&lines("a\ntime: [..] ms\nb\nc"), &actual));
    assert!(line_matches("[..]", ""));
    assert!(!line_matches("ab[..]ba", "aba"));
}

#[test]
fn commands_split_as_a_shell_would_or_are_refused() {
    assert_eq!(
        split_command(r#"kg path "Bonnie Jenkins" 'Sergueï Riabkov' -k 2"#).unwrap(),
        ["kg", "path", "Bonnie Jenkins", "Sergueï Riabkov", "-k", "2"]
    );
    assert!(split_command("kg export | head").is_err());
    assert!(split_command("kg export -o a && dot a").is_err());
    assert!(split_command("kg stats > out").is_err());
    assert!(split_command("kg show \"unclosed").is_err());
}

#[test]
fn console_blocks_are_parsed_with_exit_codes_and_other_fences_skipped() {
    let page = "```sh\n$ kg not-run\n```\n\n```console\n$ kg show X\nkg: no\n[exit 2]\n$ kg stats\n| a |\n```\n";
    let found = examples("page.md", page);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].place, "page.md:6");
    assert_eq!(found[0].args, ["show", "X"]);
    assert_eq!(found[0].expected, ["kg: no"]);
    assert_eq!(found[0].exit, 2);
    assert_eq!(found[1].expected, ["| a |"]);
    assert_eq!(found[1].exit, 0);
}

#[test]
fn relative_links_of_the_pages_point_at_files_that_exist() {
    let mut broken = Vec::new();
    for page in pages() {
        let text = std::fs::read_to_string(&page).expect("page readable");
        let dir = page.parent().expect("a page is in a folder");
        for (i, line) in text.lines().enumerate() {
            for piece in line.split("](").skip(1) {
                let Some(target) = piece.split(')').next() else {
                    continue;
                };
                let file = target.split('#').next().unwrap_or_default();
                if file.is_empty() || file.contains("://") {
                    continue;
                }
                if !dir.join(file).exists() {
                    broken.push(format!("{}:{}: {target}", page.display(), i + 1));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "links to missing files:\n{}",
        broken.join("\n")
    );
}
