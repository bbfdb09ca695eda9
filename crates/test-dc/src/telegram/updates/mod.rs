//! Update bookkeeping: every pts-bearing event goes into its box's log (an account's common box
//! or a channel's), and live updates are queued, serialized, for each auth key of the accounts
//! concerned (minus the ones the drop fault eats). `difference` answers `updates.*` from the
//! logs.

mod difference;

use pyro_tl_types::Serializable;
use pyro_tl_types::api::{enums, types};

use crate::error::RpcError;
use crate::telegram::model::{Caller, Model};
use crate::telegram::render::Mentions;
use crate::telegram::state::LogEntry;

/// Routes `updates.*`.
pub(crate) fn handle(
    model: &mut Model,
    caller: &Caller,
    method: &str,
    body: &[u8],
) -> Option<Result<Vec<u8>, RpcError>> {
    Some(match method {
        "updates.getState" => difference::get_state(model, caller),
        "updates.getDifference" => difference::get_difference(model, caller, body),
        "updates.getChannelDifference" => difference::get_channel_difference(model, caller, body),
        _ => return None,
    })
}

impl Model {
    /// Appends an event of `pts_count` pts to `user`'s common box; `make` builds it from the new
    /// pts. Returns the new pts.
    pub(crate) fn log_common(
        &mut self,
        user: i64,
        pts_count: i32,
        make: impl FnOnce(i32) -> enums::Update,
    ) -> Result<i32, RpcError> {
        let date = self.now();
        let mailbox = &mut self.user_mut(user)?.mailbox;
        mailbox.pts += pts_count;
        let pts = mailbox.pts;
        mailbox.log.push(LogEntry {
            pts,
            date,
            update: make(pts),
        });
        Ok(pts)
    }

    /// Appends an event of `pts_count` pts to a channel's box. Returns the new pts.
    pub(crate) fn log_channel(
        &mut self,
        channel: i64,
        pts_count: i32,
        make: impl FnOnce(i32) -> enums::Update,
    ) -> Result<i32, RpcError> {
        let date = self.now();
        let record = self.channel_mut(channel)?;
        record.pts += pts_count;
        let pts = record.pts;
        record.log.push(LogEntry {
            pts,
            date,
            update: make(pts),
        });
        Ok(pts)
    }

    /// An `updates` object for `viewer`: the common `seq` advances when `common` (it carries
    /// common-box updates); channel-only objects carry `seq` 0, as Telegram's do.
    pub(crate) fn updates_tl(
        &mut self,
        viewer: i64,
        updates: Vec<enums::Update>,
        mentions: &Mentions,
        common: bool,
    ) -> enums::Updates {
        let seq = if common {
            self.users.get_mut(&viewer).map_or(0, |u| {
                u.mailbox.seq += 1;
                u.mailbox.seq
            })
        } else {
            0
        };
        let (users, chats) = self.mentioned(Some(viewer), mentions);
        enums::Updates::Updates(Box::new(types::Updates {
            updates,
            users,
            chats,
            date: self.now(),
            seq,
        }))
    }

    /// An `updateShort` wrapping one update.
    pub(crate) fn update_short(&self, update: enums::Update) -> enums::Updates {
        enums::Updates::UpdateShort(Box::new(types::UpdateShort {
            update,
            date: self.now(),
        }))
    }

    /// Queues `updates` for every subscribed auth key of `user` but `skip` (the caller, who gets
    /// the answer instead). The drop fault may eat each copy.
    pub(crate) fn push(&mut self, user: i64, updates: &enums::Updates, skip: Option<i64>) {
        let bytes = updates.to_bytes();
        let mut queued = Vec::new();
        for (key, auth) in &mut self.auths {
            if auth.user != Some(user) || !auth.subscribed || Some(*key) == skip {
                continue;
            }
            if self.faults.drop_update(&mut self.rng) {
                continue;
            }
            auth.queue.push_back(bytes.clone());
            queued.push(*key);
        }
        if let Some(listener) = &self.listener {
            for key in queued {
                listener(key);
            }
        }
    }
}
