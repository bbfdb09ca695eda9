//! What a download needs to know about a file: where it is, on which DC, how large it is, and
//! where it was found (for a fresh file reference).

use pyro_tl_types::api::{enums, types};

use super::origin::FileOrigin;

/// A downloadable file: its `InputFileLocation`, the DC that keeps it, its size in bytes and,
/// when known, the context it came from.
///
/// The size decides how many parts are asked for at once; the DC is where the first request
/// goes (a wrong one costs one `FILE_MIGRATE_X` round trip per part, which the client follows).
/// With an [`origin`](Self::origin), an expired file reference is replaced and the download
/// goes on; without one, `FILE_REFERENCE_EXPIRED` ends it.
#[derive(Debug, Clone, PartialEq)]
pub struct FileLocation {
    /// The location `upload.getFile` is asked for.
    pub location: enums::InputFileLocation,
    /// The DC that keeps the file.
    pub dc_id: i32,
    /// The file's size in bytes.
    pub size: u64,
    /// Where the file was found (a message), to refetch when its reference expires.
    pub origin: Option<FileOrigin>,
}

impl FileLocation {
    /// A location from its parts.
    pub fn new(location: enums::InputFileLocation, dc_id: i32, size: u64) -> Self {
        Self {
            location,
            dc_id,
            size,
            origin: None,
        }
    }

    /// This location, refreshed through `origin` when its reference expires.
    #[must_use]
    pub fn with_origin(mut self, origin: FileOrigin) -> Self {
        self.origin = Some(origin);
        self
    }

    /// The full file of a document (a negative size counts as empty).
    pub fn document(document: &types::Document) -> Self {
        let location = enums::InputFileLocation::InputDocumentFileLocation(Box::new(
            types::InputDocumentFileLocation {
                id: document.id,
                access_hash: document.access_hash,
                file_reference: document.file_reference.clone(),
                thumb_size: String::new(),
            },
        ));
        Self::new(
            location,
            document.dc_id,
            u64::try_from(document.size).unwrap_or(0),
        )
    }

    /// The largest size of a photo (by pixels; `None` when it lists no downloadable size).
    pub fn photo(photo: &types::Photo) -> Option<Self> {
        let (size_type, size) = photo
            .sizes
            .iter()
            .filter_map(|size| match size {
                enums::PhotoSize::PhotoSize(s) => Some((&s.r#type, s.w, s.h, s.size)),
                enums::PhotoSize::Progressive(s) => {
                    Some((&s.r#type, s.w, s.h, *s.sizes.iter().max()?))
                }
                _ => None,
            })
            .max_by_key(|(_, w, h, _)| i64::from(*w) * i64::from(*h))
            .map(|(size_type, _, _, size)| (size_type.clone(), size))?;
        let location = enums::InputFileLocation::InputPhotoFileLocation(Box::new(
            types::InputPhotoFileLocation {
                id: photo.id,
                access_hash: photo.access_hash,
                file_reference: photo.file_reference.clone(),
                thumb_size: size_type,
            },
        ));
        Some(Self::new(
            location,
            photo.dc_id,
            u64::try_from(size).unwrap_or(0),
        ))
    }

    /// The document or (largest) photo of a message's media, if it has one.
    pub fn from_media(media: &enums::MessageMedia) -> Option<Self> {
        match media {
            enums::MessageMedia::Document(m) => match m.document.as_ref()? {
                enums::Document::Document(d) => Some(Self::document(d)),
                enums::Document::Empty(_) => None,
            },
            enums::MessageMedia::Photo(m) => match m.photo.as_ref()? {
                enums::Photo::Photo(p) => Self::photo(p),
                enums::Photo::Empty(_) => None,
            },
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_give_their_location_dc_and_size() {
        let document = types::Document {
            id: 7,
            access_hash: 8,
            file_reference: vec![1, 2],
            size: 1234,
            dc_id: 2,
            ..Default::default()
        };
        let location = FileLocation::document(&document);
        assert_eq!((location.dc_id, location.size), (2, 1234));
        assert!(matches!(
            &location.location,
            enums::InputFileLocation::InputDocumentFileLocation(l)
                if l.id == 7 && l.access_hash == 8 && l.file_reference == [1, 2]
        ));
        let negative = types::Document {
            size: -1,
            ..document
        };
        assert_eq!(FileLocation::document(&negative).size, 0);
        let media = enums::MessageMedia::Document(Box::new(types::MessageMediaDocument {
            document: Some(enums::Document::Document(Box::new(types::Document {
                size: 5,
                ..Default::default()
            }))),
            ..Default::default()
        }));
        assert_eq!(FileLocation::from_media(&media).map(|l| l.size), Some(5));
        assert_eq!(FileLocation::from_media(&enums::MessageMedia::Empty), None);
    }

    #[test]
    fn photos_give_their_largest_size() {
        let size = |t: &str, w, size| {
            enums::PhotoSize::PhotoSize(types::PhotoSize {
                r#type: t.into(),
                w,
                h: w,
                size,
            })
        };
        let photo = types::Photo {
            id: 3,
            dc_id: 4,
            sizes: vec![
                size("m", 320, 10),
                size("y", 1280, 99),
                size("x", 800, 50),
                enums::PhotoSize::PhotoStrippedSize(Box::default()),
            ],
            ..Default::default()
        };
        let location = FileLocation::photo(&photo).unwrap();
        assert_eq!((location.dc_id, location.size), (4, 99));
        assert!(matches!(
            &location.location,
            enums::InputFileLocation::InputPhotoFileLocation(l) if l.id == 3 && l.thumb_size == "y"
        ));
        let empty = types::Photo::default();
        assert_eq!(FileLocation::photo(&empty), None);
    }
}
