//! What a download needs to know about a file: where it is, on which DC, and how large it is.

use pyro_tl_types::api::{enums, types};

/// A downloadable file: its `InputFileLocation`, the DC that keeps it and its size in bytes.
///
/// The size decides how many parts are asked for at once; the DC is where the first request
/// goes (a wrong one costs one `FILE_MIGRATE_X` round trip per part, which the client follows).
#[derive(Debug, Clone, PartialEq)]
pub struct FileLocation {
    /// The location `upload.getFile` is asked for.
    pub location: enums::InputFileLocation,
    /// The DC that keeps the file.
    pub dc_id: i32,
    /// The file's size in bytes.
    pub size: u64,
}

impl FileLocation {
    /// A location from its parts.
    pub fn new(location: enums::InputFileLocation, dc_id: i32, size: u64) -> Self {
        Self {
            location,
            dc_id,
            size,
        }
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

    /// The document of a message's media, if it has one.
    pub fn from_media(media: &enums::MessageMedia) -> Option<Self> {
        match media {
            enums::MessageMedia::Document(m) => match m.document.as_ref()? {
                enums::Document::Document(d) => Some(Self::document(d)),
                enums::Document::Empty(_) => None,
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
}
