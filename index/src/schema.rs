//! The article schema.
//!
//! | field | type | how |
//! |---|---|---|
//! | `id` | string | indexed as one term (the upsert key), stored |
//! | `url` | string | stored |
//! | `title` | text | analyzed by `khoj` (recall forms with exact forms stacked at the same position), with positions, stored |
//! | `body` | text | the title, then the text, as two values: analyzed like `title`, stored |
//! | `published_at` | date | indexed, fast, stored (seconds) |
//! | `source`, `category`, `lang` | string | indexed as one term, fast (facets), stored |
//! | `tags` | string, many | indexed as terms, stored |
//! | `cluster` | u64 | the copy cluster ([`crate::copies`]): indexed, fast, stored |
//! | `copy_bands` | u64, many | the fingerprint's LSH band keys: indexed |
//! | `body_cjk` | text | the Chinese, Japanese and Korean text of title and body as character bigrams (`khoj_cjk_bigrams`), with positions; not stored; empty for other text |
//!
//! The body holds the title as well so that BM25 over `body` scores the whole article (as
//! Lucene's single "contents" field does); scoring title and body apart and adding the two
//! over-rewards short titles (measured in `docs/relevance.md`).
//!
//! One text field per part of the article serves both recall and exact-form boosts: the
//! exact form of a word sits on the same position as its stem (see
//! [`khoj_analyzers::Forms::Both`]), so there is no second copy of the body to index.
//!
//! CJK text is the exception: it is indexed twice, as the dictionary's words in `body` and
//! as character bigrams in `body_cjk`, and a query scores both. The two views fail on
//! different questions (a name the dictionary cuts one way in the question and another in
//! the article; a bigram that crosses words), and their sum ranks better than either on
//! all four CJK sets (`docs/relevance.md`). Indexes made before the field existed open
//! without it.

use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, Schema, TextFieldIndexing,
    TextOptions, FAST, INDEXED, STORED, STRING,
};

/// Field names.
pub mod names {
    /// The unique key.
    pub const ID: &str = "id";
    /// The URL.
    pub const URL: &str = "url";
    /// The headline.
    pub const TITLE: &str = "title";
    /// The text.
    pub const BODY: &str = "body";
    /// The publication time.
    pub const PUBLISHED_AT: &str = "published_at";
    /// The publication.
    pub const SOURCE: &str = "source";
    /// The section.
    pub const CATEGORY: &str = "category";
    /// The tags.
    pub const TAGS: &str = "tags";
    /// The language.
    pub const LANG: &str = "lang";
    /// The copy cluster.
    pub const CLUSTER: &str = "cluster";
    /// The fingerprint's LSH bands.
    pub const COPY_BANDS: &str = "copy_bands";
    /// The CJK text as bigrams.
    pub const BODY_CJK: &str = "body_cjk";
}

/// The fields of the article schema.
#[derive(Debug, Clone, Copy)]
pub struct ArticleFields {
    /// `id`
    pub id: Field,
    /// `url`
    pub url: Field,
    /// `title`
    pub title: Field,
    /// `body`
    pub body: Field,
    /// `published_at`
    pub published_at: Field,
    /// `source`
    pub source: Field,
    /// `category`
    pub category: Field,
    /// `tags`
    pub tags: Field,
    /// `lang`
    pub lang: Field,
    /// `cluster`
    pub cluster: Field,
    /// `copy_bands`
    pub copy_bands: Field,
    /// `body_cjk` (absent from indexes made before it existed)
    pub body_cjk: Option<Field>,
}

/// The article schema, with `title` and `body` analyzed by the tokenizer named
/// `text_tokenizer` (`khoj` for a khoj index; benchmarks swap in others).
pub fn article_schema(text_tokenizer: &str) -> Schema {
    let mut b = Schema::builder();
    let text = TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(text_tokenizer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    b.add_text_field(names::ID, STRING | STORED | FAST);
    b.add_text_field(names::URL, STORED);
    b.add_text_field(names::TITLE, text.clone());
    b.add_text_field(names::BODY, text);
    b.add_date_field(
        names::PUBLISHED_AT,
        DateOptions::default()
            .set_indexed()
            .set_fast()
            .set_stored()
            .set_precision(DateTimePrecision::Seconds),
    );
    b.add_text_field(names::SOURCE, STRING | STORED | FAST);
    b.add_text_field(names::CATEGORY, STRING | STORED | FAST);
    b.add_text_field(names::TAGS, STRING | STORED);
    b.add_text_field(names::LANG, STRING | STORED | FAST);
    b.add_u64_field(names::CLUSTER, INDEXED | FAST | STORED);
    b.add_u64_field(names::COPY_BANDS, INDEXED);
    b.add_text_field(
        names::BODY_CJK,
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(khoj_analyzers::KHOJ_CJK_BIGRAMS)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        ),
    );
    b.build()
}

impl ArticleFields {
    /// The fields of `schema`, or the name of the first one missing.
    pub fn of(schema: &Schema) -> Result<ArticleFields, String> {
        let f = |name: &str| schema.get_field(name).map_err(|_| name.to_string());
        Ok(ArticleFields {
            id: f(names::ID)?,
            url: f(names::URL)?,
            title: f(names::TITLE)?,
            body: f(names::BODY)?,
            published_at: f(names::PUBLISHED_AT)?,
            source: f(names::SOURCE)?,
            category: f(names::CATEGORY)?,
            tags: f(names::TAGS)?,
            lang: f(names::LANG)?,
            cluster: f(names::CLUSTER)?,
            copy_bands: f(names::COPY_BANDS)?,
            body_cjk: schema.get_field(names::BODY_CJK).ok(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_made_before_the_bigram_field_opens_without_it() {
        let full = article_schema(khoj_analyzers::KHOJ);
        assert!(ArticleFields::of(&full).unwrap().body_cjk.is_some());
        let mut older = Schema::builder();
        for (_, entry) in full.fields() {
            if entry.name() != names::BODY_CJK {
                older.add_field(entry.clone());
            }
        }
        let fields = ArticleFields::of(&older.build()).unwrap();
        assert!(fields.body_cjk.is_none());
        let mut oldest = Schema::builder();
        oldest.add_text_field(names::ID, STRING);
        assert_eq!(ArticleFields::of(&oldest.build()).unwrap_err(), names::URL);
    }
}
