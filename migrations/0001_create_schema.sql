-- Why: the first schema of kg. Articles keep their whole text so that every
-- offset (sentences, mentions, evidence) can be checked against it; entities
-- are merged across articles on (type, key) as extraction gives it; relations
-- are unique per (head, tail, label) and carry one evidence row per sentence
-- that supports them. Offsets are Unicode code points (what interfaces.md
-- promises to exports and what SQLite's substr() counts).
--
-- Sizing for ~100k articles, ~1M entities, ~5M relations: relations is a
-- WITHOUT ROWID table keyed by (head, tail, label), so the edges of a node
-- by head are one contiguous primary-key range, and relations_by_tail covers
-- the reverse direction (the primary-key columns ride along in it), so both
-- adjacency lookups are index-only.

CREATE TABLE articles (
    id           INTEGER PRIMARY KEY,
    source       TEXT NOT NULL,          -- file path, "path:line" for JSONL, or "-"
    external_id  TEXT,                   -- JSONL `id`
    url          TEXT,
    title        TEXT,
    date         TEXT,                   -- as given (ISO 8601 expected)
    lang         TEXT NOT NULL CHECK (lang IN ('fr', 'en')),
    content_hash BLOB NOT NULL UNIQUE,   -- SHA-256 of text
    text         TEXT NOT NULL
);

CREATE TABLE sentences (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    ord        INTEGER NOT NULL,         -- 0-based position in the article
    start      INTEGER NOT NULL,         -- code points into articles.text
    "end"      INTEGER NOT NULL,
    UNIQUE (article_id, ord)
);

CREATE TABLE entities (
    id            INTEGER PRIMARY KEY,
    type          TEXT NOT NULL CHECK (type IN ('PER', 'ORG', 'LOC', 'MISC', 'EVENT')),
    key           TEXT NOT NULL,         -- extraction's normalised key
    name          TEXT NOT NULL,         -- canonical (display) name
    mention_count INTEGER NOT NULL DEFAULT 0,
    UNIQUE (type, key)
);

-- Every surface form of an entity, name included. `norm` is the case- and
-- accent-folded form used to resolve command-line arguments.
CREATE TABLE aliases (
    entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    alias     TEXT NOT NULL,
    norm      TEXT NOT NULL,
    PRIMARY KEY (entity_id, alias)
) WITHOUT ROWID;
CREATE INDEX aliases_by_norm ON aliases (norm, entity_id);

CREATE TABLE mentions (
    id          INTEGER PRIMARY KEY,
    entity_id   INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    sentence_id INTEGER NOT NULL REFERENCES sentences (id) ON DELETE CASCADE,
    start       INTEGER NOT NULL,        -- code points into articles.text
    "end"       INTEGER NOT NULL,
    surface     TEXT NOT NULL
);
CREATE INDEX mentions_by_entity ON mentions (entity_id, article_id);
CREATE INDEX mentions_by_article ON mentions (article_id);

-- Symmetric labels (meets, agrees_with, cooccurs) are stored once, with the
-- smaller entity id as head. `confidence` is the best of the evidence rows.
CREATE TABLE relations (
    head       INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    tail       INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    label      TEXT NOT NULL,
    id         INTEGER NOT NULL UNIQUE,
    confidence REAL NOT NULL,
    PRIMARY KEY (head, tail, label)
) WITHOUT ROWID;
CREATE INDEX relations_by_tail ON relations (tail, confidence, id);

CREATE TABLE evidence (
    relation_id INTEGER NOT NULL REFERENCES relations (id) ON DELETE CASCADE,
    sentence_id INTEGER NOT NULL REFERENCES sentences (id) ON DELETE CASCADE,
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    trigger     TEXT NOT NULL,
    confidence  REAL NOT NULL,
    attrs       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(attrs)),
    PRIMARY KEY (relation_id, sentence_id)
) WITHOUT ROWID;
CREATE INDEX evidence_by_article ON evidence (article_id);
