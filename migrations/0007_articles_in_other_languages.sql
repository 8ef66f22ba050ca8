-- Why: articles in a language kg does not extract (issue 15) are stored
-- with their language, as an ISO 639-1 code ("de", "es"), and nothing
-- extracted from them; `articles.lang` was limited to 'fr' and 'en'.
-- SQLite cannot change a CHECK constraint in place, so the table is
-- rebuilt by SQLite's procedure for other schema changes: a new table, the
-- rows copied (ids kept, so every reference stays true), the old one
-- dropped and the new one renamed. The migration runner turns foreign
-- keys off around it (dropping `articles` would otherwise delete what
-- refers to it) and checks them before committing. The `sentences` view
-- reads `articles`, so it is dropped first and made again.

DROP VIEW sentences;

CREATE TABLE articles_v2 (
    id             INTEGER PRIMARY KEY,
    source         TEXT NOT NULL,        -- file path, "path:line" for JSONL, or "-"
    external_id    TEXT,                 -- JSONL `id`
    url            TEXT,
    title          TEXT,
    date           TEXT,                 -- ISO 8601, as ingest read it
    lang           TEXT NOT NULL CHECK (lang GLOB '[a-z][a-z]'),  -- ISO 639-1
    content_hash   BLOB NOT NULL UNIQUE, -- SHA-256 of text
    text           TEXT NOT NULL,
    sentence_spans TEXT NOT NULL DEFAULT '[]',
    date_raw       TEXT,                 -- the date as given, when ingest could not read it
    author         TEXT
);
INSERT INTO articles_v2 (id, source, external_id, url, title, date, lang, content_hash, text,
                         sentence_spans, date_raw, author)
    SELECT id, source, external_id, url, title, date, lang, content_hash, text, sentence_spans,
           date_raw, author
    FROM articles;
DROP TABLE articles;
ALTER TABLE articles_v2 RENAME TO articles;

CREATE VIEW sentences (article_id, ord, start, "end") AS
    SELECT a.id, CAST(j.key AS INTEGER), j.value ->> 0, j.value ->> 1
    FROM articles a, json_each(a.sentence_spans) j;
