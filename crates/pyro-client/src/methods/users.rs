//! Users by id or username (`get_me` is the auth module's; the contact list is in
//! [`super::contacts`]).

use pyro_tl_types::api::{enums, functions};

use crate::client::{Client, Error};
use crate::peers::IntoPeerQuery;
use crate::types::User;

/// A peer that must be a user, as `InputUser` (`Error::Config` for a group or channel).
pub(crate) async fn input_user(
    client: &Client,
    user: impl IntoPeerQuery,
) -> Result<enums::InputUser, Error> {
    let peer = client.resolve_peer(user).await?;
    peer.input_user()
        .ok_or_else(|| Error::Config(format!("{:?} is a chat, not a user", peer.id)))
}

impl Client {
    /// Users by anything [`Client::resolve_peer`] accepts, in the order asked (users the
    /// server no longer knows are left out).
    pub async fn get_users<P: IntoPeerQuery>(
        &self,
        users: impl IntoIterator<Item = P>,
    ) -> Result<Vec<User>, Error> {
        let mut id = Vec::new();
        for user in users {
            id.push(input_user(self, user).await?);
        }
        let found = self.invoke(&functions::users::GetUsers { id }).await?;
        Ok(found
            .into_iter()
            .filter(|u| !matches!(u, enums::User::Empty(_)))
            .map(User::from_raw)
            .collect())
    }
}
