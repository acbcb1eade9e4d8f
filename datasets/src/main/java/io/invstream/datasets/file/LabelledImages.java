package io.invstream.datasets.file;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A whole MNIST-format split held in memory: unsigned-byte images of one size and their labels, loaded from an IDX
 * images file and an IDX labels file (each plain or gzip). Compact (one byte per pixel, 47 MB for Fashion-MNIST's
 * 60 000 training images), for benchmark data sets that must see every image before deciding where each goes.
 * Immutable.
 */
public final class LabelledImages {

  private final String source;
  private final int rows;
  private final int columns;
  private final byte[] pixels;
  private final int[] labels;

  /**
   * @param source names the data in messages and ids, e.g. the images file name
   * @param pixels {@code count × rows × columns} pixels, row-major per image; copied
   * @param labels one label per image; copied
   */
  public LabelledImages(String source, int rows, int columns, byte[] pixels, int[] labels) {
    if (rows < 1 || columns < 1 || pixels.length != (long) labels.length * rows * columns) {
      throw new IllegalArgumentException(source + ": " + pixels.length + " pixels do not make " + labels.length
          + " images of " + rows + "×" + columns);
    }
    this.source = source;
    this.rows = rows;
    this.columns = columns;
    this.pixels = pixels.clone();
    this.labels = labels.clone();
  }

  /**
   * Loads both files completely.
   *
   * @throws FileLayoutException if the images are not unsigned bytes of rank 3, the labels not unsigned bytes of
   *     rank 1, the counts differ, or a file is truncated
   */
  public static LabelledImages read(Path images, Path labels) throws IOException {
    return read(images, labels, TextInput.sourceName(images));
  }

  /**
   * Loads both files completely, naming the data {@code source} (e.g. {@code "train"}) rather than after the images
   * file, so ids do not change when the files are compressed or renamed.
   *
   * @throws FileLayoutException as {@link #read(Path, Path)}
   */
  public static LabelledImages read(Path images, Path labels, String source) throws IOException {
    String imageName = TextInput.sourceName(images);
    String labelName = TextInput.sourceName(labels);
    try (DataInputStream imageIn = new DataInputStream(GzipDetectingInput.open(images));
        DataInputStream labelIn = new DataInputStream(GzipDetectingInput.open(labels))) {
      IdxHeader imageHeader = IdxHeader.read(imageIn, imageName);
      IdxHeader labelHeader = IdxHeader.read(labelIn, labelName);
      require(imageHeader, 3, imageName, "images");
      require(labelHeader, 1, labelName, "labels");
      if (imageHeader.count() != labelHeader.count()) {
        throw new FileLayoutException(imageName + " has " + imageHeader.count() + " images but " + labelName
            + " has " + labelHeader.count() + " labels; pair files of the same split");
      }
      int[] dims = imageHeader.dimensions();
      byte[] pixels = readFully(imageIn, (long) dims[0] * dims[1] * dims[2], imageName);
      byte[] labelBytes = readFully(labelIn, dims[0], labelName);
      int[] labelValues = new int[dims[0]];
      for (int i = 0; i < labelValues.length; i++) {
        labelValues[i] = labelBytes[i] & 0xFF;
      }
      return new LabelledImages(source, dims[1], dims[2], pixels, labelValues);
    }
  }

  private static void require(IdxHeader header, int rank, String name, String what) throws FileLayoutException {
    if (header.type() != IdxElementType.UNSIGNED_BYTE || header.dimensions().length != rank) {
      throw new FileLayoutException(name + " is not an MNIST-format " + what + " file: it holds " + header.type()
          + " with dimensions " + Arrays.toString(header.dimensions()) + ", expected UNSIGNED_BYTE of rank " + rank);
    }
  }

  private static byte[] readFully(DataInputStream in, long length, String name) throws IOException {
    if (length > Integer.MAX_VALUE - 8) {
      throw new FileLayoutException(name + " holds " + length + " bytes of data, too many to load at once");
    }
    byte[] data = new byte[(int) length];
    try {
      in.readFully(data);
    } catch (EOFException e) {
      throw new FileLayoutException(name + " is truncated: its header promises " + length + " bytes of data;"
          + " download or reinstall it");
    }
    return data;
  }

  /** Names the data, e.g. {@code train-images-idx3-ubyte.gz}. */
  public String source() {
    return source;
  }

  public int count() {
    return labels.length;
  }

  public int rows() {
    return rows;
  }

  public int columns() {
    return columns;
  }

  /** The label of image {@code i}. */
  public int label(int i) {
    return labels[i];
  }

  /** The pixel of image {@code i} at {@code (row, column)}, 0-255. */
  public int pixel(int i, int row, int column) {
    return pixels[(i * rows + row) * columns + column] & 0xFF;
  }

  /** Image {@code i} as {@code rows × columns} features, row-major, scaled. */
  public float[] image(int i, PixelScale scale) {
    float[] features = new float[rows * columns];
    int offset = i * rows * columns;
    for (int k = 0; k < features.length; k++) {
      features[k] = scale.apply(pixels[offset + k] & 0xFF);
    }
    return features;
  }
}
