//! `Client::resolve_peer`: the cache first, then the server.

use pyro_session::{CachedPeer, PeerId, PeerType};
use pyro_tl_types::api::{enums, functions};
use pyro_tl_types::{CollectPeers, RemoteCall};

use super::convert::Seen;
use super::error::PeerError;
use super::peer_ref::{PeerRef, peer_id_of};
use super::query::{IntoPeerQuery, PeerQuery};
use crate::client::{Client, Error};

impl Client {
    /// Turns a marked id, `@username`, phone number (`+…`), `t.me` / `tg://resolve` link or
    /// `"me"` into a [`PeerRef`] that can be put in requests (see [`PeerQuery::parse`] for
    /// every accepted form).
    ///
    /// The peer cache answers first (no request for a peer already seen). Otherwise usernames
    /// go to `contacts.resolveUsername`, phone numbers to `contacts.resolvePhone`, and `me` to
    /// `users.getUsers`; the answer is cached like every other. Ids cannot be looked up on the
    /// server: an id never seen in any answer or update is [`PeerError::Unknown`], and one seen
    /// only without an access hash is [`PeerError::NoAccessHash`] (both `PEER_ID_INVALID`,
    /// with a message that says how to fix it). Basic groups need no access hash and always
    /// resolve.
    pub async fn resolve_peer(&self, peer: impl IntoPeerQuery) -> Result<PeerRef, Error> {
        match peer.into_peer_query()? {
            PeerQuery::Ref(peer) => Ok(peer),
            PeerQuery::Me => self.resolve_me().await,
            PeerQuery::Id(id) => self.resolve_id(id).await,
            PeerQuery::Username(name) => self.resolve_username(&name).await,
            PeerQuery::Phone(phone) => self.resolve_phone(&phone).await,
        }
    }

    /// Caches every user and chat inside `value` (for values that did not come through
    /// [`invoke`](Client::invoke), which caches its answers by itself): the updates module
    /// passes every `Updates` here.
    pub fn harvest_peers<T: CollectPeers + ?Sized>(&self, value: &T) {
        self.peers().note(value);
    }

    /// The cached entry for `id` as a reference, `Ok(None)` if it was never seen.
    fn cached(&self, id: PeerId) -> Result<Option<PeerRef>, Error> {
        match self.peers().get(id)? {
            Some(peer) => PeerRef::from_cached(&peer)
                .map(Some)
                .ok_or(Error::Peer(PeerError::NoAccessHash { id })),
            None => Ok(None),
        }
    }

    async fn resolve_id(&self, id: PeerId) -> Result<PeerRef, Error> {
        if let Some(peer) = self.cached(id)? {
            return Ok(peer);
        }
        if id.ty == PeerType::Chat {
            return Ok(PeerRef::new(id, 0));
        }
        let me = self.store().user()?;
        if me.is_some_and(|me| id == PeerId::user(me.id)) {
            return self.resolve_me().await;
        }
        Err(PeerError::Unknown { id }.into())
    }

    async fn resolve_me(&self) -> Result<PeerRef, Error> {
        let me = self.store().user()?.ok_or(PeerError::NotLoggedIn)?;
        let id = PeerId::user(me.id);
        if let Some(peer) = self.cached(id)? {
            return Ok(peer);
        }
        // The answer is cached by `invoke`.
        self.invoke(&functions::users::GetUsers {
            id: vec![enums::InputUser::InputUserSelf],
        })
        .await?;
        self.cached(id)?
            .ok_or(Error::Peer(PeerError::NoAccessHash { id }))
    }

    /// The peer a `contacts.resolvedPeer` names, from the cache `invoke` just filled.
    fn resolved(&self, answer: &enums::contacts::ResolvedPeer) -> Result<PeerRef, Error> {
        let enums::contacts::ResolvedPeer::ResolvedPeer(resolved) = answer;
        let id = peer_id_of(&resolved.peer);
        if id.ty == PeerType::Chat {
            return Ok(PeerRef::new(id, 0));
        }
        self.cached(id)?
            .ok_or(Error::Peer(PeerError::NoAccessHash { id }))
    }

    /// `cached` when it can be addressed; otherwise `request` (a `contacts.resolve*`) asked of
    /// the server, whose RPC errors named in `absent` become `missing(error name)`.
    async fn cache_or_server<R>(
        &self,
        cached: Option<CachedPeer>,
        request: &R,
        absent: [&str; 2],
        missing: impl FnOnce(String) -> PeerError,
    ) -> Result<PeerRef, Error>
    where
        R: RemoteCall<Return = enums::contacts::ResolvedPeer>,
    {
        if let Some(peer) = cached.as_ref().and_then(PeerRef::from_cached) {
            return Ok(peer);
        }
        match self.invoke(request).await {
            Ok(answer) => self.resolved(&answer),
            Err(e) => match e.rpc_name() {
                Some(name) if absent.contains(&name) => Err(missing(name.to_owned()).into()),
                _ => Err(e),
            },
        }
    }

    async fn resolve_username(&self, username: &str) -> Result<PeerRef, Error> {
        let request = functions::contacts::ResolveUsername {
            username: username.to_owned(),
            referer: None,
        };
        let cached = self.peers().by_username(username)?;
        let absent = ["USERNAME_NOT_OCCUPIED", "USERNAME_INVALID"];
        self.cache_or_server(cached, &request, absent, |rpc| {
            PeerError::UsernameNotFound {
                username: username.to_owned(),
                rpc,
            }
        })
        .await
    }

    async fn resolve_phone(&self, phone: &str) -> Result<PeerRef, Error> {
        let request = functions::contacts::ResolvePhone {
            phone: phone.to_owned(),
        };
        let cached = self.peers().by_phone(phone)?;
        let absent = ["PHONE_NOT_OCCUPIED", "PHONE_NUMBER_INVALID"];
        let peer = self
            .cache_or_server(cached, &request, absent, |rpc| PeerError::PhoneNotFound {
                phone: phone.to_owned(),
                rpc,
            })
            .await?;
        self.remember_phone(peer.id, phone)?;
        Ok(peer)
    }

    /// Records that `phone` belongs to `id` (Telegram shows phone numbers only to contacts, but
    /// the answer to `contacts.resolvePhone` says whose it is), so the next lookup is local.
    fn remember_phone(&self, id: PeerId, phone: &str) -> Result<(), Error> {
        if let Some(mut peer) = self.peers().get(id)?
            && peer.phone.as_deref() != Some(phone)
        {
            peer.phone = Some(phone.to_owned());
            self.peers().upsert([Seen { peer, min: false }])?;
        }
        Ok(())
    }
}
