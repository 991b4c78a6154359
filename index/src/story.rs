//! A story timeline for editors: an article, the copies of its wire story and its related
//! coverage of the same days, by date.

use serde::Serialize;

use crate::article::ArticleSummary;
use crate::error::Result;
use crate::request::RelatedRequest;
use crate::search::Searcher;

/// How an article of a story timeline stands to the article asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StoryRelation {
    /// The article asked about.
    Article,
    /// A copy of its wire story.
    Copy,
    /// Related coverage within the story's days.
    Related,
}

/// One article of a story timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryEntry {
    /// The article.
    #[serde(flatten)]
    pub article: ArticleSummary,
    /// How it stands to the article asked about.
    pub relation: StoryRelation,
}

/// The significant words of the article a related article must share to be of its story:
/// one shared word is a topic, not a story (and an article found only through the related
/// coverage's feedback round shares none).
pub const MIN_SHARED_TERMS: usize = 2;

/// The days either side of an article that its story spans when a request gives none.
pub const STORY_DAYS: u32 = 7;

impl Searcher {
    /// The story of the request's article by date: the article, its copies and those of its
    /// related coverage (the request's limit) published within the request's days of it
    /// ([`STORY_DAYS`] if none) that share at least [`MIN_SHARED_TERMS`] of its significant
    /// words; oldest first (undated articles last); `None` when there is no such article.
    pub fn story(&self, req: &RelatedRequest) -> Result<Option<Vec<StoryEntry>>> {
        let searcher = self.reader().searcher();
        let Some(doc) = self.index().doc_with(&searcher, &req.id)? else {
            return Ok(None);
        };
        let article: ArticleSummary = self.index().fields().article(&doc).into();
        let Some(copies) = self.copies(&req.id)? else {
            return Ok(None);
        };
        let within = RelatedRequest {
            days: Some(req.days.unwrap_or(STORY_DAYS)),
            ..req.clone()
        };
        let Some(related) = self.related(&within)? else {
            return Ok(None);
        };
        let entry = |article, relation| StoryEntry { article, relation };
        let mut story: Vec<StoryEntry> = std::iter::once(entry(article, StoryRelation::Article))
            .chain(copies.into_iter().map(|a| entry(a, StoryRelation::Copy)))
            .chain(
                related
                    .into_iter()
                    .filter(|h| h.shared_terms.len() >= MIN_SHARED_TERMS)
                    .map(|h| entry(h.article, StoryRelation::Related)),
            )
            .collect();
        // oldest first; undated last; ties by id, so that the order is stable
        story.sort_by(|a, b| {
            let key = |e: &StoryEntry| (e.article.published_at.is_none(), e.article.published_at);
            key(a)
                .cmp(&key(b))
                .then_with(|| a.article.id.cmp(&b.article.id))
        });
        Ok(Some(story))
    }
}
