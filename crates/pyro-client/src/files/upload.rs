//! Uploads: a source read part by part, [`TransferOptions::parallelism`] parts in flight on the
//! home DC's media sessions, the MD5 of small files, and the `InputFile` that names the result.

use std::path::Path;

use md5::{Digest, Md5};
use pyro_tl_types::api::{enums, functions, types};
use tokio::io::{AsyncRead, AsyncReadExt};

use super::control::{TransferError, TransferOptions};
use super::parts::{InFlight, send_part};
use super::{BIG_FILE_THRESHOLD, PART_SIZE};
use crate::client::{Client, Error};

/// A finished upload: what `messages.sendMedia` and friends take, plus what it was made of.
#[derive(Debug, Clone, PartialEq)]
pub struct UploadedFile {
    /// `inputFile` (with its MD5) up to 10 MiB, `inputFileBig` above.
    pub input_file: enums::InputFile,
    /// The file's size in bytes.
    pub size: u64,
    /// How many parts were sent.
    pub parts: u32,
}

/// The number of parts for `size` bytes.
fn part_count(size: u64) -> u64 {
    size.div_ceil(PART_SIZE as u64)
}

/// Checks a size against the options' limit (and Telegram's refusal of empty files).
fn check_size(size: u64, options: &TransferOptions) -> Result<(), TransferError> {
    if size == 0 {
        return Err(TransferError::Empty);
    }
    if size > options.size_limit {
        return Err(TransferError::TooLarge {
            size,
            limit: options.size_limit,
        });
    }
    Ok(())
}

/// Reads the part at `offset` (`len` bytes) from `reader`, straight into the part's buffer (no
/// zeroing first, no regrowth: reads are limited to what the part still lacks).
async fn read_part<R: AsyncRead + Unpin>(
    reader: &mut R,
    len: usize,
    offset: u64,
    size: u64,
) -> Result<Vec<u8>, TransferError> {
    let mut buf = Vec::with_capacity(len);
    while buf.len() < len {
        let missing = (len - buf.len()) as u64;
        if (&mut *reader).take(missing).read_buf(&mut buf).await? == 0 {
            return Err(TransferError::SourceTooShort {
                got: offset + buf.len() as u64,
                expected: size,
            });
        }
    }
    Ok(buf)
}

/// Sends one part, `saveBigFilePart` for big files.
async fn save_part(
    client: Client,
    dc: i32,
    file_id: i64,
    index: u64,
    total: Option<i32>,
    bytes: Vec<u8>,
    retries: u32,
) -> Result<u64, TransferError> {
    let len = bytes.len() as u64;
    let file_part = index as i32;
    let saved = if let Some(file_total_parts) = total {
        let request = functions::upload::SaveBigFilePart {
            file_id,
            file_part,
            file_total_parts,
            bytes,
        };
        send_part(&client, dc, &request, retries).await?
    } else {
        let request = functions::upload::SaveFilePart {
            file_id,
            file_part,
            bytes,
        };
        send_part(&client, dc, &request, retries).await?
    };
    if !saved {
        return Err(TransferError::PartRejected(index));
    }
    Ok(len)
}

impl Client {
    /// Uploads `bytes` as a file called `name`.
    pub async fn upload_bytes(
        &self,
        bytes: Vec<u8>,
        name: &str,
        options: &TransferOptions,
    ) -> Result<UploadedFile, TransferError> {
        let size = bytes.len() as u64;
        self.upload_reader(bytes.as_slice(), size, name, options)
            .await
    }

    /// Uploads the file at `path`, named after its last component.
    pub async fn upload_file(
        &self,
        path: impl AsRef<Path>,
        options: &TransferOptions,
    ) -> Result<UploadedFile, TransferError> {
        let path = path.as_ref();
        let file = tokio::fs::File::open(path).await?;
        let size = file.metadata().await?.len();
        let name = path
            .file_name()
            .map_or_else(|| "file".to_owned(), |n| n.to_string_lossy().into_owned());
        self.upload_reader(tokio::io::BufReader::new(file), size, &name, options)
            .await
    }

    /// Uploads `size` bytes read from `reader` as a file called `name`. The size is checked
    /// against [`TransferOptions::size_limit`] before anything is read; a reader that ends
    /// early is [`TransferError::SourceTooShort`].
    pub async fn upload_reader<R: AsyncRead + Unpin>(
        &self,
        mut reader: R,
        size: u64,
        name: &str,
        options: &TransferOptions,
    ) -> Result<UploadedFile, TransferError> {
        check_size(size, options)?;
        options.check_cancel()?;
        let parts = part_count(size);
        let big = size > BIG_FILE_THRESHOLD;
        let total = big.then_some(parts as i32);
        let file_id = getrandom::u64().map_err(|_| Error::Random)? as i64 & i64::MAX;
        let dc = self.home_dc();
        let mut md5 = (!big).then(Md5::new);
        let mut in_flight = InFlight::new();
        let mut done = 0u64;
        options.report(0, size);
        for index in 0..parts {
            let offset = index * PART_SIZE as u64;
            let len = (size - offset).min(PART_SIZE as u64) as usize;
            let bytes = read_part(&mut reader, len, offset, size).await?;
            if let Some(md5) = &mut md5 {
                md5.update(&bytes);
            }
            while in_flight.len() >= options.in_flight() {
                if let Some(result) = in_flight.next(options).await {
                    done += result?.1;
                    options.report(done, size);
                }
            }
            options.check_cancel()?;
            let part = save_part(
                self.clone(),
                dc,
                file_id,
                index,
                total,
                bytes,
                options.part_retries,
            );
            in_flight.spawn(index, part);
        }
        while let Some(result) = in_flight.next(options).await {
            done += result?.1;
            options.report(done, size);
        }
        let input_file = match md5 {
            Some(md5) => enums::InputFile::InputFile(Box::new(types::InputFile {
                id: file_id,
                parts: parts as i32,
                name: name.to_owned(),
                md5_checksum: hex(&md5.finalize()),
            })),
            None => enums::InputFile::Big(types::InputFileBig {
                id: file_id,
                parts: parts as i32,
                name: name.to_owned(),
            }),
        };
        Ok(UploadedFile {
            input_file,
            size,
            parts: parts as u32,
        })
    }
}

/// Lower-case hex, as `md5_checksum` is written.
fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_and_limits() {
        let half = PART_SIZE as u64;
        assert_eq!(part_count(1), 1);
        assert_eq!(part_count(half), 1);
        assert_eq!(part_count(half + 1), 2);
        assert_eq!(part_count(super::super::SIZE_LIMIT), 4000);
        let options = TransferOptions::default();
        assert!(matches!(check_size(0, &options), Err(TransferError::Empty)));
        assert!(check_size(super::super::SIZE_LIMIT, &options).is_ok());
        assert!(matches!(
            check_size(super::super::SIZE_LIMIT + 1, &options),
            Err(TransferError::TooLarge { .. })
        ));
        assert!(check_size(super::super::SIZE_LIMIT + 1, &options.premium()).is_ok());
    }

    #[test]
    fn md5_is_written_in_lower_case_hex() {
        // RFC 1321, appendix A.5: MD5("abc").
        assert_eq!(
            hex(&Md5::digest(b"abc")),
            "900150983cd24fb0d6963f7d28e17f72"
        );
    }
}
