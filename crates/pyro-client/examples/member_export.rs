//! Member export: every member of a group or channel you administer, as CSV.
//!
//!     TG_API_ID=... TG_API_HASH=... TG_PHONE=+... \
//!         cargo run -p pyro-client --example member_export -- @yourgroup members.csv
//!
//! The member list is a `Stream` that fetches the next page of 200 when the current one is
//! used up, so a group of any size is read with constant memory. Without a file name the CSV
//! goes to standard output. The session is kept in `member_export.session`.

mod common;

use std::io::Write;

use common::AppResult;
use pyro_client::Client;
use pyro_client::types::{ChatMember, MemberStatus};

/// The CSV's header line.
pub const HEADER: &str = "id,username,first_name,last_name,status,joined,bot";

/// Writes one CSV line per member of `chat` (after [`HEADER`]); returns how many.
pub async fn export(client: &Client, chat: &str, out: &mut impl Write) -> AppResult<usize> {
    let mut members = client.get_chat_members(chat).await?;
    writeln!(out, "{HEADER}")?;
    let mut written = 0;
    while let Some(member) = members.next().await {
        writeln!(out, "{}", csv_line(&member?))?;
        written += 1;
    }
    out.flush()?;
    Ok(written)
}

/// One member as a CSV line (RFC 4180 quoting).
pub fn csv_line(member: &ChatMember) -> String {
    let user = member.user();
    let fields = [
        member.member().id().bot_api_id().to_string(),
        user.and_then(|u| u.username())
            .unwrap_or_default()
            .to_owned(),
        user.map_or_else(|| member.member().name(), |u| u.first_name().to_owned()),
        user.and_then(|u| u.last_name())
            .unwrap_or_default()
            .to_owned(),
        status_name(member.status()).to_owned(),
        member.date().map(|d| d.to_string()).unwrap_or_default(),
        user.is_some_and(pyro_client::types::User::is_bot)
            .to_string(),
    ];
    fields
        .iter()
        .map(|f| quote(f))
        .collect::<Vec<_>>()
        .join(",")
}

/// A CSV field: quoted when it holds a comma, a quote or a line break (quotes doubled).
pub fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

/// The status column.
fn status_name(status: MemberStatus) -> &'static str {
    match status {
        MemberStatus::Owner => "owner",
        MemberStatus::Administrator => "administrator",
        MemberStatus::Member => "member",
        MemberStatus::Restricted => "restricted",
        MemberStatus::Banned => "banned",
        MemberStatus::Left => "left",
    }
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    common::exit_code(
        async {
            let mut args = std::env::args().skip(1);
            let chat = args
                .next()
                .ok_or("usage: member_export <@chat or id> [out.csv]")?;
            let user = common::user_from_env("member_export.session").await?;
            let count = match args.next() {
                Some(path) => {
                    let mut file = std::io::BufWriter::new(std::fs::File::create(path)?);
                    export(&user, &chat, &mut file).await?
                }
                None => export(&user, &chat, &mut std::io::stdout().lock()).await?,
            };
            eprintln!("{count} members of {chat} exported");
            Ok(())
        }
        .await,
    )
}
