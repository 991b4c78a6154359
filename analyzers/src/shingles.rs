//! The hashes the analyzers' tables and the copy fingerprints use.

/// A fast 64-bit hash of bytes (8 at a time, multiply-rotate, then a final mix).
#[inline]
pub fn hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h: u64 = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h ^ v).wrapping_mul(K).rotate_left(29);
    }
    let mut tail = 0u64;
    for (i, &b) in chunks.remainder().iter().enumerate() {
        tail |= (b as u64) << (8 * i);
    }
    mix(h ^ tail)
}

/// A 64-bit finalizer (from MurmurHash3).
#[inline]
pub fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^= h >> 33;
    h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    h ^ (h >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_that_differ_hash_apart() {
        assert_ne!(hash(b"abc"), hash(b"abd"));
        assert_ne!(hash(b"abcdefgh1"), hash(b"abcdefgh2"));
        assert_eq!(hash(b"abc"), hash(b"abc"));
    }
}
