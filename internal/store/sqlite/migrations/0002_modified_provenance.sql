-- When the page says the article was last modified, and where each piece of
-- metadata came from (a JSON object: field name → source, e.g.
-- {"published":"json-ld","title":"input"}). NULL when unknown or empty.
ALTER TABLE articles ADD COLUMN modified TEXT;
ALTER TABLE articles ADD COLUMN provenance TEXT;
