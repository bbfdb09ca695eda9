//! `help.getConfig` (the DC list this process serves, `this_dc`) and `help.getNearestDc`.

use pyro_tl_types::api::{enums, types};

use crate::error::RpcError;
use crate::telegram::dispatch::answer;
use crate::telegram::messages::send::MESSAGE_LENGTH_MAX;
use crate::telegram::model::{Caller, Model};

/// Seconds a config stays valid (`expires - date`), as Telegram's one hour.
const CONFIG_LIFETIME: i32 = 3600;

/// Routes `help.*`.
pub(crate) fn handle(
    model: &mut Model,
    caller: &Caller,
    method: &str,
    _body: &[u8],
) -> Option<Result<Vec<u8>, RpcError>> {
    Some(match method {
        "help.getConfig" => get_config(model, caller),
        "help.getNearestDc" => answer(&enums::NearestDc::NearestDc(types::NearestDc {
            country: "ZZ".to_owned(),
            this_dc: caller.dc_id,
            nearest_dc: caller.dc_id,
        })),
        _ => return None,
    })
}

fn get_config(model: &Model, caller: &Caller) -> Result<Vec<u8>, RpcError> {
    let date = model.now();
    let dc_options = model
        .dcs
        .iter()
        .map(|dc| {
            enums::DcOption::DcOption(Box::new(types::DcOption {
                id: dc.id,
                ip_address: dc.ip.clone(),
                port: dc.port,
                ..types::DcOption::default()
            }))
        })
        .collect();
    // Values not modelled are Telegram's published defaults (a help.getConfig answer of 2024).
    let config = types::Config {
        date,
        expires: date + CONFIG_LIFETIME,
        test_mode: true,
        this_dc: caller.dc_id,
        dc_options,
        dc_txt_domain_name: "localhost".to_owned(),
        chat_size_max: 200,
        megagroup_size_max: 200_000,
        forwarded_count_max: 100,
        online_update_period_ms: 210_000,
        offline_blur_timeout_ms: 5_000,
        offline_idle_timeout_ms: 30_000,
        online_cloud_timeout_ms: 300_000,
        notify_cloud_delay_ms: 30_000,
        notify_default_delay_ms: 1_500,
        push_chat_period_ms: 60_000,
        push_chat_limit: 2,
        edit_time_limit: 172_800,
        revoke_time_limit: i32::MAX,
        revoke_pm_time_limit: i32::MAX,
        rating_e_decay: 2_419_200,
        stickers_recent_limit: 200,
        channels_read_media_period: 604_800,
        call_receive_timeout_ms: 20_000,
        call_ring_timeout_ms: 90_000,
        call_connect_timeout_ms: 30_000,
        call_packet_timeout_ms: 10_000,
        me_url_prefix: "https://t.me/".to_owned(),
        caption_length_max: 1024,
        message_length_max: MESSAGE_LENGTH_MAX as i32,
        webfile_dc_id: model.default_dc(),
        ..types::Config::default()
    };
    answer(&enums::Config::Config(Box::new(config)))
}
