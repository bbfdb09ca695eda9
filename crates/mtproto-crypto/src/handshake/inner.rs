//! The four `p_q_inner_data` constructors a client may send inside `req_DH_params`, and the two
//! RSA schemes that may carry them.
//!
//! | `dc` | `temp_expires_in` | constructor |
//! |---|---|---|
//! | `None` | `None` | `p_q_inner_data#83c95aec` (legacy, what Telethon and grammers send) |
//! | `Some` | `None` | `p_q_inner_data_dc#a9f55f95` (permanent key, current clients) |
//! | `None` | `Some` | `p_q_inner_data_temp#3c6a84d4` (legacy temporary key) |
//! | `Some` | `Some` | `p_q_inner_data_temp_dc#56fddf88` (temporary key for perfect forward secrecy) |

use pyro_tl_types::mtproto::{enums, types};

/// Which inner-data constructor a client sends, and so what kind of key it asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InnerDataKind {
    /// The DC id the key is for (`_dc` constructors); `None` for the legacy forms without it.
    pub dc: Option<i32>,
    /// Lifetime in seconds of a temporary key (`_temp` constructors); `None` for a permanent key.
    pub temp_expires_in: Option<i32>,
}

impl InnerDataKind {
    /// A permanent key for `dc` (`p_q_inner_data_dc`): the default of current clients.
    pub fn permanent(dc: i32) -> Self {
        Self {
            dc: Some(dc),
            temp_expires_in: None,
        }
    }

    /// A temporary key for `dc` that expires after `expires_in` seconds
    /// (`p_q_inner_data_temp_dc`), for perfect forward secrecy.
    pub fn temporary(dc: i32, expires_in: i32) -> Self {
        Self {
            dc: Some(dc),
            temp_expires_in: Some(expires_in),
        }
    }

    /// The legacy `p_q_inner_data` without a DC (recorded exchanges, older clients).
    pub fn legacy() -> Self {
        Self {
            dc: None,
            temp_expires_in: None,
        }
    }

    /// Whether the key asked for is temporary.
    pub fn is_temporary(&self) -> bool {
        self.temp_expires_in.is_some()
    }
}

/// How the inner data is RSA-encrypted in `req_DH_params.encrypted_data`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RsaScheme {
    /// RSA_PAD, the scheme of core.telegram.org/mtproto/auth_key (the client's default).
    Pad,
    /// The legacy `SHA1(data) || data || random` under raw RSA, that Telethon v1 still sends.
    /// A server must accept it; a client should send it only to test such a server.
    Legacy,
}

/// The fields every inner-data constructor shares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct InnerFields {
    pub(crate) pq: Vec<u8>,
    pub(crate) p: Vec<u8>,
    pub(crate) q: Vec<u8>,
    pub(crate) nonce: [u8; 16],
    pub(crate) server_nonce: [u8; 16],
    pub(crate) new_nonce: [u8; 32],
}

/// The boxed constructor for `kind` carrying `f`.
pub(crate) fn build(kind: InnerDataKind, f: InnerFields) -> enums::PQInnerData {
    let InnerFields {
        pq,
        p,
        q,
        nonce,
        server_nonce,
        new_nonce,
    } = f;
    match (kind.dc, kind.temp_expires_in) {
        (None, None) => types::PQInnerData {
            pq,
            p,
            q,
            nonce,
            server_nonce,
            new_nonce,
        }
        .into(),
        (Some(dc), None) => types::PQInnerDataDc {
            pq,
            p,
            q,
            nonce,
            server_nonce,
            new_nonce,
            dc,
        }
        .into(),
        (None, Some(expires_in)) => types::PQInnerDataTemp {
            pq,
            p,
            q,
            nonce,
            server_nonce,
            new_nonce,
            expires_in,
        }
        .into(),
        (Some(dc), Some(expires_in)) => types::PQInnerDataTempDc {
            pq,
            p,
            q,
            nonce,
            server_nonce,
            new_nonce,
            dc,
            expires_in,
        }
        .into(),
    }
}

/// The kind and the shared fields of a decoded inner data.
pub(crate) fn split(inner: enums::PQInnerData) -> (InnerDataKind, InnerFields) {
    macro_rules! fields {
        ($x:expr) => {
            InnerFields {
                pq: $x.pq,
                p: $x.p,
                q: $x.q,
                nonce: $x.nonce,
                server_nonce: $x.server_nonce,
                new_nonce: $x.new_nonce,
            }
        };
    }
    match inner {
        enums::PQInnerData::PQInnerData(x) => (InnerDataKind::legacy(), fields!(*x)),
        enums::PQInnerData::Dc(x) => (InnerDataKind::permanent(x.dc), fields!(*x)),
        enums::PQInnerData::Temp(x) => {
            let kind = InnerDataKind {
                dc: None,
                temp_expires_in: Some(x.expires_in),
            };
            (kind, fields!(*x))
        }
        enums::PQInnerData::TempDc(x) => {
            (InnerDataKind::temporary(x.dc, x.expires_in), fields!(*x))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pyro_tl_types::{Deserializable, Serializable};

    #[test]
    fn every_kind_survives_build_encode_decode_split() {
        let fields = InnerFields {
            pq: vec![1, 2, 3, 4, 5, 6, 7, 8],
            p: vec![9; 4],
            q: vec![10; 4],
            nonce: [11; 16],
            server_nonce: [12; 16],
            new_nonce: [13; 32],
        };
        let kinds = [
            InnerDataKind::legacy(),
            InnerDataKind::permanent(2),
            InnerDataKind {
                dc: None,
                temp_expires_in: Some(3600),
            },
            InnerDataKind::temporary(-4, 86_400),
        ];
        let mut ids = Vec::new();
        for kind in kinds {
            let bytes = build(kind, fields.clone()).to_bytes();
            ids.push(bytes[..4].to_vec());
            let back = enums::PQInnerData::from_bytes(&bytes).unwrap();
            assert_eq!(split(back), (kind, fields.clone()));
        }
        ids.dedup();
        assert_eq!(ids.len(), 4, "four distinct constructors");
    }
}
