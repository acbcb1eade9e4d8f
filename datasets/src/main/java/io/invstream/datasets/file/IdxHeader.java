package io.invstream.datasets.file;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;

/**
 * The header of an IDX file: magic number {@code 00 00 <type> <rank>}, then {@code rank} big-endian 32-bit sizes.
 * The first size counts the records; the others give each record's shape ({@code 28, 28} for an MNIST image).
 *
 * @param type the element type
 * @param dimensions all sizes, the record count first
 */
public record IdxHeader(IdxElementType type, int[] dimensions) {

  public IdxHeader {
    dimensions = dimensions.clone();
  }

  /**
   * Reads the header from the start of {@code in}.
   *
   * @param source the file name, for messages
   * @throws FileLayoutException if the bytes are not an IDX header
   */
  public static IdxHeader read(DataInputStream in, String source) throws IOException {
    try {
      int magic = in.readInt();
      IdxElementType type = IdxElementType.ofCode((magic >>> 8) & 0xFF);
      int rank = magic & 0xFF;
      if ((magic >>> 16) != 0 || type == null || rank == 0) {
        throw new FileLayoutException(source + " is not an IDX file: its magic number is 0x"
            + String.format("%08x", magic) + ", expected 0x0000TTRR (TT an element type such as 08, RR >= 1 the"
            + " rank). Is it an MNIST-format images or labels file, complete and not decompressed twice?");
      }
      int[] dimensions = new int[rank];
      for (int i = 0; i < rank; i++) {
        dimensions[i] = in.readInt();
        if (dimensions[i] < 0) {
          throw new FileLayoutException(source + ": IDX dimension " + i + " is negative (" + dimensions[i] + ")");
        }
      }
      return new IdxHeader(type, dimensions);
    } catch (EOFException e) {
      throw new FileLayoutException(source + " ends inside its IDX header: the file is empty or truncated");
    }
  }

  @Override
  public int[] dimensions() {
    return dimensions.clone();
  }

  /** Number of records (the first dimension). */
  public int count() {
    return dimensions[0];
  }

  /** Elements per record: the product of the dimensions after the first (1 for a labels file). */
  public long recordElements() {
    long product = 1;
    for (int i = 1; i < dimensions.length; i++) {
      product *= dimensions[i];
    }
    return product;
  }

  /** The record shape, the dimensions after the first. */
  public int[] recordShape() {
    return Arrays.copyOfRange(dimensions, 1, dimensions.length);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof IdxHeader h && h.type == type && Arrays.equals(h.dimensions, dimensions);
  }

  @Override
  public int hashCode() {
    return 31 * type.hashCode() + Arrays.hashCode(dimensions);
  }

  @Override
  public String toString() {
    return "IdxHeader[" + type + " " + Arrays.toString(dimensions) + "]";
  }
}
