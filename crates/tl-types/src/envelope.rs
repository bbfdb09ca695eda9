//! The hand-written MTProto envelope types: `message`, `msg_container` and `rpc_result`.
//!
//! TL cannot express their layout, so the generator leaves them out and re-exports these from
//! `mtproto::types` (the enums `mtproto::enums::{Message, MessageContainer, RpcResult}` wrap them
//! as usual):
//! - `message msg_id:long seqno:int bytes:int body:Object = Message` is bare and its body is
//!   exactly `bytes` bytes long;
//! - `msg_container#73f1f8dc messages:vector<message>` is a bare vector of bare messages;
//! - `rpc_result#f35c6d01 req_msg_id:long result:Object`: the result is the rest of the message.
//!
//! Bodies and results stay raw bytes (`Object` is any boxed value): the session layer decodes
//! them once it knows what they answer.

use crate::cursor::Cursor;
use crate::error::DeserializeError;
use crate::traits::{Deserializable, Identifiable, Serializable};
use crate::vector::{read_bare_vec, write_bare_vec};

/// `message#5bb8e511 msg_id:long seqno:int bytes:int body:Object = Message` (bare on the wire).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Message {
    /// `msg_id:long`
    pub msg_id: i64,
    /// `seqno:int`
    pub seqno: i32,
    /// `body:Object`, whose length is written as `bytes:int`: one boxed TL value, undecoded.
    pub body: Vec<u8>,
}

impl Identifiable for Message {
    const CONSTRUCTOR_ID: u32 = 0x5bb8_e511;
}

impl Serializable for Message {
    fn serialize(&self, buf: &mut Vec<u8>) {
        self.msg_id.serialize(buf);
        self.seqno.serialize(buf);
        (self.body.len() as i32).serialize(buf);
        buf.extend_from_slice(&self.body);
    }
}

impl Deserializable for Message {
    fn deserialize(cur: &mut Cursor<'_>) -> Result<Self, DeserializeError> {
        let msg_id = i64::deserialize(cur)?;
        let seqno = i32::deserialize(cur)?;
        let len = i32::deserialize(cur)?;
        let len = usize::try_from(len).map_err(|_| DeserializeError::InvalidLength(len.into()))?;
        if len > cur.remaining() {
            return Err(DeserializeError::TooLarge {
                declared: len,
                remaining: cur.remaining(),
            });
        }
        let body = cur.read_raw(len)?.to_vec();
        Ok(Self {
            msg_id,
            seqno,
            body,
        })
    }
}

/// `msg_container#73f1f8dc messages:vector<message> = MessageContainer`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MsgContainer {
    /// `messages:vector<message>`: the packed messages, in order.
    pub messages: Vec<Message>,
}

impl Identifiable for MsgContainer {
    const CONSTRUCTOR_ID: u32 = 0x73f1_f8dc;
}

impl Serializable for MsgContainer {
    fn serialize(&self, buf: &mut Vec<u8>) {
        write_bare_vec(&self.messages, buf);
    }
}

impl Deserializable for MsgContainer {
    fn deserialize(cur: &mut Cursor<'_>) -> Result<Self, DeserializeError> {
        read_bare_vec(cur).map(|messages| Self { messages })
    }
}

/// `rpc_result#f35c6d01 req_msg_id:long result:Object = RpcResult`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RpcResult {
    /// `req_msg_id:long`: the message id of the request this answers.
    pub req_msg_id: i64,
    /// `result:Object`: the rest of the message, undecoded (the request's `Return` type, an
    /// `rpc_error`, or a `gzip_packed` of either).
    pub result: Vec<u8>,
}

impl Identifiable for RpcResult {
    const CONSTRUCTOR_ID: u32 = 0xf35c_6d01;
}

impl Serializable for RpcResult {
    fn serialize(&self, buf: &mut Vec<u8>) {
        self.req_msg_id.serialize(buf);
        buf.extend_from_slice(&self.result);
    }
}

impl Deserializable for RpcResult {
    fn deserialize(cur: &mut Cursor<'_>) -> Result<Self, DeserializeError> {
        let req_msg_id = i64::deserialize(cur)?;
        Ok(Self {
            req_msg_id,
            result: cur.read_rest().to_vec(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_body_length_is_checked() {
        let msg = Message {
            msg_id: 5,
            seqno: 1,
            body: vec![1, 2, 3, 4],
        };
        let bytes = msg.to_bytes();
        assert_eq!(&bytes[12..16], &[4, 0, 0, 0]);
        assert_eq!(Message::from_bytes(&bytes), Ok(msg));
        let mut negative = bytes.clone();
        negative[12..16].copy_from_slice(&(-1i32).to_le_bytes());
        assert_eq!(
            Message::from_bytes(&negative),
            Err(DeserializeError::InvalidLength(-1))
        );
        assert!(matches!(
            Message::from_bytes(&bytes[..18]),
            Err(DeserializeError::TooLarge { .. })
        ));
    }

    #[test]
    fn rpc_result_takes_the_rest() {
        let bytes = [1, 0, 0, 0, 0, 0, 0, 0, 0xaa, 0xbb];
        assert_eq!(
            RpcResult::from_bytes(&bytes),
            Ok(RpcResult {
                req_msg_id: 1,
                result: vec![0xaa, 0xbb]
            })
        );
    }
}
