//! Bytes to text. Users bring files from Windows tools as often as from anywhere: UTF-16 with a
//! BOM, or Windows-1252 with smart quotes, must read as the text they are, and a binary file
//! (a `.docx`, a recording) must be refused rather than mined for colons.

use std::borrow::Cow;

/// Bytes to text, or `None` for a binary file. UTF-16 (Windows Notepad, some Teams exports) is
/// decoded by its BOM, or without one by the zero in every other byte; NUL bytes otherwise mean
/// binary. Bytes that are not UTF-8 are decoded as
/// Windows-1252 when the file holds no valid multi-byte UTF-8 at all (an old Windows export),
/// else replaced; more than a third of the bytes invalid means binary.
pub(super) fn decode(bytes: &[u8]) -> Option<Cow<'_, str>> {
    let utf16 = |rest: &[u8], read: fn([u8; 2]) -> u16| {
        let units = rest.chunks_exact(2).map(|c| read([c[0], c[1]]));
        Cow::Owned(
            char::decode_utf16(units)
                .map(|r| r.unwrap_or('\u{FFFD}'))
                .collect(),
        )
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return Some(utf16(rest, u16::from_le_bytes));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return Some(utf16(rest, u16::from_be_bytes));
    }
    if let Some(little) = utf16_without_bom(bytes) {
        let read = if little {
            u16::from_le_bytes
        } else {
            u16::from_be_bytes
        };
        return Some(utf16(bytes, read));
    }
    if bytes.contains(&0) {
        return None;
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some(Cow::Borrowed(s));
    }
    let (mut bad, mut wide) = (0, 0);
    for chunk in bytes.utf8_chunks() {
        bad += chunk.invalid().len();
        wide += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
    }
    if bad * 3 > bytes.len() {
        return None;
    }
    if wide > 0 {
        return Some(String::from_utf8_lossy(bytes));
    }
    Some(Cow::Owned(bytes.iter().map(|&b| cp1252(b)).collect()))
}

/// Whether BOM-less bytes are UTF-16, and which byte order (`true`: little-endian). Text in
/// Latin script as UTF-16 has a zero in every other byte: at least 90% of the high bytes zero and
/// almost none of the low ones. A binary file has zeros scattered on both sides.
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let sample = &bytes[..bytes.len().min(64 * 1024) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zeros = |offset: usize| {
        sample
            .iter()
            .skip(offset)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    let mostly = |n: usize| n * 10 >= pairs * 9;
    let rarely = |n: usize| n * 50 <= pairs;
    if mostly(odd) && rarely(even) {
        Some(true)
    } else if mostly(even) && rarely(odd) {
        Some(false)
    } else {
        None
    }
}

/// One Windows-1252 byte as a character.
fn cp1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{FFFD}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{FFFD}', 'Ž',
        '\u{FFFD}', '\u{FFFD}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ',
        '\u{FFFD}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// Whether text is binary after all: NULs, or many control or replacement characters near the
/// start (a binary file pasted or decoded lossily).
pub(super) fn looks_binary(text: &str) -> bool {
    if text.contains('\0') {
        return true;
    }
    let (mut total, mut odd) = (0usize, 0usize);
    for c in text.chars().take(64 * 1024) {
        total += 1;
        let control = c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}');
        odd += usize::from(control || c == '\u{FFFD}');
    }
    odd * 10 > total
}
