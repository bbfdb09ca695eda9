//! Emits `CollectPeers` for every constructor and boxed type: the walk that finds each `User`
//! and `Chat` inside a value, so that a client can cache every peer a response mentions.
//!
//! Only fields whose type can reach `User` or `Chat` are visited; the set of such types is
//! computed once per schema ([`Reach::of`]) as a fixpoint over the constructors' fields. Types
//! that cannot reach them get an empty impl (the trait's default method), so that the trait
//! holds for every type and a client may bound `R::Return: CollectPeers` for any function.
//!
//! A schema without `User` and `Chat` (MTProto) still gets the empty impls, behind
//! `#[cfg(feature = "api")]`: the trait's `PeerRefs` names API types.

use super::enums::{is_unit, struct_path, variants};
use super::model::{Boxed, Item, Model, RType};
use super::w;
use crate::naming::field_name;
use std::collections::HashSet;

/// The boxed types whose values are collected, as (namespace, Rust name), with the `PeerRefs`
/// list each goes to.
const ROOTS: [(&str, &str); 2] = [("User", "users"), ("Chat", "chats")];

/// A type key: namespace and Rust name.
type Key = (Option<String>, String);

/// Which types of a schema can reach `User` or `Chat`.
pub(crate) struct Reach {
    /// Boxed types (enums) that are or contain a root.
    enums: HashSet<Key>,
    /// Constructors (structs) with a field that reaches a root.
    structs: HashSet<Key>,
    /// Whether the schema defines the roots at all.
    has_roots: bool,
}

impl Reach {
    /// Computes reachability for a whole schema.
    pub(crate) fn of(model: &Model<'_>) -> Self {
        let mut reach = Reach {
            enums: HashSet::new(),
            structs: HashSet::new(),
            has_roots: false,
        };
        for (name, _) in ROOTS {
            if model
                .boxed
                .iter()
                .any(|b| b.namespace.is_none() && b.rust_name == name)
            {
                reach.enums.insert((None, name.to_owned()));
                reach.has_roots = true;
            }
        }
        loop {
            let mut changed = false;
            for item in &model.types {
                let key = item_key(item);
                if !reach.structs.contains(&key) && item.fields.iter().any(|f| reach.ty(&f.ty)) {
                    reach.structs.insert(key);
                    changed = true;
                }
            }
            for boxed in &model.boxed {
                let key = (boxed.namespace.clone(), boxed.rust_name.clone());
                if !reach.enums.contains(&key)
                    && boxed
                        .ctors
                        .iter()
                        .any(|&c| reach.structs.contains(&item_key(&model.types[c])))
                {
                    reach.enums.insert(key);
                    changed = true;
                }
            }
            if !changed {
                return reach;
            }
        }
    }

    /// Whether a field of this type may hold a root.
    fn ty(&self, ty: &RType) -> bool {
        match ty {
            RType::Vector(inner) | RType::BareVector(inner) => self.ty(inner),
            RType::Enum(ns, name) => self.enums.contains(&(ns.clone(), name.clone())),
            RType::Struct(ns, name) => self.structs.contains(&(ns.clone(), name.clone())),
            _ => false,
        }
    }

    /// The attribute put before every impl of this schema.
    fn gate(&self) -> &'static str {
        if self.has_roots {
            ""
        } else {
            "#[cfg(feature = \"api\")] "
        }
    }
}

fn item_key(item: &Item<'_>) -> Key {
    (item.def.namespace.clone(), item.rust_name.clone())
}

/// Starts the impl for `ty`: the whole (empty) impl when it cannot reach a root (returning
/// `false`), otherwise its first lines, for the caller to fill and close.
fn open_impl(out: &mut String, reach: &Reach, ty: &str, reaches: bool) -> bool {
    let gate = reach.gate();
    if !reaches {
        w!(out, "{gate}impl crate::CollectPeers for {ty} {{}}");
        return false;
    }
    w!(out, "{gate}impl crate::CollectPeers for {ty} {{");
    w!(
        out,
        "    fn collect_peers<'a>(&'a self, out: &mut crate::PeerRefs<'a>) {{"
    );
    true
}

/// Emits `CollectPeers` for a constructor's struct (or for the hand-written type standing in for
/// it, at `path`).
pub(crate) fn emit_struct_impl(out: &mut String, item: &Item<'_>, path: &str, reach: &Reach) {
    if !open_impl(out, reach, path, reach.structs.contains(&item_key(item))) {
        return;
    }
    for field in item.fields.iter().filter(|f| reach.ty(&f.ty)) {
        w!(
            out,
            "        self.{}.collect_peers(out);",
            field_name(&field.tl_name)
        );
    }
    w!(out, "    }}");
    w!(out, "}}");
}

/// Emits `CollectPeers` for a boxed type's enum: a root pushes itself, and every variant that
/// can hold a root is walked.
pub(crate) fn emit_enum_impl(out: &mut String, boxed: &Boxed, model: &Model<'_>, reach: &Reach) {
    let name = &boxed.rust_name;
    let reaches = reach
        .enums
        .contains(&(boxed.namespace.clone(), name.clone()));
    if !open_impl(out, reach, name, reaches) {
        return;
    }
    if boxed.namespace.is_none()
        && let Some((_, list)) = ROOTS.iter().find(|(root, _)| root == name)
    {
        w!(out, "        out.{list}.push(self);");
    }
    let names = variants(boxed, model);
    let walked: Vec<&String> = names
        .iter()
        .zip(&boxed.ctors)
        .filter(|(_, c)| {
            let item = &model.types[**c];
            !is_unit(item) && reach.structs.contains(&item_key(item))
        })
        .map(|(v, _)| v)
        .collect();
    if !walked.is_empty() {
        w!(out, "        match self {{");
        for variant in &walked {
            w!(
                out,
                "            Self::{variant}(x) => x.collect_peers(out),"
            );
        }
        if walked.len() < names.len() {
            w!(out, "            _ => {{}}");
        }
        w!(out, "        }}");
    }
    w!(out, "    }}");
    w!(out, "}}");
}

/// The path a constructor's impl is written for: its struct, or the hand-written type.
pub(crate) fn impl_path(item: &Item<'_>, root: &str) -> String {
    item.external
        .clone()
        .unwrap_or_else(|| struct_path(item, root))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_schema;
    use std::collections::HashMap;

    const SCHEMA: &str = "
        userEmpty#d3bc4b7a id:long = User;
        chatEmpty#29562865 id:long = Chat;
        peerUser#59511722 user_id:long = Peer;
        wrap#11111111 users:Vector<User> n:int = Wrap;
        nothing#22222222 n:int = Wrap;
        outer#33333333 flags:# inner:flags.0?Wrap peer:Peer = Outer;
        lonely#44444444 peer:Peer = Lonely;
    ";

    fn generate(schema: &str) -> (String, String) {
        let defs = parse_schema("t.tl", schema).expect("parses");
        let model = Model::build(&defs, &HashMap::new()).expect("resolves");
        let reach = Reach::of(&model);
        let (mut structs, mut enums) = (String::new(), String::new());
        for item in &model.types {
            emit_struct_impl(&mut structs, item, &impl_path(item, "crate::t"), &reach);
        }
        for boxed in &model.boxed {
            emit_enum_impl(&mut enums, boxed, &model, &reach);
        }
        (structs, enums)
    }

    #[test]
    fn only_fields_reaching_users_or_chats_are_walked() {
        let (structs, enums) = generate(SCHEMA);
        assert!(structs.contains("self.users.collect_peers(out);"));
        assert!(structs.contains("self.inner.collect_peers(out);"));
        assert!(!structs.contains("self.peer.collect_peers"));
        assert!(!structs.contains("self.n.collect_peers"));
        assert!(structs.contains("impl crate::CollectPeers for crate::t::types::Lonely {}"));
        assert!(enums.contains("out.users.push(self);"));
        assert!(enums.contains("out.chats.push(self);"));
        assert!(enums.contains("Self::Wrap(x) => x.collect_peers(out),"));
        assert!(enums.contains("_ => {}"));
        assert!(enums.contains("impl crate::CollectPeers for Peer {}"));
        assert!(!structs.contains("#[cfg(feature"));
    }

    #[test]
    fn schemas_without_users_are_gated_on_the_api_feature() {
        let (structs, enums) = generate("pong#347773c5 msg_id:long ping_id:long = Pong;");
        assert!(structs.starts_with("#[cfg(feature = \"api\")] impl crate::CollectPeers"));
        assert!(
            enums.starts_with("#[cfg(feature = \"api\")] impl crate::CollectPeers for Pong {}")
        );
    }
}
