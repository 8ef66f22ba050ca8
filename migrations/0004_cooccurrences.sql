-- Why: ingest speed at scale (issue 5). `cooccurs` edges were 63% of the
-- relations and 66% of the evidence rows of the 100k-article benchmark,
-- yet carry nothing of their own: no trigger, no attributes, one fixed
-- confidence. As relations, each cost a row in `relations`, an entry in
-- its id, by-tail and by-head indexes, a lookup to find it again and an
-- evidence row. Here a co-occurrence is one row per sentence naming both
-- entities, keyed (head, tail, article, sentence) with the smaller entity
-- id as head: written without lookups, its pair's rows contiguous. The
-- edge is the pair, its count (ontology.md) the number of its rows, its
-- evidence the rows themselves. Figures: bench/SCALE.md.

CREATE TABLE cooccurrences (
    head       INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    tail       INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    sentence   INTEGER NOT NULL,        -- 0-based, into articles.sentence_spans
    PRIMARY KEY (head, tail, article_id, sentence)
) WITHOUT ROWID;

INSERT INTO cooccurrences (head, tail, article_id, sentence)
    SELECT min(r.head, r.tail), max(r.head, r.tail), e.article_id, e.sentence
    FROM relations r JOIN evidence e ON e.relation_id = r.id
    WHERE r.label = 'cooccurs'
    ORDER BY 1, 2, 3, 4;
DELETE FROM evidence
    WHERE relation_id IN (SELECT id FROM relations WHERE label = 'cooccurs');
DELETE FROM relations WHERE label = 'cooccurs';

CREATE INDEX cooccurrences_by_tail ON cooccurrences (tail, head);
