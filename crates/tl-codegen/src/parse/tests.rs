//! Parser tests: every grammar feature the schema files use, and error positions.

use super::*;

fn one(text: &str) -> Definition {
    let mut defs = parse_schema("t.tl", text).expect("parses");
    assert_eq!(defs.len(), 1);
    defs.remove(0)
}

#[test]
fn namespaces_flags_and_conditional_fields() {
    let def = one(
        "---functions---\nmessages.sendMessage#fe05dc9a flags:# no_webpage:flags.1?true flags2:# peer:InputPeer reply_to:flags2.0?InputReplyTo = Updates;",
    );
    assert_eq!(def.category, Category::Function);
    assert_eq!(def.namespace.as_deref(), Some("messages"));
    assert_eq!(def.name, "sendMessage");
    assert_eq!(def.declared_id, Some(0xfe05_dc9a));
    assert_eq!(def.params[0].kind, ParamKind::Flags);
    let ParamKind::Field {
        ty,
        flag: Some(flag),
    } = &def.params[1].kind
    else {
        panic!("flagged field")
    };
    assert_eq!(
        (ty.name.as_str(), flag.word.as_str(), flag.bit),
        ("true", "flags", 1)
    );
    let ParamKind::Field {
        flag: Some(flag), ..
    } = &def.params[4].kind
    else {
        panic!("flagged field")
    };
    assert_eq!((flag.word.as_str(), flag.bit), ("flags2", 0));
}

#[test]
fn vectors_generics_and_bare_types() {
    let def = one("invokeAfterMsgs#3dc4b4f0 {X:Type} msg_ids:Vector<long> query:!X = X;");
    assert_eq!(def.generics, vec!["X".to_string()]);
    let ParamKind::Field { ty, .. } = &def.params[0].kind else {
        panic!("field")
    };
    assert_eq!(ty.to_string(), "Vector<long>");
    let ParamKind::Field { ty, .. } = &def.params[1].kind else {
        panic!("field")
    };
    assert!(ty.bang);
    let def = one(
        "future_salts#ae500895 req_msg_id:long now:int salts:vector<future_salt> = FutureSalts;",
    );
    let ParamKind::Field { ty, .. } = &def.params[2].kind else {
        panic!("field")
    };
    assert!(ty.is_bare() && ty.arg.as_ref().is_some_and(|a| a.is_bare()));
}

#[test]
fn definitions_without_id_get_the_computed_one() {
    let def = one("ipPort ipv4:int port:int = IpPort;");
    assert_eq!(def.declared_id, None);
    assert_eq!(def.id, 0xd433_ad73);
}

#[test]
fn display_round_trips_the_definition() {
    let text = "inputPeerUser#dde8a54c user_id:long access_hash:long = InputPeer";
    assert_eq!(one(&format!("{text};")).to_string(), text);
}

#[test]
fn errors_carry_line_and_column() {
    let err =
        parse_schema("t.tl", "a = A;\nb x:flags.0?int = B;").expect_err("undeclared flags word");
    assert_eq!((err.line, err.column), (2, 5));
    assert!(matches!(err.kind, ParseErrorKind::InvalidFlag(_)));
    let err = parse_schema("t.tl", "a x:int = A").expect_err("missing ;");
    assert!(matches!(err.kind, ParseErrorKind::UnexpectedEnd(_)));
    let err = parse_schema("t.tl", "a x int = A;").expect_err("missing :");
    assert_eq!((err.line, err.column), (1, 5));
    let err = parse_schema("t.tl", "a#123456789 = A;").expect_err("bad id");
    assert_eq!(
        (err.column, err.kind.clone()),
        (2, ParseErrorKind::InvalidId("123456789".into()))
    );
    let err = parse_schema("t.tl", "---things---").expect_err("bad section");
    assert!(matches!(err.kind, ParseErrorKind::UnknownSection(_)));
}
