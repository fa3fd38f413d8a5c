//! A tiny PNG writer: a solid-colour RGB image, zlib "stored" blocks, CRC-32 and Adler-32
//! written by hand, so the twin can hand out real images without an image crate.

/// The eight bytes every PNG starts with.
pub const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];

/// A `width` x `height` PNG filled with one RGB colour (both sides clamped to 1..=512).
pub fn solid(width: u32, height: u32, rgb: [u8; 3]) -> Vec<u8> {
    let (w, h) = (width.clamp(1, 512), height.clamp(1, 512));
    let mut raw = Vec::with_capacity((h * (w * 3 + 1)) as usize);
    let mut row = vec![0u8]; // filter type "None" starts every scanline
    for _ in 0..w {
        row.extend_from_slice(&rgb);
    }
    for _ in 0..h {
        raw.extend_from_slice(&row);
    }
    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]); // 8-bit depth, truecolour, deflate, filter 0, no interlace

    let mut out = SIGNATURE.to_vec();
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &zlib_stored(&raw));
    chunk(&mut out, b"IEND", &[]);
    out
}

/// A square solid PNG.
pub fn square(side: u32, rgb: [u8; 3]) -> Vec<u8> {
    solid(side, side, rgb)
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// Wraps data in a zlib stream made of uncompressed (stored) deflate blocks.
pub fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01]; // CM=8, 32K window, FCHECK so that 0x7801 % 31 == 0
    let mut blocks = data.chunks(65_535).peekable();
    if blocks.peek().is_none() {
        out.extend_from_slice(&[1, 0, 0, 0xff, 0xff]);
    }
    while let Some(block) = blocks.next() {
        out.push(u8::from(blocks.peek().is_none())); // BFINAL on the last block, BTYPE=00
        let len = block.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
    }
    out.extend_from_slice(&adler32(data).to_be_bytes());
    out
}

/// CRC-32 (ISO-HDLC, reflected polynomial 0xEDB88320) as PNG chunks use it.
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xedb8_8320 & mask);
        }
    }
    !crc
}

/// Adler-32 as zlib appends it.
pub fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in data {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    (b << 16) | a
}

/// True when the bytes start like a PNG, JPEG or WebP file.
pub fn looks_like_image(bytes: &[u8]) -> bool {
    bytes.starts_with(&SIGNATURE)
        || bytes.starts_with(&[0xff, 0xd8, 0xff])
        || (bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksums_match_published_values() {
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
        assert_eq!(crc32(b"IEND"), 0xae42_6082);
        assert_eq!(adler32(b"Wikipedia"), 0x11e6_0398);
    }

    #[test]
    fn png_structure_is_valid() {
        let png = square(4, [255, 0, 0]);
        assert!(looks_like_image(&png));
        assert_eq!(&png[12..16], b"IHDR");
        assert_eq!(&png[png.len() - 8..png.len() - 4], b"IEND");
        // IDAT payload: zlib header, one final stored block, raw scanlines, adler.
        let idat_len = u32::from_be_bytes([png[33], png[34], png[35], png[36]]) as usize;
        assert_eq!(&png[37..41], b"IDAT");
        let z = &png[41..41 + idat_len];
        assert_eq!((u16::from(z[0]) << 8 | u16::from(z[1])) % 31, 0);
        assert_eq!(z[2], 1);
        let raw = &z[7..z.len() - 4];
        assert_eq!(raw.len(), 4 * (4 * 3 + 1));
        assert_eq!(&raw[0..4], &[0, 255, 0, 0]);
        let crc_at = 41 + idat_len;
        let crc = u32::from_be_bytes([png[crc_at], png[crc_at + 1], png[crc_at + 2], png[crc_at + 3]]);
        assert_eq!(crc, crc32(&png[37..crc_at]));
    }

    #[test]
    fn large_images_split_into_several_blocks() {
        let z = zlib_stored(&vec![7u8; 70_000]);
        assert_eq!(z[2], 0, "first block is not final");
        assert_eq!(z[2 + 5 + 65_535], 1, "second block is final");
        assert_eq!(z.len(), 2 + 5 + 65_535 + 5 + 4_465 + 4);
    }
}
