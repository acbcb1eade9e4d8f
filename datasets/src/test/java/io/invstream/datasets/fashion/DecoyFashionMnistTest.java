package io.invstream.datasets.fashion;

import static io.invstream.datasets.fashion.ImageExamples.features;
import static io.invstream.datasets.fashion.ImageExamples.mask;
import static io.invstream.datasets.fashion.ImageExamples.sourceIndex;
import static io.invstream.datasets.fashion.ImageExamples.tolerance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.invstream.datasets.BenchmarkMetadata;
import io.invstream.datasets.ImageShape;
import io.invstream.datasets.file.LabelledImages;
import io.invstream.datasets.file.PixelScale;
import io.invstream.schemas.Example;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Decoy protocol, on fake images (always) and on the real files (when installed). */
class DecoyFashionMnistTest {

  private static final LabelledImages FAKE_TRAIN = SyntheticSplits.of("train", 400, 3);
  private static final LabelledImages FAKE_TEST = SyntheticSplits.of("t10k", 300, 4);

  /** Where an example's swatch is, read back from its mask. */
  private record Swatch(int top, int left, int corner) {}

  @Test
  void metadataDescribesOneChannelOf28By28WithMasks() {
    BenchmarkMetadata m = new DecoyFashionMnist(FAKE_TRAIN, FAKE_TEST, DecoyFashionMnistConfig.defaults(1))
        .metadata();

    assertThat(m.featureCount()).isEqualTo(784);
    assertThat(m.imageShape()).isEqualTo(new ImageShape(1, 28, 28));
    assertThat(m.classCount()).isEqualTo(10);
    assertThat(m.classNames()).startsWith("T-shirt/top", "Trouser");
    assertThat(m.environments()).containsExactly("train", "test");
    assertThat(m.testEnvironments()).containsExactly("test");
    assertThat(m.annotated()).isTrue();
    assertThat(m.pixelScale()).isEqualTo(PixelScale.RAW);
    assertThat(m.environmentSizes()).containsEntry("train", 400).containsEntry("test", 300);
  }

  @Test
  void trainingSwatchesHaveTheLabelsShadeAndTheMaskMarksExactlyThem() {
    DecoyFashionMnist data = new DecoyFashionMnist(FAKE_TRAIN, FAKE_TEST, DecoyFashionMnistConfig.defaults(1));

    for (Example e : data.examples("train")) {
      Swatch swatch = swatch(e);
      assertThat(shadeClass(e, swatch)).as("%s shade", e.getId()).isEqualTo(e.getLabel());
      assertUntouchedOutside(e, swatch, FAKE_TRAIN, PixelScale.RAW);
    }
  }

  @Test
  void testSwatchesHaveTheShadeOfSomeClassAndMostlyNotTheLabels() {
    DecoyFashionMnist data = new DecoyFashionMnist(FAKE_TRAIN, FAKE_TEST, DecoyFashionMnistConfig.defaults(1));

    long matching = data.stream("test").filter(e -> shadeClass(e, swatch(e)) == e.getLabel()).count();
    data.stream("test").forEach(e -> assertUntouchedOutside(e, swatch(e), FAKE_TEST, PixelScale.RAW));

    assertThat(matching / 300.0).isCloseTo(0.1, within(tolerance(0.1, 300)));
  }

  @Test
  void unitScaleScalesTheShadeToo() {
    DecoyFashionMnist data = new DecoyFashionMnist(FAKE_TRAIN, FAKE_TEST,
        DecoyFashionMnistConfig.defaults(1).withPixelScale(PixelScale.UNIT));

    Example e = data.examples("train").get(3);
    Swatch swatch = swatch(e);
    assertThat(features(e)[swatch.top() * 28 + swatch.left()]).isEqualTo((float) (DecoyFashionMnist.shade(3) / 255.0));
    assertUntouchedOutside(e, swatch, FAKE_TRAIN, PixelScale.UNIT);
  }

  @Test
  void theSameSeedGivesTheSameExamplesAndAnotherSeedOthers() {
    DecoyFashionMnist a = new DecoyFashionMnist(FAKE_TRAIN, FAKE_TEST, DecoyFashionMnistConfig.defaults(7));
    DecoyFashionMnist b = new DecoyFashionMnist(FAKE_TRAIN, FAKE_TEST, DecoyFashionMnistConfig.defaults(7));
    DecoyFashionMnist c = new DecoyFashionMnist(FAKE_TRAIN, FAKE_TEST, DecoyFashionMnistConfig.defaults(8));

    for (String environment : List.of("train", "test")) {
      assertThat(b.examples(environment)).isEqualTo(a.examples(environment));
      assertThat(c.examples(environment)).isNotEqualTo(a.examples(environment));
    }
  }

  @Test
  void onTheRealFilesCornersAreUniformAndTheShadeGivesTheClassAwayOnlyInTraining() {
    LabelledImages train = InstalledFashionMnist.training();
    LabelledImages test = InstalledFashionMnist.test();
    DecoyFashionMnist data = new DecoyFashionMnist(train, test, DecoyFashionMnistConfig.defaults(2017));

    int[] trainCorners = new int[4];
    data.stream("train").forEach(e -> {
      Swatch swatch = swatch(e);
      trainCorners[swatch.corner()]++;
      if (shadeClass(e, swatch) != e.getLabel()) {
        assertThat(shadeClass(e, swatch)).as("%s shade", e.getId()).isEqualTo(e.getLabel());
      }
    });
    int[] testCorners = new int[4];
    int[] testShades = new int[10];
    int[] matching = new int[1];
    data.stream("test").forEach(e -> {
      Swatch swatch = swatch(e);
      testCorners[swatch.corner()]++;
      int shade = shadeClass(e, swatch);
      testShades[shade]++;
      matching[0] += shade == e.getLabel() ? 1 : 0;
      assertUntouchedOutside(e, swatch, test, PixelScale.RAW);
    });

    assertFrequencies(trainCorners, 0.25, 60_000);
    assertFrequencies(testCorners, 0.25, 10_000);
    assertFrequencies(testShades, 0.1, 10_000);
    assertThat(matching[0] / 10_000.0).isCloseTo(0.1, within(tolerance(0.1, 10_000)));
  }

  @Test
  void onTheRealFilesTheSeedFixesEverySwatch() {
    LabelledImages train = InstalledFashionMnist.training();
    LabelledImages test = InstalledFashionMnist.test();
    DecoyFashionMnist a = new DecoyFashionMnist(train, test, DecoyFashionMnistConfig.defaults(5));
    DecoyFashionMnist b = new DecoyFashionMnist(train, test, DecoyFashionMnistConfig.defaults(5));

    assertThat(b.stream("test").limit(2000).toList()).isEqualTo(a.stream("test").limit(2000).toList());
    assertThat(b.stream("train").skip(58_000).toList()).isEqualTo(a.stream("train").skip(58_000).toList());
  }

  /**
   * Reads the swatch from the mask, checking the mask is exactly one 4×4 corner block of ones (checked with plain
   * loops and one assertion per example: the real-data tests look at 70 000 × 784 pixels).
   */
  private static Swatch swatch(Example e) {
    float[] mask = mask(e);
    int marked = 0;
    int top = 28;
    int left = 28;
    boolean binary = true;
    for (int k = 0; k < mask.length; k++) {
      binary &= mask[k] == 0f || mask[k] == 1f;
      if (mask[k] != 0f) {
        marked++;
        top = Math.min(top, k / 28);
        left = Math.min(left, k % 28);
      }
    }
    boolean block = (top == 0 || top == 24) && (left == 0 || left == 24);
    for (int row = top; block && row < top + 4; row++) {
      for (int column = left; column < left + 4; column++) {
        block &= mask[row * 28 + column] == 1f;
      }
    }
    assertThat(mask.length == 784 && binary && marked == 16 && block)
        .as("%s's mask is one 4×4 block of ones in a corner (top %d, left %d, %d marked)", e.getId(), top, left,
            marked).isTrue();
    return new Swatch(top, left, (top == 0 ? 0 : 1) | (left == 0 ? 0 : 2));
  }

  /** The class whose raw shade fills the swatch, checking it is uniform and one of the ten shades. */
  private static int shadeClass(Example e, Swatch swatch) {
    float[] f = features(e);
    float shade = f[swatch.top() * 28 + swatch.left()];
    boolean uniform = true;
    for (int row = swatch.top(); row < swatch.top() + 4; row++) {
      for (int column = swatch.left(); column < swatch.left() + 4; column++) {
        uniform &= f[row * 28 + column] == shade;
      }
    }
    int shadeClass = Math.round((255 - shade) / 25);
    assertThat(uniform && shadeClass >= 0 && shadeClass <= 9 && shade == DecoyFashionMnist.shade(shadeClass))
        .as("%s's swatch has one shade 255 - 25k, k in 0-9 (found %s)", e.getId(), shade).isTrue();
    return shadeClass;
  }

  private static void assertUntouchedOutside(Example e, Swatch swatch, LabelledImages images, PixelScale scale) {
    float[] f = features(e);
    int i = sourceIndex(e);
    for (int k = 0; k < 784; k++) {
      int row = k / 28;
      int column = k % 28;
      boolean inSwatch = row >= swatch.top() && row < swatch.top() + 4 && column >= swatch.left()
          && column < swatch.left() + 4;
      float expected = scale.apply(images.pixel(i, row, column));
      if (!inSwatch && f[k] != expected) {
        assertThat(f[k]).as("%s pixel %d outside the swatch", e.getId(), k).isEqualTo(expected);
      }
    }
  }

  private static void assertFrequencies(int[] counts, double p, int n) {
    for (int count : counts) {
      assertThat(count / (double) n).isCloseTo(p, within(tolerance(p, n)));
    }
  }
}
