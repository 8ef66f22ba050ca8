-- Why: curation and corrections (issue 16). `kg forget` must give back
-- exactly what an ingest without the article gives, so each (entity,
-- article) mention row now keeps the names the article gave the entity
-- (its name first): aliases and display names are recomputed from the
-- articles left. Curation decisions are kept in `curation_log` (who,
-- when, what) and, so that later ingests re-apply them, as rules keyed by
-- extraction's (type, key): `redirects` (a merge or retype: what is
-- extracted as `from` is stored as `to`) and `alias_rules` (an alias
-- added or removed by hand). A corrected article replaces its older
-- version, or, with `--keep-versions`, is stored beside it with the next
-- `version` number.

ALTER TABLE mentions ADD COLUMN names TEXT NOT NULL DEFAULT '[]';
-- Rows written before: the surfaces of their spans stand for the names.
UPDATE mentions SET names = coalesce(
    (SELECT json_group_array(DISTINCT substr(a.text, (j.value ->> 0) + 1,
                                             (j.value ->> 1) - (j.value ->> 0)))
     FROM articles a, json_each(mentions.spans) j
     WHERE a.id = mentions.article_id),
    '[]');

ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
CREATE INDEX articles_by_external_id ON articles (external_id) WHERE external_id IS NOT NULL;
CREATE INDEX articles_by_url ON articles (url) WHERE url IS NOT NULL;

CREATE TABLE curation_log (
    id     INTEGER PRIMARY KEY,
    at     TEXT NOT NULL,            -- UTC, ISO 8601
    by     TEXT NOT NULL,
    action TEXT NOT NULL,            -- merge, split, alias-add, alias-remove, retype, forget, replace
    detail TEXT NOT NULL CHECK (json_valid(detail))
);

CREATE TABLE redirects (
    from_type TEXT NOT NULL,
    from_key  TEXT NOT NULL,
    to_type   TEXT NOT NULL,
    to_key    TEXT NOT NULL,
    PRIMARY KEY (from_type, from_key)
) WITHOUT ROWID;

CREATE TABLE alias_rules (
    type  TEXT NOT NULL,
    key   TEXT NOT NULL,
    alias TEXT NOT NULL,
    keep  INTEGER NOT NULL CHECK (keep IN (0, 1)),  -- 1 added, 0 removed
    PRIMARY KEY (type, key, alias)
) WITHOUT ROWID;
