package io.invstream.datasets.file;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Produces results one at a time from an open input; the base of every reader's lazy, constant-memory stream. */
abstract class ResultIterator implements Iterator<ReadResult> {

  private ReadResult next;
  private boolean done;

  /** The next result, or {@code null} when the input is exhausted. */
  abstract ReadResult computeNext() throws IOException;

  @Override
  public final boolean hasNext() {
    if (next == null && !done) {
      try {
        next = computeNext();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      done = next == null;
    }
    return next != null;
  }

  @Override
  public final ReadResult next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    ReadResult result = next;
    next = null;
    return result;
  }

  /** A sequential stream over {@code results} that closes {@code input} when the stream is closed. */
  static Stream<ReadResult> stream(Iterator<ReadResult> results, Closeable input) {
    Spliterator<ReadResult> spliterator = Spliterators.spliteratorUnknownSize(results,
        Spliterator.ORDERED | Spliterator.NONNULL);
    return StreamSupport.stream(spliterator, false).onClose(() -> {
      try {
        input.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
