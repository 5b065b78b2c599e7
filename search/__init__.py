"""Search: finding pages in the visitor's language.

Owns how a language's text becomes search terms (`analysis`: stemming, stop words,
accents, Arabic normalisation), the database search backend (`backend/`: PostgreSQL
configurations `site_*`, SQLite terms), the words kept for "Did you mean" (`vocabulary`,
model `SearchWord`), the site search page (`views`) and the per-language word lists
(`data/`).

May import: `core` (listings, cards, visibility), `caching`, Django and Wagtail; never an
app.
"""
