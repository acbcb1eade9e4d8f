package io.invstream.datasets.file;

import io.invstream.schemas.validation.RejectReason;
import static io.invstream.datasets.file.ReadResults.accepted;
import static io.invstream.datasets.file.ReadResults.features;
import static io.invstream.datasets.file.ReadResults.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invstream.schemas.Example;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxExampleReaderTest {

  @TempDir
  Path dir;

  private List<ReadResult> read(Path images, Path labels, IdxReadOptions options) throws IOException {
    return ReadResults.all(new IdxExampleReader(options).read(images, labels));
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void readsImagesAndLabelsPlainOrGzipWhateverTheirNames(boolean gzip) throws IOException {
    // The names say the opposite of the content: detection must look at the bytes.
    Path images = IdxFixtures.images(dir.resolve(gzip ? "images.idx" : "images.idx.gz"), 3, 2, 2, gzip);
    Path labels = IdxFixtures.labels(dir.resolve(gzip ? "labels.idx" : "labels.idx.gz"), new int[] {4, 0, 9}, gzip);

    List<ReadResult> results = read(images, labels, IdxReadOptions.of("mnist"));

    assertThat(results).hasSize(3);
    String name = images.getFileName().toString();
    assertThat(results).extracting(ReadResult::location).containsExactly(name + "[0]", name + "[1]", name + "[2]");
    Example second = accepted(results.get(1));
    assertThat(second.getEnvironment()).isEqualTo("mnist");
    assertThat(second.getId()).isEqualTo(name + "[1]");
    assertThat(second.getLabel()).isZero();
    assertThat(second.getEventTime()).isEqualTo(Instant.ofEpochMilli(1));
    assertThat(second.getMask()).isNull();
    assertThat(features(results.get(1))).containsExactly(7f, 8f, 9f, 10f);
    assertThat(accepted(results.get(2)).getLabel()).isEqualTo(9);
  }

  @Test
  void unitScaleDividesBy255() throws IOException {
    Path images = IdxFixtures.write(dir.resolve("i"), 0x08, new int[] {1, 1, 3}, new byte[] {0, (byte) 255, 51},
        false);
    Path labels = IdxFixtures.labels(dir.resolve("l"), new int[] {1}, false);

    List<ReadResult> results = read(images, labels, IdxReadOptions.of("e").withScale(PixelScale.UNIT));

    assertThat(features(results.get(0))).containsExactly(0f, 1f, 0.2f);
  }

  @Test
  void aTruncatedFileRejectsTheCutRecordAndEndsTheRead() throws IOException {
    Path images = IdxFixtures.write(dir.resolve("cut-images"), 0x08, new int[] {3, 2, 2}, new byte[10], false);
    Path labels = IdxFixtures.labels(dir.resolve("l"), new int[] {1, 2, 3}, false);

    List<ReadResult> results = read(images, labels, IdxReadOptions.of("e"));

    assertThat(results).hasSize(3);
    assertThat(results.get(1)).isInstanceOf(ReadResult.Accepted.class);
    ReadResult.Rejected cut = rejected(results.get(2));
    assertThat(cut.reason()).isEqualTo(RejectReason.MALFORMED);
    assertThat(cut.message()).isEqualTo("cut-images[2]: the images file ends inside this record; it is truncated"
        + " (its header promises 3 records)");
    assertThat(cut.rawText()).isNull();
  }

  @Test
  void floatImagesWithNaNAndSignedNegativeLabelsAreRejectedPerRecord() throws IOException {
    ByteBuffer pixels = ByteBuffer.allocate(3 * 2 * 4);
    pixels.putFloat(0.5f).putFloat(1f).putFloat(Float.NaN).putFloat(0f).putFloat(2f).putFloat(3f);
    Path images = IdxFixtures.write(dir.resolve("f"), 0x0D, new int[] {3, 2}, pixels.array(), false);
    Path labels = IdxFixtures.write(dir.resolve("l"), 0x09, new int[] {3}, new byte[] {1, 2, -1}, true);

    List<ReadResult> results = read(images, labels, IdxReadOptions.of("e"));

    assertThat(features(results.get(0))).containsExactly(0.5f, 1f);
    assertThat(rejected(results.get(1)).message()).isEqualTo("f[1]: pixel 0 is NaN");
    assertThat(rejected(results.get(1)).reason()).isEqualTo(RejectReason.NON_FINITE);
    assertThat(rejected(results.get(2)).message()).isEqualTo("f[2]: label -1 is negative");
  }

  @Test
  void filesOfDifferentLengthsAreALayoutError() throws IOException {
    Path images = IdxFixtures.images(dir.resolve("train-images"), 3, 2, 2, false);
    Path labels = IdxFixtures.labels(dir.resolve("t10k-labels"), new int[] {1, 2}, false);

    assertThatThrownBy(() -> read(images, labels, IdxReadOptions.of("e")))
        .isInstanceOf(FileLayoutException.class)
        .hasMessage("train-images has 3 records but t10k-labels has 2; pair files of the same split (train-* with"
            + " train-*, t10k-* with t10k-*)");
  }

  @Test
  void swappedFilesAreALayoutError() throws IOException {
    Path images = IdxFixtures.images(dir.resolve("images"), 2, 2, 2, false);
    Path labels = IdxFixtures.labels(dir.resolve("labels"), new int[] {1, 2}, false);

    assertThatThrownBy(() -> read(labels, images, IdxReadOptions.of("e")))
        .isInstanceOf(FileLayoutException.class)
        .hasMessageContaining("images is not an IDX labels file")
        .hasMessageContaining("Were the images and labels files swapped?");
  }

  @Test
  void aFileThatIsNotIdxIsALayoutError() throws IOException {
    Path text = Files.writeString(dir.resolve("notes.txt"), "hello world, not idx");
    Path labels = IdxFixtures.labels(dir.resolve("labels"), new int[] {1}, false);

    assertThatThrownBy(() -> read(text, labels, IdxReadOptions.of("e")))
        .isInstanceOf(FileLayoutException.class)
        .hasMessageStartingWith("notes.txt is not an IDX file: its magic number is 0x68656c6c");
  }

  @Test
  void anEmptyFileIsALayoutError() throws IOException {
    Path empty = Files.write(dir.resolve("empty"), new byte[0]);
    Path labels = IdxFixtures.labels(dir.resolve("labels"), new int[] {1}, false);

    assertThatThrownBy(() -> read(empty, labels, IdxReadOptions.of("e")))
        .isInstanceOf(FileLayoutException.class)
        .hasMessage("empty ends inside its IDX header: the file is empty or truncated");
  }

  @Test
  void labelledImagesLoadsAWholeSplit() throws IOException {
    Path images = IdxFixtures.images(dir.resolve("i.gz"), 2, 3, 2, true);
    Path labels = IdxFixtures.labels(dir.resolve("l"), new int[] {5, 200}, false);

    LabelledImages split = LabelledImages.read(images, labels, "train");

    assertThat(split.source()).isEqualTo("train");
    assertThat(split.count()).isEqualTo(2);
    assertThat(split.rows()).isEqualTo(3);
    assertThat(split.columns()).isEqualTo(2);
    assertThat(split.label(1)).isEqualTo(200);
    assertThat(split.pixel(1, 2, 1)).isEqualTo(7 + 5);
    assertThat(split.image(1, PixelScale.RAW)).containsExactly(7f, 8f, 9f, 10f, 11f, 12f);
  }

  @Test
  void labelledImagesRejectsATruncatedSplit() throws IOException {
    Path images = IdxFixtures.write(dir.resolve("i"), 0x08, new int[] {2, 2, 2}, new byte[7], false);
    Path labels = IdxFixtures.labels(dir.resolve("l"), new int[] {5, 6}, false);

    assertThatThrownBy(() -> LabelledImages.read(images, labels))
        .isInstanceOf(FileLayoutException.class)
        .hasMessageContaining("i is truncated: its header promises 8 bytes");
  }
}
