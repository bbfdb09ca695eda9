//! Downloads: 512 KiB windows of `upload.getFile` on the file's DC, several in flight, written
//! in order to a writer, a buffer, or a temporary file renamed once complete.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tokio::io::{AsyncWrite, AsyncWriteExt};

use super::PART_SIZE;
use super::control::{TransferError, TransferOptions};
use super::fetch::get_window;
use super::location::FileLocation;
use super::parts::InFlight;
use crate::client::Client;

/// Suffix of the temporary file [`Client::download_to_path`] writes.
const TEMP_SUFFIX: &str = ".pyro-part";

/// The bytes window `index` must hold for a file of `size` bytes.
fn window_len(index: u64, size: u64) -> u64 {
    size.saturating_sub(index * PART_SIZE as u64)
        .min(PART_SIZE as u64)
}

/// Checks a window's length against the file's size.
fn check_window(index: u64, got: usize, size: u64) -> Result<(), TransferError> {
    let expected = window_len(index, size);
    if got as u64 == expected {
        Ok(())
    } else {
        Err(TransferError::Incomplete {
            got: index * PART_SIZE as u64 + got as u64,
            expected: size,
        })
    }
}

impl Client {
    /// Downloads `file` into `writer`, [`TransferOptions::parallelism`] windows at once, and
    /// returns the number of bytes written. Every window must come back full (the last one
    /// up to the file's size): anything shorter is [`TransferError::Incomplete`].
    pub async fn download<W: AsyncWrite + Unpin>(
        &self,
        file: &FileLocation,
        writer: &mut W,
        options: &TransferOptions,
    ) -> Result<u64, TransferError> {
        options.check_cancel()?;
        let size = file.size;
        let parts = size.div_ceil(PART_SIZE as u64);
        // Windows ahead of the next one to write, so a slow part bounds memory.
        let ahead = 2 * options.in_flight() as u64;
        let mut in_flight = InFlight::new();
        let mut ready = BTreeMap::new();
        let (mut next_request, mut next_write, mut done) = (0u64, 0u64, 0u64);
        options.report(0, size);
        loop {
            options.check_cancel()?;
            while in_flight.len() < options.in_flight()
                && next_request < parts
                && next_request < next_write + ahead
            {
                let window = get_window(
                    self.clone(),
                    file.clone(),
                    next_request * PART_SIZE as u64,
                    PART_SIZE as u32,
                    options.part_retries,
                );
                in_flight.spawn(next_request, window);
                next_request += 1;
            }
            let Some(result) = in_flight.next(options).await else {
                break;
            };
            let (index, bytes) = result?;
            check_window(index, bytes.len(), size)?;
            ready.insert(index, bytes);
            while let Some(bytes) = ready.remove(&next_write) {
                writer.write_all(&bytes).await?;
                next_write += 1;
                done += bytes.len() as u64;
                options.report(done, size);
            }
        }
        writer.flush().await?;
        Ok(done)
    }

    /// Downloads `file` into memory.
    pub async fn download_to_vec(
        &self,
        file: &FileLocation,
        options: &TransferOptions,
    ) -> Result<Vec<u8>, TransferError> {
        let mut out = Vec::with_capacity(usize::try_from(file.size).unwrap_or(0).min(1 << 30));
        self.download(file, &mut out, options).await?;
        Ok(out)
    }

    /// Downloads `file` to `path`: the bytes go to `path` + `.pyro-part`, which is renamed to
    /// `path` only once complete and removed on any failure or cancellation.
    pub async fn download_to_path(
        &self,
        file: &FileLocation,
        path: impl AsRef<Path>,
        options: &TransferOptions,
    ) -> Result<u64, TransferError> {
        let path = path.as_ref();
        let temp = temp_path(path);
        let result = async {
            let mut out = tokio::fs::File::create(&temp).await?;
            let written = self.download(file, &mut out, options).await?;
            out.sync_all().await?;
            drop(out);
            tokio::fs::rename(&temp, path).await?;
            Ok(written)
        }
        .await;
        if result.is_err() {
            // The temporary file may not exist (creating it failed): nothing else to undo.
            let _ = tokio::fs::remove_file(&temp).await;
        }
        result
    }
}

/// `path` + `.pyro-part`.
fn temp_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(TEMP_SUFFIX);
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_cover_the_file_exactly() {
        let half = PART_SIZE as u64;
        assert_eq!(window_len(0, half + 1), half);
        assert_eq!(window_len(1, half + 1), 1);
        assert_eq!(window_len(2, half + 1), 0);
        assert!(check_window(1, 1, half + 1).is_ok());
        assert!(matches!(
            check_window(0, 100, half + 1),
            Err(TransferError::Incomplete { got: 100, .. })
        ));
        assert_eq!(
            temp_path(Path::new("/tmp/a.bin")),
            PathBuf::from("/tmp/a.bin.pyro-part")
        );
    }
}
