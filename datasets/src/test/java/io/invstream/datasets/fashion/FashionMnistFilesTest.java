package io.invstream.datasets.fashion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invstream.datasets.file.LabelledImages;
import java.io.DataOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistFilesTest {

  @TempDir
  Path dir;

  @Test
  void aMissingDirectorySaysHowToInstallTheData() {
    FashionMnistFiles files = new FashionMnistFiles(dir.resolve("nowhere"));

    assertThat(files.present()).isFalse();
    assertThatThrownBy(files::training)
        .isInstanceOf(FileNotFoundException.class)
        .hasMessageContaining("train-images-idx3-ubyte[.gz] cannot be found because the directory")
        .hasMessageContaining("apt-get install dataset-fashion-mnist")
        .hasMessageContaining("new FashionMnistFiles(directory)");
  }

  @Test
  void aMissingFileIsNamed() throws IOException {
    write("train-images-idx3-ubyte", new int[] {1, 2, 2}, false);

    assertThatThrownBy(() -> new FashionMnistFiles(dir).training())
        .hasMessageContaining("train-labels-idx1-ubyte[.gz] is not in " + dir);
  }

  @Test
  void filesAreFoundPlainOrGzipped() throws IOException {
    write("train-images-idx3-ubyte", new int[] {1, 2, 2}, false);
    write("train-labels-idx1-ubyte.gz", new int[] {1}, true);
    write("t10k-images-idx3-ubyte.gz", new int[] {1, 2, 2}, true);
    write("t10k-labels-idx1-ubyte", new int[] {1}, false);
    FashionMnistFiles files = new FashionMnistFiles(dir);

    LabelledImages training = files.training();

    assertThat(files.present()).isTrue();
    assertThat(training.source()).isEqualTo("train");
    assertThat(training.count()).isEqualTo(1);
    assertThat(files.test().source()).isEqualTo("t10k");
  }

  private void write(String name, int[] dims, boolean gzip) throws IOException {
    long body = 1;
    for (int d : dims) {
      body *= d;
    }
    try (OutputStream raw = Files.newOutputStream(dir.resolve(name));
        DataOutputStream out = new DataOutputStream(gzip ? new GZIPOutputStream(raw) : raw)) {
      out.writeInt(0x0800 | dims.length);
      for (int d : dims) {
        out.writeInt(d);
      }
      out.write(new byte[(int) body]);
    }
  }
}
