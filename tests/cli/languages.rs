//! `kg ingest` of articles as they come: in languages kg does not extract
//! (stored without entities, or skipped), and in encodings other than
//! UTF-8 (declared charsets, UTF-16, Latin-1 text). The articles are made
//! up for these tests.

use crate::support::utf16;
use crate::*;

const GERMAN: &str = "Neue Regeln für die Bahn\n\n\
    Die Bundesregierung hat am Dienstag in Berlin neue Regeln für den Bahnverkehr \
    beschlossen. Nach Angaben des Verkehrsministeriums sollen die Züge ab dem \
    nächsten Jahr pünktlicher fahren. Die Lage sei ernst, sagte die Ministerin \
    nach der Sitzung, aber die Zukunft der Bahn liege in den Händen der Politik.\n";

const SPANISH: &str = "# Un nuevo puente en Sevilla\n\n\
    El Ayuntamiento de Sevilla presentó el lunes el proyecto de un nuevo puente \
    sobre el río. Según la alcaldía, las obras empezarán en primavera y durarán \
    dos años. El presidente de la Junta dijo que la ciudad necesita mejores \
    conexiones para los barrios del sur.\n";

/// `(source file name, lang, whether anything was found in it)` of every
/// stored article, by source.
fn stored(db: &Path) -> Vec<(String, String, bool)> {
    let conn = rusqlite::Connection::open(db).expect("open db");
    let mut stmt = conn
        .prepare(
            "SELECT a.source, a.lang, (SELECT count(*) FROM mentions m WHERE m.article_id = a.id)
             FROM articles a ORDER BY a.source",
        )
        .expect("select");
    stmt.query_map([], |r| {
        let source: String = r.get(0)?;
        let name = source.rsplit('/').next().unwrap_or(&source).to_string();
        Ok((name, r.get(1)?, r.get::<_, i64>(2)? > 0))
    })
    .expect("query")
    .collect::<Result<_, _>>()
    .expect("rows")
}

fn integrity_ok(db: &Path) {
    let conn = rusqlite::Connection::open(db).expect("open db");
    let problems: Vec<String> = conn
        .prepare("SELECT \"table\" || ' ' || rowid FROM pragma_foreign_key_check UNION ALL SELECT * FROM pragma_integrity_check")
        .and_then(|mut st| st.query_map([], |r| r.get(0))?.collect())
        .expect("checks");
    assert_eq!(problems, ["ok"]);
}

fn write_articles(env: &Env) {
    env.write("in/de.txt", GERMAN);
    env.write("in/es.md", SPANISH);
    env.write(
        "in/en.txt",
        "Angela Merkel met Emmanuel Macron in Berlin on Monday.\n",
    );
    env.write("in/fr.txt", "Olaf Scholz à Paris.\n");
}

#[test]
fn articles_in_other_languages_are_stored_without_entities_and_reported() {
    let env = Env::new();
    write_articles(&env);
    let out = env.kg().args(["ingest", "in"]).assert().success();
    let out = out.get_output();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_says(
        &stdout,
        &["articles:  4 new, 0 skipped, 0 failed; 2 in other languages, stored without entities"],
    );
    assert_says(
        &stderr,
        &[
            "de.txt: note: in German (de), which kg does not extract (French and English only); stored without entities",
            "es.md: note: in Spanish (es), which kg does not extract",
        ],
    );
    assert_eq!(
        stored(&env.db()),
        [
            ("de.txt".to_string(), "de".to_string(), false),
            ("en.txt".into(), "en".into(), true),
            ("es.md".into(), "es".into(), false),
            ("fr.txt".into(), "fr".into(), true),
        ]
    );
    let entities = stdout_of(env.kg().args(["entities", "--limit", "0"]));
    for word in ["Dienstag", "Lage", "Zukunft", "Bahn", "Sevilla", "Junta"] {
        assert!(!entities.contains(word), "{word} in:\n{entities}");
    }
    let stats = json_of(env.kg().args(["stats", "--json"]));
    assert_eq!(stats["articles_by_lang"]["de"], 1, "{stats}");
    integrity_ok(&env.db());
}

#[test]
fn skip_unsupported_skips_them_and_lang_still_forces() {
    let env = Env::new();
    write_articles(&env);
    let summary = json_of(
        env.kg()
            .args(["ingest", "in", "--skip-unsupported", "--json"]),
    );
    assert_eq!(summary["articles_new"], 2, "{summary}");
    assert_eq!(summary["articles_unsupported"], 2, "{summary}");
    env.kg()
        .args(["ingest", "in", "--skip-unsupported"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "de.txt: note: in German (de), which kg does not extract (French and English only); skipped (--skip-unsupported)",
        ));
    let langs: Vec<String> = stored(&env.db()).into_iter().map(|r| r.1).collect();
    assert_eq!(langs, ["en", "fr"]);

    let forced = Env::new();
    forced.write("de.txt", GERMAN);
    forced
        .kg()
        .args(["ingest", "de.txt", "--lang", "en"])
        .assert()
        .success()
        .stderr(predicate::str::contains("German").not());
    let rows = stored(&forced.db());
    assert_eq!((rows[0].1.as_str(), rows[0].2), ("en", true), "{rows:?}");
}

#[test]
fn a_jsonl_lang_of_another_language_is_stored_as_declared() {
    let env = Env::new();
    env.write(
        "a.jsonl",
        concat!(
            "{\"text\": \"Angela Merkel met Joe Biden in Washington on Friday.\", \"lang\": \"de\"}\n",
            "{\"text\": \"Joe Biden met Olaf Scholz in Washington on Friday.\", \"lang\": \"en\"}\n",
            "{\"text\": \"Ein Text.\", \"lang\": \"klingon\"}\n",
        ),
    );
    env.kg()
        .args(["ingest", "a.jsonl"])
        .assert()
        .code(3)
        .stderr(
            predicate::str::contains("a.jsonl:1: note: in German (de)").and(
                predicate::str::contains("a.jsonl:3: unknown language \"klingon\""),
            ),
        );
    let rows = stored(&env.db());
    assert_eq!(
        rows.iter().map(|r| (r.1.as_str(), r.2)).collect::<Vec<_>>(),
        [("de", false), ("en", true)]
    );
}

/// The stored text of every article, by source file name.
fn texts(db: &Path) -> Vec<(String, String)> {
    let conn = rusqlite::Connection::open(db).expect("open db");
    let mut stmt = conn
        .prepare("SELECT source, text FROM articles ORDER BY source")
        .expect("select");
    stmt.query_map([], |r| {
        let source: String = r.get(0)?;
        Ok((
            source.rsplit('/').next().unwrap_or(&source).to_string(),
            r.get(1)?,
        ))
    })
    .expect("query")
    .collect::<Result<_, _>>()
    .expect("rows")
}

#[test]
fn declared_charsets_utf16_and_latin1_text_are_decoded() {
    let env = Env::new();
    env.write(
        "in/euro.html",
        b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-15\">\
          <title>Prix</title></head><body><article>\
          <p>Le ticket co\xfbte 5 \xa4 \xe0 Paris, a dit Anne Hidalgo.</p></article></body></html>",
    );
    env.write(
        "in/quoted.html",
        b"<html><head><meta charset='windows-1252'></head><body><article>\
          <p>Fran\xe7ois Bayrou a parl\xe9 d\x92un \x93accord\x94 avec Marine Tondelier.</p>\
          </article></body></html>",
    );
    let le = "Emmanuel Macron a reçu Olaf Scholz à l'Élysée.\n";
    let be = "Keir Starmer met Ursula von der Leyen in Brussels – 5 € a ticket.\n";
    env.write("in/le.txt", utf16(le, true));
    env.write("in/be.md", utf16(be, false));
    env.write(
        "in/latin1.txt",
        b"R\xe9union \xe0 Gen\xe8ve\n\nLe ministre fran\xe7ais a rencontr\xe9 Wendy Sherman \xe0 Gen\xe8ve.\n",
    );
    env.kg()
        .args(["ingest", "in"])
        .assert()
        .success()
        .stdout(predicate::str::contains("5 new, 0 skipped, 0 failed"))
        .stderr(
            predicate::str::contains(
                "latin1.txt: note: not UTF-8 and no charset declared: decoded as windows-1252 (guessed from its bytes)",
            )
            .and(predicate::str::contains("euro.html: note").not())
            .and(predicate::str::contains("le.txt: note").not()),
        );
    let texts = texts(&env.db());
    let text = |name: &str| {
        texts
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.as_str())
            .unwrap_or_else(|| panic!("{name} not stored: {texts:?}"))
    };
    assert!(
        text("euro.html").contains("Le ticket coûte 5 € à Paris"),
        "{texts:?}"
    );
    assert!(
        text("quoted.html").contains("François Bayrou a parlé d’un “accord” avec"),
        "{texts:?}"
    );
    assert_eq!(text("le.txt"), le);
    assert_eq!(text("be.md"), be);
    assert!(text("latin1.txt").starts_with("Réunion à Genève\n\nLe ministre français a rencontré"));
    let entities = stdout_of(env.kg().args(["entities", "--limit", "0"]));
    for name in [
        "Anne Hidalgo",
        "François Bayrou",
        "Olaf Scholz",
        "Keir Starmer",
        "Wendy Sherman",
    ] {
        assert!(entities.contains(name), "{name} not in:\n{entities}");
    }
    integrity_ok(&env.db());
}

/// Issue 15: UTF-16 with a byte-order mark, little- or big-endian, is
/// read in every format: JSON Lines (a file or standard input, streamed
/// line by line, a bad line still named by its number), pages and texts.
#[test]
fn utf16_jsonl_pages_and_texts_are_decoded() {
    let env = Env::new();
    let jsonl = "{\"text\": \"Emmanuel Macron a reçu Olaf Scholz à l'Élysée.\", \"lang\": \"fr\"}\n\
                 not json\n\
                 {\"text\": \"Keir Starmer met Ursula von der Leyen in Brussels – 5 € 𝄞.\", \"title\": \"Bruxelles\"}\n";
    env.write("in/le.jsonl", utf16(jsonl, true));
    env.write(
        "in/be.ndjson",
        utf16(&jsonl.replace("Olaf Scholz", "Friedrich Merz"), false),
    );
    let page = "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-16\"><title>Élysée</title></head>\
                <body><article><p>François Bayrou a reçu Marine Tondelier à Matignon – 5 €.</p></article></body></html>";
    env.write("in/le.html", utf16(page, true));
    env.write(
        "in/be.htm",
        utf16(&page.replace("Bayrou", "Hollande"), false),
    );
    env.kg()
        .args(["ingest", "in"])
        .assert()
        .code(3)
        .stdout(predicate::str::contains("5 new, 1 skipped, 2 failed"))
        .stderr(
            predicate::str::contains("be.ndjson:2: not a JSON object")
                .and(predicate::str::contains("le.jsonl:2: not a JSON object"))
                .and(predicate::str::contains("decoded as").not()),
        );
    let texts = texts(&env.db());
    let sources: Vec<&str> = texts.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(
        sources,
        [
            "be.htm",
            "be.ndjson:1",
            "be.ndjson:3",
            "le.html",
            "le.jsonl:1"
        ],
        "{texts:?}"
    );
    assert_eq!(
        texts[2].1,
        "Keir Starmer met Ursula von der Leyen in Brussels – 5 € 𝄞."
    );
    assert!(
        texts[3]
            .1
            .contains("François Bayrou a reçu Marine Tondelier à Matignon – 5 €."),
        "{texts:?}"
    );
    assert!(texts[0].1.contains("François Hollande"), "{texts:?}");
    // Standard input in UTF-16 is JSON Lines too, or one text.
    env.kg()
        .args(["ingest", "-"])
        .write_stdin(utf16(&jsonl.replace("Olaf Scholz", "Pedro Sánchez"), true))
        .assert()
        .code(3)
        .stdout(predicate::str::contains("1 new, 1 skipped, 1 failed"))
        .stderr(predicate::str::contains("-:2: not a JSON object"));
    env.kg()
        .args(["ingest", "-"])
        .write_stdin(utf16(
            "Giorgia Meloni a rencontré Pedro Sánchez à Rome.\n",
            false,
        ))
        .assert()
        .success()
        .stdout(predicate::str::contains("1 new, 0 skipped, 0 failed"));
    let entities = stdout_of(env.kg().args(["entities", "--limit", "0"]));
    for name in [
        "Olaf Scholz",
        "Friedrich Merz",
        "Pedro Sánchez",
        "Giorgia Meloni",
        "Keir Starmer",
    ] {
        assert!(entities.contains(name), "{name} not in:\n{entities}");
    }
    integrity_ok(&env.db());
}
