package io.invstream.datasets.fashion;

import io.invstream.datasets.file.LabelledImages;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the four Fashion-MNIST IDX files are: {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}, each either as named or with {@code .gz}
 * appended (the Debian package {@code dataset-fashion-mnist} installs the {@code .gz} ones in
 * {@link #DEFAULT_DIRECTORY}).
 *
 * @param directory the directory that holds the files
 */
public record FashionMnistFiles(Path directory) {

  /** Where {@code apt-get install dataset-fashion-mnist} puts the files. */
  public static final Path DEFAULT_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

  private static final List<String> NAMES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
      "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

  public FashionMnistFiles {
    if (directory == null) {
      throw new IllegalArgumentException("directory must not be null; use FashionMnistFiles.installed() for "
          + DEFAULT_DIRECTORY);
    }
  }

  /** The files where the Debian package installs them. */
  public static FashionMnistFiles installed() {
    return new FashionMnistFiles(DEFAULT_DIRECTORY);
  }

  /** Whether all four files are there (each plain or gzip). */
  public boolean present() {
    return NAMES.stream().allMatch(name -> find(name) != null);
  }

  /**
   * The 60 000 training images and labels, named {@code train} in example ids.
   *
   * @throws FileNotFoundException saying how to install the data, if a file is missing
   */
  public LabelledImages training() throws IOException {
    return LabelledImages.read(require(NAMES.get(0)), require(NAMES.get(1)), "train");
  }

  /**
   * The 10 000 test images and labels, named {@code t10k} in example ids.
   *
   * @throws FileNotFoundException saying how to install the data, if a file is missing
   */
  public LabelledImages test() throws IOException {
    return LabelledImages.read(require(NAMES.get(2)), require(NAMES.get(3)), "t10k");
  }

  private Path require(String name) throws FileNotFoundException {
    Path file = find(name);
    if (file == null) {
      String where = Files.isDirectory(directory) ? "is not in " + directory
          : "cannot be found because the directory " + directory + " does not exist";
      throw new FileNotFoundException("Fashion-MNIST file " + name + "[.gz] " + where + ". Install the data with"
          + " 'apt-get install dataset-fashion-mnist' (it fills " + DEFAULT_DIRECTORY + "), or pass the directory"
          + " that holds " + String.join(", ", NAMES) + " (each optionally .gz) as new FashionMnistFiles(directory).");
    }
    return file;
  }

  private Path find(String name) {
    for (Path candidate : List.of(directory.resolve(name), directory.resolve(name + ".gz"))) {
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
