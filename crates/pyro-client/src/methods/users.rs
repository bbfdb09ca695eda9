//! Users and contacts: users by id or username, the contact list (`get_me` is the auth
//! module's).

use pyro_tl_types::api::{enums, functions};

use crate::client::{Client, Error};
use crate::peers::IntoPeerQuery;
use crate::types::User;

impl Client {
    /// Users by anything [`Client::resolve_peer`] accepts, in the order asked (users the
    /// server no longer knows are left out).
    pub async fn get_users<P: IntoPeerQuery>(
        &self,
        users: impl IntoIterator<Item = P>,
    ) -> Result<Vec<User>, Error> {
        let mut id = Vec::new();
        for user in users {
            let peer = self.resolve_peer(user).await?;
            id.push(
                peer.input_user()
                    .ok_or_else(|| Error::Config(format!("{:?} is a chat, not a user", peer.id)))?,
            );
        }
        let found = self.invoke(&functions::users::GetUsers { id }).await?;
        Ok(found
            .into_iter()
            .filter(|u| !matches!(u, enums::User::Empty(_)))
            .map(User::from_raw)
            .collect())
    }

    /// The account's contacts.
    pub async fn get_contacts(&self) -> Result<Vec<User>, Error> {
        match self
            .invoke(&functions::contacts::GetContacts { hash: 0 })
            .await?
        {
            enums::contacts::Contacts::Contacts(c) => {
                Ok(c.users.into_iter().map(User::from_raw).collect())
            }
            enums::contacts::Contacts::NotModified => Ok(Vec::new()),
        }
    }
}
