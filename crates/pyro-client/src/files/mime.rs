//! MIME types guessed from a file's first bytes (its format's signature), with the file name's
//! extension as the fallback.
//!
//! Each signature is a fact of the format's specification:
//! - JPEG: `FF D8 FF` (SOI then a marker; ITU-T T.81, B.1.1.3);
//! - PNG: `89 50 4E 47 0D 0A 1A 0A` (PNG spec, 3rd ed., 5.2);
//! - GIF: `GIF87a` / `GIF89a` (GIF89a spec, section 17);
//! - WebP and WAV: RIFF `RIFF <size> WEBP` (RFC 9649, 2.5) / `RIFF <size> WAVE` (Microsoft
//!   RIFF, WAVE form); AVI is `RIFF <size> AVI `;
//! - PDF: `%PDF-` (ISO 32000-1, 7.5.2);
//! - ZIP: `PK 03 04` or the empty archive's `PK 05 06` (PKWARE APPNOTE, 4.3.7 and 4.3.16);
//! - MP4 and other ISO-BMFF files: a `ftyp` box first, whose major brand names the kind
//!   (ISO/IEC 14496-12, 4.3; `qt  ` QuickTime, `M4A ` audio, `3gp*` 3GPP, `heic`/`avif` images);
//! - Matroska and WebM: the EBML magic `1A 45 DF A3`, then the `DocType` element (ID `42 82`)
//!   says `webm` or `matroska` (RFC 8794, 8.1; RFC 9559, 5.1);
//! - Ogg: `OggS` (RFC 3533, 6); the first packet says Opus (`OpusHead`, RFC 7845, 5.1), Vorbis
//!   (`\x01vorbis`) or Theora (`\x80theora`, video);
//! - MP3: an `ID3` tag (ID3v2.4 structure, 3.1) or an MPEG audio frame header: 11 sync bits, a
//!   version that is not the reserved `01` and layer III (ISO/IEC 11172-3, 2.4.1.3);
//! - FLAC: `fLaC` (RFC 9639, 8).

/// The MIME type used when neither the content nor the name says more.
pub const DEFAULT_MIME: &str = "application/octet-stream";

/// How many leading bytes [`sniff_mime`] looks at (enough for every signature above).
pub const SNIFF_LEN: usize = 64;

/// Fixed signatures at offset 0.
const PREFIXES: &[(&[u8], &str)] = &[
    (b"\xFF\xD8\xFF", "image/jpeg"),
    (b"\x89PNG\r\n\x1A\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"%PDF-", "application/pdf"),
    (b"PK\x03\x04", "application/zip"),
    (b"PK\x05\x06", "application/zip"),
    (b"fLaC", "audio/flac"),
    (b"ID3", "audio/mpeg"),
];

/// RIFF form types (bytes 8..12).
const RIFF_FORMS: &[(&[u8; 4], &str)] = &[
    (b"WEBP", "image/webp"),
    (b"WAVE", "audio/wav"),
    (b"AVI ", "video/x-msvideo"),
];

/// ISO-BMFF major brands (bytes 8..12 of the `ftyp` box); any other brand is MP4 video.
const BRANDS: &[(&[u8], &str)] = &[
    (b"qt  ", "video/quicktime"),
    (b"M4A ", "audio/mp4"),
    (b"M4B ", "audio/mp4"),
    (b"3gp", "video/3gpp"),
    (b"3g2", "video/3gpp2"),
    (b"heic", "image/heic"),
    (b"heix", "image/heic"),
    (b"mif1", "image/heif"),
    (b"avif", "image/avif"),
];

/// Ogg first packets (bytes 28.. of the first page, after a one-segment page header).
const OGG_CODECS: &[(&[u8], &str)] = &[
    (b"OpusHead", "audio/ogg"),
    (b"\x01vorbis", "audio/ogg"),
    (b"\x80theora", "video/ogg"),
];

/// The MIME type of content starting with `head` (its first [`SNIFF_LEN`] bytes are enough),
/// if it carries a signature this table knows.
pub fn sniff_mime(head: &[u8]) -> Option<&'static str> {
    if let Some((_, mime)) = PREFIXES.iter().find(|(magic, _)| head.starts_with(magic)) {
        return Some(mime);
    }
    let at = |from: usize, len: usize| head.get(from..from + len);
    if head.starts_with(b"RIFF") {
        let form = at(8, 4)?;
        return RIFF_FORMS
            .iter()
            .find(|(tag, _)| form == tag.as_slice())
            .map(|(_, mime)| *mime);
    }
    if at(4, 4) == Some(b"ftyp") {
        let brand = at(8, 4)?;
        let known = BRANDS.iter().find(|(tag, _)| brand.starts_with(tag));
        return Some(known.map_or("video/mp4", |(_, mime)| mime));
    }
    if head.starts_with(b"\x1A\x45\xDF\xA3") {
        return Some(matroska_kind(head));
    }
    if head.starts_with(b"OggS") {
        let packet = head.get(28..).unwrap_or_default();
        let known = OGG_CODECS.iter().find(|(tag, _)| packet.starts_with(tag));
        return Some(known.map_or("application/ogg", |(_, mime)| mime));
    }
    mpeg_audio_frame(head).then_some("audio/mpeg")
}

/// `video/webm` or `video/x-matroska`, from the EBML header's `DocType` (element `42 82`, a
/// one-byte size `0x8N`, then N bytes of text).
fn matroska_kind(head: &[u8]) -> &'static str {
    let doc_type = head.windows(3).position(|w| w[0] == 0x42 && w[1] == 0x82);
    let text = doc_type.and_then(|at| {
        let size = usize::from(*head.get(at + 2)? & 0x7F);
        head.get(at + 3..at + 3 + size)
    });
    match text {
        Some(b"webm") => "video/webm",
        _ => "video/x-matroska",
    }
}

/// Whether `head` starts with an MPEG-1/2/2.5 layer III frame header.
fn mpeg_audio_frame(head: &[u8]) -> bool {
    let (Some(&first), Some(&second)) = (head.first(), head.get(1)) else {
        return false;
    };
    let sync = first == 0xFF && second & 0xE0 == 0xE0;
    let version = (second >> 3) & 0b11;
    let layer = (second >> 1) & 0b11;
    sync && version != 0b01 && layer == 0b01
}

/// File name extensions (lower case) and their MIME types, for content no signature names.
const EXTENSIONS: &[(&str, &str)] = &[
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    ("png", "image/png"),
    ("gif", "image/gif"),
    ("webp", "image/webp"),
    ("heic", "image/heic"),
    ("avif", "image/avif"),
    ("pdf", "application/pdf"),
    ("zip", "application/zip"),
    ("mp4", "video/mp4"),
    ("m4v", "video/mp4"),
    ("mov", "video/quicktime"),
    ("mkv", "video/x-matroska"),
    ("webm", "video/webm"),
    ("avi", "video/x-msvideo"),
    ("ogg", "audio/ogg"),
    ("oga", "audio/ogg"),
    ("opus", "audio/ogg"),
    ("mp3", "audio/mpeg"),
    ("m4a", "audio/mp4"),
    ("wav", "audio/wav"),
    ("flac", "audio/flac"),
    ("tgs", "application/x-tgsticker"),
    ("txt", "text/plain"),
    ("csv", "text/csv"),
    ("html", "text/html"),
    ("json", "application/json"),
    ("xml", "application/xml"),
];

/// The MIME type of a file name's extension, if the table knows it.
pub fn mime_from_extension(name: &str) -> Option<&'static str> {
    let (_, extension) = name.rsplit_once('.')?;
    let extension = extension.to_ascii_lowercase();
    EXTENSIONS
        .iter()
        .find(|(known, _)| *known == extension)
        .map(|(_, mime)| *mime)
}

/// The MIME type of a file: from its content first, then from its name, else
/// [`DEFAULT_MIME`].
pub fn guess_mime(head: &[u8], name: &str) -> &'static str {
    sniff_mime(head)
        .or_else(|| mime_from_extension(name))
        .unwrap_or(DEFAULT_MIME)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A RIFF header of `form`.
    fn riff(form: [u8; 4]) -> Vec<u8> {
        [b"RIFF".as_slice(), &[36, 0, 0, 0], &form, b"fmt "].concat()
    }

    #[test]
    fn signatures_name_their_formats() {
        let cases: &[(&[u8], &str)] = &[
            (b"\xFF\xD8\xFF\xE0\0\x10JFIF\0", "image/jpeg"),
            (b"\x89PNG\r\n\x1A\n\0\0\0\rIHDR", "image/png"),
            (b"GIF89a\x01\0\x01\0", "image/gif"),
            (b"%PDF-1.7\n", "application/pdf"),
            (b"PK\x03\x04\x14\0", "application/zip"),
            (b"fLaC\0\0\0\x22", "audio/flac"),
            (b"ID3\x04\0\0\0\0\0\0", "audio/mpeg"),
            // MPEG-1 layer III, 128 kbit/s, 44.1 kHz.
            (b"\xFF\xFB\x90\x64", "audio/mpeg"),
            (b"\0\0\0\x20ftypisom\0\0\x02\0", "video/mp4"),
            (b"\0\0\0\x18ftypmp42\0\0\0\0", "video/mp4"),
            (b"\0\0\0\x14ftypqt  \0\0\0\0", "video/quicktime"),
            (b"\0\0\0\x20ftypM4A \0\0\0\0", "audio/mp4"),
            (b"\0\0\0\x1Cftypheic\0\0\0\0", "image/heic"),
        ];
        for (head, mime) in cases {
            assert_eq!(sniff_mime(head), Some(*mime), "{head:02x?}");
        }
        assert_eq!(sniff_mime(&riff(*b"WEBP")), Some("image/webp"));
        assert_eq!(sniff_mime(&riff(*b"WAVE")), Some("audio/wav"));
        assert_eq!(sniff_mime(&riff(*b"XXXX")), None);
    }

    #[test]
    fn containers_are_told_apart_by_their_first_element() {
        let ebml = |doc: &[u8]| {
            let mut head = b"\x1A\x45\xDF\xA3\x9F\x42\x86\x81\x01\x42\xF7\x81\x01".to_vec();
            head.extend_from_slice(&[0x42, 0x82, 0x80 | doc.len() as u8]);
            head.extend_from_slice(doc);
            head
        };
        assert_eq!(sniff_mime(&ebml(b"webm")), Some("video/webm"));
        assert_eq!(sniff_mime(&ebml(b"matroska")), Some("video/x-matroska"));
        let ogg = |packet: &[u8]| {
            let mut head = b"OggS\0\x02".to_vec();
            head.resize(28, 0);
            head.extend_from_slice(packet);
            head
        };
        assert_eq!(sniff_mime(&ogg(b"OpusHead\x01\x02")), Some("audio/ogg"));
        assert_eq!(sniff_mime(&ogg(b"\x01vorbis\0\0")), Some("audio/ogg"));
        assert_eq!(sniff_mime(&ogg(b"\x80theora\x03")), Some("video/ogg"));
        assert_eq!(sniff_mime(&ogg(b"other")), Some("application/ogg"));
    }

    #[test]
    fn near_misses_are_not_matched() {
        // ADTS AAC shares the sync word but is layer 0; 0xFFEA has the reserved version.
        assert_eq!(sniff_mime(b"\xFF\xF1\x50\x80"), None);
        assert_eq!(sniff_mime(b"\xFF\xEA\x90\x64"), None);
        assert_eq!(sniff_mime(b"\xFF"), None);
        assert_eq!(sniff_mime(b"RIFF\0\0"), None);
        assert_eq!(sniff_mime(b"\0\0\0\x20ftyp"), None);
        assert_eq!(sniff_mime(b""), None);
        assert_eq!(sniff_mime(b"hello, world"), None);
    }

    #[test]
    fn names_are_the_fallback() {
        assert_eq!(mime_from_extension("Song.MP3"), Some("audio/mpeg"));
        assert_eq!(
            mime_from_extension("sticker.tgs"),
            Some("application/x-tgsticker")
        );
        assert_eq!(mime_from_extension("archive.tar.unknown"), None);
        assert_eq!(mime_from_extension("no_extension"), None);
        assert_eq!(guess_mime(b"\x89PNG\r\n\x1A\n", "photo.jpg"), "image/png");
        assert_eq!(guess_mime(b"plain words", "notes.txt"), "text/plain");
        assert_eq!(guess_mime(b"plain words", "notes"), DEFAULT_MIME);
    }
}
