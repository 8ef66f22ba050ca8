-- Why: ingest speed at scale (issue 5). A profile put SQLite's B-tree
-- inserts at about half of the ingest CPU: a row per sentence (plus its
-- unique index), a row per mention (plus two indexes), an evidence row plus
-- an index by article. This migration keeps every fact and offset but
-- writes far fewer B-tree entries per article:
-- - sentence offsets become one JSON array per article,
--   `articles.sentence_spans` = [[start, end], ...] in code points, in order;
--   the `sentences` view gives the old rows (article_id, ord, start, end);
-- - mentions become one row per (entity, article) whose `spans` is the JSON
--   array [[start, end], ...] of that entity's mentions there, in text
--   order: the surface form is the text between the offsets, and the
--   sentence is the one whose span contains them;
-- - evidence names its sentence by (article_id, sentence), its position in
--   `sentence_spans`, so sentence ids are gone;
-- - the indexes by article (`mentions_by_article`, `evidence_by_article`)
--   are dropped: no query reads by article, and kg never deletes articles
--   (a delete still cascades, by scanning).

ALTER TABLE articles ADD COLUMN sentence_spans TEXT NOT NULL DEFAULT '[]';
UPDATE articles SET sentence_spans = coalesce(
    (SELECT json_group_array(json_array(s.start, s."end") ORDER BY s.ord)
     FROM sentences s WHERE s.article_id = articles.id),
    '[]');

CREATE TABLE mentions_v2 (
    entity_id  INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    spans      TEXT NOT NULL,            -- [[start, end], ...] code points
    PRIMARY KEY (entity_id, article_id)
) WITHOUT ROWID;
INSERT INTO mentions_v2 (entity_id, article_id, spans)
    SELECT entity_id, article_id,
           json_group_array(json_array(start, "end") ORDER BY start, "end", id)
    FROM mentions GROUP BY entity_id, article_id;

CREATE TABLE evidence_v2 (
    relation_id INTEGER NOT NULL REFERENCES relations (id) ON DELETE CASCADE,
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    sentence    INTEGER NOT NULL,        -- 0-based, into articles.sentence_spans
    trigger     TEXT NOT NULL,
    confidence  REAL NOT NULL,
    attrs       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(attrs)),
    PRIMARY KEY (relation_id, article_id, sentence)
) WITHOUT ROWID;
INSERT INTO evidence_v2 (relation_id, article_id, sentence, trigger, confidence, attrs)
    SELECT e.relation_id, e.article_id, s.ord, e.trigger, e.confidence, e.attrs
    FROM evidence e JOIN sentences s ON s.id = e.sentence_id;

DROP TABLE evidence;
DROP TABLE mentions;
DROP TABLE sentences;
ALTER TABLE mentions_v2 RENAME TO mentions;
ALTER TABLE evidence_v2 RENAME TO evidence;

CREATE VIEW sentences (article_id, ord, start, "end") AS
    SELECT a.id, CAST(j.key AS INTEGER), j.value ->> 0, j.value ->> 1
    FROM articles a, json_each(a.sentence_spans) j;
