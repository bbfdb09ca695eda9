//! Text formatting: Markdown and HTML to message entities and back.
