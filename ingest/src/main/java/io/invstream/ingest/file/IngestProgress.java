package io.invstream.ingest.file;

/**
 * How far a file ingest has come.
 *
 * @param rows rows read so far, skipped ones included
 * @param accepted rows produced as examples in this run
 * @param rejected rows sent to the dead-letter topic in this run
 * @param skipped rows skipped because an earlier run had already ingested them
 * @param bytesRead bytes of the file read so far, or -1 when unknown
 * @param totalBytes size of the file, or -1 when unknown
 * @param elapsedNanos time since the ingest started
 */
public record IngestProgress(long rows, long accepted, long rejected, long skipped, long bytesRead, long totalBytes,
    long elapsedNanos) {

  /** Rows per second in this run. */
  public double rowsPerSecond() {
    return elapsedNanos <= 0 ? 0 : (rows - skipped) * 1e9 / elapsedNanos;
  }

  /** Fraction done in 0..1, or -1 when the total is unknown. */
  public double fraction() {
    return totalBytes > 0 && bytesRead >= 0 ? Math.min(1.0, bytesRead / (double) totalBytes) : -1;
  }
}
