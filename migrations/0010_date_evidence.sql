-- Why: dates in sentences (issue 16). A sentence often dates what it
-- tells ("jeudi", "last Friday", "le 12", "in March"), and a relation
-- belongs to that day, not to the day the article appeared. Each evidence
-- and co-occurrence row now keeps the day or interval it is dated by,
-- `day_start`..`day_end` (YYYY-MM-DD, equal for one day; a month is its
-- first to last day): the date words of its sentence nearest to the
-- trigger, resolved against the article's date, else the article's date;
-- and the words themselves, `date_words` (NULL when the article's date
-- stands). NULL days: nothing dates the row. Rows stored before get their
-- article's day and no words (their unresolved `attrs.date` stays; new
-- rows no longer carry it); re-ingesting the sources dates them fully.

ALTER TABLE evidence ADD COLUMN day_start TEXT;
ALTER TABLE evidence ADD COLUMN day_end TEXT;
ALTER TABLE evidence ADD COLUMN date_words TEXT;
ALTER TABLE cooccurrences ADD COLUMN day_start TEXT;
ALTER TABLE cooccurrences ADD COLUMN day_end TEXT;
ALTER TABLE cooccurrences ADD COLUMN date_words TEXT;

UPDATE evidence SET day_start = (
    SELECT substr(a.date, 1, 10) FROM articles a
    WHERE a.id = evidence.article_id
      AND a.date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*');
UPDATE evidence SET day_end = day_start;
UPDATE cooccurrences SET day_start = (
    SELECT substr(a.date, 1, 10) FROM articles a
    WHERE a.id = cooccurrences.article_id
      AND a.date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*');
UPDATE cooccurrences SET day_end = day_start;
