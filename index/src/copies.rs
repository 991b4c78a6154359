//! Copies of one wire story: a similarity fingerprint of every article, computed at ingest,
//! and the copy cluster it joins.
//!
//! The fingerprint is a MinHash of the 3-word shingles of the whole body — each word
//! reduced to its skeleton ([`SkeletonHasher`]: letters only, so that respellings do not
//! count), stopwords left out — made with one-permutation hashing (each shingle hashed once
//! into one of [`BINS`] bins; empty bins filled from their neighbours), with the number of
//! shingles beside it. The whole body, not its opening: another site may insert a paragraph
//! after a short lead, reorder the paragraphs after it, or rewrite the lead.
//!
//! Two articles are copies when the shingles they share, estimated from the resemblance and
//! both counts, are most of the smaller one's ([`CONTAINED`]: containment, so that a copy
//! cut to its first half is one) and a fair part of the larger one's ([`OVERLAPPING`]: so
//! that a copy with a short story's paragraph inserted does not join that story).
//!
//! Candidates are found by locality-sensitive hashing: [`BANDS`] bands of two bins, kept in
//! memory for the articles of a writer's window (up to [`WINDOW`] of them: those of the index
//! when it opened, read from the sketches the index stores, and those it wrote since,
//! committed or not). The candidate that is a copy with the highest resemblance gives the
//! cluster the article joins. An article that is no one's copy starts its own cluster, named
//! by the hash of its id.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use khoj_analyzers::{mix, SkeletonHasher};
use tantivy::Searcher;

use crate::schema::ArticleFields;
use crate::stored_copy::StoredNumbers;

/// MinHash bins.
pub const BINS: usize = 128;
/// Bands: LSH keys of two bins each, from the first 64 bins. A writer keeps a table of them
/// for the articles of its window: two articles with a resemblance of 0.3 share one with a
/// probability of 1 − (1 − 0.3²)³² = 0.95, at 0.4 with 0.996.
pub const BANDS: usize = 32;
/// Articles a writer remembers for copy lookups in memory, at most — those of the index when
/// it opens (read from the sketches the index stores) and those it writes since: about 900
/// bytes each (sketch and band chains). When it has remembered this many it starts afresh.
pub const WINDOW: usize = 200_000;
/// Words of the body that the fingerprint reads, at most: the whole of any news story.
pub const MAX_WORDS: usize = 4096;
/// Candidates compared with a new article, at most.
const MAX_CANDIDATES: usize = 32;
/// Share of the smaller article's shingles that the other must hold for the two to be
/// copies: a copy cut to half its story, its lead rewritten and another story's paragraph
/// inserted still is one.
pub const CONTAINED: f32 = 0.4;
/// Share of the larger article's shingles that the smaller must hold: a short story whose
/// text another story quotes whole (a paragraph inserted into it) is not that story's copy.
pub const OVERLAPPING: f32 = 0.3;

/// An article's MinHash signature, and how many shingles it was made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// The minimum hash of each bin.
    pub bins: [u32; BINS],
    /// Shingles hashed (with repeats).
    pub shingles: u32,
}

impl Fingerprint {
    /// The fingerprint of a body, or `None` when it has fewer than three words to shingle.
    pub fn of(body: &str) -> Option<Fingerprint> {
        let mut bins = [u32::MAX; BINS];
        let mut filled = [false; BINS];
        // the last two words, and how many words were read
        let (mut w0, mut w1, mut words) = (0u64, 0u64, 0usize);
        SkeletonHasher::new().for_each(body, |w2| {
            if words >= 2 {
                let h = mix(w0 ^ w1.rotate_left(21) ^ w2.rotate_left(42));
                let bin = (h >> 57) as usize; // 128 bins: the top 7 bits
                let v = h as u32;
                if v <= bins[bin] {
                    bins[bin] = v;
                }
                filled[bin] = true;
            }
            (w0, w1) = (w1, w2);
            words += 1;
            words < MAX_WORDS
        });
        if words < 3 {
            return None;
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
        Some(Fingerprint {
            bins,
            shingles: (words - 2) as u32,
        })
    }

    /// The share of bins the two fingerprints agree on: an estimate of the Jaccard
    /// resemblance of their shingle sets.
    pub fn resemblance(&self, other: &Fingerprint) -> f32 {
        agreeing_share(&self.bins, &other.bins)
    }

    /// What a writer keeps in memory and the index stores: the low 16 bits of each bin
    /// (b-bit minwise hashing: unrelated bins agree by chance 1 time in 65,536) and the
    /// shingle count.
    pub fn sketch(&self) -> Sketch {
        Sketch {
            bins: self.bins.map(|v| v as u16),
            shingles: self.shingles,
        }
    }

    /// Whether an article of `other_shingles` shingles whose resemblance to this one is
    /// `resemblance` is its copy: the shingles they share (estimated from the resemblance
    /// and both counts) are at least [`CONTAINED`] of the smaller's and [`OVERLAPPING`] of
    /// the larger's. A copy cut down, or with a paragraph of its own added, shares most of
    /// its text with the story; two stories that only quote each other do not.
    pub fn is_copy(&self, resemblance: f32, other_shingles: u32) -> bool {
        shares_enough(self.shingles, other_shingles, resemblance)
    }
}

/// The share of the bins of two signatures (full bins or their low bits) that agree.
fn agreeing_share<T: PartialEq>(a: &[T; BINS], b: &[T; BINS]) -> f32 {
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f32 / BINS as f32
}

/// [`Fingerprint::is_copy`] for two articles of `a` and `b` shingles.
fn shares_enough(a: u32, b: u32, resemblance: f32) -> bool {
    let (a, b) = (a as f32, b as f32);
    let shared = resemblance * (a + b) / (1.0 + resemblance);
    shared >= CONTAINED * a.min(b) && shared >= OVERLAPPING * a.max(b)
}

/// A fingerprint as a writer remembers it and the index stores it ([`Fingerprint::sketch`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sketch {
    bins: [u16; BINS],
    shingles: u32,
}

/// The bytes of a stored sketch ([`Sketch::to_bytes`]).
pub const SKETCH_BYTES: usize = 2 * BINS + 4;

impl Sketch {
    /// The share of bins the two sketches agree on ([`Fingerprint::resemblance`], from the
    /// low 16 bits of each bin).
    pub fn resemblance(&self, other: &Sketch) -> f32 {
        agreeing_share(&self.bins, &other.bins)
    }

    /// [`Fingerprint::is_copy`] for the article this sketch is of.
    pub fn is_copy(&self, resemblance: f32, other_shingles: u32) -> bool {
        shares_enough(self.shingles, other_shingles, resemblance)
    }

    /// The LSH band keys: each a hash of two bins and the band's number.
    pub fn bands(&self) -> [u64; BANDS] {
        let mut out = [0u64; BANDS];
        for (b, key) in out.iter_mut().enumerate() {
            let (x, y) = (self.bins[2 * b] as u64, self.bins[2 * b + 1] as u64);
            *key = mix(x << 16 | y | (b as u64) << 32);
        }
        out
    }

    /// The sketch as the index stores it (`copy_sketch`): the bins, then the shingle
    /// count, little-endian.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(SKETCH_BYTES);
        for bin in self.bins {
            out.extend_from_slice(&bin.to_le_bytes());
        }
        out.extend_from_slice(&self.shingles.to_le_bytes());
        out
    }

    /// The sketch of stored [`to_bytes`](Self::to_bytes), or `None` if they are not one.
    pub fn from_bytes(bytes: &[u8]) -> Option<Sketch> {
        if bytes.len() != SKETCH_BYTES {
            return None;
        }
        let mut bins = [0u16; BINS];
        for (bin, b) in bins.iter_mut().zip(bytes.chunks_exact(2)) {
            *bin = u16::from_le_bytes([b[0], b[1]]);
        }
        let count = &bytes[2 * BINS..];
        Some(Sketch {
            bins,
            shingles: u32::from_le_bytes([count[0], count[1], count[2], count[3]]),
        })
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
    /// Its fingerprint's sketch, as the index stores it (none for a text too short to have
    /// a fingerprint).
    pub sketch: Option<Sketch>,
}

/// Assigns clusters: looks for copies among the articles of its window, in memory — those of
/// the index when the writer opened ([`of_index`](Self::of_index)) and those it wrote since,
/// committed or not (which a searcher would not see).
#[derive(Default)]
pub struct CopyClusters {
    /// Articles written recently: (hash of the id, cluster, sketch).
    recent: Vec<(u64, u64, Sketch)>,
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
    /// The window of an index: the articles of `searcher` (up to [`WINDOW`] of them, the
    /// segments read newest first), from their stored sketches and clusters (each segment's
    /// doc store read once, its text passed over; a segment that cannot be read is left
    /// out, so its copies are not found but nothing else is lost).
    pub fn of_index(searcher: &Searcher, fields: &ArticleFields) -> CopyClusters {
        let mut clusters = CopyClusters::default();
        for segment in searcher.segment_readers().iter().rev() {
            let store = match segment.get_store_reader(1) {
                Ok(store) => store,
                Err(e) => {
                    tracing::warn!("copy window: a segment's stored articles: {e}");
                    continue;
                }
            };
            for doc in store.iter::<StoredNumbers>(segment.alive_bitset()) {
                if clusters.recent.len() >= WINDOW {
                    return clusters;
                }
                let doc = match doc {
                    Ok(doc) => doc,
                    Err(e) => {
                        tracing::warn!("copy window: a stored article: {e}");
                        continue;
                    }
                };
                // none for an article without a fingerprint
                let sketch = doc.bytes(fields.copy_sketch).and_then(Sketch::from_bytes);
                if let (Some(sketch), Some(cluster)) = (sketch, doc.u64(fields.cluster)) {
                    // no id: an article re-ingested may join its own earlier version's cluster
                    let bands = sketch.bands();
                    clusters.remember(0, cluster, sketch, bands);
                }
            }
        }
        clusters
    }

    /// The cluster of an article about to be added, from its fingerprint's sketch
    /// ([`Fingerprint::of`] its body, then [`Fingerprint::sketch`], computed on any thread: a
    /// sketch is half a fingerprint's size to hand over).
    pub fn assign(&mut self, id: &str, sketch: Option<Sketch>) -> CopyInfo {
        let Some(sketch) = sketch else {
            return CopyInfo {
                cluster: own_cluster(id),
                sketch: None,
            };
        };
        let bands = sketch.bands();
        let id_hash = khoj_analyzers::hash(id.as_bytes());
        let mut best: Option<(f32, u64)> = None;
        let consider = |best: &mut Option<(f32, u64)>, sim: f32, shingles: u32, cluster: u64| {
            if sketch.is_copy(sim, shingles) && best.is_none_or(|(s, _)| sim > s) {
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
                    let sim = sketch.resemblance(other);
                    consider(&mut best, sim, other.shingles, *cluster);
                }
            }
        }
        let cluster = best.map_or_else(|| own_cluster(id), |(_, c)| c);
        if self.recent.len() >= WINDOW {
            self.forget();
        }
        self.remember(id_hash, cluster, sketch.clone(), bands);
        CopyInfo {
            cluster,
            sketch: Some(sketch),
        }
    }

    /// Adds an article to the window, with its sketch's [`bands`](Sketch::bands).
    fn remember(&mut self, id_hash: u64, cluster: u64, sketch: Sketch, bands: [u64; BANDS]) {
        let at = self.recent.len() as u32;
        for key in bands {
            let entry = self.chain.len() as u32;
            let previous = self.heads.insert(key, entry).unwrap_or(u32::MAX);
            self.chain.push((at, previous));
        }
        self.recent.push((id_hash, cluster, sketch));
    }

    /// Forgets the window.
    pub fn forget(&mut self) {
        self.recent.clear();
        self.heads.clear();
        self.chain.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fp(text: &str) -> Fingerprint {
        Fingerprint::of(text).unwrap()
    }

    fn is_copy(a: &Fingerprint, b: &Fingerprint) -> bool {
        a.is_copy(a.resemblance(b), b.shingles) && b.is_copy(b.resemblance(a), a.shingles)
    }

    /// A story of a short lead and four paragraphs (written for these tests).
    const STORY: [&str; 5] = [
        "उत्तर कोरिया के नेता किम जोंग उन ने रूसी विदेश मंत्री सर्गेई लावरोव से मुलाकात की।",
        "सरकारी मीडिया ने रविवार को बताया कि किम ने यूक्रेन के खिलाफ जारी युद्ध में रूस के सभी कदमों के समर्थन की बात कही और दोनों देशों के रिश्तों को नई ऊंचाई पर ले जाने का वादा किया।",
        "योनहाप समाचार एजेंसी के अनुसार यह बैठक शनिवार को वोनसान शहर में हुई जहां लावरोव दूसरे दौर की रणनीतिक वार्ता के लिए पहुंचे थे और उन्होंने उत्तर कोरियाई विदेश मंत्री चोए सोन हुई से भी लंबी बातचीत की।",
        "विश्लेषकों का कहना है कि 2024 में हुए रक्षा समझौते के बाद प्योंगयांग ने रूस को तोपखाने के गोले और मिसाइलें भेजी हैं जबकि मास्को ने बदले में तेल खाद्यान्न और सैन्य तकनीक दी है।",
        "दक्षिण कोरिया और जापान ने इस मुलाकात पर चिंता जताई है और अमेरिका ने कहा है कि वह क्षेत्र में अपने सहयोगियों के साथ मिलकर हालात पर नजर रखेगा तथा प्रतिबंधों को सख्ती से लागू करेगा।",
    ];

    /// A short story of one paragraph, whose text is inserted into a copy of [`STORY`].
    const OTHER: &str = "मौसम विभाग ने अगले दो दिनों में हिमाचल प्रदेश और उत्तराखंड के ऊंचे पहाड़ी इलाकों में भारी बर्फबारी की चेतावनी जारी की है तथा मैदानी इलाकों में तेज हवाओं के साथ बारिश और ओले गिरने की आशंका जताई है।";

    fn story() -> String {
        STORY.join("\n")
    }

    #[test]
    fn respellings_leave_the_fingerprint_as_it_was() {
        // respellings another site's CMS makes: nukta, vowel length, a half nasal, digits
        let respellings = [
            ("खिलाफ", "ख़िलाफ़"),
            ("रूसी", "रुसी"),
            ("जोंग", "जोङ्ग"),
            ("ऊंचाई", "ऊँचाई"),
            ("2024", "२०२४"),
        ];
        let mut respelled = story();
        for (word, respelling) in respellings {
            assert!(respelled.contains(word), "{word} is not in the story");
            respelled = respelled.replace(word, respelling);
        }
        assert_eq!(fp(&respelled), fp(&story()));
    }

    /// Each edit another site makes, alone: still a copy.
    #[test]
    fn each_edit_a_site_makes_leaves_a_copy() {
        let original = fp(&story());
        let text = story();
        let words: Vec<&str> = text.split(' ').collect();
        let cut = words[..words.len() * 55 / 100].join(" ");
        let mut reordered = STORY.to_vec();
        reordered[1..].reverse();
        let rewritten_lead = format!(
            "सूत्रों के अनुसार रूस के विदेश मंत्री लावरोव और कोरियाई नेता किम की भेंट हुई।\n{}",
            STORY[1..].join("\n")
        );
        let edits = [
            ("cut to its first 55%", cut),
            (
                "a paragraph of another story after the lead",
                [STORY[0], OTHER]
                    .iter()
                    .chain(&STORY[1..])
                    .copied()
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            (
                "a \"read this too\" line after the lead",
                [STORY[0], "यह भी पढ़ें: दिल्ली में बारिश से गिरा पारा"]
                    .iter()
                    .chain(&STORY[1..])
                    .copied()
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            ("paragraphs after the lead reordered", reordered.join("\n")),
            ("the lead rewritten", rewritten_lead),
            ("Devanagari digits", story().replace("2024", "२०२४")),
            ("a dateline", format!("सियोल, (एजेंसी)। {}", story())),
            ("a byline", format!("{}\n(एजेंसी इनपुट के साथ)", story())),
        ];
        for (edit, text) in &edits {
            let copy = fp(text);
            let sim = original.resemblance(&copy);
            assert!(is_copy(&original, &copy), "{edit}: resemblance {sim}");
            // and found: the two share an LSH band
            assert!(
                original
                    .sketch()
                    .bands()
                    .iter()
                    .any(|b| copy.sketch().bands().contains(b)),
                "{edit}: no band shared"
            );
        }
        // several at once: cut, a paragraph inserted, the lead rewritten
        let stacked = format!(
            "सूत्रों के अनुसार रूस के विदेश मंत्री लावरोव और कोरियाई नेता किम की भेंट हुई।\n{OTHER}\n{}",
            STORY[1..4].join("\n")
        );
        assert!(is_copy(&original, &fp(&stacked)));
    }

    /// A copy holding a short story's whole paragraph is a copy of its own story, not of
    /// the short one.
    #[test]
    fn an_inserted_paragraph_does_not_make_a_copy_of_its_story() {
        let inserted = [STORY[0], OTHER]
            .iter()
            .chain(&STORY[1..])
            .copied()
            .collect::<Vec<_>>()
            .join("\n");
        let (copy, other, original) = (fp(&inserted), fp(OTHER), fp(&story()));
        assert!(is_copy(&copy, &original));
        assert!(!is_copy(&copy, &other), "{}", copy.resemblance(&other));
        // unrelated stories are far apart
        assert!(original.resemblance(&other) < 0.05);
    }

    #[test]
    fn a_sketch_is_stored_and_read_back_whole() {
        let sketch = fp(&story()).sketch();
        let bytes = sketch.to_bytes();
        assert_eq!(Sketch::from_bytes(&bytes), Some(sketch.clone()));
        assert_eq!(Sketch::from_bytes(&bytes[1..]), None);
        // the bands come from the stored bits: an article read back from the index is found
        assert_eq!(
            Sketch::from_bytes(&bytes).map(|s| s.bands()),
            Some(fp(&story()).sketch().bands())
        );
    }

    #[test]
    fn too_short_a_text_has_no_fingerprint() {
        assert!(Fingerprint::of("दो शब्द").is_none());
        assert!(Fingerprint::of("").is_none());
    }
}
