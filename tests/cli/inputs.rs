//! What ingest reads from articles as they come (issue 15): dates in the
//! formats of both languages, front matters of text and Markdown files,
//! and web pages with their boilerplate.

use super::*;

/// `(source, date, date_raw, title, url, author)` of every article, by id.
type Row = (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn articles(env: &Env) -> Vec<Row> {
    let db = rusqlite::Connection::open(env.db()).expect("open");
    let mut stmt = db
        .prepare("SELECT source, date, date_raw, title, url, author FROM articles ORDER BY id")
        .expect("select");
    stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
        ))
    })
    .expect("query")
    .collect::<Result<_, _>>()
    .expect("rows")
}

#[test]
fn dates_are_stored_iso_and_what_cannot_be_read_is_kept_with_a_note() {
    let env = Env::new();
    let lines = [
        r#"{"lang": "en", "date": "03/05/2024", "text": "Alice Martin met Bob Stone in Vienna."}"#,
        r#"{"lang": "fr", "date": "03/05/2024", "text": "Claire Dubois a rencontré Paul Durand à Lyon."}"#,
        r#"{"lang": "fr", "date": "5 mars 2024", "text": "Claire Dubois a rencontré Marc Petit à Lille."}"#,
        r#"{"date": "not a date", "text": "Alice Martin met Karl Ostberg in Geneva."}"#,
        r#"{"date": "Tue, 05 Mar 2024 10:00:00 +0000", "text": "Bob Stone met Karl Ostberg in Oslo."}"#,
        r#"{"date": "March 5, 2024", "text": "Lena Moss met Karl Ostberg in Bern."}"#,
    ];
    let jsonl = env.write("news.jsonl", lines.join("\n") + "\n");
    let out = env.kg().arg("ingest").arg(&jsonl).assert().success();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert_says(
        &err,
        &["news.jsonl:4: date \"not a date\" not understood; kept as written (date_raw)"],
    );
    assert_eq!(err.matches("not understood").count(), 1, "{err}");
    let dates: Vec<_> = articles(&env)
        .into_iter()
        .map(|(_, date, raw, ..)| (date, raw))
        .collect();
    let iso = |d: &str| (Some(d.to_string()), None);
    assert_eq!(
        dates,
        vec![
            iso("2024-03-05"),
            iso("2024-05-03"),
            iso("2024-03-05"),
            (None, Some("not a date".to_string())),
            iso("2024-03-05T10:00:00Z"),
            iso("2024-03-05"),
        ]
    );
    // `kg show` gives the date, read or as written.
    let shown = stdout_of(env.kg().args(["show", "Karl Ostberg"]));
    assert_says(
        &shown,
        &[
            "news.jsonl:4, date as written \"not a date\" (",
            "news.jsonl:5, 2024-03-05T10:00:00Z (",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&stdout_of(env.kg().args([
        "show",
        "Karl Ostberg",
        "--json",
    ])))
    .expect("json");
    assert_eq!(json["articles"][0]["date_raw"], "not a date");
    assert_eq!(json["articles"][0]["date"], serde_json::Value::Null);
}

#[test]
fn a_front_matter_gives_title_date_url_and_language_and_is_not_text() {
    let env = Env::new();
    env.write(
        "in/a.md",
        "---\ntitle: Talks in Lyon\ndate: 05/03/2024\nurl: https://example.org/lyon\n\
         lang: fr\nauthor: Carol White\ntags: [diplomatie]\n---\n\n\
         Claire Dubois a rencontré Paul Durand à Lyon.\n",
    );
    env.write(
        "in/b.txt",
        "---\ntitle: Geneva\nthis line is not yaml\ndate: someday\n---\n\
         Alice Martin met Bob Stone in Geneva.\n",
    );
    let out = env
        .kg()
        .arg("ingest")
        .arg(env.path("in"))
        .assert()
        .success()
        .stdout(predicate::str::contains("2 new, 0 skipped, 0 failed"));
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert_says(
        &err,
        &[
            "b.txt:3: front matter: \"this line is not yaml\" is not a `key: value` line, ignored",
            "b.txt:4: date \"someday\" not understood",
        ],
    );
    assert!(!err.contains("a.md"), "{err}");
    let rows = articles(&env);
    let (_, date, raw, title, url, author) = &rows[0];
    assert_eq!(
        (date.as_deref(), raw, title.as_deref(), url.as_deref()),
        (
            Some("2024-03-05"),
            &None,
            Some("Talks in Lyon"),
            Some("https://example.org/lyon")
        )
    );
    assert_eq!(author.as_deref(), Some("Carol White"));
    assert_eq!(
        (rows[1].1.as_deref(), rows[1].2.as_deref()),
        (None, Some("someday"))
    );
    let db = rusqlite::Connection::open(env.db()).expect("open");
    let (text, lang): (String, String) = db
        .query_row("SELECT text, lang FROM articles ORDER BY id", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .expect("a.md");
    assert_eq!(
        (text.as_str(), lang.as_str()),
        ("Claire Dubois a rencontré Paul Durand à Lyon.\n", "fr")
    );
    let entities = stdout_of(env.kg().args(["entities", "--limit", "0"]));
    assert_says(&entities, &["Claire Dubois", "Alice Martin"]);
    assert!(!entities.contains("Carol White"), "{entities}");
}

/// The saved pages of `tests/pages/`: their story's names become entities,
/// none of the names of their banners, boxes and comments do.
#[test]
fn web_pages_give_their_story_and_metadata_not_their_furniture() {
    let env = Env::new();
    let pages = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/pages");
    env.kg()
        .args(["ingest", pages])
        .assert()
        .success()
        .stdout(predicate::str::contains("2 new, 0 skipped, 0 failed"));
    let entities = stdout_of(env.kg().args(["entities", "--limit", "0"]));
    assert_says(
        &entities,
        &["Claire Dubois", "Paul Durand", "Alice Martin", "Bob Stone"],
    );
    for furniture in [
        "Thomas Girard",
        "Hélène Garnier",
        "Victor Lambert",
        "Julien Mercier",
        "Jacques Moreau",
        "Sophie Lefèvre",
        "Louis Fabre",
        "Quotidien",
        "Mark Evans",
        "Nina Cole",
        "Ruth Hale",
        "Carol White",
        "Dan Price",
        "Eve Stark",
        "Frank Hill",
        "Gina Ross",
        "Henry Ward",
    ] {
        assert!(
            !entities.contains(furniture),
            "{furniture} is page furniture:\n{entities}"
        );
    }
    let rows = articles(&env);
    let sommet = rows
        .iter()
        .find(|r| r.0.ends_with("sommet.fr.html"))
        .expect("sommet");
    assert_eq!(
        (
            sommet.1.as_deref(),
            sommet.3.as_deref(),
            sommet.4.as_deref(),
            sommet.5.as_deref()
        ),
        (
            Some("2024-03-05T08:30:00+01:00"),
            Some("Sommet à Genève"),
            Some("https://example.org/sommet"),
            Some("Anne Roux")
        )
    );
    let talks = rows
        .iter()
        .find(|r| r.0.ends_with("talks.en.html"))
        .expect("talks");
    assert_eq!(talks.1.as_deref(), Some("2024-03-05T10:00:00Z"));
    let db = rusqlite::Connection::open(env.db()).expect("open");
    let text: String = db
        .query_row(
            "SELECT text FROM articles WHERE source LIKE '%sommet.fr.html'",
            [],
            |r| r.get(0),
        )
        .expect("sommet text");
    assert_eq!(text.matches("Sommet à Genève").count(), 1, "{text}");
    assert!(text.contains("3 × 2 ans ; la part d'½"), "{text}");
}
