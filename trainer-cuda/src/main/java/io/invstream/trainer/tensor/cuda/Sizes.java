package io.invstream.trainer.tensor.cuda;

import java.util.Locale;

/** Byte counts for messages. */
final class Sizes {

  private Sizes() {}

  static String mebibytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }

  static String gibibytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024.0 * 1024.0));
  }
}
