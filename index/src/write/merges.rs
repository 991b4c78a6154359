//! When a live index merges its segments: when its writes pause.
//!
//! A server commits every batch of writes, and each commit adds a segment per indexing
//! thread. tantivy's default policy ([`LogMergePolicy`]) merges as soon as eight small
//! segments stand side by side — in the middle of a bulk load, where the merge takes the
//! cores the next batch needs, and a client waiting for its acknowledgement waits for it
//! too (measured: a bulk load over HTTP 11% slower, `docs/indexing.md`). [`MergeWhenIdle`]
//! lets segments gather while writes keep coming (up to a bound, so that a writer that is
//! never idle still merges), and the writer's thread asks for the same merges the default
//! policy would make once the writes pause ([`idle_merges`]).

use tantivy::index::SegmentMeta;
use tantivy::indexer::{LogMergePolicy, MergeCandidate, MergePolicy};

/// Segments a busy writer lets gather before it merges anyway.
pub const MAX_SEGMENTS_WHILE_BUSY: usize = 32;

/// The merge policy of a writer that merges when idle: no merge after a commit while there
/// are at most [`MAX_SEGMENTS_WHILE_BUSY`] segments that could merge; beyond that, the
/// default policy's merges.
#[derive(Debug, Default)]
pub struct MergeWhenIdle {
    default: LogMergePolicy,
}

impl MergePolicy for MergeWhenIdle {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        if segments.len() > MAX_SEGMENTS_WHILE_BUSY {
            self.default.compute_merge_candidates(segments)
        } else {
            Vec::new()
        }
    }
}

/// The merges to start when writes pause: those of the default policy.
pub fn idle_merges(segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
    LogMergePolicy::default().compute_merge_candidates(segments)
}

#[cfg(test)]
mod tests {
    use tantivy::index::SegmentId;
    use tantivy::Index;

    use super::*;

    fn segments(n: usize) -> Vec<SegmentMeta> {
        let index = Index::create_in_ram(tantivy::schema::Schema::builder().build());
        (0..n)
            .map(|_| index.new_segment_meta(SegmentId::generate_random(), 500))
            .collect()
    }

    #[test]
    fn a_busy_writer_lets_small_segments_gather_up_to_a_bound() {
        let policy = MergeWhenIdle::default();
        // the default policy would merge these eight already
        assert!(!idle_merges(&segments(8)).is_empty());
        assert!(policy.compute_merge_candidates(&segments(8)).is_empty());
        assert!(policy
            .compute_merge_candidates(&segments(MAX_SEGMENTS_WHILE_BUSY))
            .is_empty());
        assert!(!policy
            .compute_merge_candidates(&segments(MAX_SEGMENTS_WHILE_BUSY + 1))
            .is_empty());
    }
}
