//! Where a character of U+0800..U+0FFF sits, read straight off its UTF-8 bytes.
//!
//! Such a character is three bytes, `E0 b1 b2`. The characters of one 128-character block
//! (Devanagari U+0900..U+097F, Bengali, …, Malayalam) share an even second byte and the
//! next one (`A4` and `A5` for Devanagari), and a character's place in its block is the low
//! bit of `b1` followed by the six low bits of `b2`. The analyzer's hot paths read the
//! Indian scripts this way, without decoding.
//!
//! ```text
//! क  U+0915  E0 A4 95   offset(0xA4, 0x95) == 0x15   0xA4 & !1 == lead(0x0900)
//! ॐ  U+0950  E0 A5 90   offset(0xA5, 0x90) == 0x50   0xA5 & !1 == lead(0x0900)
//! ```

/// The second byte of the characters of the block that starts at `start` (a multiple of
/// 128 in U+0800..U+0FFF), its low bit cleared: `b1 & !1 == lead(start)` for each of them.
#[inline(always)]
pub(crate) const fn lead(start: u32) -> u8 {
    0x80 | ((start >> 6) & 0x3F) as u8
}

/// The place in its block (0..128) of the character `E0 b1 b2`.
#[inline(always)]
pub(crate) const fn offset(b1: u8, b2: u8) -> u8 {
    ((b1 & 1) << 6) | (b2 & 0x3F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_of_the_e0_blocks_is_placed_in_its_block() {
        for u in 0x0800..0x1000u32 {
            let Some(c) = char::from_u32(u) else { continue };
            let mut buf = [0u8; 4];
            let &[b0, b1, b2] = c.encode_utf8(&mut buf).as_bytes() else {
                panic!("U+{u:04X} is not three bytes");
            };
            assert_eq!(b0, 0xE0);
            assert_eq!(u32::from(offset(b1, b2)), u & 0x7F, "U+{u:04X}");
            assert_eq!(b1 & !1, lead(u & !0x7F), "U+{u:04X}");
        }
    }
}
