-- Why: `kg split NODE --alias X` must hold when the same entity is
-- extracted again (a later ingest, a correction, `kg reextract`), as a
-- merge does. A split is kept as a rule keyed by extraction's (type, key)
-- of the node split and the folded alias: the mentions of that node
-- written so (compared folded) are stored as (to_type, to_key), the node
-- the split made, with the evidence of the sentences that name it only so.

CREATE TABLE split_rules (
    type    TEXT NOT NULL,
    key     TEXT NOT NULL,
    alias   TEXT NOT NULL,           -- folded
    to_type TEXT NOT NULL,
    to_key  TEXT NOT NULL,
    PRIMARY KEY (type, key, alias)
) WITHOUT ROWID;
