package io.invstream.datasets.file;

import io.invstream.schemas.validation.RejectReason;
import io.invstream.schemas.Example;
import io.invstream.schemas.FeatureVectors;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * Reads examples from a pair of IDX files, the format of MNIST and Fashion-MNIST: an images file (record {@code i}
 * becomes the features, row-major) and a labels file (record {@code i} the label). Either file may be
 * gzip-compressed; that is detected from its first bytes, not its name. Streaming: one record in memory at a time.
 *
 * <p>All six IDX element types are read (unsigned and signed byte, 16- and 32-bit integers, float32, float64); the
 * labels file must hold integers and have rank 1. Features are the pixel values scaled by
 * {@link IdxReadOptions#scale()}. Each example gets the configured environment, id {@code <images file name>[i]}
 * (0-based {@code i}), no mask and no weight.
 *
 * <p>A header that is not IDX, a labels file of another rank or type, and files whose record counts differ are
 * {@link FileLayoutException}s. Per record, rejections are {@code BAD_LABEL} (a negative label), {@code NON_FINITE}
 * (a NaN or infinite float pixel) and {@code MALFORMED} for a record cut short by the end of a truncated file, after
 * which the read ends. Locations are {@code <images file name>[i]}; rejections carry no raw text.
 */
public final class IdxExampleReader {

  private final IdxReadOptions options;

  public IdxExampleReader(IdxReadOptions options) {
    this.options = options;
  }

  /**
   * Opens both files, checks their headers agree and returns the records' results lazily. Close the stream to close
   * the files.
   *
   * @throws FileLayoutException if a header is not IDX or the files do not match (see the class comment)
   */
  public Stream<ReadResult> read(Path images, Path labels) throws IOException {
    DataInputStream imageIn = new DataInputStream(GzipDetectingInput.open(images));
    DataInputStream labelIn;
    try {
      labelIn = new DataInputStream(GzipDetectingInput.open(labels));
    } catch (IOException e) {
      imageIn.close();
      throw e;
    }
    Closeable both = () -> {
      try (imageIn; labelIn) {
        // Closes both, the second even if the first fails.
      }
    };
    try {
      String imageName = TextInput.sourceName(images);
      IdxHeader imageHeader = IdxHeader.read(imageIn, imageName);
      IdxHeader labelHeader = IdxHeader.read(labelIn, TextInput.sourceName(labels));
      requireMatching(imageHeader, imageName, labelHeader, TextInput.sourceName(labels));
      return ResultIterator.stream(new Records(imageIn, imageHeader, labelIn, labelHeader, imageName), both);
    } catch (IOException | RuntimeException e) {
      both.close();
      throw e;
    }
  }

  private static void requireMatching(IdxHeader images, String imageName, IdxHeader labels, String labelName)
      throws FileLayoutException {
    if (labels.dimensions().length != 1 || !labels.type().integral()) {
      throw new FileLayoutException(labelName + " is not an IDX labels file: it holds " + labels.type() + " with"
          + " dimensions " + Arrays.toString(labels.dimensions()) + ", expected integers of rank 1."
          + " Were the images and labels files swapped?");
    }
    if (images.count() != labels.count()) {
      throw new FileLayoutException(imageName + " has " + images.count() + " records but " + labelName + " has "
          + labels.count() + "; pair files of the same split (train-* with train-*, t10k-* with t10k-*)");
    }
    if (images.recordElements() < 1 || images.recordElements() * images.type().bytes() > Integer.MAX_VALUE - 8) {
      throw new FileLayoutException(imageName + ": a record of " + images.recordElements() + " elements is empty or"
          + " too large to read");
    }
  }

  /** Reads image and label records in step. */
  private final class Records extends ResultIterator {

    private final DataInputStream imageIn;
    private final IdxHeader imageHeader;
    private final DataInputStream labelIn;
    private final IdxHeader labelHeader;
    private final String imageName;
    private final byte[] imageBytes;
    private final byte[] labelBytes;
    private int index;
    private boolean truncated;

    Records(DataInputStream imageIn, IdxHeader imageHeader, DataInputStream labelIn, IdxHeader labelHeader,
        String imageName) {
      this.imageIn = imageIn;
      this.imageHeader = imageHeader;
      this.labelIn = labelIn;
      this.labelHeader = labelHeader;
      this.imageName = imageName;
      this.imageBytes = new byte[(int) imageHeader.recordElements() * imageHeader.type().bytes()];
      this.labelBytes = new byte[labelHeader.type().bytes()];
    }

    @Override
    ReadResult computeNext() throws IOException {
      if (truncated || index >= imageHeader.count()) {
        return null;
      }
      int i = index++;
      String location = imageName + "[" + i + "]";
      String cutShort = readRecord();
      if (cutShort != null) {
        truncated = true;
        return new ReadResult.Rejected(location, RejectReason.MALFORMED, location + ": " + cutShort
            + " ends inside this record; it is truncated (its header promises " + imageHeader.count()
            + " records)", null);
      }
      try {
        return new ReadResult.Accepted(location, toExample(i, location));
      } catch (RowRejection r) {
        return new ReadResult.Rejected(location, r.reason(), location + ": " + r.getMessage(), null);
      }
    }

    /** Fills both buffers; returns which file ended early, or {@code null}. */
    private String readRecord() throws IOException {
      try {
        imageIn.readFully(imageBytes);
      } catch (EOFException e) {
        return "the images file";
      }
      try {
        labelIn.readFully(labelBytes);
      } catch (EOFException e) {
        return "the labels file";
      }
      return null;
    }

    private Example toExample(int i, String location) throws RowRejection {
      double label = labelHeader.type().read(ByteBuffer.wrap(labelBytes).order(ByteOrder.BIG_ENDIAN));
      if (label < 0) {
        throw new RowRejection(RejectReason.BAD_LABEL, "label " + (long) label + " is negative");
      }
      ByteBuffer pixels = ByteBuffer.wrap(imageBytes).order(ByteOrder.BIG_ENDIAN);
      float[] features = new float[(int) imageHeader.recordElements()];
      for (int k = 0; k < features.length; k++) {
        features[k] = options.scale().apply(imageHeader.type().read(pixels));
        if (!Float.isFinite(features[k])) {
          throw new RowRejection(RejectReason.NON_FINITE, "pixel " + k + " is " + features[k]);
        }
      }
      return Example.newBuilder().setEnvironment(options.environment()).setId(location)
          .setEventTime(options.firstEventTime().plusMillis(i)).setFeatures(FeatureVectors.encode(features))
          .setLabel((int) label).build();
    }
  }
}
