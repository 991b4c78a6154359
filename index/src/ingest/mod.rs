//! Reading articles from files and folders.
//!
//! [`Inputs::discover`] takes the paths given to `khoj index`: JSON Lines (`.jsonl`,
//! `.ndjson`), JSON (`.json`: an array of articles, or objects in a row), scraped pages
//! (`.txt`, `.html`, `.htm`), folders (walked recursively, in name order), and `-` for
//! JSON Lines on standard input. [`Inputs::read`] hands over every record, each either an
//! [`Article`] or a [`BadRecord`] that says where and why.

pub mod html;
pub mod json;
pub mod page;

use std::collections::BTreeMap;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use time::{PrimitiveDateTime, Time};

use crate::article::{Article, ArticleParts, BadRecord, RecordError};
use crate::error::{IndexError, Result};
use page::{extract_page, SiteChrome};

/// One record of the input.
pub type Record = std::result::Result<Article, BadRecord>;

/// A record as read, before the parsing that may happen on another thread.
#[derive(Debug)]
pub enum RawRecord {
    /// A line of JSON Lines, unparsed.
    Line {
        /// The file.
        origin: std::sync::Arc<str>,
        /// Its 1-based number.
        line: usize,
        /// The line's bytes.
        bytes: Vec<u8>,
    },
    /// A scraped page, unread: finding its article is the slow part, done where parsed.
    Page {
        /// The file.
        origin: std::sync::Arc<str>,
        /// The page's bytes.
        bytes: Vec<u8>,
        /// What else the article is made from.
        page: PageRecord,
    },
    /// A record parsed where it was read (JSON documents), and its size in bytes.
    Parsed(Record, u64),
}

/// What an article is made from besides its page.
#[derive(Debug, Clone)]
pub struct PageRecord {
    kind: InputKind,
    /// The article's id.
    id: String,
    /// The source given for every page (`--source`), which wins over the page's own.
    source: Option<String>,
    /// The name of the page's folder: the source when neither the operator nor the page
    /// names one.
    folder: Option<String>,
    /// The recurring lines of the page's site.
    chrome: std::sync::Arc<SiteChrome>,
}

impl RawRecord {
    /// The record and its size in bytes; `None` for a blank line.
    pub fn parse(self) -> Option<(Record, u64)> {
        match self {
            RawRecord::Parsed(record, bytes) => Some((record, bytes)),
            RawRecord::Page {
                origin,
                bytes,
                page,
            } => {
                let size = bytes.len() as u64;
                let record = String::from_utf8(bytes)
                    .map_err(|_| RecordError::InvalidUtf8)
                    .and_then(|text| page.article(&text))
                    .map_err(|reason| BadRecord {
                        origin: origin.to_string(),
                        line: 1,
                        reason,
                    });
                Some((record, size))
            }
            RawRecord::Line {
                origin,
                line,
                bytes,
            } => {
                let record = json::parse_line(&bytes)?;
                let record = record.map_err(|reason| BadRecord {
                    origin: origin.to_string(),
                    line,
                    reason,
                });
                Some((record, bytes.len() as u64))
            }
        }
    }
}

/// How a file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// One JSON object a line.
    JsonLines,
    /// A JSON array of objects, or objects in a row.
    Json,
    /// A scraped page as text.
    TextPage,
    /// A scraped page as HTML.
    HtmlPage,
    /// JSON Lines on standard input.
    Stdin,
}

impl InputKind {
    /// The kind of a file, by its extension; `None` for files khoj does not read.
    pub fn of(path: &Path) -> Option<InputKind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "jsonl" | "ndjson" => InputKind::JsonLines,
            "json" => InputKind::Json,
            "txt" => InputKind::TextPage,
            "html" | "htm" => InputKind::HtmlPage,
            _ => return None,
        })
    }
}

/// A file to read.
#[derive(Debug, Clone)]
pub struct InputFile {
    /// Its path.
    pub path: PathBuf,
    /// How to read it.
    pub kind: InputKind,
    /// Its size in bytes (0 for standard input).
    pub size: u64,
    /// For pages: the id of the article (the path below the folder given, without
    /// extension), and the site chrome learned from the page's folder.
    page: Option<(String, usize)>,
}

/// The files to read, found from the paths given.
#[derive(Debug, Default)]
pub struct Inputs {
    /// The files, in reading order.
    pub files: Vec<InputFile>,
    chromes: Vec<std::sync::Arc<SiteChrome>>,
    /// The source of every scraped page (else the name of its folder).
    page_source: Option<String>,
}

impl Inputs {
    /// Finds the files to read. A path that does not exist is an error; files of other
    /// kinds inside folders are skipped (and logged).
    pub fn discover(paths: &[PathBuf]) -> Result<Inputs> {
        let mut inputs = Inputs::default();
        // page files by folder, to learn each folder's recurring lines
        let mut pages_by_dir: BTreeMap<PathBuf, Vec<usize>> = BTreeMap::new();
        for root in paths {
            if root.as_os_str() == "-" {
                inputs.files.push(InputFile {
                    path: root.clone(),
                    kind: InputKind::Stdin,
                    size: 0,
                    page: None,
                });
                continue;
            }
            let meta = std::fs::metadata(root).map_err(|e| IndexError::io(root, e))?;
            let found: Vec<PathBuf> = if meta.is_dir() {
                let mut files = Vec::new();
                for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
                    let entry = entry.map_err(|e| {
                        let path = e.path().unwrap_or(root).to_path_buf();
                        IndexError::io(
                            path,
                            e.into_io_error()
                                .unwrap_or_else(|| std::io::Error::other("walk failed")),
                        )
                    })?;
                    if entry.file_type().is_file() {
                        if InputKind::of(entry.path()).is_some() {
                            files.push(entry.into_path());
                        } else {
                            tracing::debug!(path = %entry.path().display(), "not an input file: skipped");
                        }
                    }
                }
                files
            } else {
                vec![root.clone()]
            };
            for path in found {
                let Some(kind) = InputKind::of(&path) else {
                    return Err(IndexError::UnknownInputKind(path));
                };
                let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
                let page = matches!(kind, InputKind::TextPage | InputKind::HtmlPage).then(|| {
                    let rel = if meta.is_dir() {
                        path.strip_prefix(root).unwrap_or(&path)
                    } else {
                        Path::new(path.file_name().unwrap_or_default())
                    };
                    let id = rel.with_extension("").to_string_lossy().replace('\\', "/");
                    (id, 0)
                });
                if page.is_some() {
                    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
                    pages_by_dir
                        .entry(dir)
                        .or_default()
                        .push(inputs.files.len());
                }
                inputs.files.push(InputFile {
                    path,
                    kind,
                    size,
                    page,
                });
            }
        }
        inputs.chromes.push(Default::default());
        for files in pages_by_dir.values() {
            if files.len() < 3 {
                continue;
            }
            let texts: Vec<String> = files
                .iter()
                .map(|&i| &inputs.files[i])
                .filter_map(|f| {
                    let text = String::from_utf8(std::fs::read(&f.path).ok()?).ok()?;
                    Some(match f.kind {
                        InputKind::HtmlPage => html::lines::page_lines(&text).join("\n"),
                        _ => text,
                    })
                })
                .collect();
            let chrome = SiteChrome::learn(texts.iter().map(String::as_str));
            if chrome.is_empty() {
                continue;
            }
            let n = inputs.chromes.len();
            inputs.chromes.push(chrome.into());
            for &i in files {
                if let Some((_, site)) = &mut inputs.files[i].page {
                    *site = n;
                }
            }
        }
        Ok(inputs)
    }

    /// These inputs with `source` as the source of every scraped page (by default a page's
    /// source is the name of the folder it is in: a folder of pages is usually one site's).
    pub fn with_page_source(mut self, source: Option<String>) -> Inputs {
        self.page_source = source.filter(|s| !s.trim().is_empty());
        self
    }

    /// The total size of the files, in bytes.
    pub fn total_bytes(&self) -> u64 {
        self.files.iter().map(|f| f.size).sum()
    }

    /// Reads every record: `each` gets it and the number of input bytes it took, and
    /// returns `false` to stop. Errors are I/O errors on whole files.
    pub fn read(&self, each: &mut dyn FnMut(Record, u64) -> bool) -> Result<()> {
        self.read_raw(&mut |raw| match raw.parse() {
            Some((record, bytes)) => each(record, bytes),
            None => true,
        })
    }

    /// Reads every record without parsing lines of JSON Lines: `each` gets [`RawRecord`]s
    /// (parse them with [`RawRecord::parse`], on any thread) and returns `false` to stop.
    pub fn read_raw(&self, each: &mut dyn FnMut(RawRecord) -> bool) -> Result<()> {
        for file in &self.files {
            if !self.read_file(file, each)? {
                break;
            }
        }
        Ok(())
    }

    fn read_file(&self, file: &InputFile, each: &mut dyn FnMut(RawRecord) -> bool) -> Result<bool> {
        let origin = file.path.display().to_string();
        if matches!(file.kind, InputKind::Stdin | InputKind::JsonLines) {
            let shared: std::sync::Arc<str> = origin.as_str().into();
            let mut go_on = true;
            let mut lines = |line: usize, bytes: Vec<u8>| {
                go_on = each(RawRecord::Line {
                    origin: shared.clone(),
                    line,
                    bytes,
                });
                go_on
            };
            let result = if file.kind == InputKind::Stdin {
                json::read_lines(std::io::stdin().lock(), &mut lines)
            } else {
                let f =
                    std::fs::File::open(&file.path).map_err(|e| IndexError::io(&file.path, e))?;
                json::read_lines(BufReader::with_capacity(1 << 20, f), &mut lines)
            };
            result.map_err(|e| IndexError::io(&file.path, e))?;
            return Ok(go_on);
        }
        if matches!(file.kind, InputKind::TextPage | InputKind::HtmlPage) {
            let bytes = std::fs::read(&file.path).map_err(|e| IndexError::io(&file.path, e))?;
            let (id, site) = file.page.clone().unwrap_or_default();
            let folder = file.path.parent().and_then(Path::file_name);
            return Ok(each(RawRecord::Page {
                origin: origin.as_str().into(),
                bytes,
                page: PageRecord {
                    kind: file.kind,
                    id,
                    source: self.page_source.clone(),
                    folder: folder.map(|f| f.to_string_lossy().into_owned()),
                    chrome: self.chromes[site].clone(),
                },
            }));
        }
        let mut go_on = true;
        let mut emit = |line: usize, r: std::result::Result<Article, RecordError>, bytes: u64| {
            let record = r.map_err(|reason| BadRecord {
                origin: origin.clone(),
                line,
                reason,
            });
            go_on = each(RawRecord::Parsed(record, bytes));
            go_on
        };
        // What is left is a JSON document.
        let bytes = std::fs::read(&file.path).map_err(|e| IndexError::io(&file.path, e))?;
        json::read_json_document(&bytes, &mut emit);
        Ok(go_on)
    }
}

impl PageRecord {
    /// The article of the page `text`.
    fn article(self, text: &str) -> std::result::Result<Article, RecordError> {
        let page = if self.kind == InputKind::HtmlPage {
            html::extract_html(text, &self.chrome).ok_or(RecordError::NoArticle)?
        } else {
            let page = extract_page(text, &self.chrome).ok_or(RecordError::NoArticle)?;
            html::HtmlArticle {
                title: page.title,
                body: page.body,
                published_at: page
                    .published
                    .map(|d| PrimitiveDateTime::new(d, Time::MIDNIGHT).assume_utc()),
                ..html::HtmlArticle::default()
            }
        };
        Article::new(ArticleParts {
            id: self.id,
            url: page.url,
            title: page.title,
            body: page.body,
            published_at: page.published_at,
            source: self.source.or(page.site_name).or(self.folder),
            author: page.author,
            ..ArticleParts::default()
        })
    }
}
