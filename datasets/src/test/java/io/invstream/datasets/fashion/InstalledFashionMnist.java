package io.invstream.datasets.fashion;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.invstream.datasets.file.LabelledImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The real Fashion-MNIST files, loaded once per test JVM. Tests that need them call {@link #training()} or
 * {@link #test()}, which skip the test with a clear message when the files are not installed. The system property
 * {@value #DIRECTORY_PROPERTY} points the tests at another directory ({@code -Dinvstream.fashionMnist.dir=...}).
 */
final class InstalledFashionMnist {

  static final String DIRECTORY_PROPERTY = "invstream.fashionMnist.dir";

  private static final FashionMnistFiles FILES = new FashionMnistFiles(
      Path.of(System.getProperty(DIRECTORY_PROPERTY, FashionMnistFiles.DEFAULT_DIRECTORY.toString())));
  private static LabelledImages training;
  private static LabelledImages test;

  private InstalledFashionMnist() {}

  static synchronized LabelledImages training() {
    assumeInstalled();
    if (training == null) {
      training = load(true);
    }
    return training;
  }

  static synchronized LabelledImages test() {
    assumeInstalled();
    if (test == null) {
      test = load(false);
    }
    return test;
  }

  private static void assumeInstalled() {
    assumeTrue(FILES.present(), "Fashion-MNIST is not installed in " + FILES.directory() + "; run 'apt-get install"
        + " dataset-fashion-mnist', or set -D" + DIRECTORY_PROPERTY + " to the directory that holds it, to run the"
        + " tests on the real data");
  }

  private static LabelledImages load(boolean trainingSplit) {
    try {
      return trainingSplit ? FILES.training() : FILES.test();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
