//! From request bytes to a handler: unwrapping `invokeWithLayer` and friends, fault injection,
//! the authorisation gate, and routing by method.

use pyro_tl_types::api::functions;
use pyro_tl_types::{Cursor, Deserializable, Identifiable, Serializable, name_for_id};

use crate::error::RpcError;
use crate::telegram::api::{CallContext, Outcome};
use crate::telegram::model::{Caller, Model};
use crate::telegram::state::AppInfo;
use crate::telegram::{
    account, auth, bots, channels, chats, config, files, invites, messages, reactions, updates,
    users,
};

/// The wrapped query of `invokeWithLayer` and friends (`query:!X`, always the last field): the
/// rest of the request, undecoded.
#[derive(Debug, Clone, Default, PartialEq)]
struct RawQuery(Vec<u8>);

impl Deserializable for RawQuery {
    fn deserialize(cur: &mut Cursor<'_>) -> Result<Self, pyro_tl_types::DeserializeError> {
        Ok(Self(cur.read_rest().to_vec()))
    }
}

/// How deeply wrappers may nest before the request is refused (real clients use two or three).
const MAX_WRAPPERS: usize = 8;

/// Methods an auth key may call before it is signed in.
const PUBLIC_METHODS: &[&str] = &[
    "auth.sendCode",
    "auth.signIn",
    "auth.signUp",
    "auth.checkPassword",
    "auth.importBotAuthorization",
    "auth.importAuthorization",
    "auth.exportLoginToken",
    "auth.importLoginToken",
    "account.getPassword",
    "help.getConfig",
    "help.getNearestDc",
];

/// Decodes a request's parameters, or `400 INPUT_FETCH_ERROR`.
pub(crate) fn decode<T: Deserializable>(body: &[u8]) -> Result<T, RpcError> {
    T::from_bytes(body).map_err(|_| RpcError::bad_request("INPUT_FETCH_ERROR"))
}

/// Serializes an answer (a `Result` so that handlers end uniformly in `answer(&value)`).
#[allow(clippy::unnecessary_wraps)]
pub(crate) fn answer<T: Serializable>(value: &T) -> Result<Vec<u8>, RpcError> {
    Ok(value.to_bytes())
}

/// The query inside the wrappers, and what the wrappers said.
struct Unwrapped {
    body: Vec<u8>,
    layer: Option<i32>,
    app: Option<AppInfo>,
    without_updates: bool,
}

fn unwrap(request: &[u8]) -> Result<Unwrapped, RpcError> {
    let mut out = Unwrapped {
        body: request.to_vec(),
        layer: None,
        app: None,
        without_updates: false,
    };
    for _ in 0..MAX_WRAPPERS {
        let id = leading_id(&out.body)?;
        out.body = match id {
            functions::InvokeWithLayer::<RawQuery>::CONSTRUCTOR_ID => {
                let call: functions::InvokeWithLayer<RawQuery> = decode(&out.body)?;
                out.layer = Some(call.layer);
                call.query.0
            }
            functions::InitConnection::<RawQuery>::CONSTRUCTOR_ID => {
                let call: functions::InitConnection<RawQuery> = decode(&out.body)?;
                out.app = Some(AppInfo {
                    api_id: call.api_id,
                    device_model: call.device_model,
                    system_version: call.system_version,
                    app_version: call.app_version,
                    lang_code: call.lang_code,
                });
                call.query.0
            }
            functions::InvokeWithoutUpdates::<RawQuery>::CONSTRUCTOR_ID => {
                out.without_updates = true;
                decode::<functions::InvokeWithoutUpdates<RawQuery>>(&out.body)?
                    .query
                    .0
            }
            functions::InvokeAfterMsg::<RawQuery>::CONSTRUCTOR_ID => {
                decode::<functions::InvokeAfterMsg<RawQuery>>(&out.body)?
                    .query
                    .0
            }
            functions::InvokeAfterMsgs::<RawQuery>::CONSTRUCTOR_ID => {
                decode::<functions::InvokeAfterMsgs<RawQuery>>(&out.body)?
                    .query
                    .0
            }
            _ => return Ok(out),
        };
    }
    Err(RpcError::bad_request("INPUT_REQUEST_TOO_DEEP"))
}

fn leading_id(body: &[u8]) -> Result<u32, RpcError> {
    Cursor::new(body)
        .read_u32()
        .map_err(|_| RpcError::bad_request("INPUT_FETCH_ERROR"))
}

impl Model {
    /// Answers one request (see [`crate::Telegram::call`]).
    pub(crate) fn call(&mut self, ctx: &CallContext, request: &[u8]) -> Outcome {
        self.expire_bot_queries();
        let mut caller = Caller {
            dc_id: ctx.dc_id,
            auth_key_id: ctx.auth_key_id,
            user: None,
        };
        let result = self.call_inner(&mut caller, request);
        // A handler that waits on a bot left a ticket instead of an answer.
        let later = self.bots.deferred.take();
        let (method, outcome) = match (&result, later) {
            (Ok((method, _)), Some(_)) => (method.clone(), "later".to_owned()),
            (Ok((method, _)), None) => (method.clone(), "ok".to_owned()),
            (Err((method, err)), _) => (method.clone(), format!("{} {}", err.code, err.message)),
        };
        self.note(&caller, &method, outcome);
        match (result, later) {
            (Ok(_), Some(ticket)) => Outcome::Later(ticket),
            (Ok((_, bytes)), None) => Outcome::Answer(bytes),
            (Err((_, err)), _) => Outcome::Error(err),
        }
    }

    #[allow(clippy::type_complexity)]
    fn call_inner(
        &mut self,
        caller: &mut Caller,
        request: &[u8],
    ) -> Result<(String, Vec<u8>), (String, RpcError)> {
        let unknown = || "?".to_owned();
        let query = unwrap(request).map_err(|e| (unknown(), e))?;
        let id = leading_id(&query.body).map_err(|e| (unknown(), e))?;
        let Some(method) = name_for_id(id) else {
            return Err((
                format!("#{id:08x}"),
                RpcError::bad_request("INPUT_METHOD_INVALID"),
            ));
        };
        let fail = |err| (method.to_owned(), err);
        let auth = self.auth_mut(caller.auth_key_id, caller.dc_id);
        if query.layer.is_some() {
            auth.layer = query.layer;
        }
        if query.app.is_some() {
            auth.app = query.app;
        }
        if !query.without_updates {
            auth.subscribed = true;
        }
        caller.user = auth.user;
        let awaiting_password = auth.awaiting_password.is_some();
        if let Some(err) = self.faults.check_call(method, caller.dc_id, &mut self.rng) {
            return Err(fail(err));
        }
        if caller.user.is_none() && !PUBLIC_METHODS.contains(&method) {
            let err = if awaiting_password {
                RpcError::new(401, "SESSION_PASSWORD_NEEDED")
            } else {
                RpcError::unregistered()
            };
            return Err(fail(err));
        }
        let body = &query.body;
        let handled = match method.split_once('.').map_or("", |(ns, _)| ns) {
            "auth" => auth::handle(self, caller, method, body),
            "account" => auth::handle(self, caller, method, body)
                .or_else(|| account::handle(self, caller, method, body)),
            "help" => config::handle(self, caller, method, body),
            "users" | "contacts" => users::handle(self, caller, method, body),
            "bots" => bots::handle(self, caller, method, body),
            "messages" => messages::handle(self, caller, method, body)
                .or_else(|| bots::handle(self, caller, method, body))
                .or_else(|| reactions::handle(self, caller, method, body))
                .or_else(|| chats::handle(self, caller, method, body))
                .or_else(|| invites::handle(self, caller, method, body))
                .or_else(|| files::handle(self, caller, method, body)),
            "channels" => channels::handle(self, caller, method, body),
            "upload" => files::handle(self, caller, method, body),
            "updates" => updates::handle(self, caller, method, body),
            _ => None,
        };
        match handled {
            Some(Ok(bytes)) => match self.faults.check_answer(method) {
                Some(lost) => Err(fail(lost)),
                None => Ok((method.to_owned(), bytes)),
            },
            Some(Err(err)) => Err(fail(err)),
            None => Err(fail(RpcError::bad_request(
                "METHOD_NOT_IMPLEMENTED_IN_TEST_DC",
            ))),
        }
    }
}
