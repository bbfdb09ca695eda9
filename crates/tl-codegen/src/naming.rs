//! How TL names become Rust names.
//!
//! - Types, functions and enums: UpperCamelCase. The TL name is split into words at `_`, at a
//!   lower-case letter or digit followed by a capital, and before the last capital of a run of
//!   capitals followed by a lower-case letter; each word keeps its first letter upper-cased and the
//!   rest lower-cased. So `resPQ` -> `ResPq`, `server_DH_params_ok` -> `ServerDhParamsOk`,
//!   `p_q_inner_data_dc` -> `PQInnerDataDc`, `inputPeerUser` -> `InputPeerUser`.
//! - Fields: the TL name lower-cased (`M1` -> `m1`); Rust keywords get the raw prefix (`r#type`),
//!   and the four keywords that cannot be raw (`self`, `Self`, `super`, `crate`) get a trailing `_`.
//! - Namespaces: modules of the same name, lower-cased.
//! - Enum variants: the constructor's Rust name with the enum's name stripped from its front when
//!   what remains is a valid, distinct name (`InputPeer` + `InputPeerUser` -> `User`); otherwise the
//!   full constructor name.

/// Splits a TL identifier into words (see the module docs).
fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    for part in name.split('_').filter(|p| !p.is_empty()) {
        let chars: Vec<char> = part.chars().collect();
        let mut current = String::new();
        for (i, &c) in chars.iter().enumerate() {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1).copied();
            let boundary = c.is_uppercase()
                && prev.is_some_and(|p| {
                    p.is_lowercase()
                        || p.is_ascii_digit()
                        || (p.is_uppercase() && next.is_some_and(char::is_lowercase))
                });
            if boundary && !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            current.push(c);
        }
        if !current.is_empty() {
            words.push(current);
        }
    }
    words
}

/// The UpperCamelCase Rust name of a TL type, constructor or function name (without namespace).
pub fn type_name(name: &str) -> String {
    words(name)
        .iter()
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |first| {
                first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect()
            })
        })
        .collect()
}

const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// The snake_case Rust name of a TL field.
pub fn field_name(name: &str) -> String {
    let lower = name.to_lowercase();
    if matches!(lower.as_str(), "self" | "super" | "crate") {
        format!("{lower}_")
    } else if RAW_KEYWORDS.contains(&lower.as_str()) {
        format!("r#{lower}")
    } else {
        lower
    }
}

/// The module name of a TL namespace.
pub fn module_name(namespace: &str) -> String {
    field_name(namespace)
}

/// The variant name of `ctor` (a constructor's Rust name) inside the enum `enum_name`.
pub fn variant_name(enum_name: &str, ctor: &str) -> String {
    match ctor.strip_prefix(enum_name) {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_uppercase()) && rest != "Self" => {
            rest.to_string()
        }
        _ => ctor.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names() {
        for (tl, rust) in [
            ("resPQ", "ResPq"),
            ("server_DH_params_ok", "ServerDhParamsOk"),
            ("p_q_inner_data_dc", "PQInnerDataDc"),
            ("P_Q_inner_data", "PQInnerData"),
            ("inputPeerUser", "InputPeerUser"),
            ("InputStickerSetID", "InputStickerSetId"),
            ("sendMessageAction", "SendMessageAction"),
            ("JSONValue", "JsonValue"),
            ("inputCheckPasswordSRP", "InputCheckPasswordSrp"),
        ] {
            assert_eq!(type_name(tl), rust, "{tl}");
        }
    }

    #[test]
    fn field_and_variant_names() {
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("M1"), "m1");
        assert_eq!(field_name("user_id"), "user_id");
        assert_eq!(variant_name("InputPeer", "InputPeerUser"), "User");
        assert_eq!(variant_name("InputPeer", "InputPeerSelf"), "InputPeerSelf");
        assert_eq!(variant_name("Messages", "Messages"), "Messages");
        assert_eq!(variant_name("Message", "MessageEmpty"), "Empty");
        assert_eq!(variant_name("Chat", "Channel"), "Channel");
    }
}
