//! Chat members as a stream: every member of a supergroup or channel through
//! `channels.getParticipants` with offsets, filtered like Pyrogram's `get_chat_members`.

use pyro_tl_types::api::{enums, functions, types};

use super::common::{peer_map, target};
use super::paged::{Page, PageFuture, Paged};
use crate::client::{Client, Error};
use crate::peers::IntoPeerQuery;
use crate::types::ChatMember;

/// Members asked per page (Telegram's cap).
const MEMBERS_PAGE: i32 = 200;

/// Which members [`Client::get_chat_members_filtered`] lists.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum MemberFilter {
    /// Everyone, most recently joined first.
    #[default]
    All,
    /// Members whose name or username contains the text.
    Search(String),
    /// The creator and administrators.
    Administrators,
    /// Bots.
    Bots,
    /// The account's contacts among the members (whose name contains the text, `""`: all).
    Contacts(String),
    /// Restricted members (whose name contains the text).
    Restricted(String),
    /// Banned members (whose name contains the text).
    Banned(String),
}

impl MemberFilter {
    fn to_raw(&self) -> enums::ChannelParticipantsFilter {
        use enums::ChannelParticipantsFilter as F;
        match self {
            Self::All => F::ChannelParticipantsRecent,
            Self::Search(q) => {
                F::ChannelParticipantsSearch(types::ChannelParticipantsSearch { q: q.clone() })
            }
            Self::Administrators => F::ChannelParticipantsAdmins,
            Self::Bots => F::ChannelParticipantsBots,
            Self::Contacts(q) => {
                F::ChannelParticipantsContacts(types::ChannelParticipantsContacts { q: q.clone() })
            }
            Self::Restricted(q) => {
                F::ChannelParticipantsBanned(types::ChannelParticipantsBanned { q: q.clone() })
            }
            Self::Banned(q) => {
                F::ChannelParticipantsKicked(types::ChannelParticipantsKicked { q: q.clone() })
            }
        }
    }
}

impl Client {
    /// Every member of a supergroup or channel, 200 a page, as the stream is read.
    pub async fn get_chat_members(
        &self,
        chat: impl IntoPeerQuery,
    ) -> Result<Paged<ChatMember>, Error> {
        self.get_chat_members_filtered(chat, MemberFilter::All)
            .await
    }

    /// The members of a supergroup or channel that `filter` selects, paged like
    /// [`Client::get_chat_members`]. Basic groups are answered in one page from
    /// `messages.getFullChat` (they have at most 200 members), with the filter ignored.
    pub async fn get_chat_members_filtered(
        &self,
        chat: impl IntoPeerQuery,
        filter: MemberFilter,
    ) -> Result<Paged<ChatMember>, Error> {
        let at = target(self, chat).await?;
        let Some(channel) = at.peer.input_channel() else {
            return Ok(Paged::new(basic_group_members(self.clone(), at.peer.id.id)));
        };
        let listing = Members {
            client: self.clone(),
            channel,
            filter: filter.to_raw(),
        };
        Ok(Paged::new(listing.page(0)))
    }
}

/// One member listing of a channel.
struct Members {
    client: Client,
    channel: enums::InputChannel,
    filter: enums::ChannelParticipantsFilter,
}

impl Members {
    /// The page starting at member `offset`.
    fn page(self, offset: i32) -> PageFuture<ChatMember> {
        Box::pin(async move {
            let request = functions::channels::GetParticipants {
                channel: self.channel.clone(),
                filter: self.filter.clone(),
                offset,
                limit: MEMBERS_PAGE,
                hash: 0,
            };
            let enums::channels::ChannelParticipants::ChannelParticipants(page) =
                self.client.invoke(&request).await?
            else {
                return Ok(Page {
                    items: Vec::new(),
                    next: None,
                });
            };
            let peers = peer_map(&self.client, &page.users, &page.chats);
            let got = i32::try_from(page.participants.len()).unwrap_or(i32::MAX);
            let items = page
                .participants
                .into_iter()
                .map(|p| ChatMember::from_channel_raw(p, &peers))
                .collect();
            let after = offset.saturating_add(got);
            let next = (got > 0 && after < page.count).then(|| self.page(after));
            Ok(Page { items, next })
        })
    }
}

/// The members of basic group `chat_id`, one page.
fn basic_group_members(client: Client, chat_id: i64) -> PageFuture<ChatMember> {
    Box::pin(async move {
        let enums::messages::ChatFull::ChatFull(full) = client
            .invoke(&functions::messages::GetFullChat { chat_id })
            .await?;
        let peers = peer_map(&client, &full.users, &full.chats);
        let items = match full.full_chat {
            enums::ChatFull::ChatFull(chat) => match chat.participants {
                enums::ChatParticipants::ChatParticipants(list) => list
                    .participants
                    .into_iter()
                    .map(|p| ChatMember::from_chat_raw(p, &peers))
                    .collect(),
                enums::ChatParticipants::Forbidden(_) => Vec::new(),
            },
            enums::ChatFull::ChannelFull(_) | enums::ChatFull::CommunityFull(_) => Vec::new(),
        };
        Ok(Page { items, next: None })
    })
}
