//! Feeds arbitrary text to the Markdown and HTML parsers of `pyro_client::text`. Asserts: no
//! parser or renderer panics; parsed entities are in canonical form; whatever either parser
//! returns comes back identical through HTML (the exact format); rendering as Markdown and
//! parsing that again never panics.

#![no_main]

use libfuzzer_sys::fuzz_target;
use pyro_client::text::{FormattedText, normalize_entities};

fn check(parsed: &FormattedText) {
    assert_eq!(normalize_entities(&parsed.text, &parsed.entities), parsed.entities, "not canonical");
    let html = parsed.to_html();
    assert_eq!(FormattedText::from_html(&html).as_ref(), Ok(parsed), "HTML round trip via {html:?}");
    let _ = FormattedText::from_markdown(&parsed.to_markdown());
}

fuzz_target!(|data: &[u8]| {
    let source = String::from_utf8_lossy(data);
    check(&FormattedText::from_markdown(&source));
    if let Ok(parsed) = FormattedText::from_html(&source) {
        check(&parsed);
    }
});
