//! Filters for update handlers, composable with `&`, `|` and `!`.
