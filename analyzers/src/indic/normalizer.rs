//! Stage 3 for the Indian scripts after Devanagari: one spelling for the forms that a
//! reader's keyboard and a publisher's CMS disagree on.
//!
//! Every word is put in Unicode NFC first, which already makes one of a two-part vowel sign
//! typed as its parts or as one character (Tamil ொ = ெ + ா, Malayalam ൊ, Bengali ো = ে + া,
//! Odia ୋ, Kannada ೊ, Telugu ై) and of a nukta letter typed precomposed or as letter + nukta
//! (Bengali য় ড় ঢ়, Gurmukhi ਸ਼ ਖ਼ ਗ਼ ਜ਼ ਫ਼ ਲ਼, Odia ଡ଼ ଢ଼). Then the rules of [`INDIC_RULES`] apply,
//! one fact a row, and ZWJ/ZWNJ are dropped. Native digits become ASCII digits.
//!
//! A word whose characters need none of this (most words) is copied as it is: a table of
//! the characters that may need a rule, per block, decides that in one pass.
//!
//! ```
//! use khoj_analyzers::{IndicNormalizer, Script};
//! let n = IndicNormalizer::new();
//! // Malayalam chillu: the old spelling with ZWJ and the atomic letter meet
//! assert_eq!(n.normalize("അവന്\u{200D}", Script::Malayalam), n.normalize("അവൻ", Script::Malayalam));
//! // Bengali: ো typed as its two parts
//! assert_eq!(n.normalize("বো\u{09BE}", Script::Bengali).len(), "বো\u{09BE}".len());
//! assert_eq!(n.normalize("বে\u{09BE}", Script::Bengali), "বো");
//! // native digits
//! assert_eq!(n.normalize("২০২৪", Script::Bengali), "2024");
//! ```

use unicode_normalization::UnicodeNormalization;

use super::rules::{arabic_quiet, digit_value, is_dropped, IndicRule, INDIC_RULES};
use crate::script::Script;
use Script::Arabic;

/// The normalizer of the Indian scripts after Devanagari (and of Urdu's Arabic script).
#[derive(Debug, Clone)]
pub struct IndicNormalizer {
    /// By Brahmic script, bits by offset in its block (see [`Quiet`]).
    quiet: [Quiet; 8],
    /// By Brahmic script, whether a rule names ZWJ or ZWNJ (chillu and khanda ta spellings):
    /// a word holding one goes the whole way there.
    joiner_rules: [bool; 8],
    /// The characters of U+0600..U+06FF (Arabic script) that need nothing: not dropped,
    /// not a digit, named by no rule, unchanged by NFC, composed with nothing before them.
    arabic_quiet: [bool; 256],
}

/// What the exact form of a normalized word is (the word in NFC, lowercase, without
/// joiners), as [`IndicNormalizer::normalize_into`] found out on the way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExactForm {
    /// The word as written (most words).
    AsWritten,
    /// The word as written without its ZWJ/ZWNJ.
    WithoutJoiners,
    /// Neither: to be made from the word.
    Unknown,
}

/// Which characters of a block may need work. A word of other characters of the block is
/// copied as it is.
#[derive(Debug, Clone, Copy)]
struct Quiet {
    /// Characters that always need a look: decomposable ones, those a rule names, digits.
    attention: u128,
    /// The first parts of a two-part vowel sign (ে, ெ …) …
    first: u128,
    /// … and the parts that may follow them to compose (া, ৗ …): only that pair needs NFC.
    second: u128,
    /// Canonical combining classes (nukta 7, virama 9 …): marks out of canonical order need
    /// NFC too.
    ccc: [u8; 128],
    /// For a character that needs only to be replaced by one other (a one-character rule,
    /// a digit): the replacement; [`NO_MAP`] for the others.
    direct: [u32; 128],
    /// Characters with a direct replacement that NFC decomposes (Gurmukhi ਸ਼ = ਸ + ਼, whose
    /// nukta goes): a word holding one is not its own exact form.
    decomposes: u128,
}

/// A character the normalizer may rewrite (see [`IndicNormalizer::classes`]).
pub(crate) const LOUD: u8 = 1;
/// The first part of a two-part vowel sign.
pub(crate) const FIRST: u8 = 2;
/// A part that NFC composes with a [`FIRST`] before it.
pub(crate) const SECOND: u8 = FIRST << 1;
/// A mark of nonzero canonical combining class (two side by side may need reordering).
pub(crate) const MARK: u8 = 8;
/// A character the normalizer replaces by one of the same block, or drops, and nothing
/// else (see [`IndicNormalizer::replacements`]).
pub(crate) const REPLACED: u8 = 64;

/// No direct replacement.
const NO_MAP: u32 = u32::MAX;
/// The direct replacement is nothing: the character goes.
const DROP: u32 = u32::MAX - 1;

/// What a word needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Needs {
    /// Nothing: copied as it is.
    Nothing,
    /// Characters replaced one for one, or joiners dropped (the word is in NFC with and
    /// without its joiners, and no rule names a joiner in it).
    Replacements,
    /// The whole way: NFC, the rules, again until nothing changes.
    Everything,
}

impl Default for Quiet {
    fn default() -> Self {
        Quiet {
            attention: 0,
            first: 0,
            second: 0,
            ccc: [0; 128],
            direct: [NO_MAP; 128],
            decomposes: 0,
        }
    }
}

impl Default for IndicNormalizer {
    fn default() -> Self {
        IndicNormalizer::new()
    }
}

impl IndicNormalizer {
    /// The normalizer, its tables built from [`INDIC_RULES`] and Unicode's decompositions
    /// (once a process: every analyzer, and the segmenter's table, share them).
    pub fn new() -> Self {
        static TABLES: std::sync::OnceLock<IndicNormalizer> = std::sync::OnceLock::new();
        TABLES.get_or_init(IndicNormalizer::build).clone()
    }

    /// The tables built.
    fn build() -> Self {
        let mut quiet = [Quiet::default(); 8];
        let mut joiner_rules = [false; 8];
        for (i, script) in Script::BRAHMIC.into_iter().enumerate() {
            let Some(start) = script.block_start() else {
                continue;
            };
            joiner_rules[i] = INDIC_RULES
                .iter()
                .any(|r| r.script == script && r.from.contains(['\u{200C}', '\u{200D}']));
            let bit = |c: char| 1u128 << (c as u32 - start);
            for c in (start..start + 128).filter_map(char::from_u32) {
                // a rule matches only where its last character is: that one needs a look
                let ruled = INDIC_RULES
                    .iter()
                    .any(|r| r.script == script && r.from.ends_with(c));
                quiet[i].ccc[(c as u32 - start) as usize] =
                    unicode_normalization::char::canonical_combining_class(c);
                let nfc_changes = c.nfc().ne(std::iter::once(c));
                if nfc_changes || ruled || digit_value(script, c).is_some() {
                    quiet[i].attention |= bit(c);
                }
            }
            // the pairs that NFC composes (ে + া, and ೊ + ೕ whose first is itself composed),
            // but not a letter it keeps apart (য় = য + ়)
            for a in (start..start + 128).filter_map(char::from_u32) {
                for b in (start..start + 128).filter_map(char::from_u32) {
                    if unicode_normalization::char::compose(a, b).is_some() {
                        quiet[i].first |= bit(a);
                        quiet[i].second |= bit(b);
                    }
                }
            }
            // one-for-one replacements: a digit, or a one-character rule whose result is a
            // quiet character (or nothing), for a character that takes no part in NFC
            for c in (start..start + 128).filter_map(char::from_u32) {
                let q = &quiet[i];
                let offset = (c as u32 - start) as usize;
                let plain = |c: char| {
                    let o = (c as u32).wrapping_sub(start);
                    o < 128
                        && (q.attention | q.first | q.second) & (1 << o) == 0
                        && q.ccc[o as usize] == 0
                };
                if (q.first | q.second) & (1 << offset) != 0 {
                    continue;
                }
                if c.nfc().ne([c]) {
                    // a letter NFC decomposes whose whole way, alone, gives one plain letter
                    // (ਸ਼ → ਸ + ਼ → ਸ), none of its parts in a longer rule
                    let mut alone = String::new();
                    IndicNormalizer::default_tables().normalize_slow(
                        &c.to_string(),
                        script,
                        &mut alone,
                    );
                    let mut chars = alone.chars();
                    let in_longer_rule = c.nfd().any(|part| {
                        INDIC_RULES.iter().any(|r| {
                            r.script == script
                                && r.from.chars().count() > 1
                                && r.from.contains(part)
                        })
                    });
                    if let (Some(t), None, 0, false) =
                        (chars.next(), chars.next(), q.ccc[offset], in_longer_rule)
                    {
                        if plain(t) {
                            quiet[i].direct[offset] = t as u32;
                            quiet[i].decomposes |= 1 << offset;
                        }
                    }
                    continue;
                }
                let rule = INDIC_RULES.iter().find(|r| {
                    r.script == script && r.from.chars().eq([c]) && r.to.chars().count() <= 1
                });
                // a mark (nonzero combining class) only goes: where it stood in canonical
                // order no longer matters
                let mark = q.ccc[offset] != 0;
                let to = match (digit_value(script, c), rule) {
                    (Some(d), _) if !mark => Some(d as u32),
                    (None, Some(r)) if r.to.is_empty() => Some(DROP),
                    (None, Some(r)) if !mark => {
                        r.to.chars().next().filter(|&t| plain(t)).map(u32::from)
                    }
                    _ => None,
                };
                // only where no longer rule could start at this character
                let longer = INDIC_RULES.iter().any(|r| {
                    r.script == script && r.from.chars().count() > 1 && r.from.contains(c)
                });
                if let (Some(to), false) = (to, longer) {
                    quiet[i].direct[offset] = to;
                }
            }
        }
        IndicNormalizer {
            quiet,
            joiner_rules,
            arabic_quiet: arabic_quiet(),
        }
    }

    /// A normalizer without its tables: for the whole way only.
    fn default_tables() -> Self {
        IndicNormalizer {
            quiet: [Quiet::default(); 8],
            joiner_rules: [false; 8],
            arabic_quiet: [false; 256],
        }
    }

    /// The classes of the characters of the block of the Brahmic script `i` (its place in
    /// [`Script::BRAHMIC`]), for a scan that tells a word the normalizer copies as it is
    /// without asking it: [`LOUD`] (may be rewritten), [`FIRST`] and [`SECOND`] (the parts
    /// of a vowel sign that NFC composes), [`MARK`] (a nonzero combining class).
    pub(crate) fn classes(&self, i: usize) -> [u8; 128] {
        let q = &self.quiet[i];
        std::array::from_fn(|offset| {
            let bit = 1u128 << offset;
            let mut cls = 0;
            if q.attention & bit != 0 {
                let to = q.direct[offset];
                cls |= match to {
                    // replaced alone, its exact form written decomposed
                    // ([`write_exact`](Self::write_exact)), unless a mark that could follow
                    // it would sort before its last part
                    _ if q.decomposes & bit != 0 => {
                        let last = char::from_u32(self.block(i) + offset as u32)
                            .and_then(|c| c.nfd().last())
                            .map_or(0, unicode_normalization::char::canonical_combining_class);
                        match q.ccc.iter().any(|&k| k != 0 && k < last) {
                            true => LOUD,
                            false => REPLACED,
                        }
                    }
                    DROP => REPLACED,
                    _ if to != NO_MAP && to.wrapping_sub(self.block(i)) < 128 => REPLACED,
                    _ => LOUD,
                };
            }
            if q.first & bit != 0 {
                cls |= FIRST;
            }
            if q.second & bit != 0 {
                cls |= SECOND;
            }
            if q.ccc[offset] != 0 {
                cls |= MARK;
            }
            cls
        })
    }

    /// By offset in the block of the Brahmic script `i`: what a [`REPLACED`] character
    /// becomes, as its offset plus one (0: it goes); the others, themselves.
    pub(crate) fn replacements(&self, i: usize) -> [u8; 128] {
        let q = &self.quiet[i];
        let block = self.block(i);
        std::array::from_fn(|offset| match q.direct[offset] {
            DROP => 0,
            to if to != NO_MAP && to.wrapping_sub(block) < 128 => (to - block + 1) as u8,
            _ => offset as u8 + 1,
        })
    }

    /// The first code point of the block of the Brahmic script `i`.
    fn block(&self, i: usize) -> u32 {
        Script::BRAHMIC[i].block_start().unwrap_or(0)
    }

    /// Whether the Brahmic script `i`'s rules name ZWJ or ZWNJ: a joiner then needs the
    /// whole way.
    pub(crate) fn joiner_rules(&self, i: usize) -> bool {
        self.joiner_rules[i]
    }

    /// Writes `word` normalized into `out` (cleared first), for a word of the block of
    /// `script` (and joiners, where no rule names them) whose every character the
    /// normalizer keeps, or replaces or drops alone ([`REPLACED`]): a scan found that out
    /// ([`crate::BrahmicScan`]), and no pass of its own is needed.
    pub(crate) fn write_replaced(&self, word: &str, script: Script, out: &mut String) {
        out.clear();
        let (Some(i), Some(start)) = (script.brahmic_index(), script.block_start()) else {
            out.push_str(word);
            return;
        };
        let direct = &self.quiet[i].direct;
        copy_rewriting(
            word,
            out,
            |chunk| {
                let to = match *chunk {
                    [0xE0, b1, b2] => direct[usize::from(crate::block_bytes::offset(b1, b2))],
                    _ => DROP, // a joiner
                };
                debug_assert!(to == NO_MAP || to == DROP || to.wrapping_sub(start) < 128);
                Some((to != NO_MAP).then_some(to))
            },
            |to, out| {
                if let Some(c) = char::from_u32(to) {
                    out.push(c);
                }
            },
        );
    }

    /// Writes the exact form of `word` into `out` (not cleared) for a word of the block of
    /// `script` (and joiners, where no rule names them) that a scan found needs no more than
    /// replacements ([`crate::BrahmicScan`]): the word as written without its joiners, and
    /// each letter NFC decomposes (Gurmukhi ਸ਼) decomposed, as NFC writes it.
    pub(crate) fn write_exact(&self, word: &str, script: Script, out: &mut String) {
        let (Some(i), Some(start)) = (script.brahmic_index(), script.block_start()) else {
            out.push_str(word);
            return;
        };
        let decomposes = self.quiet[i].decomposes;
        let lead = crate::block_bytes::lead(start);
        let before = out.len();
        // three bytes a character: the block's, and joiners (both lead bytes begin three)
        let whole = copy_rewriting(
            word,
            out,
            |chunk| match *chunk {
                [0xE0, b1, b2] if b1 & !1 == lead => {
                    let offset = crate::block_bytes::offset(b1, b2);
                    Some((decomposes & (1 << offset) != 0).then_some(offset))
                }
                [0xE2, 0x80, 0x8C | 0x8D] => Some(Some(128)), // dropped
                // not such a word after all
                _ => None,
            },
            |offset, out| {
                if let Some(c) = char::from_u32(start + u32::from(offset)).filter(|_| offset < 128)
                {
                    unicode_normalization::char::decompose_canonical(c, |part| out.push(part));
                }
            },
        );
        if !whole {
            // character by character
            self.write_exact_chars(word, i, before, out);
        }
    }

    /// [`write_exact`](Self::write_exact) character by character, for any word of the
    /// Brahmic script `i`: `out` is first cut back to `len`.
    #[cold]
    fn write_exact_chars(&self, word: &str, i: usize, len: usize, out: &mut String) {
        out.truncate(len);
        let (start, decomposes) = (self.block(i), self.quiet[i].decomposes);
        for c in word.chars() {
            let offset = (c as u32).wrapping_sub(start);
            match c {
                '\u{200C}' | '\u{200D}' => {}
                _ if offset < 128 && decomposes & (1 << offset) != 0 => {
                    unicode_normalization::char::decompose_canonical(c, |part| out.push(part))
                }
                _ => out.push(c),
            }
        }
    }

    /// `word` (all of one script) normalized.
    pub fn normalize(&self, word: &str, script: Script) -> String {
        let mut out = String::with_capacity(word.len());
        self.normalize_into(word, script, &mut out);
        out
    }

    /// Writes `word` normalized into `out` (cleared first), and tells what its exact form
    /// is (most words are their own).
    pub fn normalize_into(&self, word: &str, script: Script, out: &mut String) -> ExactForm {
        out.clear();
        let (needs, exact) = self.needs(word, script);
        match needs {
            Needs::Nothing => out.push_str(word),
            Needs::Replacements => {
                let (Some(i), Some(start)) = (script.brahmic_index(), script.block_start()) else {
                    self.normalize_slow(word, script, out);
                    return ExactForm::Unknown;
                };
                let direct = &self.quiet[i].direct;
                out.extend(word.chars().filter_map(|c| {
                    if is_dropped(script, c) {
                        return None;
                    }
                    match direct[((c as u32) - start) as usize & 0x7F] {
                        NO_MAP => Some(c),
                        DROP => None,
                        to => Some(char::from_u32(to).unwrap_or(c)),
                    }
                }));
            }
            Needs::Everything => {
                self.normalize_slow(word, script, out);
                return ExactForm::Unknown;
            }
        }
        exact
    }

    /// What the word needs, and what its exact form is: every character one of the
    /// script's block that needs nothing (or only a one-for-one replacement) or ZWJ/ZWNJ
    /// that no rule names, no two parts of a vowel sign side by side (a joiner between
    /// them counts as nothing: it goes), the marks in canonical order (a Brahmic script
    /// only). The characters are read as bytes: the block's are three, E0 then one of two.
    #[inline]
    fn needs(&self, word: &str, script: Script) -> (Needs, ExactForm) {
        const EVERYTHING: (Needs, ExactForm) = (Needs::Everything, ExactForm::Unknown);
        if script == Arabic {
            return match self.arabic_is_quiet(word) {
                true => (Needs::Nothing, ExactForm::AsWritten),
                false => EVERYTHING,
            };
        }
        let (Some(i), Some(start)) = (script.brahmic_index(), script.block_start()) else {
            return EVERYTHING;
        };
        let q = &self.quiet[i];
        let lead = crate::block_bytes::lead(start);
        let (mut after_first, mut last_ccc, mut replace, mut joiners) = (false, 0, false, false);
        let mut decomposes = false;
        let mut rest = word.as_bytes();
        while let Some((char_bytes, tail)) = rest.split_first_chunk::<3>() {
            rest = tail;
            let offset = match *char_bytes {
                [0xE0, b1, b2] if b1 & !1 == lead => u32::from(crate::block_bytes::offset(b1, b2)),
                [0xE2, 0x80, 0x8C | 0x8D] if !self.joiner_rules[i] => {
                    joiners = true;
                    continue;
                }
                _ => return EVERYTHING,
            };
            let bit = 1u128 << offset;
            let ccc = q.ccc[offset as usize];
            if (after_first && q.second & bit != 0) || (ccc != 0 && ccc < last_ccc) {
                return EVERYTHING;
            }
            last_ccc = ccc;
            if q.attention & bit != 0 {
                decomposes |= q.decomposes & bit != 0;
                match q.direct[offset as usize] {
                    NO_MAP => return EVERYTHING,
                    // what stood before it meets what follows, as over a joiner
                    DROP => {
                        replace = true;
                        continue;
                    }
                    _ => replace = true,
                }
            }
            after_first = q.first & bit != 0;
        }
        if !rest.is_empty() {
            return EVERYTHING;
        }
        let exact = match (decomposes, joiners) {
            (true, _) => ExactForm::Unknown,
            (false, true) => ExactForm::WithoutJoiners,
            (false, false) => ExactForm::AsWritten,
        };
        match replace || joiners {
            true => (Needs::Replacements, exact),
            false => (Needs::Nothing, exact),
        }
    }

    /// Whether every character of `word` is one of U+0600..U+06FF (two bytes, D8 to DB
    /// then one) that needs nothing.
    #[inline]
    fn arabic_is_quiet(&self, word: &str) -> bool {
        let bytes = word.as_bytes();
        bytes.len().is_multiple_of(2)
            && bytes.chunks_exact(2).all(|c| match *c {
                [b0 @ 0xD8..=0xDB, b1] => self.arabic_quiet[crate::arabic_words::offset(b0, b1)],
                _ => false,
            })
    }

    #[cold]
    fn normalize_slow(&self, word: &str, script: Script, out: &mut String) {
        let mut text: String = word.nfc().flat_map(char::to_lowercase).collect();
        // Dropping a character or applying a rule may bring two parts of a vowel sign
        // together (ে ZWJ া): NFC again, and the rules again, until nothing changes.
        for _ in 0..4 {
            out.clear();
            self.apply_rules(&text, script, out);
            if unicode_normalization::is_nfc(out) {
                return;
            }
            text = out.nfc().collect();
        }
    }

    /// One pass of the rules, the dropped characters and the digits over NFC text.
    fn apply_rules(&self, text: &str, script: Script, out: &mut String) {
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            let mut best: Option<&IndicRule> = None;
            for r in INDIC_RULES {
                if r.script == script
                    && rest.starts_with(r.from)
                    && best.is_none_or(|b| r.from.len() > b.from.len())
                {
                    best = Some(r);
                }
            }
            if let Some(r) = best {
                out.push_str(r.to);
                rest = &rest[r.from.len()..];
                continue;
            }
            rest = &rest[c.len_utf8()..];
            if is_dropped(script, c) {
                continue;
            }
            match digit_value(script, c) {
                Some(d) => out.push(d),
                None => out.push(c),
            }
        }
    }
}

/// Copies `word` into `out` three bytes (one character) at a time, the runs `pick` keeps
/// in one copy each: for each character `pick` says `Some(None)`, keep it; `Some(Some(r))`,
/// write `r` in its place (`write` does, right after the run before it); or `None`, give
/// up. Returns whether the whole word was read so: `false` when `pick` gave up or the
/// word's length is not a multiple of three (what was written is then to be discarded).
#[inline(always)]
fn copy_rewriting<R>(
    word: &str,
    out: &mut String,
    mut pick: impl FnMut(&[u8; 3]) -> Option<Option<R>>,
    mut write: impl FnMut(R, &mut String),
) -> bool {
    let mut from = 0;
    let (chunks, _) = word.as_bytes().as_chunks::<3>();
    for (k, chunk) in chunks.iter().enumerate() {
        let Some(rewrite) = pick(chunk) else {
            return false;
        };
        if let Some(r) = rewrite {
            out.push_str(&word[from..3 * k]);
            from = 3 * k + 3;
            write(r, out);
        }
    }
    out.push_str(&word[from..]);
    word.len().is_multiple_of(3)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use Script::*;

    fn n(word: &str, script: Script) -> String {
        IndicNormalizer::new().normalize(word, script)
    }

    /// Spellings that must meet, by script.
    const MEET: &[(Script, &str, &str)] = &[
        // two-part vowel signs, as parts and as one character
        (Tamil, "க\u{0BC7}\u{0BBE}", "கோ"),
        (Tamil, "க\u{0BC6}\u{0BBE}", "கொ"),
        (Tamil, "க\u{0BC6}\u{0BD7}", "கௌ"),
        (Malayalam, "ക\u{0D46}\u{0D3E}", "കൊ"),
        (Malayalam, "ക\u{0D46}\u{0D57}", "കൗ"),
        (Malayalam, "കൌ", "കൗ"),
        (Bengali, "ক\u{09C7}\u{09BE}", "কো"),
        (Bengali, "ক\u{09C7}\u{09D7}", "কৌ"),
        (Odia, "କ\u{0B47}\u{0B3E}", "କୋ"),
        (Odia, "କ\u{0B47}\u{0B56}", "କୈ"),
        (Kannada, "ಕ\u{0CC6}\u{0CC2}", "ಕೊ"),
        (Kannada, "ಕ\u{0CBF}\u{0CD5}", "ಕೀ"),
        (Kannada, "ಕ\u{0CCA}\u{0CD5}", "ಕೋ"),
        (Kannada, "ಕ\u{0CC6}\u{0CC2}\u{0CD5}", "ಕೋ"),
        (Telugu, "క\u{0C46}\u{0C56}", "కై"),
        // nukta letters, precomposed and as letter + nukta
        (Bengali, "\u{09DF}", "য\u{09BC}"),
        (Bengali, "\u{09DC}", "ড\u{09BC}"),
        (Bengali, "\u{09DD}", "ঢ\u{09BC}"),
        (Gurmukhi, "\u{0A36}", "ਸ"),
        (Gurmukhi, "ਸ\u{0A3C}", "ਸ"),
        (Gurmukhi, "\u{0A59}", "ਖ"),
        (Gurmukhi, "\u{0A5A}", "ਗ"),
        (Gurmukhi, "\u{0A5B}", "ਜ"),
        (Gurmukhi, "\u{0A5E}", "ਫ"),
        (Gurmukhi, "\u{0A33}", "ਲ"),
        (Odia, "\u{0B5C}", "ଡ\u{0B3C}"),
        (Odia, "\u{0B5D}", "ଢ\u{0B3C}"),
        (Odia, "ଯ\u{0B3C}", "ୟ"),
        // chillu letters and their old spellings
        (Malayalam, "അവന്\u{200D}", "അവൻ"),
        (Malayalam, "അവള്\u{200D}", "അവൾ"),
        (Malayalam, "അവര്\u{200D}", "അവർ"),
        (Malayalam, "കല്\u{200D}", "കൽ"),
        (Malayalam, "കണ്\u{200D}", "കൺ"),
        (Malayalam, "വാക്\u{200D}", "വാൿ"),
        // Bengali khanda ta and its old spelling
        (Bengali, "হঠাত্\u{200D}", "হঠাৎ"),
        // candrabindu / anusvara where they are one
        (Bengali, "চাঁদ", "চাদ"),
        (Gurmukhi, "ਪੰਜ", "ਪਂਜ"),
        (Gujarati, "હઁ", "હં"),
        (Odia, "ଚାଁଦ", "ଚାଂଦ"),
        (Telugu, "సఁ", "సం"),
        // vowel length (Bengali spelling reform)
        (Bengali, "সরকারী", "সরকারি"),
        (Bengali, "ঈদ", "ইদ"),
        (Bengali, "পূজা", "পুজা"),
        (Bengali, "ঊষা", "উষা"),
        // joiners
        (Kannada, "ಕ\u{200C}ನ್ನ", "ಕನ್ನ"),
        (Tamil, "க்\u{200D}ஷ", "க்ஷ"),
        // native digits
        (Bengali, "১৯৪৭", "1947"),
        (Gurmukhi, "੧੯੪੭", "1947"),
        (Gujarati, "૧૯૪૭", "1947"),
        (Odia, "୧୯୪୭", "1947"),
        (Tamil, "௧௯௪௭", "1947"),
        (Telugu, "౧౯౪౭", "1947"),
        (Kannada, "೧೯೪೭", "1947"),
        (Malayalam, "൧൯൪൭", "1947"),
        (Arabic, "١٩٤٧", "1947"),
        (Arabic, "۱۹۴۷", "1947"),
        // Urdu: Arabic letter forms, harakat and tatweel
        (Arabic, "پاكستان", "پاکستان"),
        (Arabic, "علي", "علی"),
        (Arabic, "عيسى", "عیسی"),
        (Arabic, "مدرسه", "مدرسہ"),
        (Arabic, "خانۂ", "خانہ"),
        (Arabic, "مُحَمَّد", "محمد"),
        (Arabic, "کـتـاب", "کتاب"),
        (Arabic, "أحمد", "احمد"),
        (Arabic, "إسلام", "اسلام"),
        (Arabic, "ٱلله", "الله"),
        (Arabic, "زكوة", "زکوہ"),
        (Arabic, "زکوۃ", "زکوہ"),
        (Arabic, "مدرسە", "مدرسہ"),
        (Arabic, "آۓ", "آے"),
        (Gurmukhi, "ਕਁ", "ਕਂ"),
    ];

    /// Words that must stay apart.
    const APART: &[(Script, &str, &str)] = &[
        (Bengali, "কাল", "খাল"),
        (Bengali, "ড", "ড\u{09BC}"), // ḍa and ṛa are two letters
        (Bengali, "য", "য\u{09BC}"),
        (Tamil, "கொ", "கோ"), // short and long o
        (Tamil, "மன", "மண"),
        (Malayalam, "അവൻ", "അവൾ"),
        (Malayalam, "കൊ", "കോ"),
        (Telugu, "కల", "కాల"),
        (Kannada, "ಕಲ", "ಕಾಲ"),
        (Gujarati, "કલ", "કાલ"),
        (Odia, "କଳ", "କଲ"),
        (Gurmukhi, "ਕਲ", "ਕਾਲ"),
        (Arabic, "آپ", "اپ"), // alef madda is a letter of its own in Urdu
        (Arabic, "ہ", "ھ"),   // heh goal and do-chashmi heh (aspiration)
        (Arabic, "ی", "ے"),   // yeh and yeh barree
    ];

    #[test]
    fn variant_spellings_meet() {
        for (script, a, b) in MEET {
            assert_eq!(n(a, *script), n(b, *script), "{script:?} {a} / {b}");
        }
    }

    #[test]
    fn distinct_words_stay_apart() {
        for (script, a, b) in APART {
            assert_ne!(n(a, *script), n(b, *script), "{script:?} {a} / {b}");
        }
    }

    #[test]
    fn every_rule_is_tested() {
        for r in INDIC_RULES {
            let tested = MEET
                .iter()
                .any(|(s, a, b)| *s == r.script && (a.contains(r.from) || b.contains(r.from)));
            assert!(
                tested,
                "no test for {:?} {:?} ({})",
                r.script, r.from, r.why
            );
        }
    }
    #[test]
    fn a_quiet_word_is_copied() {
        let normalizer = IndicNormalizer::new();
        let needs = |word: &str, script| normalizer.needs(word, script);
        for (word, script) in [
            ("বাংলা", Bengali),
            ("তোমার", Bengali),
            ("হয়", Bengali),
            ("தமிழ்", Tamil),
            ("മലയാളം", Malayalam),
        ] {
            assert_eq!(
                needs(word, script),
                (Needs::Nothing, ExactForm::AsWritten),
                "{word}"
            );
        }
        assert_eq!(
            needs("বাংলা১", Bengali),
            (Needs::Replacements, ExactForm::AsWritten)
        );
        assert_eq!(
            needs("সরকারী", Bengali),
            (Needs::Replacements, ExactForm::AsWritten)
        );
        // a letter NFC decomposes, whose nukta goes: replaced alone, not its exact form
        // Urdu: letters that need nothing, and those that do
        assert_eq!(
            needs("پاکستان", Arabic),
            (Needs::Nothing, ExactForm::AsWritten)
        );
        assert_eq!(needs("پاكستان", Arabic).0, Needs::Everything);
        assert_eq!(needs("مُحَمَّد", Arabic).0, Needs::Everything);
        let shahir = "\u{0A36}ਹਿਰ";
        assert_eq!(
            needs(shahir, Gurmukhi),
            (Needs::Replacements, ExactForm::Unknown)
        );
        let mut out = String::new();
        normalizer.normalize_into(shahir, Gurmukhi, &mut out);
        assert_eq!(out, "ਸਹਿਰ");
        // its exact form, written without the whole way, is NFC's: the letter decomposed
        for word in [
            shahir,
            "ਜ਼ਿਲ\u{200C}੍ਹਾ",
            "ਖ਼ਬਰ\u{0A3C}",
            "\u{0A36}a",
            "ਸ਼ਹਿਰ\u{200D}x",
            "श\u{0A36}", // a letter of another block at the offset of one that decomposes
        ] {
            let mut exact = String::from("=");
            normalizer.write_exact(word, Gurmukhi, &mut exact);
            let nfc: String = word
                .chars()
                .filter(|c| !matches!(c, '\u{200C}' | '\u{200D}'))
                .nfc()
                .collect();
            assert_eq!(exact, format!("={nfc}"), "{word}");
        }
        assert_eq!(needs("ক\u{09C7}\u{09BE}", Bengali).0, Needs::Everything);
        assert_eq!(needs("\u{09DF}", Bengali).0, Needs::Everything);
        // a joiner goes without the whole way, unless a rule of the script names one …
        let without_joiners = (Needs::Replacements, ExactForm::WithoutJoiners);
        assert_eq!(needs("టెట్\u{200C}", Telugu), without_joiners);
        assert_eq!(needs("ఉద\u{200C}య్\u{200C}పూర్", Telugu), without_joiners);
        assert_eq!(needs("অবন্\u{200D}", Bengali).0, Needs::Everything);
        assert_eq!(needs("അവന്\u{200D}", Malayalam).0, Needs::Everything);
        // … or its going brings two parts of a vowel sign together
        assert_eq!(
            needs("க\u{0BC6}\u{200C}\u{0BBE}", Tamil).0,
            Needs::Everything
        );
        let mut out = String::new();
        assert_eq!(
            normalizer.normalize_into("టెట్\u{200C}", Telugu, &mut out),
            ExactForm::WithoutJoiners
        );
        assert_eq!(out, "టెట్");
        assert_eq!(
            normalizer.normalize_into("తెలుగు", Telugu, &mut out),
            ExactForm::AsWritten
        );
    }

    #[test]
    fn the_fast_ways_agree_with_the_whole_way_on_every_pair_of_letters() {
        let normalizer = IndicNormalizer::new();
        let blocks = Script::BRAHMIC
            .into_iter()
            .map(|s| (s, s.block_start().unwrap_or(0), 128))
            .chain([(Arabic, 0x0600, 256)]);
        for (script, start, len) in blocks {
            let block = || (start..start + len).filter_map(char::from_u32);
            for a in block() {
                for b in block() {
                    let word: String = [a, b].into_iter().collect();
                    let (mut fast, mut slow) = (String::new(), String::new());
                    let exact = normalizer.normalize_into(&word, script, &mut fast);
                    normalizer.normalize_slow(&word, script, &mut slow);
                    assert_eq!(fast, slow, "{script:?} {word:?}");
                    if exact == ExactForm::AsWritten {
                        let nfc: String = word.nfc().flat_map(char::to_lowercase).collect();
                        assert_eq!(nfc, word, "{script:?} {word:?}");
                    }
                }
            }
        }
    }

    fn script() -> impl Strategy<Value = Script> {
        prop::sample::select(
            Script::BRAHMIC
                .iter()
                .copied()
                .chain([Arabic])
                .collect::<Vec<_>>(),
        )
    }

    proptest! {
        #[test]
        fn normalization_is_idempotent(script in script(), text in any::<String>()) {
            let normalizer = IndicNormalizer::new();
            let once = normalizer.normalize(&text, script);
            prop_assert_eq!(normalizer.normalize(&once, script), once.clone());
        }

        #[test]
        fn normalization_is_idempotent_on_the_scripts_own_letters(
            script in script(),
            offsets in prop::collection::vec(0u32..128, 0..12),
            joiners in prop::collection::vec(0u8..4, 12),
        ) {
            let start = script.block_start().unwrap_or(0x0600);
            let mut word = String::new();
            for (i, o) in offsets.iter().enumerate() {
                if let Some(c) = char::from_u32(start + o) {
                    word.push(c);
                }
                match joiners[i] {
                    1 => word.push('\u{200D}'),
                    2 => word.push('\u{200C}'),
                    _ => {}
                }
            }
            let normalizer = IndicNormalizer::new();
            let once = normalizer.normalize(&word, script);
            prop_assert_eq!(normalizer.normalize(&once, script), once.clone(), "{:?}", word);
            // the fast ways agree with the whole way, and only claim words as written
            // that are their own exact form
            let mut fast = String::new();
            let exact_form = normalizer.normalize_into(&word, script, &mut fast);
            let mut slow = String::new();
            normalizer.normalize_slow(&word, script, &mut slow);
            prop_assert_eq!(&fast, &slow, "{:?}", word);
            let without_joiners: String = word.chars().filter(|&c| c != '\u{200C}' && c != '\u{200D}').collect();
            let exact: String = without_joiners.nfc().collect();
            match exact_form {
                ExactForm::AsWritten => prop_assert_eq!(exact, word.clone()),
                ExactForm::WithoutJoiners => prop_assert_eq!(exact, without_joiners),
                ExactForm::Unknown => {}
            }
        }
    }
}
