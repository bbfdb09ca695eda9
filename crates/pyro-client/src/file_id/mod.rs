//! Bot API / TDLib file ids: `file_id` and `file_unique_id`, encoded and decoded.
