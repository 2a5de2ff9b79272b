-- The parallax article store: articles, the sources each was read from, and
-- the raw input each was made from.
--
-- seq is the rowid, so rows lie in ingestion order and List is a sequential
-- scan; AUTOINCREMENT keeps a seq from ever being reused. id, the SHA-256 of
-- the normalized text in lower-case hex, is the key everything refers to.
-- The large columns (text, boilerplate) come last so that reading the others
-- does not touch their overflow pages. Times are UTC RFC 3339 with nine
-- fractional digits, so that text order is time order.
CREATE TABLE articles (
	seq         INTEGER PRIMARY KEY AUTOINCREMENT,
	id          TEXT    NOT NULL UNIQUE CHECK (length(id) = 64),
	source      TEXT    NOT NULL,
	url         TEXT    NOT NULL,
	outlet      TEXT    NOT NULL,
	title       TEXT    NOT NULL,
	byline      TEXT    NOT NULL,
	published   TEXT,
	language    TEXT    NOT NULL,
	format      TEXT    NOT NULL,
	extractor   TEXT    NOT NULL,
	ingested    TEXT    NOT NULL,
	text_size   INTEGER NOT NULL, -- bytes of text, so Stats need not read it
	text        TEXT    NOT NULL,
	boilerplate TEXT              -- JSON array of strings; NULL when none
) STRICT;

CREATE INDEX articles_outlet ON articles (outlet, seq);
CREATE INDEX articles_published ON articles (published);

-- Every source an article was read from; rowid order is first-seen order.
CREATE TABLE sources (
	article_id TEXT NOT NULL REFERENCES articles (id),
	source     TEXT NOT NULL,
	first_seen TEXT NOT NULL,
	UNIQUE (article_id, source)
) STRICT;

-- The raw input, DEFLATE-compressed (RFC 1951); raw_size is its size before.
CREATE TABLE raws (
	article_id TEXT    PRIMARY KEY REFERENCES articles (id),
	media_type TEXT    NOT NULL,
	raw_size   INTEGER NOT NULL,
	data       BLOB    NOT NULL
) STRICT;
