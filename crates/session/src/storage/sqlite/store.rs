//! [`SessionStore`] for [`SqliteStore`]: the statements, and conversion of rows to values.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::SqliteStore;
use crate::storage::SessionStore;
use crate::storage::error::{Result, StorageError};
use crate::storage::peer::{CachedPeer, PeerId, PeerKind};
use crate::storage::types::{AuthKey, DcFlags, DcOption, LoggedInUser, TempAuthKey, UpdateState};

const HOME_DC: &str = "home_dc";
const TEST_MODE: &str = "test_mode";
const USER_ID: &str = "user_id";
const USER_BOT: &str = "user_bot";
/// A `meta` row, so files written before it existed read as "no offset known" unchanged.
const TIME_OFFSET: &str = "time_offset";

/// `SELECT` of every peer column, followed by the rest of the statement; a literal, so cached
/// statements are found without building the SQL text on each call.
macro_rules! select_peer {
    ($rest:literal) => {
        concat!(
            "SELECT kind, id, access_hash, username, phone, last_seen, updated_at FROM peers ",
            $rest
        )
    };
}

fn corrupt(detail: impl Into<String>) -> StorageError {
    StorageError::CorruptDatabase {
        detail: detail.into(),
    }
}

fn get_meta(conn: &Connection, key: &str) -> Result<Option<i64>> {
    let mut stmt = conn.prepare_cached("SELECT value FROM meta WHERE key = ?1")?;
    Ok(stmt.query_row([key], |row| row.get(0)).optional()?)
}

fn set_meta(conn: &Connection, key: &str, value: Option<i64>) -> Result<()> {
    match value {
        Some(value) => conn
            .prepare_cached("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)")?
            .execute(params![key, value])?,
        None => conn
            .prepare_cached("DELETE FROM meta WHERE key = ?1")?
            .execute([key])?,
    };
    Ok(())
}

/// Reads a 256-byte key column, rejecting any other length as corruption.
fn key_from_blob(blob: &[u8]) -> Result<AuthKey> {
    AuthKey::from_slice(blob).map_err(|_| corrupt(format!("auth key of {} bytes", blob.len())))
}

fn dc_option_from_row(row: &Row<'_>) -> Result<DcOption> {
    let ip: String = row.get(1)?;
    let port: i64 = row.get(2)?;
    Ok(DcOption {
        dc_id: row.get(0)?,
        ip: ip
            .parse()
            .map_err(|_| corrupt(format!("DC option address {ip:?}")))?,
        port: u16::try_from(port).map_err(|_| corrupt(format!("DC option port {port}")))?,
        flags: DcFlags::from_bits(row.get(3)?),
        secret: row.get(4)?,
    })
}

fn peer_from_row(row: &Row<'_>) -> Result<CachedPeer> {
    let code: i64 = row.get(0)?;
    Ok(CachedPeer {
        kind: PeerKind::from_code(code).ok_or_else(|| corrupt(format!("peer kind {code}")))?,
        id: row.get(1)?,
        access_hash: row.get(2)?,
        username: row.get(3)?,
        phone: row.get(4)?,
        last_seen: row.get(5)?,
        updated_at: row.get(6)?,
    })
}

/// Runs `sql` (built by `select_peer!`) and returns the first peer, if any.
fn query_peer(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> Result<Option<CachedPeer>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(params)?;
    match rows.next()? {
        Some(row) => Ok(Some(peer_from_row(row)?)),
        None => Ok(None),
    }
}

fn upsert_peer(conn: &Connection, peer: &CachedPeer) -> Result<()> {
    let key = peer.peer_id();
    let ns = key.ty.code();
    if let Some(username) = &peer.username {
        conn.prepare_cached(
            "UPDATE peers SET username = NULL
             WHERE username = ?1 COLLATE NOCASE AND NOT (ns = ?2 AND id = ?3)",
        )?
        .execute(params![username, ns, key.id])?;
    }
    if let Some(phone) = &peer.phone {
        conn.prepare_cached(
            "UPDATE peers SET phone = NULL WHERE phone = ?1 AND NOT (ns = ?2 AND id = ?3)",
        )?
        .execute(params![phone, ns, key.id])?;
    }
    conn.prepare_cached(
        "INSERT INTO peers (ns, id, kind, access_hash, username, phone, last_seen, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (ns, id) DO UPDATE SET
             kind = excluded.kind,
             access_hash = coalesce(excluded.access_hash, access_hash),
             username = excluded.username,
             phone = coalesce(excluded.phone, phone),
             last_seen = coalesce(excluded.last_seen, last_seen),
             updated_at = excluded.updated_at",
    )?
    .execute(params![
        ns,
        key.id,
        peer.kind.code(),
        peer.access_hash,
        peer.username,
        peer.phone,
        peer.last_seen,
        peer.updated_at
    ])?;
    Ok(())
}

impl SqliteStore {
    /// Runs `write` with `synchronous=FULL`, so its commit is on disk before it returns.
    fn durably<T>(&self, write: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T> {
        let mut conn = self.conn();
        conn.pragma_update(None, "synchronous", "FULL")?;
        let result = write(&mut conn);
        let restored = conn.pragma_update(None, "synchronous", "NORMAL");
        let value = result?;
        restored?;
        Ok(value)
    }
}

impl SessionStore for SqliteStore {
    fn dc_options(&self) -> Result<Vec<DcOption>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT dc_id, ip, port, flags, secret FROM dc_options ORDER BY position",
        )?;
        let mut rows = stmt.query([])?;
        let mut options = Vec::new();
        while let Some(row) = rows.next()? {
            options.push(dc_option_from_row(row)?);
        }
        Ok(options)
    }

    fn set_dc_options(&self, options: &[DcOption]) -> Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute("DELETE FROM dc_options", [])?;
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO dc_options (dc_id, ip, port, flags, secret) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for option in options {
                insert.execute(params![
                    option.dc_id,
                    option.ip.to_string(),
                    option.port,
                    option.flags.bits(),
                    option.secret
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    fn home_dc(&self) -> Result<Option<i32>> {
        get_meta(&self.conn(), HOME_DC)?
            .map(|v| i32::try_from(v).map_err(|_| corrupt(format!("home DC {v}"))))
            .transpose()
    }

    fn set_home_dc(&self, dc_id: i32) -> Result<()> {
        self.durably(|conn| set_meta(conn, HOME_DC, Some(dc_id.into())))
    }

    fn test_mode(&self) -> Result<bool> {
        Ok(get_meta(&self.conn(), TEST_MODE)?.is_some_and(|v| v != 0))
    }

    fn set_test_mode(&self, test_mode: bool) -> Result<()> {
        self.durably(|conn| set_meta(conn, TEST_MODE, Some(test_mode.into())))
    }

    fn auth_key(&self, dc_id: i32) -> Result<Option<AuthKey>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached("SELECT key FROM auth_keys WHERE dc_id = ?1")?;
        let blob: Option<Vec<u8>> = stmt.query_row([dc_id], |row| row.get(0)).optional()?;
        blob.as_deref().map(key_from_blob).transpose()
    }

    fn set_auth_key(&self, dc_id: i32, key: Option<&AuthKey>) -> Result<()> {
        self.durably(|conn| {
            match key {
                Some(key) => conn
                    .prepare_cached(
                        "INSERT OR REPLACE INTO auth_keys (dc_id, key) VALUES (?1, ?2)",
                    )?
                    .execute(params![dc_id, &key.as_bytes()[..]])?,
                None => conn
                    .prepare_cached("DELETE FROM auth_keys WHERE dc_id = ?1")?
                    .execute([dc_id])?,
            };
            Ok(())
        })
    }

    fn temp_auth_key(&self, dc_id: i32) -> Result<Option<TempAuthKey>> {
        let conn = self.conn();
        let mut stmt =
            conn.prepare_cached("SELECT key, expires_at FROM temp_auth_keys WHERE dc_id = ?1")?;
        let row: Option<(Vec<u8>, i64)> = stmt
            .query_row([dc_id], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?;
        row.map(|(blob, expires_at)| {
            Ok(TempAuthKey {
                key: key_from_blob(&blob)?,
                expires_at,
            })
        })
        .transpose()
    }

    fn set_temp_auth_key(&self, dc_id: i32, key: Option<&TempAuthKey>) -> Result<()> {
        let conn = self.conn();
        match key {
            Some(temp) => conn
                .prepare_cached(
                    "INSERT OR REPLACE INTO temp_auth_keys (dc_id, key, expires_at) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![dc_id, &temp.key.as_bytes()[..], temp.expires_at])?,
            None => conn
                .prepare_cached("DELETE FROM temp_auth_keys WHERE dc_id = ?1")?
                .execute([dc_id])?,
        };
        Ok(())
    }

    fn time_offset(&self) -> Result<Option<i32>> {
        get_meta(&self.conn(), TIME_OFFSET)?
            .map(|v| i32::try_from(v).map_err(|_| corrupt(format!("time offset {v}"))))
            .transpose()
    }

    fn set_time_offset(&self, offset_secs: i32) -> Result<()> {
        set_meta(&self.conn(), TIME_OFFSET, Some(offset_secs.into()))
    }

    fn user(&self) -> Result<Option<LoggedInUser>> {
        let conn = self.conn();
        let id = get_meta(&conn, USER_ID)?;
        let bot = get_meta(&conn, USER_BOT)?;
        Ok(id.map(|id| LoggedInUser {
            id,
            bot: bot.is_some_and(|b| b != 0),
        }))
    }

    fn set_user(&self, user: Option<&LoggedInUser>) -> Result<()> {
        self.durably(|conn| {
            let tx = conn.transaction()?;
            set_meta(&tx, USER_ID, user.map(|u| u.id))?;
            set_meta(&tx, USER_BOT, user.map(|u| u.bot.into()))?;
            tx.commit()?;
            Ok(())
        })
    }

    fn upsert_peers(&self, peers: &[CachedPeer]) -> Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        for peer in peers {
            upsert_peer(&tx, peer)?;
        }
        tx.commit()?;
        Ok(())
    }

    fn peer(&self, id: PeerId) -> Result<Option<CachedPeer>> {
        let sql = select_peer!("WHERE ns = ?1 AND id = ?2");
        query_peer(&self.conn(), sql, params![id.ty.code(), id.id])
    }

    fn peer_by_username(&self, username: &str) -> Result<Option<CachedPeer>> {
        let sql =
            select_peer!("WHERE username = ?1 COLLATE NOCASE ORDER BY updated_at DESC LIMIT 1");
        query_peer(&self.conn(), sql, [username])
    }

    fn peer_by_phone(&self, phone: &str) -> Result<Option<CachedPeer>> {
        let sql = select_peer!("WHERE phone = ?1 ORDER BY updated_at DESC LIMIT 1");
        query_peer(&self.conn(), sql, [phone])
    }

    fn peer_count(&self) -> Result<u64> {
        let count: i64 = self
            .conn()
            .query_row("SELECT count(*) FROM peers", [], |row| row.get(0))?;
        u64::try_from(count).map_err(|_| corrupt("negative peer count"))
    }

    fn update_state(&self) -> Result<Option<UpdateState>> {
        let conn = self.conn();
        let mut stmt =
            conn.prepare_cached("SELECT pts, qts, date, seq FROM update_state WHERE id = 0")?;
        Ok(stmt
            .query_row([], |row| {
                Ok(UpdateState {
                    pts: row.get(0)?,
                    qts: row.get(1)?,
                    date: row.get(2)?,
                    seq: row.get(3)?,
                })
            })
            .optional()?)
    }

    fn set_update_state(&self, state: &UpdateState) -> Result<()> {
        self.conn()
            .prepare_cached(
                "INSERT OR REPLACE INTO update_state (id, pts, qts, date, seq) VALUES (0, ?1, ?2, ?3, ?4)",
            )?
            .execute(params![state.pts, state.qts, state.date, state.seq])?;
        Ok(())
    }

    fn channel_pts(&self, channel_id: i64) -> Result<Option<i32>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached("SELECT pts FROM channel_pts WHERE channel_id = ?1")?;
        Ok(stmt.query_row([channel_id], |row| row.get(0)).optional()?)
    }

    fn set_channel_pts(&self, channel_id: i64, pts: i32) -> Result<()> {
        self.conn()
            .prepare_cached("INSERT OR REPLACE INTO channel_pts (channel_id, pts) VALUES (?1, ?2)")?
            .execute(params![channel_id, pts])?;
        Ok(())
    }

    fn all_channel_pts(&self) -> Result<Vec<(i64, i32)>> {
        let conn = self.conn();
        let mut stmt =
            conn.prepare_cached("SELECT channel_id, pts FROM channel_pts ORDER BY channel_id")?;
        let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
