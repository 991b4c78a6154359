//! `GET /articles/{id}`: an article's page — headline, date, source, the text, a link to the
//! original, its related coverage and the copies of its wire story.

use std::fmt::Write;
use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse};
use khoj_index::article::ArticleSummary;
use khoj_index::request::RelatedRequest;

use super::{layout, text, url_param};
use crate::render::{day, escape};
use crate::server::api::IdPath;
use crate::server::AppState;

/// Related articles shown, at most.
const RELATED: usize = 6;

/// `GET /articles/{id}`
pub async fn article(State(state): State<Arc<AppState>>, IdPath(id): IdPath) -> impl IntoResponse {
    let s = state.clone();
    let found = tokio::task::spawn_blocking(move || {
        let id = khoj_index::request::article_id(&id).ok()?;
        let article = s.searcher.get(&id).ok()??;
        let req = RelatedRequest {
            id: id.clone(),
            limit: RELATED,
            days: None,
        };
        let related = s.searcher.related(&req).ok().flatten().unwrap_or_default();
        let copies = s.searcher.copies(&id).ok().flatten().unwrap_or_default();
        Some((article, related, copies))
    })
    .await
    .ok()
    .flatten();
    let Some((a, related, copies)) = found else {
        let main = "<div class=\"page single\" id=\"main\"><div class=\"help\"><p><b>यह लेख नहीं मिला।</b></p><p>हो सकता है यह हटा दिया गया हो। <a href=\"/\">खोज पर लौटें</a></p></div></div>";
        return (
            StatusCode::NOT_FOUND,
            Html(layout("लेख नहीं मिला", "", &[], main, false)),
        );
    };
    let mut h = String::from("<div class=\"page single\" id=\"main\"><article class=\"full\">");
    let mut info = Vec::new();
    if let Some(s) = &a.source {
        info.push(escape(s));
    }
    if let Some(author) = &a.author {
        info.push(escape(author));
    }
    if let Some(d) = a.published_at {
        info.push(day(d));
    }
    if let Some(c) = &a.category {
        info.push(escape(c));
    }
    if !a.lang.is_empty() && a.lang != "hi" {
        info.push(escape(&text::language(&a.lang)));
    }
    let _ = write!(
        h,
        "<h2>{}</h2><div class=\"info\">{}</div>",
        escape(if a.title.is_empty() {
            "(शीर्षक नहीं)"
        } else {
            &a.title
        }),
        info.join(" · ")
    );
    for para in a.body.split('\n').map(str::trim).filter(|p| !p.is_empty()) {
        let _ = write!(h, "<p>{}</p>", escape(para));
    }
    if let Some(u) = a
        .url
        .as_deref()
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
    {
        let _ = write!(h, "<p><a href=\"{}\">मूल लेख पढ़ें →</a></p>", escape(u));
    }
    h.push_str("</article>");
    list(
        &mut h,
        "copies",
        "इसी ख़बर की प्रतियाँ (दूसरे स्रोतों पर)",
        copies.iter(),
    );
    list(
        &mut h,
        "related",
        "संबंधित ख़बरें",
        related.iter().map(|r| &r.article),
    );
    h.push_str("</div>");
    let title = a.title.clone();
    (StatusCode::OK, Html(layout(&title, "", &[], &h, false)))
}

fn list<'a>(
    h: &mut String,
    id: &str,
    heading: &str,
    items: impl Iterator<Item = &'a ArticleSummary>,
) {
    let items: Vec<&ArticleSummary> = items.collect();
    if items.is_empty() {
        return;
    }
    let _ = write!(
        h,
        "<section class=\"more\" id=\"{id}\"><h3>{heading}</h3><ul>"
    );
    for a in items {
        let mut info = Vec::new();
        if let Some(s) = &a.source {
            info.push(escape(s));
        }
        if let Some(d) = a.published_at {
            info.push(day(d));
        }
        let _ = write!(
            h,
            "<li><a href=\"/articles/{}\">{}</a> <span class=\"info\">{}</span></li>",
            escape(&url_param(&a.id)),
            escape(if a.title.is_empty() { &a.id } else { &a.title }),
            info.join(" · ")
        );
    }
    h.push_str("</ul></section>");
}
