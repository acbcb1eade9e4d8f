package io.invstream.datasets.fashion;

import static io.invstream.datasets.fashion.ImageExamples.features;
import static io.invstream.datasets.fashion.ImageExamples.sourceIndex;
import static io.invstream.datasets.fashion.ImageExamples.tolerance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.invstream.datasets.file.LabelledImages;
import io.invstream.schemas.Example;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The IRM protocol's statistics on the real Fashion-MNIST files; skipped when they are not installed. */
class ColoredFashionMnistStatisticsTest {

  private static ColoredFashionMnist built;
  private LabelledImages training;
  private ColoredFashionMnist data;

  /** Built once, but inside each test so that missing files skip each test visibly rather than the class silently. */
  @BeforeEach
  void build() {
    training = InstalledFashionMnist.training();
    synchronized (ColoredFashionMnistStatisticsTest.class) {
      if (built == null) {
        built = new ColoredFashionMnist(training, ColoredFashionMnistConfig.defaults(2019));
      }
      data = built;
    }
  }

  @ParameterizedTest
  @CsvSource({"train-1, 22484, 0.9", "train-2, 22484, 0.8", "test, 9032, 0.1"})
  void labelNoiseAndColourAgreementMatchTheProtocol(String environment, int size, double colourAgreement) {
    List<Example> examples = data.examples(environment);
    int noisy = 0;
    int agreeing = 0;
    for (Example e : examples) {
      int clean = BinaryClassSplit.FOOTWEAR_VS_CLOTHING.binaryLabel(training.label(sourceIndex(e)));
      noisy += e.getLabel() != clean ? 1 : 0;
      agreeing += colour(e) == e.getLabel() ? 1 : 0;
    }

    assertThat(examples).hasSize(size);
    assertThat(noisy / (double) size).as("label noise").isCloseTo(0.25, within(tolerance(0.25, size)));
    assertThat(agreeing / (double) size).as("colour-label agreement")
        .isCloseTo(colourAgreement, within(tolerance(colourAgreement, size)));
  }

  @ParameterizedTest
  @CsvSource({"train-1", "train-2", "test"})
  void everyImageHas392FeaturesWithExactlyOneChannelLit(String environment) {
    data.stream(environment).forEach(e -> {
      float[] f = features(e);
      float min = Float.POSITIVE_INFINITY;
      float max = Float.NEGATIVE_INFINITY;
      for (float v : f) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      boolean oneChannel = ImageExamples.anyNonZero(f, 0, 196) ^ ImageExamples.anyNonZero(f, 196, 196);
      assertThat(f.length == 392 && oneChannel && min >= 0 && max <= 1)
          .as("%s: 392 features in [0, 1] (%s..%s), exactly one channel lit", e.getId(), min, max).isTrue();
    });
  }

  @ParameterizedTest
  @CsvSource({"train-1, 0, 50000", "train-2, 0, 50000", "test, 50000, 60000"})
  void imagesComeFromTheDocumentedIndexRangeAndBagsAreLeftOut(String environment, int from, int to) {
    for (Example e : data.examples(environment)) {
      int i = sourceIndex(e);
      assertThat(i).isBetween(from, to - 1);
      assertThat(training.label(i)).isNotEqualTo(FashionMnistClass.BAG.ordinal());
    }
  }

  @ParameterizedTest
  @CsvSource({"train-1", "test"})
  void footwearIsAThirdOfTheKeptImages(String environment) {
    List<Example> examples = data.examples(environment);
    long footwear = examples.stream()
        .filter(e -> BinaryClassSplit.FOOTWEAR_VS_CLOTHING.binaryLabel(training.label(sourceIndex(e))) == 1).count();

    assertThat(footwear / (double) examples.size()).isCloseTo(1 / 3.0, within(0.02));
  }

  private static int colour(Example e) {
    return ImageExamples.anyNonZero(features(e), 0, 196) ? 0 : 1;
  }
}
