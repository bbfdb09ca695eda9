//! Message lists as streams: a chat's history, search in a chat, and the dialog list.

use pyro_tl_types::api::{enums, functions};

use super::common::{message_list, peer_map, target};
use super::paged::{Page, PageFuture, Paged};
use crate::client::{Client, Error};
use crate::peers::IntoPeerQuery;
use crate::types::{Dialog, Message};

/// Messages asked per history or search page (Telegram's cap).
const MESSAGES_PAGE: i32 = 100;
/// Dialogs asked per page (Telegram's cap).
const DIALOGS_PAGE: i32 = 100;

impl Client {
    /// The messages of `chat`, newest first, fetched a page (100) at a time as the stream is
    /// read; [`Paged::limit`] stops it early.
    pub async fn get_chat_history(
        &self,
        chat: impl IntoPeerQuery,
    ) -> Result<Paged<Message>, Error> {
        let at = target(self, chat).await?;
        let query = Listing {
            client: self.clone(),
            peer: at.input_peer(),
            search: None,
        };
        Ok(Paged::new(query.page(0)))
    }

    /// The messages of `chat` whose text contains `query` (`""`: every message), newest
    /// first, paged like [`Client::get_chat_history`].
    pub async fn search_messages(
        &self,
        chat: impl IntoPeerQuery,
        query: impl Into<String>,
    ) -> Result<Paged<Message>, Error> {
        let at = target(self, chat).await?;
        let listing = Listing {
            client: self.clone(),
            peer: at.input_peer(),
            search: Some(query.into()),
        };
        Ok(Paged::new(listing.page(0)))
    }

    /// The account's chat list, most recent first (pinned dialogs first), 100 a page.
    #[must_use]
    pub fn get_dialogs(&self) -> Paged<Dialog> {
        Paged::new(dialogs_page(self.clone(), DialogOffset::default()))
    }
}

/// A history or search listing of one chat.
#[derive(Clone)]
struct Listing {
    client: Client,
    peer: enums::InputPeer,
    /// The text searched for; `None` reads the plain history.
    search: Option<String>,
}

impl Listing {
    /// The page of messages older than `offset_id` (0: the newest).
    fn page(self, offset_id: i32) -> PageFuture<Message> {
        Box::pin(async move {
            let answer = match &self.search {
                None => {
                    let request = functions::messages::GetHistory {
                        peer: self.peer.clone(),
                        offset_id,
                        limit: MESSAGES_PAGE,
                        ..Default::default()
                    };
                    self.client.invoke(&request).await?
                }
                Some(q) => {
                    let request = functions::messages::Search {
                        peer: self.peer.clone(),
                        q: q.clone(),
                        filter: enums::MessagesFilter::InputMessagesFilterEmpty,
                        offset_id,
                        limit: MESSAGES_PAGE,
                        ..Default::default()
                    };
                    self.client.invoke(&request).await?
                }
            };
            let list = message_list(answer, &self.client);
            let next = list.next_offset(offset_id).map(|last| self.page(last));
            Ok(Page {
                items: list.messages,
                next,
            })
        })
    }
}

/// Where the next dialog page starts: after the last dialog's top message.
#[derive(Clone, Default)]
struct DialogOffset {
    date: i32,
    id: i32,
    peer: Option<enums::InputPeer>,
}

fn dialogs_page(client: Client, offset: DialogOffset) -> PageFuture<Dialog> {
    Box::pin(async move {
        let request = functions::messages::GetDialogs {
            offset_date: offset.date,
            offset_id: offset.id,
            offset_peer: offset.peer.clone().unwrap_or(enums::InputPeer::Empty),
            limit: DIALOGS_PAGE,
            ..Default::default()
        };
        let (dialogs, messages, users, chats, complete) = match client.invoke(&request).await? {
            enums::messages::Dialogs::Dialogs(d) => (d.dialogs, d.messages, d.users, d.chats, true),
            enums::messages::Dialogs::Slice(d) => (d.dialogs, d.messages, d.users, d.chats, false),
            enums::messages::Dialogs::NotModified(_) => {
                return Ok(Page {
                    items: Vec::new(),
                    next: None,
                });
            }
        };
        let peers = peer_map(&client, &users, &chats);
        let items: Vec<Dialog> = dialogs
            .into_iter()
            .map(|d| Dialog::from_raw(d, &peers, &messages))
            .collect();
        let after = items.last().and_then(|last| {
            let top = last.top_message()?;
            Some(DialogOffset {
                date: top.date(),
                id: top.id(),
                peer: Some(last.chat().input_peer()?),
            })
        });
        let next = match after {
            // A page that does not move the offset would repeat forever: stop there.
            Some(after) if !complete && (after.date, after.id) != (offset.date, offset.id) => {
                Some(dialogs_page(client, after))
            }
            _ => None,
        };
        Ok(Page { items, next })
    })
}
