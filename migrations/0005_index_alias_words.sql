-- Why: name lookups scaled with the database (issue 19). Resolving a name
-- that matches no alias exactly fell back to LIKE '% word %' patterns and
-- a Levenshtein pass over every alias: 1.3 s for an unknown name at 100k
-- articles, 7 s for a 1,000-character one, and "LIKE or GLOB pattern too
-- complex" near 50,000 bytes. Here each folded alias (`aliases.norm`) is
-- indexed by its words: split at spaces, and also at hyphens and
-- apostrophes ("jean-pierre" gives "jean-pierre", "jean" and "pierre").
-- A whole-word match is then one lookup of a word of the query, and a
-- suggestion a bounded range of words sharing a prefix. Keyed by
-- (word, norm), one row per distinct folded name, not per entity: a name
-- reaches its entities through `aliases_by_norm`.

CREATE TABLE alias_words (
    word TEXT NOT NULL,
    norm TEXT NOT NULL,
    PRIMARY KEY (word, norm)
) WITHOUT ROWID;

INSERT OR IGNORE INTO alias_words (word, norm)
    WITH RECURSIVE
        names (norm, rest) AS (
            SELECT DISTINCT norm, norm || ' ' FROM aliases
            UNION
            SELECT DISTINCT norm, replace(replace(norm, '-', ' '), '''', ' ') || ' '
            FROM aliases
        ),
        split (norm, word, rest) AS (
            SELECT norm, '', rest FROM names
            UNION ALL
            SELECT norm, substr(rest, 1, instr(rest, ' ') - 1),
                   substr(rest, instr(rest, ' ') + 1)
            FROM split WHERE rest <> ''
        )
    SELECT word, norm FROM split WHERE word <> '' ORDER BY word, norm;
