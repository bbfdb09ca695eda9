//! Session string test vectors from the reference implementations.
//!
//! The Pyrogram and Telethon strings below were produced by those libraries' own encoders
//! (Telethon 1.45.0 `StringSession.save`, Pyrogram 2.0.106 `Storage.export_session_string`; the
//! old Pyrogram layouts packed with Pyrogram's own `OLD_SESSION_STRING_FORMAT*` constants and
//! checked by its `MemoryStorage.open` decoder), in a throwaway venv, by this script:
//!
//! ```text
//!     import asyncio, base64, struct
//!     from telethon.sessions import StringSession
//!     from telethon.crypto import AuthKey
//!     from pyrogram.storage import MemoryStorage, Storage
//!
//!     key = bytes(range(256))
//!
//!     # Telethon: its own StringSession.save()
//!     s = StringSession(); s.set_dc(2, '149.154.167.51', 443); s.auth_key = AuthKey(key)
//!     print("TELETHON_V4", s.save())
//!     s = StringSession(); s.set_dc(4, '2001:67c:4e8:f004::a', 443); s.auth_key = AuthKey(bytes(reversed(key)))
//!     print("TELETHON_V6", s.save())
//!
//!     async def pyro():
//!         m = MemoryStorage("x"); await m.open()
//!         await m.dc_id(2); await m.api_id(12345); await m.test_mode(False); await m.auth_key(key)
//!         await m.user_id(777000); await m.is_bot(False); await m.date(0)
//!         print("PYROGRAM", await m.export_session_string())
//!         m = MemoryStorage("y"); await m.open()
//!         await m.dc_id(1); await m.api_id(2040); await m.test_mode(True); await m.auth_key(bytes(reversed(key)))
//!         await m.user_id(5000000001); await m.is_bot(True); await m.date(0)
//!         print("PYROGRAM_TEST_BOT", await m.export_session_string())
//!         # old formats: packed with Storage's own format constants, then checked by MemoryStorage.open()
//!         for fmt, name, uid in ((Storage.OLD_SESSION_STRING_FORMAT, "OLD", 123456789), (Storage.OLD_SESSION_STRING_FORMAT_64, "OLD64", 5000000002)):
//!             st = base64.urlsafe_b64encode(struct.pack(fmt, 5, False, key, uid, True)).decode().rstrip("=")
//!             m = MemoryStorage("z", session_string=st); await m.open()
//!             assert await m.dc_id() == 5 and await m.user_id() == uid and await m.auth_key() == key and await m.is_bot()
//!             print("PYROGRAM_"+name, len(st), st)
//!     asyncio.run(pyro())
//! ```

#![allow(dead_code)]

pub(crate) const TELETHON_V4: &str = "1ApWapzMBuwABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4fICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj9AQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpbXF1eX2BhYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ent8fX5_gIGCg4SFhoeIiYqLjI2Oj5CRkpOUlZaXmJmam5ydnp-goaKjpKWmp6ipqqusra6vsLGys7S1tre4ubq7vL2-v8DBwsPExcbHyMnKy8zNzs_Q0dLT1NXW19jZ2tvc3d7f4OHi4-Tl5ufo6err7O3u7_Dx8vP09fb3-Pn6-_z9_v8=";
pub(crate) const TELETHON_V6: &str = "1BCABBnwE6PAEAAAAAAAAAAoBu__-_fz7-vn49_b19PPy8fDv7u3s6-rp6Ofm5eTj4uHg397d3Nva2djX1tXU09LR0M_OzczLysnIx8bFxMPCwcC_vr28u7q5uLe2tbSzsrGwr66trKuqqainpqWko6KhoJ-enZybmpmYl5aVlJOSkZCPjo2Mi4qJiIeGhYSDgoGAf359fHt6eXh3dnV0c3JxcG9ubWxramloZ2ZlZGNiYWBfXl1cW1pZWFdWVVRTUlFQT05NTEtKSUhHRkVEQ0JBQD8-PTw7Ojk4NzY1NDMyMTAvLi0sKyopKCcmJSQjIiEgHx4dHBsaGRgXFhUUExIREA8ODQwLCgkIBwYFBAMCAQA=";
pub(crate) const PYROGRAM: &str = "AgAAMDkAAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0-P0BBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZWltcXV5fYGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6e3x9fn-AgYKDhIWGh4iJiouMjY6PkJGSk5SVlpeYmZqbnJ2en6ChoqOkpaanqKmqq6ytrq-wsbKztLW2t7i5uru8vb6_wMHCw8TFxsfIycrLzM3Oz9DR0tPU1dbX2Nna29zd3t_g4eLj5OXm5-jp6uvs7e7v8PHy8_T19vf4-fr7_P3-_wAAAAAAC9soAA";
pub(crate) const PYROGRAM_TEST_BOT: &str = "AQAAB_gB__79_Pv6-fj39vX08_Lx8O_u7ezr6uno5-bl5OPi4eDf3t3c29rZ2NfW1dTT0tHQz87NzMvKycjHxsXEw8LBwL--vby7urm4t7a1tLOysbCvrq2sq6qpqKempaSjoqGgn56dnJuamZiXlpWUk5KRkI-OjYyLiomIh4aFhIOCgYB_fn18e3p5eHd2dXRzcnFwb25tbGtqaWhnZmVkY2JhYF9eXVxbWllYV1ZVVFNSUVBPTk1MS0pJSEdGRURDQkFAPz49PDs6OTg3NjU0MzIxMC8uLSwrKikoJyYlJCMiISAfHh0cGxoZGBcWFRQTEhEQDw4NDAsKCQgHBgUEAwIBAAAAAAEqBfIBAQ";
pub(crate) const PYROGRAM_OLD: &str = "BQAAAQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi8wMTIzNDU2Nzg5Ojs8PT4_QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl9gYWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1-f4CBgoOEhYaHiImKi4yNjo-QkZKTlJWWl5iZmpucnZ6foKGio6SlpqeoqaqrrK2ur7CxsrO0tba3uLm6u7y9vr_AwcLDxMXGx8jJysvMzc7P0NHS09TV1tfY2drb3N3e3-Dh4uPk5ebn6Onq6-zt7u_w8fLz9PX29_j5-vv8_f7_B1vNFQE";
pub(crate) const PYROGRAM_OLD64: &str = "BQAAAQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi8wMTIzNDU2Nzg5Ojs8PT4_QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl9gYWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1-f4CBgoOEhYaHiImKi4yNjo-QkZKTlJWWl5iZmpucnZ6foKGio6SlpqeoqaqrrK2ur7CxsrO0tba3uLm6u7y9vr_AwcLDxMXGx8jJysvMzc7P0NHS09TV1tfY2drb3N3e3-Dh4uPk5ebn6Onq6-zt7u_w8fLz9PX29_j5-vv8_f7_AAAAASoF8gIB";

/// The auth key of the vectors: bytes 00 01 .. ff (the key of VECTORS.md B1).
pub(crate) fn key_ascending() -> [u8; 256] {
    std::array::from_fn(|i| i as u8)
}

/// The auth key of the vectors: bytes ff fe .. 00.
pub(crate) fn key_descending() -> [u8; 256] {
    std::array::from_fn(|i| 255 - i as u8)
}

/// Every vector, with the format it is in.
pub(crate) const ALL: &[(&str, &str)] = &[
    ("telethon", TELETHON_V4),
    ("telethon", TELETHON_V6),
    ("pyrogram", PYROGRAM),
    ("pyrogram", PYROGRAM_TEST_BOT),
    ("pyrogram", PYROGRAM_OLD),
    ("pyrogram", PYROGRAM_OLD64),
];
