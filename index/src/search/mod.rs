//! Ranked search for readers: queries, news ranking, snippets, filters, facets, paging.
//!
//! ```no_run
//! use khoj_analyzers::CjkSegmenters;
//! use khoj_index::request::SearchRequest;
//! use khoj_index::search::Searcher;
//! use khoj_index::KhojIndex;
//! let index = KhojIndex::open("data/index".as_ref(), &CjkSegmenters::none())?;
//! let searcher = Searcher::new(&index, Default::default())?;
//! let response = searcher.search(&SearchRequest::new("लावरोव उत्तर कोरिया"))?;
//! for hit in response.hits {
//!     println!("{} {}", hit.article.id, hit.snippet.text);
//! }
//! # Ok::<(), khoj_index::IndexError>(())
//! ```

pub mod bm25;
mod clauses;
pub mod phonetic;
pub mod prefix;
pub mod query;
pub mod ranking;
pub mod ranking_config;
pub mod snippet;
pub mod suggest;
pub mod typos;
mod word_lookups;

use std::time::Instant;

use tantivy::collector::{Count, TopDocs};
use tantivy::{DateTime, DocAddress, IndexReader, Order, Score};

use crate::article::ArticleSummary;
use crate::error::{IndexError, Result};
use crate::facets::{FacetCollector, Facets};
use crate::index::KhojIndex;
use crate::request::{SearchRequest, Sort, MAX_LIMIT, MAX_OFFSET};
use crate::schema::names;
pub use ranking_config::RankingConfig;
pub use snippet::Snippet;

/// Snippet length, in characters.
pub const SNIPPET_CHARS: usize = 220;
/// The file, in the index's folder, of the queries readers typed (texts and counts).
pub const QUERY_LOG_FILE: &str = "khoj-queries.json";

/// One result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The article.
    pub article: ArticleSummary,
    /// Its score (by relevance: BM25 and boosts; newest first: 0).
    pub score: f32,
    /// The best passage of its body, with the matches (empty when snippets were not asked
    /// for).
    pub snippet: Snippet,
    /// Other articles that are copies of the same wire story (collapsed into this hit unless
    /// the request expands copies).
    pub copies: u64,
}

/// The answer to a search.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchResponse {
    /// Articles that match, in all.
    pub total: u64,
    /// Time taken, in milliseconds.
    pub took_ms: f64,
    /// This page of results.
    pub hits: Vec<Hit>,
    /// Counts per source, category, language and month, over all matches.
    pub facets: Facets,
    /// "Did you mean": the query with the words the index does not know replaced by the
    /// spellings it most likely meant, when there are such words.
    pub suggestion: Option<String>,
}

/// Searches an index.
pub struct Searcher {
    index: KhojIndex,
    reader: IndexReader,
    ranking: RankingConfig,
    phonetic: phonetic::PhoneticKeys,
    prefixes: prefix::PrefixTerms,
    queries: suggest::QueryLog,
}

impl Searcher {
    /// A searcher over `index`, ranking with `ranking`; it sees each new commit.
    pub fn new(index: &KhojIndex, ranking: RankingConfig) -> Result<Searcher> {
        Ok(Searcher {
            index: index.clone(),
            reader: index.reader()?,
            ranking,
            phonetic: Default::default(),
            prefixes: Default::default(),
            queries: match index.path() {
                Some(dir) => suggest::QueryLog::open(&dir.join(QUERY_LOG_FILE)),
                None => suggest::QueryLog::default(),
            },
        })
    }

    /// The index searched.
    pub fn index(&self) -> &KhojIndex {
        &self.index
    }

    /// The ranking weights.
    pub fn ranking(&self) -> &RankingConfig {
        &self.ranking
    }

    /// The reader the searcher reads with (reload it to see a commit at once).
    pub fn reader(&self) -> &IndexReader {
        &self.reader
    }

    /// The article with this id, as the searcher sees the index now.
    pub fn get(&self, id: &str) -> Result<Option<crate::Article>> {
        self.index.get_with(&self.reader.searcher(), id)
    }

    /// Live articles.
    pub fn num_articles(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Makes the latest commit visible now (it becomes visible by itself shortly after).
    pub fn reload(&self) -> Result<()> {
        Ok(self.reader.reload()?)
    }

    /// Runs a search. The request is taken as validated ([`crate::request`]); a limit or
    /// offset beyond the bounds there is cut to them, and an empty query finds nothing.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResponse> {
        self.run(req, Collect::Answer)
    }

    fn run(&self, req: &SearchRequest, collect: Collect) -> Result<SearchResponse> {
        let start = Instant::now();
        let (limit, offset) = (req.limit.clamp(1, MAX_LIMIT), req.offset.min(MAX_OFFSET));
        let parts = query::parse(&req.query);
        let query_lang = req.query_lang.as_deref().or(req.filters.lang.as_deref());
        let searcher = self.reader.searcher();
        let body = self.index.fields().body;
        let lang_field = self.index.fields().lang;
        let holds_language = |lang: &str| {
            searcher
                .doc_freq(&tantivy::Term::from_field_text(lang_field, lang))
                .is_ok_and(|n| n > 0)
        };
        // the Indian languages the index holds articles in, looked up once a query
        let held = std::cell::OnceCell::new();
        let held_languages = || -> &[&khoj_analyzers::Language] {
            held.get_or_init(|| {
                khoj_analyzers::LANGUAGES
                    .iter()
                    .filter(|l| holds_language(l.code))
                    .collect::<Vec<_>>()
            })
        };
        let phonetic = |word: &str| {
            self.phonetic.retain(&searcher);
            let found =
                self.phonetic
                    .expand(&searcher, body, word, self.ranking.phonetic_expansions);
            phonetic::with_recall_forms(&self.index, found, held_languages())
        };
        let complete = |word: &str| self.completions(&searcher, query_lang, word);
        let correct = |word: &str| {
            if req.typos {
                self.corrections(&searcher, query_lang, word)
            } else {
                Vec::new()
            }
        };
        let other_scripts = |word: &str| {
            let script = khoj_analyzers::script_of_word(word);
            // only where the index holds articles of another Indian script: a Hindi
            // index never builds keys for this
            if held_languages().iter().all(|l| l.script == script) {
                return Vec::new();
            }
            self.phonetic.retain(&searcher);
            let mut found =
                self.phonetic
                    .expand(&searcher, body, word, self.ranking.phonetic_expansions * 4);
            found.retain(|(term, _)| {
                let term = term
                    .strip_prefix(khoj_analyzers::EXACT_PREFIX)
                    .unwrap_or(term);
                khoj_analyzers::script_of_word(term) != script
            });
            found.truncate(self.ranking.phonetic_expansions);
            phonetic::with_recall_forms(&self.index, found, held_languages())
        };
        let typed = if req.instant {
            query::typed_part(&req.query, &parts)
        } else {
            None
        };
        let plan = ranking::plan(
            &self.index,
            &parts,
            typed,
            &req.filters,
            query_lang,
            &self.ranking,
            &ranking::Lookups {
                phonetic: &phonetic,
                complete: &complete,
                correct: &correct,
                holds_language: &holds_language,
                other_scripts: &other_scripts,
            },
        );
        let suggestion = suggest(&req.query, &plan.corrected);
        let Some(query) = plan.query else {
            return Ok(SearchResponse {
                total: 0,
                took_ms: ms(start),
                hits: Vec::new(),
                facets: Facets::default(),
                suggestion,
            });
        };
        // Copies of one story are collapsed to the best of them: take more than a page, keep
        // the first hit of each copy cluster, then page.
        let window = if req.expand_copies {
            offset + limit
        } else {
            ((offset + limit) * 3 + 10).min(MAX_OFFSET + MAX_LIMIT * 3)
        };
        let top = TopDocs::with_limit(window);
        let (docs, total, facets): (Vec<(Score, DocAddress)>, usize, Option<Facets>) =
            match req.sort {
                Sort::Relevance if self.ranking.recency_weight > 0.0 => {
                    let blend = recency_blend(&self.ranking);
                    let (d, c, f) = searcher.search(
                        &query,
                        &(top.tweak_score(blend), Count, facets_if(req.facets)),
                    )?;
                    (d, c, f)
                }
                Sort::Relevance if collect == Collect::TopOnly => {
                    // the top hits alone: no count (tantivy may then skip blocks that
                    // cannot enter the top, where the query allows it)
                    let d = searcher.search(&query, &top.order_by_score())?;
                    let n = d.len();
                    (d, n, None)
                }
                Sort::Relevance => searcher.search(
                    &query,
                    &(top.order_by_score(), Count, facets_if(req.facets)),
                )?,
                Sort::Newest => {
                    let collector =
                        top.order_by_fast_field::<DateTime>(names::PUBLISHED_AT, Order::Desc);
                    let (d, c, f) =
                        searcher.search(&query, &(collector, Count, facets_if(req.facets)))?;
                    (d.into_iter().map(|(_, a)| (0.0, a)).collect(), c, f)
                }
            };
        let past_deadline = || req.deadline.is_some_and(|d| Instant::now() > d);
        if past_deadline() {
            return Err(IndexError::TimedOut);
        }
        let clusters = ClusterReader::new(&searcher);
        let mut seen = std::collections::HashSet::new();
        let page: Vec<(Score, DocAddress, Option<u64>)> = docs
            .into_iter()
            .map(|(score, addr)| (score, addr, clusters.cluster(addr)))
            .filter(|&(_, _, c)| req.expand_copies || c.is_none_or(|c| seen.insert(c)))
            .skip(offset)
            .take(limit)
            .collect();
        let mut hits = Vec::with_capacity(page.len());
        for (score, addr, cluster) in page {
            if past_deadline() {
                return Err(IndexError::TimedOut);
            }
            let article = self.index.fields().article(&searcher.doc(addr)?);
            let copies = match cluster {
                Some(c) if collect == Collect::Answer => {
                    let q = tantivy::query::TermQuery::new(
                        tantivy::Term::from_field_u64(self.index.fields().cluster, c),
                        tantivy::schema::IndexRecordOption::Basic,
                    );
                    searcher.search(&q, &Count)?.saturating_sub(1) as u64
                }
                _ => 0,
            };
            let snippet = if req.snippets {
                snippet::snippet(
                    &self.index,
                    &article.lang,
                    &article.body,
                    &plan.highlight,
                    SNIPPET_CHARS,
                )
            } else {
                Snippet::default()
            };
            hits.push(Hit {
                article: article.into(),
                score,
                snippet,
                copies,
            });
        }
        Ok(SearchResponse {
            total: total as u64,
            took_ms: ms(start),
            hits,
            facets: facets.unwrap_or_default(),
            suggestion,
        })
    }
}

/// What a search collects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Collect {
    /// The answer readers get: total, facets if asked, each hit's number of copies.
    Answer,
    /// The top hits only (total is their number, no copies counted): for suggestions.
    TopOnly,
}

/// Reads documents' copy clusters from the fast field, one column per segment.
pub(crate) struct ClusterReader {
    columns: Vec<Option<tantivy::columnar::Column<u64>>>,
}

impl ClusterReader {
    pub(crate) fn new(searcher: &tantivy::Searcher) -> ClusterReader {
        ClusterReader {
            columns: searcher
                .segment_readers()
                .iter()
                .map(|s| s.fast_fields().u64(names::CLUSTER).ok())
                .collect(),
        }
    }

    pub(crate) fn cluster(&self, addr: DocAddress) -> Option<u64> {
        self.columns
            .get(addr.segment_ord as usize)?
            .as_ref()?
            .first(addr.doc_id)
    }
}

/// The query with each word of `corrected` replaced by the spelling it most likely meant
/// (`None` when there is none).
fn suggest(query: &str, corrected: &[(String, String)]) -> Option<String> {
    if corrected.is_empty() {
        return None;
    }
    let mut out = query.to_string();
    for (typed, meant) in corrected {
        out = out.replacen(typed.as_str(), meant, 1);
    }
    (out != query).then_some(out)
}

fn ms(start: Instant) -> f64 {
    (start.elapsed().as_secs_f64() * 1e6).round() / 1e3
}

fn facets_if(on: bool) -> Option<FacetCollector> {
    on.then_some(FacetCollector)
}

/// Multiplies scores by `1 + w × 2^(−age / half-life)`, age from the publication date.
fn recency_blend(
    cfg: &RankingConfig,
) -> impl Fn(&tantivy::SegmentReader) -> Box<dyn Fn(tantivy::DocId, Score) -> Score>
       + Send
       + Sync
       + 'static {
    let (w, half_life) = (
        cfg.recency_weight,
        cfg.recency_half_life_days.max(0.01) as f64 * 86_400.0,
    );
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    move |segment: &tantivy::SegmentReader| {
        let dates = segment
            .fast_fields()
            .column_opt::<DateTime>(names::PUBLISHED_AT)
            .ok()
            .flatten();
        Box::new(move |doc, score| {
            let Some(t) = dates.as_ref().and_then(|c| c.first(doc)) else {
                return score;
            };
            let age = (now - t.into_timestamp_secs()).max(0) as f64;
            score * (1.0 + w * (0.5f64).powf(age / half_life) as f32)
        })
    }
}
