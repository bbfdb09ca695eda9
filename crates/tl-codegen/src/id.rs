//! Constructor ids: the CRC32 of a definition's normalised text.
//!
//! The rules (core.telegram.org/mtproto/TL-abstract-types and /mtproto/TL-combinators, and what
//! every known implementation computes):
//! - the id itself (`#xxxxxxxx`) is left out;
//! - `{X:Type}` type-variable declarations are written as `X:Type` (braces dropped);
//! - conditional fields of type `true` (`name:flags.N?true`) are left out: they take no bytes;
//! - a field's type `bytes` is written `string` (they share the wire format; the schema
//!   distinguishes them only for code generators) - but not as a type argument: `Vector<bytes>`
//!   hashes as `Vector bytes` (seven api.tl definitions, such as `messages.sendVote`, confirm it);
//! - `<` becomes a space and `>` is dropped (`Vector<long>` becomes `Vector long`);
//! - tokens are separated by single spaces and there is no trailing `;`.

use crate::ast::{Definition, ParamKind, Ty};
use std::fmt::Write as _;

/// The normalised text whose CRC32 is the definition's id.
pub fn normalized_text(def: &Definition) -> String {
    let mut out = def.full_name();
    for generic in &def.generics {
        let _ = write!(out, " {generic}:Type");
    }
    for param in &def.params {
        match &param.kind {
            ParamKind::Flags => {
                let _ = write!(out, " {}:#", param.name);
            }
            ParamKind::Field { ty, flag } => {
                if flag.is_some() && ty.name == "true" && ty.namespace.is_none() {
                    continue;
                }
                let _ = write!(out, " {}:", param.name);
                if let Some(flag) = flag {
                    let _ = write!(out, "{}.{}?", flag.word, flag.bit);
                }
                write_type(&mut out, ty, true);
            }
        }
    }
    out.push_str(" = ");
    write_type(&mut out, &def.result, true);
    out
}

/// Writes a type the way the normalised text spells it.
fn write_type(out: &mut String, ty: &Ty, top: bool) {
    if ty.bang {
        out.push('!');
    }
    if top && ty.namespace.is_none() && ty.name == "bytes" {
        out.push_str("string");
    } else {
        out.push_str(&ty.full_name());
    }
    if let Some(arg) = &ty.arg {
        out.push(' ');
        write_type(out, arg, false);
    }
}

/// The constructor id of a definition: CRC32 (IEEE) of [`normalized_text`].
pub fn compute_id(def: &Definition) -> u32 {
    crc32fast::hash(normalized_text(def).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_schema;

    fn id_of(line: &str) -> (u32, Option<u32>) {
        let defs = parse_schema("test.tl", line).expect("parses");
        (compute_id(&defs[0]), defs[0].declared_id)
    }

    #[test]
    fn plain_definition_matches_its_declared_id() {
        let (id, declared) =
            id_of("inputPeerUser#dde8a54c user_id:long access_hash:long = InputPeer;");
        assert_eq!(Some(id), declared);
    }

    #[test]
    fn true_flags_bytes_vectors_and_generics_are_normalised() {
        for line in [
            "userStatusRecently#7b197dc8 flags:# by_me:flags.0?true = UserStatus;",
            "p_q_inner_data#83c95aec pq:bytes p:bytes q:bytes nonce:int128 server_nonce:int128 new_nonce:int256 = P_Q_inner_data;",
            "msgs_ack#62d6b459 msg_ids:Vector<long> = MsgsAck;",
            "invokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X;",
            "msg_container#73f1f8dc messages:vector<message> = MessageContainer;",
            "messages.sendVote#10ea6184 peer:InputPeer msg_id:int options:Vector<bytes> = Updates;",
        ] {
            let (id, declared) = id_of(line);
            assert_eq!(Some(id), declared, "{line}");
        }
    }

    #[test]
    fn a_changed_definition_changes_the_id() {
        let (id, declared) =
            id_of("inputPeerUser#dde8a54c user_id:long access_hash:int = InputPeer;");
        assert_ne!(Some(id), declared);
    }
}
