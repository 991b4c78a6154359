//! Copies of one wire story: a similarity fingerprint of every article, computed at ingest,
//! and the copy cluster it joins.
//!
//! The fingerprint is a MinHash of the article's 3-word shingles — words normalized as the
//! analyzer does, stopwords left out, the first [`MAX_WORDS`] words of the body (a new
//! headline or a trimmed ending change little) — made with one-permutation hashing (each
//! shingle hashed once into one of [`BINS`] bins; empty bins filled from their neighbours),
//! so that it costs about as much as a pass over the words.
//!
//! Candidates are found by locality-sensitive hashing: [`BANDS`] bands of two bins, kept in
//! memory for the articles a writer wrote recently (up to [`WINDOW`] of them, committed or
//! not), [`INDEXED_BANDS`] of them indexed as terms for the older ones. A candidate whose
//! estimated resemblance reaches [`SAME_STORY`] is a copy, and the article joins its
//! cluster. An article that is no one's copy starts its own cluster, named by the hash of
//! its id.

use std::collections::{BTreeSet, HashMap};
use std::hash::BuildHasherDefault;

use khoj_analyzers::{mix, WordHasher};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocSet, Searcher, TantivyDocument, Term, TERMINATED};

use crate::schema::ArticleFields;

/// MinHash bins.
pub const BINS: usize = 64;
/// Bands: LSH keys of two bins each, from the first 32 bins. A writer keeps a table of all
/// of them for the articles it wrote recently: two articles with a resemblance of 0.5 share
/// one with a probability of 1 − (1 − 0.5²)¹⁶ = 0.99.
pub const BANDS: usize = 16;
/// Bands indexed as terms, for finding copies among older articles: the first six
/// (probability 1 − (1 − 0.5²)⁶ = 0.82 at a resemblance of 0.5, 0.93 at 0.6, 0.98 at 0.7).
/// Every indexed term costs build time; recent copies, the common case, are found in memory.
pub const INDEXED_BANDS: usize = 6;
/// Articles a writer remembers for copy lookups in memory (across commits), at most: about
/// 400 bytes each. When it has remembered this many it starts afresh.
pub const WINDOW: usize = 200_000;
/// Words of the body that the fingerprint reads, at most.
pub const MAX_WORDS: usize = 48;
/// Candidates compared with a new article, at most.
const MAX_CANDIDATES: usize = 32;
/// Estimated resemblance (share of equal bins) from which two articles are copies.
pub const SAME_STORY: f32 = 0.5;

/// An article's MinHash signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint(pub [u32; BINS]);

impl Fingerprint {
    /// The fingerprint of a body in `lang`, or `None` when it has fewer than three words
    /// to shingle.
    pub fn of(hasher: &WordHasher, lang: &str, body: &str) -> Option<Fingerprint> {
        let words = hasher.hashes(Some(lang), body, MAX_WORDS);
        if words.len() < 3 {
            return None;
        }
        let mut bins = [u32::MAX; BINS];
        let mut filled = [false; BINS];
        for w in words.windows(3) {
            let h = mix(w[0] ^ w[1].rotate_left(21) ^ w[2].rotate_left(42));
            let bin = (h >> 58) as usize; // 64 bins: the top 6 bits
            let v = h as u32;
            if v <= bins[bin] {
                bins[bin] = v;
            }
            filled[bin] = true;
        }
        // Densify: an empty bin takes the value of the next filled one (rotating), salted
        // by the distance so that two empty bins do not look alike by accident.
        let snapshot = bins;
        for i in 0..BINS {
            if !filled[i] {
                let (d, j) = (1..BINS)
                    .map(|d| (d, (i + d) % BINS))
                    .find(|&(_, j)| filled[j])
                    .unwrap_or((0, i));
                bins[i] = (mix(snapshot[j] as u64 ^ ((d as u64) << 40)) as u32).max(1);
            }
        }
        Some(Fingerprint(bins))
    }

    /// The share of bins the two fingerprints agree on: an estimate of the Jaccard
    /// resemblance of their shingle sets.
    pub fn resemblance(&self, other: &Fingerprint) -> f32 {
        let same = self
            .0
            .iter()
            .zip(other.0.iter())
            .filter(|(a, b)| a == b)
            .count();
        same as f32 / BINS as f32
    }

    /// The low 8 bits of each bin: what a writer keeps in memory to compare with (b-bit
    /// minwise hashing: unrelated bins agree by chance 1 time in 256).
    pub fn sketch(&self) -> [u8; BINS] {
        self.0.map(|v| v as u8)
    }

    /// [`resemblance`](Self::resemblance) to an article known by its [`sketch`](Self::sketch).
    pub fn resemblance_to_sketch(&self, other: &[u8; BINS]) -> f32 {
        let same = self
            .0
            .iter()
            .zip(other.iter())
            .filter(|(a, b)| **a as u8 == **b)
            .count();
        same as f32 / BINS as f32
    }

    /// The LSH band keys: each a hash of two bins and the band's number.
    pub fn bands(&self) -> [u64; BANDS] {
        let mut out = [0u64; BANDS];
        for (b, key) in out.iter_mut().enumerate() {
            let (x, y) = (self.0[2 * b] as u64, self.0[2 * b + 1] as u64);
            *key = mix((x << 32 | y) ^ ((b as u64) << 56).wrapping_mul(0x9E37_79B9));
        }
        out
    }
}

/// The cluster an article starts when it is no one's copy.
pub fn own_cluster(id: &str) -> u64 {
    khoj_analyzers::hash(id.as_bytes()) >> 1 // tantivy's u64 terms and fast fields take any value; keep it positive for JSON readers
}

/// What the index stores about an article's copies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyInfo {
    /// The cluster the article belongs to.
    pub cluster: u64,
    /// Its fingerprint (none for a text too short to have one).
    pub fingerprint: Option<Fingerprint>,
}

/// Assigns clusters: looks for copies among the articles this writer wrote recently (in
/// memory, all [`BANDS`], including those not committed yet, which a searcher does not see)
/// and among the older ones committed in the index ([`INDEXED_BANDS`]).
#[derive(Default)]
pub struct CopyClusters {
    /// Articles written recently: (hash of the id, cluster, sketch).
    recent: Vec<(u64, u64, [u8; BINS])>,
    /// Band key → the last entry of its chain in `chain` (band keys are hashes already: the
    /// map hashes them no further).
    heads: HashMap<u64, u32, BuildHasherDefault<KeyHasher>>,
    /// (index into `recent`, previous entry of the same band key or `u32::MAX`).
    chain: Vec<(u32, u32)>,
}

/// The hasher of a map whose keys are well-mixed 64-bit hashes: the key itself.
#[derive(Default)]
struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

impl CopyClusters {
    /// The cluster of an article about to be added, from its fingerprint ([`Fingerprint::of`]
    /// its body, computed on any thread). `committed` is a searcher over the committed index
    /// (`None`: the index held nothing when the writer opened, so only this writer's own
    /// articles can be copies), whose `fields` and `hasher` (to fingerprint a candidate's
    /// stored body again) are given.
    pub fn assign(
        &mut self,
        committed: Option<(&Searcher, &ArticleFields, &WordHasher)>,
        id: &str,
        fp: Option<Fingerprint>,
    ) -> CopyInfo {
        let Some(fp) = fp else {
            return CopyInfo {
                cluster: own_cluster(id),
                fingerprint: None,
            };
        };
        let bands = fp.bands();
        let id_hash = khoj_analyzers::hash(id.as_bytes());
        let mut best: Option<(f32, u64)> = None;
        let consider = |best: &mut Option<(f32, u64)>, sim: f32, cluster: u64| {
            if sim >= SAME_STORY && best.is_none_or(|(s, _)| sim > s) {
                *best = Some((sim, cluster));
            }
        };
        // Candidates compared, newest first; a near-exact copy ends the search (none will do
        // better), and so does a cap, so that a story copied a thousand times costs no more
        // than one copied a dozen times.
        let mut seen: Vec<u32> = Vec::new();
        'bands: for key in &bands {
            let mut entry = self.heads.get(key).copied().unwrap_or(u32::MAX);
            while entry != u32::MAX {
                if seen.len() >= MAX_CANDIDATES || best.is_some_and(|(s, _)| s >= 0.95) {
                    break 'bands;
                }
                let (i, previous) = self.chain[entry as usize];
                entry = previous;
                let (other_id, cluster, other) = &self.recent[i as usize];
                if !seen.contains(&i) && *other_id != id_hash {
                    seen.push(i);
                    consider(&mut best, fp.resemblance_to_sketch(other), *cluster);
                }
            }
        }
        // A copy among the recent articles gives the cluster: the index is asked only when
        // there is none.
        if let (None, Some((searcher, fields, hasher))) = (best, committed) {
            for (other_id, cluster, other) in committed_candidates(searcher, fields, hasher, &bands)
            {
                if other_id != id {
                    consider(&mut best, fp.resemblance(&other), cluster);
                }
            }
        }
        let cluster = best.map_or_else(|| own_cluster(id), |(_, c)| c);
        if self.recent.len() >= WINDOW {
            self.forget();
        }
        let at = self.recent.len() as u32;
        self.recent.push((id_hash, cluster, fp.sketch()));
        for key in bands {
            let entry = self.chain.len() as u32;
            let previous = self.heads.insert(key, entry).unwrap_or(u32::MAX);
            self.chain.push((at, previous));
        }
        CopyInfo {
            cluster,
            fingerprint: Some(fp),
        }
    }

    /// Forgets the recent articles (after a rollback: some of them are not in the index).
    pub fn forget(&mut self) {
        self.recent.clear();
        self.heads.clear();
        self.chain.clear();
    }
}

/// Articles of the committed index that share a band with `bands`: (id, cluster, fingerprint).
/// The index stores no signatures: a candidate's fingerprint is made again from its stored
/// body (a few microseconds, for the few candidates an article has), which keeps the bulk
/// build lighter.
fn committed_candidates(
    searcher: &Searcher,
    f: &ArticleFields,
    hasher: &WordHasher,
    bands: &[u64; BANDS],
) -> Vec<(String, u64, Fingerprint)> {
    // The band terms' postings, read directly: a query would build a scorer per term.
    let mut docs = BTreeSet::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let Ok(inverted) = segment.inverted_index(f.copy_bands) else {
            continue;
        };
        for &band in &bands[..INDEXED_BANDS] {
            let term = Term::from_field_u64(f.copy_bands, band);
            let Ok(Some(mut postings)) = inverted.read_postings(&term, IndexRecordOption::Basic)
            else {
                continue;
            };
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if segment
                    .alive_bitset()
                    .is_none_or(|alive| alive.is_alive(doc))
                {
                    docs.insert(DocAddress::new(ord as u32, doc));
                }
                doc = postings.advance();
            }
        }
    }
    let mut out = Vec::new();
    for addr in docs.into_iter().take(MAX_CANDIDATES) {
        let Ok(doc) = searcher.doc::<TantivyDocument>(addr) else {
            continue;
        };
        let (Some(cluster), article) = (f.cluster(&doc), f.article(&doc)) else {
            continue;
        };
        if let Some(fp) = Fingerprint::of(hasher, &article.lang, &article.body) {
            out.push((article.id, cluster, fp));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fp(text: &str) -> Fingerprint {
        Fingerprint::of(&WordHasher::default(), "hi", text).unwrap()
    }

    const STORY: &str = "उत्तर कोरिया के नेता किम जोंग उन ने रूसी विदेश मंत्री सर्गेई लावरोव से मुलाकात के दौरान यूक्रेन के खिलाफ जारी युद्ध में रूस के सभी कदमों के समर्थन की बात कही। उत्तर कोरिया की सरकारी मीडिया ने रविवार को यह जानकारी दी। योनहाप समाचार एजेंसी ने बताया कि किम ने यह टिप्पणी शनिवार को लावरोव के साथ बैठक में की। इससे एक दिन पहले रूसी मंत्री अपने समकक्ष के साथ दूसरे दौर की रणनीतिक वार्ता के लिए उत्तर कोरिया गए थे।";

    #[test]
    fn an_edited_copy_resembles_its_original() {
        let original = fp(STORY);
        // respellings another site's CMS makes: nukta, vowel length, a half nasal
        let respellings = [
            ("खिलाफ", "ख़िलाफ़"),
            ("रूसी", "रुसी"),
            ("जोंग", "जोङ्ग"),
            ("जानकारी", "जानकारि"),
        ];
        let mut respelled = STORY.to_string();
        for (word, respelling) in respellings {
            assert!(respelled.contains(word), "{word} is not in the story");
            respelled = respelled.replace(word, respelling);
        }
        // normalized away: the same fingerprint
        assert_eq!(fp(&respelled), original);
        // and with a dateline added, still a copy
        let copy = fp(&format!("सियोल, (एजेंसी)। {respelled}"));
        assert!(
            original.resemblance(&copy) >= SAME_STORY,
            "{}",
            original.resemblance(&copy)
        );
        let other = fp("मौसम विभाग ने अगले दो दिनों में ऊंचे पहाड़ी इलाकों में भारी बर्फबारी की चेतावनी जारी की है और मैदानी इलाकों में बारिश हो सकती है।");
        assert!(original.resemblance(&other) < 0.1);
        // copies share bands
        let shared = original
            .bands()
            .iter()
            .filter(|b| copy.bands().contains(b))
            .count();
        assert!(shared > 0);
    }
}
