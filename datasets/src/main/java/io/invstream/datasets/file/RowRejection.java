package io.invstream.datasets.file;

import io.invstream.schemas.validation.RejectReason;
/**
 * Thrown while a row is being turned into an example, caught by the reader and returned as a
 * {@link ReadResult.Rejected}; it never leaves the package. No stack trace: it is an expected outcome, and bad files
 * can produce millions of them.
 */
final class RowRejection extends Exception {

  private final RejectReason reason;

  RowRejection(RejectReason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  RejectReason reason() {
    return reason;
  }
}
