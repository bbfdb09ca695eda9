//! Telegram's well-known DC addresses, for session strings that carry only a DC id.
//!
//! Pyrogram's session strings hold no address: Pyrogram maps the DC id to a fixed table. These are
//! the IPv4 entries of that table, `pyrogram/session/internals/data_center.py` (`DataCenter.PROD`
//! and `DataCenter.TEST`) in Pyrogram 2.0.106, with its ports (443 for production, 80 for the test
//! servers). They are facts about Telegram's network, the same addresses the official apps ship;
//! the client replaces them with the list from `help.getConfig` after its first connection.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// Production DCs (Pyrogram `DataCenter.PROD`).
const PRODUCTION: &[(i32, [u8; 4])] = &[
    (1, [149, 154, 175, 53]),
    (2, [149, 154, 167, 51]),
    (3, [149, 154, 175, 100]),
    (4, [149, 154, 167, 91]),
    (5, [91, 108, 56, 130]),
    (203, [91, 105, 192, 100]),
];

/// Test DCs (Pyrogram `DataCenter.TEST`).
const TEST: &[(i32, [u8; 4])] = &[
    (1, [149, 154, 175, 10]),
    (2, [149, 154, 167, 40]),
    (3, [149, 154, 175, 117]),
];

/// Pyrogram's port for production DCs.
const PRODUCTION_PORT: u16 = 443;
/// Pyrogram's port for test DCs.
const TEST_PORT: u16 = 80;

/// The well-known IPv4 address of a DC, if it has one.
pub fn well_known_address(dc_id: i32, test_mode: bool) -> Option<SocketAddr> {
    let (table, port) = if test_mode {
        (TEST, TEST_PORT)
    } else {
        (PRODUCTION, PRODUCTION_PORT)
    };
    table
        .iter()
        .find(|(id, _)| *id == dc_id)
        .map(|&(_, ip)| SocketAddr::new(IpAddr::V4(Ipv4Addr::from(ip)), port))
}

/// Whether `ip` is one of the well-known test DC addresses (Telethon strings do not say whether
/// they are for the test servers; the address does).
pub(super) fn is_test_address(ip: IpAddr) -> bool {
    TEST.iter()
        .any(|&(_, test_ip)| ip == IpAddr::V4(Ipv4Addr::from(test_ip)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn production_and_test_tables_differ_and_cover_dcs_1_to_3() {
        for dc in 1..=3 {
            let prod = well_known_address(dc, false);
            let test = well_known_address(dc, true);
            assert!(prod.is_some() && test.is_some());
            assert_ne!(prod, test);
            assert!(test.is_some_and(|a| is_test_address(a.ip())));
            assert!(prod.is_some_and(|a| !is_test_address(a.ip())));
        }
        assert_eq!(well_known_address(4, true), None);
        assert_eq!(well_known_address(0, false), None);
    }
}
