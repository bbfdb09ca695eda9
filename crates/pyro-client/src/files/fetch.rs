//! One `upload.getFile` window, with the file reference kept fresh: a window answered
//! `FILE_REFERENCE_EXPIRED` (or `_INVALID`) gets a new reference through the file's
//! [`FileOrigin`](super::FileOrigin) and is asked for again.

use pyro_tl_types::api::{enums, functions};

use super::control::TransferError;
use super::location::FileLocation;
use super::origin::{location_reference, set_reference};
use super::parts::send_part;
use crate::client::{Client, Error};

/// How many times one window refreshes its reference before the error stands (a reference
/// that expires again at once means the origin hands out stale ones).
const REFRESHES: u32 = 2;

/// Whether `err` says the location's file reference is no longer accepted.
fn reference_rejected(err: &Error) -> bool {
    matches!(err, Error::Rpc(rpc) if rpc.code == 400 && rpc.name.starts_with("FILE_REFERENCE_"))
}

/// Asks for `limit` bytes of `file` at `offset` (both aligned as Telegram requires: the caller
/// chooses them), sending it again on transient errors and after refreshing an expired
/// reference.
pub(super) async fn get_window(
    client: Client,
    file: FileLocation,
    offset: u64,
    limit: u32,
    retries: u32,
) -> Result<Vec<u8>, TransferError> {
    let mut location = file.location;
    if let Some(origin) = &file.origin
        && let Some(fresh) = origin.current().await
    {
        set_reference(&mut location, fresh);
    }
    let mut refreshes = 0;
    loop {
        let request = functions::upload::GetFile {
            precise: false,
            cdn_supported: false,
            location: location.clone(),
            offset: i64::try_from(offset).unwrap_or(i64::MAX),
            limit: i32::try_from(limit).unwrap_or(i32::MAX),
        };
        let err = match send_part(&client, file.dc_id, &request, retries).await {
            Ok(enums::upload::File::File(answer)) => return Ok(answer.bytes),
            Ok(enums::upload::File::CdnRedirect(redirect)) => {
                return Err(TransferError::CdnRedirect(redirect.dc_id));
            }
            Err(err) => err,
        };
        let (Some(origin), Some((file_id, stale))) = (&file.origin, location_reference(&location))
        else {
            return Err(err.into());
        };
        if refreshes >= REFRESHES || !reference_rejected(&err) {
            return Err(err.into());
        }
        refreshes += 1;
        match origin.refresh(&client, file_id, stale).await? {
            Some(fresh) => set_reference(&mut location, fresh),
            // The origin no longer holds the file: the expiry is the answer.
            None => return Err(err.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pyro_session::engine::RpcError;

    #[test]
    fn only_reference_errors_trigger_a_refresh() {
        let rpc = |code, message| Error::Rpc(RpcError::new(code, message));
        assert!(reference_rejected(&rpc(400, "FILE_REFERENCE_EXPIRED")));
        assert!(reference_rejected(&rpc(400, "FILE_REFERENCE_INVALID")));
        assert!(!reference_rejected(&rpc(400, "FILE_ID_INVALID")));
        assert!(!reference_rejected(&rpc(303, "FILE_MIGRATE_2")));
        assert!(!reference_rejected(&Error::Timeout));
    }
}
