-- Why: an article's date is stored in ISO 8601 once ingest has read it
-- ("5 mars 2024", "March 5, 2024", "05/03/2024" and feed dates become
-- 2024-03-05); a date ingest could not read used to be stored as given in
-- `date`, or dropped. Now `date` holds only ISO dates and what could not be
-- read is kept in `date_raw`, as the source wrote it. Web pages and front
-- matters also name the article's author, kept in `author` (issue 15).
-- Articles stored before keep their `date` as it was.

ALTER TABLE articles ADD COLUMN date_raw TEXT;
ALTER TABLE articles ADD COLUMN author TEXT;
