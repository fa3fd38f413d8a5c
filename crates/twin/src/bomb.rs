//! `/_gzbomb/`: a gzip-encoded answer that inflates to [`BOMB_BYTES`] (256 MB) from about
//! 1.6 MB on the wire, as a broken or hostile server may send. The browser inflates it as
//! it arrives, so only the client's own byte cap and timeout stand between it and the
//! page's memory.
//!
//! The DEFLATE stream is written by hand with the fixed Huffman codes (RFC 1951 §3.2.6):
//! a JSON prefix as literals, then one `0` and back-references of 258 bytes at distance 1,
//! 13 bits each. The gzip trailer's CRC-32 is left zero: computing it would mean running
//! over the 256 MB this route exists not to materialise, and a client that reads to the
//! end (none should) then reports a decoding error, which is a fair answer for a bomb.

use std::sync::OnceLock;

/// What the body inflates to.
pub const BOMB_BYTES: usize = 256 * 1024 * 1024;

const PREFIX: &[u8] = b"{\"padding\":\"";
const SUFFIX: &[u8] = b"\"}";

/// LSB-first bit packing, as DEFLATE wants it.
#[derive(Default)]
struct Bits {
    out: Vec<u8>,
    acc: u64,
    used: u32,
}

impl Bits {
    fn put(&mut self, value: u32, count: u32) {
        self.acc |= u64::from(value) << self.used;
        self.used += count;
        while self.used >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.used -= 8;
        }
    }

    /// A Huffman code is sent most significant bit first.
    fn code(&mut self, code: u32, len: u32) {
        let reversed = code.reverse_bits() >> (32 - len);
        self.put(reversed, len);
    }

    fn literal(&mut self, byte: u8) {
        match byte {
            0..=143 => self.code(0x30 + u32::from(byte), 8),
            _ => self.code(0x190 + u32::from(byte) - 144, 9),
        }
    }

    fn finish(mut self) -> Vec<u8> {
        if self.used > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

/// The gzip body, built once.
pub fn body() -> &'static [u8] {
    static BODY: OnceLock<Vec<u8>> = OnceLock::new();
    BODY.get_or_init(|| {
        let mut bits = Bits::default();
        bits.put(1, 1); // BFINAL
        bits.put(1, 2); // BTYPE = 01, fixed Huffman
        PREFIX.iter().for_each(|&b| bits.literal(b));
        bits.literal(b'0');
        let repeats = (BOMB_BYTES - PREFIX.len() - SUFFIX.len() - 1) / 258;
        for _ in 0..repeats {
            bits.code(0xC0 + (285 - 280), 8); // length 258
            bits.code(0, 5); // distance code 0: distance 1
        }
        SUFFIX.iter().for_each(|&b| bits.literal(b));
        bits.code(0, 7); // end of block (256)
        let inflated = PREFIX.len() + 1 + repeats * 258 + SUFFIX.len();
        let mut gzip = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
        gzip.extend(bits.finish());
        gzip.extend_from_slice(&[0, 0, 0, 0]);
        gzip.extend_from_slice(&(inflated as u32).to_le_bytes());
        gzip
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_on_the_wire_and_well_formed() {
        let b = body();
        assert!(b.len() < 2 * 1024 * 1024, "{} bytes", b.len());
        assert_eq!(&b[..3], &[0x1f, 0x8b, 8]);
        let isize = u32::from_le_bytes([b[b.len() - 4], b[b.len() - 3], b[b.len() - 2], b[b.len() - 1]]) as usize;
        assert!(isize > BOMB_BYTES - 300 && isize <= BOMB_BYTES);
    }
}
