//! Sending media end to end through the test DC: documents with their file name and the MIME
//! type guessed from their content, the metadata of videos, audio, voice notes, animations and
//! stickers, photos with spoilers, thumbnails, every kind of source (bytes, a reader, a path, an
//! earlier upload, a Bot API file_id), and the bound reply/download methods.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic to fail the test

mod media_support;

use media_support::{JPEG, MP4, PNG, content, document, sent, start_plain};
use pyro_client::file_id::{FileId, FileType};
use pyro_client::files::{FileLocation, TransferOptions};
use pyro_client::methods::{MediaOptions, MediaSource, ParseMode, SendOptions};
use pyro_client::tl::{enums, types};
use pyro_client::types::Media;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_document_round_trips_with_its_name_mime_size_bytes_and_file_id() {
    let (dc, client) = start_plain().await;
    // The name says nothing; the content is a PDF.
    let bytes = content(b"%PDF-1.7\n", 700_000);
    let options = MediaOptions::new()
        .caption("**Q3** report")
        .send(SendOptions::parse_mode(ParseMode::Markdown));
    let message = sent(
        client
            .send_document(
                "me",
                MediaSource::bytes(bytes.clone(), "report.bin"),
                options,
            )
            .await
            .unwrap(),
    );
    assert_eq!(message.text(), "Q3 report");
    let doc = document(&message);
    assert!(matches!(message.media(), Some(Media::Document(_))));
    assert_eq!(doc.mime_type(), "application/pdf");
    assert_eq!(doc.file_name(), Some("report.bin"));
    assert_eq!(doc.size(), bytes.len() as i64);
    assert!(
        message.download().await.unwrap() == bytes,
        "download differs"
    );

    // Its Bot API id names the same file.
    let file_id = message.media().unwrap().file_id().unwrap();
    let decoded = FileId::decode(&file_id).unwrap();
    assert_eq!(decoded.file_type, FileType::Document);
    assert_eq!(decoded.dc_id, doc.dc_id());
    let expected = FileLocation::document(doc.raw()).location;
    assert_eq!(decoded.to_input_location().unwrap(), expected);
    assert!(message.media().unwrap().file_unique_id().is_some());

    // Sent again by id: no upload, the same document.
    let again = sent(
        client
            .send_document("me", MediaSource::file_id(&file_id), MediaOptions::new())
            .await
            .unwrap(),
    );
    assert_eq!(document(&again).id(), doc.id());
    assert!(again.download().await.unwrap() == bytes);
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn videos_audio_voice_animations_and_stickers_keep_their_metadata() {
    let (dc, client) = start_plain().await;
    // A video from a reader, with a thumbnail; the name has no extension.
    let video = content(MP4, 600_000);
    let thumb = content(JPEG, 5_000);
    let options = MediaOptions::new()
        .duration(12.5)
        .dimensions(1280, 720)
        .supports_streaming()
        .thumbnail(MediaSource::bytes(thumb.clone(), "thumb.jpg"));
    let source = MediaSource::reader(
        std::io::Cursor::new(video.clone()),
        video.len() as u64,
        "clip",
    );
    let message = sent(client.send_video("me", source, options).await.unwrap());
    let Some(Media::Video(doc)) = message.media() else {
        panic!("not a video: {:?}", message.media());
    };
    assert_eq!(doc.mime_type(), "video/mp4");
    assert_eq!(doc.duration(), Some(12.5));
    assert_eq!(doc.dimensions(), Some((1280, 720)));
    assert!(
        doc.attributes()
            .iter()
            .any(|a| matches!(a, enums::DocumentAttribute::Video(v) if v.supports_streaming))
    );
    assert!(message.download().await.unwrap() == video);
    let thumb_size = doc.raw().thumbs.as_ref().and_then(|t| t.first()).unwrap();
    let enums::PhotoSize::PhotoSize(thumb_size) = thumb_size else {
        panic!("unexpected thumbnail {thumb_size:?}");
    };
    let thumb_location = FileLocation::new(
        enums::InputFileLocation::InputDocumentFileLocation(Box::new(
            types::InputDocumentFileLocation {
                id: doc.id(),
                access_hash: doc.access_hash(),
                file_reference: doc.file_reference().to_vec(),
                thumb_size: thumb_size.r#type.clone(),
            },
        )),
        doc.dc_id(),
        thumb_size.size as u64,
    );
    let back = client
        .download_to_vec(&thumb_location, &TransferOptions::default())
        .await
        .unwrap();
    assert!(back == thumb, "thumbnail differs");

    // Music from a path: ID3 content, title and performer.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("song.mp3");
    let song = content(b"ID3\x04\0\0\0\0\0\0", 40_000);
    std::fs::write(&path, &song).unwrap();
    let options = MediaOptions::new().duration(200.0).track("Song", "Band");
    let message = sent(
        client
            .send_audio("me", MediaSource::path(&path), options)
            .await
            .unwrap(),
    );
    let Some(Media::Audio(doc)) = message.media() else {
        panic!("not audio: {:?}", message.media());
    };
    assert_eq!(doc.audio_title(), (Some("Song"), Some("Band")));
    assert_eq!(
        (doc.mime_type(), doc.duration()),
        ("audio/mpeg", Some(200.0))
    );
    assert_eq!(doc.file_name(), Some("song.mp3"));

    // A voice note: OGG/Opus with a waveform.
    let mut ogg = b"OggS\0\x02".to_vec();
    ogg.resize(28, 0);
    ogg.extend_from_slice(b"OpusHead\x01\x01");
    let voice = content(&ogg, 3_000);
    let options = MediaOptions::new()
        .duration(3.0)
        .waveform(vec![0, 31, 7, 200]);
    let message = sent(
        client
            .send_voice("me", MediaSource::bytes(voice, "voice"), options)
            .await
            .unwrap(),
    );
    let Some(Media::Voice(doc)) = message.media() else {
        panic!("not a voice note: {:?}", message.media());
    };
    assert_eq!(doc.mime_type(), "audio/ogg");
    assert_eq!(doc.waveform(), Some(&[0u8, 31, 7, 200][..]));

    // An animation (GIF) and a sticker (WebP).
    let gif = content(b"GIF89a\x10\0\x10\0", 2_000);
    let message = sent(
        client
            .send_animation(
                "me",
                MediaSource::bytes(gif, "fun.gif"),
                MediaOptions::new(),
            )
            .await
            .unwrap(),
    );
    assert!(matches!(message.media(), Some(Media::Animation(d)) if d.mime_type() == "image/gif"));
    let webp = content(b"RIFF\x24\0\0\0WEBPVP8 ", 1_000);
    let options = MediaOptions::new().emoji("🙂");
    let message = sent(
        client
            .send_sticker("me", MediaSource::bytes(webp, "s"), options)
            .await
            .unwrap(),
    );
    let Some(Media::Sticker(doc)) = message.media() else {
        panic!("not a sticker: {:?}", message.media());
    };
    assert_eq!(
        (doc.mime_type(), doc.sticker_emoji()),
        ("image/webp", Some("🙂"))
    );
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn photos_uploads_and_bound_replies() {
    let (dc, client) = start_plain().await;
    let png = content(PNG, 90_000);
    let uploaded = client
        .upload_bytes(png.clone(), "p.png", &TransferOptions::default())
        .await
        .unwrap();
    let message = sent(
        client
            .send_photo(
                "me",
                uploaded.into(),
                MediaOptions::new().spoiler().caption("look"),
            )
            .await
            .unwrap(),
    );
    let Some(Media::Photo(photo)) = message.media() else {
        panic!("not a photo: {:?}", message.media());
    };
    assert!(photo.has_spoiler());
    assert_eq!(message.text(), "look");
    assert!(message.download().await.unwrap() == png);
    let decoded = FileId::decode(&message.media().unwrap().file_id().unwrap()).unwrap();
    assert_eq!(decoded.file_type, FileType::Photo);
    assert_eq!(
        decoded.to_input_location().unwrap(),
        FileLocation::photo(photo.raw()).unwrap().location
    );

    // Replies bound to the message, and a download to a path.
    let text = b"just some notes\n".repeat(100);
    let reply = sent(
        message
            .reply_document(
                MediaSource::bytes(text.clone(), "notes.txt"),
                MediaOptions::new(),
            )
            .await
            .unwrap(),
    );
    assert_eq!(document(&reply).mime_type(), "text/plain");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    assert_eq!(reply.download_to(&path).await.unwrap(), text.len() as u64);
    assert!(std::fs::read(&path).unwrap() == text);
    let again = sent(
        reply
            .reply_photo(
                MediaSource::file_id(message.media().unwrap().file_id().unwrap()),
                MediaOptions::new(),
            )
            .await
            .unwrap(),
    );
    assert!(matches!(again.media(), Some(Media::Photo(p)) if p.id() == photo.id()));
    dc.shutdown().await;
}
