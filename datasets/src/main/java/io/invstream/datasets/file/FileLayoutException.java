package io.invstream.datasets.file;

import java.io.IOException;

/**
 * A file that cannot be read as examples at all, as opposed to a bad row: a CSV header without a label column, an
 * unknown column, an IDX file with a wrong magic number, images and labels files of different lengths. Thrown before
 * the first result is produced; the message names the file, what is wrong and how to fix it.
 */
public final class FileLayoutException extends IOException {

  private static final long serialVersionUID = 1L;

  public FileLayoutException(String message) {
    super(message);
  }
}
