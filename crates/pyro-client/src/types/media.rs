//! [`Media`]: what a message carries besides its text, one variant per kind a user sees.

use pyro_tl_types::api::{enums, types};

use super::document::{Document, DocumentKind, Photo};

/// The media of a message, by the kind a user sees. Kinds pyro has no typed view of yet
/// (games, invoices, stories, giveaways, paid media...) are [`Media::Other`] with the raw
/// object.
#[derive(Debug, Clone, PartialEq)]
pub enum Media {
    /// A photo.
    Photo(Photo),
    /// A file shown as a file.
    Document(Document),
    /// A video.
    Video(Document),
    /// A round video note.
    VideoNote(Document),
    /// A music file.
    Audio(Document),
    /// A voice note.
    Voice(Document),
    /// A sticker.
    Sticker(Document),
    /// An animation (GIF or silent MP4).
    Animation(Document),
    /// A shared contact.
    Contact(Contact),
    /// A point on the map.
    Location(Location),
    /// A live location, updated by the sender for `period` seconds.
    LiveLocation(LiveLocation),
    /// A venue: a named place.
    Venue(Venue),
    /// A poll or quiz.
    Poll(Poll),
    /// An animated dice-like emoji with a random value.
    Dice(Dice),
    /// A link preview.
    WebPage(WebPage),
    /// Anything else, raw.
    Other(enums::MessageMedia),
}

/// The kind of a [`Media`], without its data (what media filters match on).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)] // each variant is the kind of the `Media` variant of the same name
pub enum MediaKind {
    Photo,
    Document,
    Video,
    VideoNote,
    Audio,
    Voice,
    Sticker,
    Animation,
    Contact,
    Location,
    LiveLocation,
    Venue,
    Poll,
    Dice,
    WebPage,
    Other,
}

impl Media {
    /// The typed media of a raw `MessageMedia`; `None` for `messageMediaEmpty` and for photos or
    /// documents that are missing (expired).
    pub fn from_raw(raw: &enums::MessageMedia) -> Option<Self> {
        Some(match raw {
            enums::MessageMedia::Empty => return None,
            enums::MessageMedia::Photo(m) => Self::Photo(Photo::from_media(m)?),
            enums::MessageMedia::Document(m) => {
                let doc = Document::from_media(m)?;
                match doc.kind(m) {
                    DocumentKind::File => Self::Document(doc),
                    DocumentKind::Video => Self::Video(doc),
                    DocumentKind::VideoNote => Self::VideoNote(doc),
                    DocumentKind::Audio => Self::Audio(doc),
                    DocumentKind::Voice => Self::Voice(doc),
                    DocumentKind::Sticker => Self::Sticker(doc),
                    DocumentKind::Animation => Self::Animation(doc),
                }
            }
            enums::MessageMedia::Contact(c) => Self::Contact(Contact {
                phone_number: c.phone_number.clone(),
                first_name: c.first_name.clone(),
                last_name: c.last_name.clone(),
                vcard: c.vcard.clone(),
                user_id: (c.user_id != 0).then_some(c.user_id),
            }),
            enums::MessageMedia::Geo(g) => Self::Location(Location::from_raw(&g.geo)?),
            enums::MessageMedia::GeoLive(g) => Self::LiveLocation(LiveLocation {
                location: Location::from_raw(&g.geo)?,
                heading: g.heading,
                period: g.period,
            }),
            enums::MessageMedia::Venue(v) => Self::Venue(Venue::from_raw(v)),
            enums::MessageMedia::Poll(p) => Self::Poll(Poll::from_raw(p)),
            enums::MessageMedia::Dice(d) => Self::Dice(Dice {
                emoji: d.emoticon.clone(),
                value: d.value,
            }),
            enums::MessageMedia::WebPage(w) => Self::WebPage(WebPage::from_raw(&w.webpage)),
            other => Self::Other(other.clone()),
        })
    }

    /// The kind of this media.
    pub fn kind(&self) -> MediaKind {
        match self {
            Self::Photo(_) => MediaKind::Photo,
            Self::Document(_) => MediaKind::Document,
            Self::Video(_) => MediaKind::Video,
            Self::VideoNote(_) => MediaKind::VideoNote,
            Self::Audio(_) => MediaKind::Audio,
            Self::Voice(_) => MediaKind::Voice,
            Self::Sticker(_) => MediaKind::Sticker,
            Self::Animation(_) => MediaKind::Animation,
            Self::Contact(_) => MediaKind::Contact,
            Self::Location(_) => MediaKind::Location,
            Self::LiveLocation(_) => MediaKind::LiveLocation,
            Self::Venue(_) => MediaKind::Venue,
            Self::Poll(_) => MediaKind::Poll,
            Self::Dice(_) => MediaKind::Dice,
            Self::WebPage(_) => MediaKind::WebPage,
            Self::Other(_) => MediaKind::Other,
        }
    }

    /// The document behind any file-like media (document, video, audio, voice, sticker,
    /// animation, video note).
    pub fn document(&self) -> Option<&Document> {
        match self {
            Self::Document(d)
            | Self::Video(d)
            | Self::VideoNote(d)
            | Self::Audio(d)
            | Self::Voice(d)
            | Self::Sticker(d)
            | Self::Animation(d) => Some(d),
            _ => None,
        }
    }
}

/// A shared contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    /// Phone number as shared.
    pub phone_number: String,
    /// First name as shared.
    pub first_name: String,
    /// Last name as shared.
    pub last_name: String,
    /// The vCard, if any ("" when none).
    pub vcard: String,
    /// The contact's Telegram user id, if they have an account.
    pub user_id: Option<i64>,
}

/// A point on the map.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Location {
    /// Latitude in degrees.
    pub latitude: f64,
    /// Longitude in degrees.
    pub longitude: f64,
    /// Accuracy radius in metres, if known.
    pub accuracy_radius: Option<i32>,
}

impl Location {
    /// The location of a raw `GeoPoint`; `None` for `geoPointEmpty`.
    pub fn from_raw(raw: &enums::GeoPoint) -> Option<Self> {
        match raw {
            enums::GeoPoint::GeoPoint(g) => Some(Self {
                latitude: g.lat,
                longitude: g.long,
                accuracy_radius: g.accuracy_radius,
            }),
            enums::GeoPoint::Empty => None,
        }
    }
}

/// A live location.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LiveLocation {
    /// The latest position.
    pub location: Location,
    /// Direction of travel in degrees (1-360), if known.
    pub heading: Option<i32>,
    /// For how many seconds the location is shared.
    pub period: i32,
}

/// A venue.
#[derive(Debug, Clone, PartialEq)]
pub struct Venue {
    /// Where it is (`None` if the server sent an empty point).
    pub location: Option<Location>,
    /// Its name.
    pub title: String,
    /// Its address.
    pub address: String,
    /// The venue provider (`foursquare`, `gplaces`).
    pub provider: String,
    /// The venue's id at the provider.
    pub venue_id: String,
    /// The venue's type at the provider.
    pub venue_type: String,
}

impl Venue {
    fn from_raw(v: &types::MessageMediaVenue) -> Self {
        Self {
            location: Location::from_raw(&v.geo),
            title: v.title.clone(),
            address: v.address.clone(),
            provider: v.provider.clone(),
            venue_id: v.venue_id.clone(),
            venue_type: v.venue_type.clone(),
        }
    }
}

/// A poll or quiz (results stay in the raw object).
#[derive(Debug, Clone, PartialEq)]
pub struct Poll {
    /// The poll's id.
    pub id: i64,
    /// The question's text.
    pub question: String,
    /// The answers' texts, in order.
    pub options: Vec<String>,
    /// Whether voting has ended.
    pub closed: bool,
    /// Whether it is a quiz (one right answer).
    pub quiz: bool,
    /// Whether several answers may be chosen.
    pub multiple_choice: bool,
    /// The raw `messageMediaPoll` (with the results).
    pub raw: types::MessageMediaPoll,
}

impl Poll {
    fn from_raw(raw: &types::MessageMediaPoll) -> Self {
        let enums::Poll::Poll(poll) = &raw.poll;
        let enums::TextWithEntities::TextWithEntities(question) = &poll.question;
        let options = poll
            .answers
            .iter()
            .filter_map(|answer| match answer {
                enums::PollAnswer::PollAnswer(a) => {
                    let enums::TextWithEntities::TextWithEntities(text) = &a.text;
                    Some(text.text.clone())
                }
                enums::PollAnswer::InputPollAnswer(_) => None,
            })
            .collect();
        Self {
            id: poll.id,
            question: question.text.clone(),
            options,
            closed: poll.closed,
            quiz: poll.quiz,
            multiple_choice: poll.multiple_choice,
            raw: raw.clone(),
        }
    }
}

/// An animated emoji with a random value (🎲 1-6, 🎯 1-6, 🏀 1-5, 🎰 1-64...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dice {
    /// The emoji.
    pub emoji: String,
    /// The value the server drew.
    pub value: i32,
}

/// A link preview.
#[derive(Debug, Clone, PartialEq)]
pub struct WebPage {
    /// The previewed URL, if known.
    pub url: Option<String>,
    /// The page's title, if the preview is ready.
    pub title: Option<String>,
    /// The page's description, if any.
    pub description: Option<String>,
    /// The site's name, if any.
    pub site_name: Option<String>,
    /// The raw `WebPage` (photo, document, embed, instant view...).
    pub raw: enums::WebPage,
}

impl WebPage {
    fn from_raw(raw: &enums::WebPage) -> Self {
        let (url, title, description, site_name) = match raw {
            enums::WebPage::WebPage(w) => (
                Some(w.url.clone()),
                w.title.clone(),
                w.description.clone(),
                w.site_name.clone(),
            ),
            enums::WebPage::Empty(w) => (w.url.clone(), None, None, None),
            enums::WebPage::Pending(w) => (w.url.clone(), None, None, None),
            enums::WebPage::NotModified(_) => (None, None, None, None),
        };
        Self {
            url,
            title,
            description,
            site_name,
            raw: raw.clone(),
        }
    }
}
