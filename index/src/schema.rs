//! The article schema, and how an [`Article`] becomes a tantivy document and back.
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
//! | `author` | string | indexed as one term, stored (indexes made before it existed open without it) |
//! | `cluster` | u64 | the copy cluster (see the `copies` module): indexed, fast, stored |
//! | `copy_sketch` | bytes | the fingerprint's sketch (see the `copies` module): stored; none for a text too short to have one |
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
//!
//! The text fields carry the article's language to the analyzer
//! ([`khoj_analyzers::field_text`]); reading a document back takes it off.

use khoj_analyzers::{field_text, field_text_owned, may_hold_cjk, text_of_field};
use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, Schema, TextFieldIndexing,
    TextOptions, Value, FAST, INDEXED, STORED, STRING,
};
use tantivy::{DateTime, TantivyDocument};

use crate::article::Article;

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
    /// The author.
    pub const AUTHOR: &str = "author";
    /// The section.
    pub const CATEGORY: &str = "category";
    /// The tags.
    pub const TAGS: &str = "tags";
    /// The language.
    pub const LANG: &str = "lang";
    /// The copy cluster.
    pub const CLUSTER: &str = "cluster";
    /// The fingerprint's LSH bands.
    pub const COPY_SKETCH: &str = "copy_sketch";
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
    /// `copy_sketch`
    pub copy_sketch: Field,
    /// `body_cjk` (absent from indexes made before it existed)
    pub body_cjk: Option<Field>,
    /// `author` (absent from indexes made before it existed)
    pub author: Option<Field>,
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
    b.add_text_field(names::AUTHOR, STRING | STORED);
    b.add_text_field(names::TAGS, STRING | STORED);
    b.add_text_field(names::LANG, STRING | STORED | FAST);
    b.add_u64_field(names::CLUSTER, INDEXED | FAST | STORED);
    b.add_bytes_field(names::COPY_SKETCH, STORED);
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
            copy_sketch: f(names::COPY_SKETCH)?,
            body_cjk: schema.get_field(names::BODY_CJK).ok(),
            author: schema.get_field(names::AUTHOR).ok(),
        })
    }
}

impl ArticleFields {
    /// The tantivy document of `article`, in copy cluster `cluster`, with its fingerprint's
    /// stored sketch (`sketch`, if it has one); `bigram_view`: the index has the bigram view
    /// of CJK text, and an article with CJK text goes into it too.
    pub fn document(
        &self,
        article: Article,
        cluster: u64,
        sketch: Option<&[u8]>,
        bigram_view: bool,
    ) -> TantivyDocument {
        let Article {
            id,
            url,
            title,
            body,
            published_at,
            source,
            author,
            category,
            tags,
            lang,
        } = article;
        let mut doc = TantivyDocument::new();
        // First, so that a copy window reads them without reading the text (stored values
        // keep this order; see `stored_copy`)
        doc.add_u64(self.cluster, cluster);
        if let Some(sketch) = sketch {
            doc.add_bytes(self.copy_sketch, sketch);
        }
        doc.add_text(self.id, id);
        if let Some(url) = url {
            doc.add_text(self.url, url);
        }
        // The text fields carry the language to the analyzer.
        let text = |t: &str| field_text(&lang, t).into_owned();
        // An article with CJK text is also indexed in its bigram view, title then text.
        if let (Some(cjk), true) = (self.body_cjk, bigram_view) {
            if may_hold_cjk(&body) || may_hold_cjk(&title) {
                if !title.is_empty() {
                    doc.add_text(cjk, text(&title));
                }
                doc.add_text(cjk, text(&body));
            }
        }
        if !title.is_empty() {
            // The body field holds the title too, as its first value: BM25 over `body`
            // then sees the whole article (as one "contents" field would), while `title`
            // alone serves the title boost. Reading back takes the body's last value.
            let title = field_text_owned(&lang, title);
            doc.add_text(self.body, title.clone());
            doc.add_text(self.title, title);
        }
        doc.add_text(self.body, field_text_owned(&lang, body));
        if let Some(t) = published_at {
            // Article::new refused dates the index cannot hold.
            doc.add_date(
                self.published_at,
                DateTime::from_timestamp_secs(t.unix_timestamp()),
            );
        }
        if let Some(s) = source {
            doc.add_text(self.source, s);
        }
        if let (Some(field), Some(a)) = (self.author, author) {
            doc.add_text(field, a);
        }
        if let Some(c) = category {
            doc.add_text(self.category, c);
        }
        for t in tags {
            doc.add_text(self.tags, t);
        }
        doc.add_text(self.lang, lang);
        doc
    }

    /// The article stored in a tantivy document.
    pub fn article(&self, doc: &TantivyDocument) -> Article {
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(|s| text_of_field(s).to_string())
        };
        Article {
            id: text(self.id).unwrap_or_default(),
            url: text(self.url),
            title: text(self.title).unwrap_or_default(),
            body: doc
                .get_all(self.body)
                .filter_map(|v| v.as_str())
                .last()
                .map(|s| text_of_field(s).to_string())
                .unwrap_or_default(),
            published_at: doc
                .get_first(self.published_at)
                .and_then(|v| v.as_datetime())
                .and_then(|d| {
                    time::OffsetDateTime::from_unix_timestamp(d.into_timestamp_secs()).ok()
                }),
            source: text(self.source),
            author: self.author.and_then(text),
            category: text(self.category),
            tags: doc
                .get_all(self.tags)
                .filter_map(|v| v.as_str())
                .map(String::from)
                .collect(),
            lang: text(self.lang).unwrap_or_default(),
        }
    }

    /// The copy cluster stored in a tantivy document.
    pub fn cluster(&self, doc: &TantivyDocument) -> Option<u64> {
        doc.get_first(self.cluster).and_then(|v| v.as_u64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::ArticleParts;

    #[test]
    fn an_article_comes_back_as_it_went_in() {
        let fields = ArticleFields::of(&article_schema(khoj_analyzers::KHOJ)).unwrap();
        for lang in ["hi", "mr", "zh"] {
            let article = Article::new(ArticleParts {
                id: "a1".into(),
                url: Some("https://example.com/a1".into()),
                title: "शीर्षक 标题".into(),
                body: "पाठ 文本".into(),
                published_at: crate::dates::parse_date("2020-03-01T10:00:00+05:30"),
                source: Some("स्रोत".into()),
                author: Some("लेखक".into()),
                category: Some("देश".into()),
                tags: vec!["एक".into(), "दो".into()],
                lang: Some(lang.into()),
            })
            .unwrap();
            let doc = fields.document(article.clone(), 7, Some(&[1, 2]), true);
            let back = fields.article(&doc);
            assert_eq!(
                back.published_at.map(|t| t.unix_timestamp()),
                article.published_at.map(|t| t.unix_timestamp())
            );
            assert_eq!(
                Article {
                    published_at: article.published_at,
                    ..back
                },
                article
            );
            assert_eq!(fields.cluster(&doc), Some(7));
            // the title is the body's first value; CJK text goes into the bigram view
            assert_eq!(doc.get_all(fields.body).count(), 2);
            assert_eq!(doc.get_all(fields.body_cjk.unwrap()).count(), 2);
            assert_eq!(doc.get_all(fields.copy_sketch).count(), 1);
        }
    }

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
