//! Albums end to end: uploads turned into stored media with `messages.uploadMedia`, sent
//! together with `messages.sendMultiMedia`, answered as messages sharing one `grouped_id`, in
//! a private chat and in a supergroup.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic to fail the test

mod media_support;

use media_support::{GROUP, JPEG, MP4, PNG, content, start_plain};
use pyro_client::client::Error;
use pyro_client::files::TransferError;
use pyro_client::methods::{ALBUM_MAX, AlbumItem, MediaOptions, MediaSource};
use pyro_client::types::Media;

/// A photo, a video with metadata and a second photo shown behind a spoiler.
fn album() -> (Vec<AlbumItem>, Vec<Vec<u8>>) {
    let files = vec![
        content(PNG, 30_000),
        content(MP4, 700_000),
        content(JPEG, 20_000),
    ];
    let items = vec![
        AlbumItem::photo(MediaSource::bytes(files[0].clone(), "a.png"))
            .options(MediaOptions::new().caption("first")),
        AlbumItem::video(MediaSource::bytes(files[1].clone(), "b.mp4")).options(
            MediaOptions::new()
                .caption("second")
                .duration(4.0)
                .dimensions(640, 360),
        ),
        AlbumItem::photo(MediaSource::bytes(files[2].clone(), "c.jpg"))
            .options(MediaOptions::new().spoiler()),
    ];
    (items, files)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn albums_arrive_as_one_group_in_order() {
    let (dc, client) = start_plain().await;
    for chat in ["me", GROUP] {
        let (items, files) = album();
        let messages = client.send_media_group(chat, items).await.unwrap();
        assert_eq!(messages.len(), 3, "{chat}");
        let group = messages[0].media_group_id();
        assert!(group.is_some());
        assert!(messages.iter().all(|m| m.media_group_id() == group));
        let texts: Vec<_> = messages
            .iter()
            .map(pyro_client::types::Message::text)
            .collect();
        assert_eq!(texts, ["first", "second", ""]);
        assert!(matches!(messages[0].media(), Some(Media::Photo(p)) if !p.has_spoiler()));
        assert!(matches!(
            messages[1].media(),
            Some(Media::Video(v)) if v.duration() == Some(4.0) && v.dimensions() == Some((640, 360))
        ));
        assert!(matches!(messages[2].media(), Some(Media::Photo(p)) if p.has_spoiler()));
        for (message, file) in messages.iter().zip(&files) {
            assert!(
                message.download().await.unwrap() == *file,
                "{chat}: bytes differ"
            );
        }
        // The chat's history holds the same group.
        let ids: Vec<i32> = messages
            .iter()
            .map(pyro_client::types::Message::id)
            .collect();
        let fetched = client.get_messages(chat, &ids).await.unwrap();
        assert!(fetched.iter().all(|m| m.media_group_id() == group));
        assert_eq!(fetched.len(), 3);
    }
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn album_sizes_are_checked_before_anything_is_uploaded() {
    let (dc, client) = start_plain().await;
    let too_many = (0..=ALBUM_MAX)
        .map(|i| AlbumItem::document(MediaSource::bytes(vec![i as u8; 10], "x.bin")))
        .collect();
    let result = client.send_media_group("me", too_many).await;
    assert!(
        matches!(result, Err(TransferError::Client(Error::Config(_)))),
        "{result:?}"
    );
    let result = client.send_media_group("me", Vec::new()).await;
    assert!(matches!(
        result,
        Err(TransferError::Client(Error::Config(_)))
    ));
    // A single document is a valid album.
    let one = vec![AlbumItem::document(MediaSource::bytes(
        b"%PDF-1.4 x".to_vec(),
        "d",
    ))];
    let sent = client.send_media_group("me", one).await.unwrap();
    assert_eq!(sent.len(), 1);
    assert!(
        matches!(sent[0].media(), Some(Media::Document(d)) if d.mime_type() == "application/pdf")
    );
    dc.shutdown().await;
}
