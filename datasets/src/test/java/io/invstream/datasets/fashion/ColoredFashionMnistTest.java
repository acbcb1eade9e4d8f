package io.invstream.datasets.fashion;

import static io.invstream.datasets.fashion.ImageExamples.features;
import static io.invstream.datasets.fashion.ImageExamples.sourceIndex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invstream.datasets.BenchmarkMetadata;
import io.invstream.datasets.ImageShape;
import io.invstream.datasets.file.LabelledImages;
import io.invstream.datasets.file.PixelScale;
import io.invstream.schemas.Example;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The protocol on fake images: which image goes where, and how it is coloured. */
class ColoredFashionMnistTest {

  private static final LabelledImages SPLIT = SyntheticSplits.of("train", 1200, 1);
  private static final ColoredFashionMnistConfig CONFIG = ColoredFashionMnistConfig.defaults(42)
      .withTrainingPoolSize(1000);
  private final ColoredFashionMnist data = new ColoredFashionMnist(SPLIT, CONFIG);

  @Test
  void metadataDescribesTwoChannelsOf14By14() {
    BenchmarkMetadata m = data.metadata();

    assertThat(m.featureCount()).isEqualTo(392);
    assertThat(m.imageShape()).isEqualTo(new ImageShape(2, 14, 14));
    assertThat(m.classNames()).containsExactly("clothing", "footwear");
    assertThat(m.trainingEnvironments()).containsExactly("train-1", "train-2");
    assertThat(m.testEnvironments()).containsExactly("test");
    assertThat(m.isTestEnvironment("test")).isTrue();
    assertThat(m.pixelScale()).isEqualTo(PixelScale.UNIT);
    assertThat(m.annotated()).isFalse();
  }

  @Test
  void thePoolIsSplitBetweenTrainingEnvironmentsAndTheRestIsTheTestEnvironmentWithoutBags() {
    List<Integer> train1 = indexes("train-1");
    List<Integer> train2 = indexes("train-2");
    List<Integer> test = indexes("test");
    List<Integer> expectedPool = IntStream.range(0, 1000).filter(i -> i % 10 != 8).boxed().toList();
    List<Integer> expectedTest = IntStream.range(1000, 1200).filter(i -> i % 10 != 8).boxed().toList();

    Set<Integer> pool = new HashSet<>(train1);
    pool.addAll(train2);
    assertThat(train1.size() + train2.size()).isEqualTo(expectedPool.size());
    assertThat(pool).containsExactlyInAnyOrderElementsOf(expectedPool);
    assertThat(Math.abs(train1.size() - train2.size())).isLessThanOrEqualTo(1);
    assertThat(train1).as("the pool is shuffled").isNotEqualTo(train1.stream().sorted().toList());
    assertThat(test).as("the test environment keeps file order").containsExactlyElementsOf(expectedTest);
    assertThat(data.size("test")).isEqualTo(expectedTest.size());
  }

  @Test
  void theImageIsStridedScaledAndPutInExactlyTheChannelOfItsColour() {
    for (String environment : data.metadata().environments()) {
      for (Example e : data.examples(environment)) {
        float[] f = features(e);
        boolean red = ImageExamples.anyNonZero(f, 0, 196);
        boolean green = ImageExamples.anyNonZero(f, 196, 196);
        assertThat(red ^ green).as("%s has exactly one coloured channel", e.getId()).isTrue();
        int channel = green ? 1 : 0;
        int i = sourceIndex(e);
        assertThat(f[channel * 196 + 3 * 14 + 5]).isEqualTo(PixelScale.UNIT.apply(SPLIT.pixel(i, 6, 10)));
        assertThat(f[channel * 196 + 13 * 14 + 13]).isEqualTo(PixelScale.UNIT.apply(SPLIT.pixel(i, 26, 26)));
      }
    }
  }

  @Test
  void averageDownsamplingMeansEach2By2Block() {
    ColoredFashionMnist averaged = new ColoredFashionMnist(SPLIT, CONFIG.withDownsampling(Downsampling.AVERAGE_2X2)
        .withPixelScale(PixelScale.RAW));
    Example e = averaged.examples("test").get(0);
    float[] f = features(e);
    int channel = ImageExamples.anyNonZero(f, 0, 196) ? 0 : 1;
    int i = sourceIndex(e);

    double mean = (SPLIT.pixel(i, 4, 2) + SPLIT.pixel(i, 4, 3) + SPLIT.pixel(i, 5, 2) + SPLIT.pixel(i, 5, 3)) / 4.0;
    assertThat(f[channel * 196 + 2 * 14 + 1]).isEqualTo((float) mean);
  }

  @Test
  void theSameSeedGivesTheSameExamplesAndAnotherSeedOthers() {
    ColoredFashionMnist same = new ColoredFashionMnist(SPLIT, CONFIG);
    ColoredFashionMnist other = new ColoredFashionMnist(SPLIT, new ColoredFashionMnistConfig(43,
        CONFIG.classSplit(), CONFIG.labelNoise(), CONFIG.trainingColourFlips(), CONFIG.testColourFlip(),
        CONFIG.trainingPoolSize(), CONFIG.downsampling(), CONFIG.pixelScale()));

    for (String environment : data.metadata().environments()) {
      assertThat(same.examples(environment)).isEqualTo(data.examples(environment));
      assertThat(other.examples(environment)).isNotEqualTo(data.examples(environment));
    }
  }

  @Test
  void moreTrainingEnvironmentsTakeTheirFlipsInOrder() {
    ColoredFashionMnist three = new ColoredFashionMnist(SPLIT,
        CONFIG.withTrainingColourFlips(List.of(0.0, 1.0, 0.0)));

    assertThat(three.metadata().trainingEnvironments()).containsExactly("train-1", "train-2", "train-3");
    assertThat(three.examples("train-2")).allSatisfy(e ->
        assertThat(colour(e)).as("flip 1.0: colour never equals label").isNotEqualTo(e.getLabel()));
    assertThat(three.examples("train-3")).allSatisfy(e -> assertThat(colour(e)).isEqualTo(e.getLabel()));
  }

  @Test
  void theFirstFiveVsLastFiveSplitKeepsEveryClass() {
    ColoredFashionMnist split = new ColoredFashionMnist(SPLIT, CONFIG.withClassSplit(
        BinaryClassSplit.FIRST_FIVE_VS_LAST_FIVE));

    assertThat(split.size("test")).isEqualTo(200);
    assertThat(BinaryClassSplit.FIRST_FIVE_VS_LAST_FIVE.binaryLabel(4)).isZero();
    assertThat(BinaryClassSplit.FIRST_FIVE_VS_LAST_FIVE.binaryLabel(5)).isOne();
    assertThat(BinaryClassSplit.FOOTWEAR_VS_CLOTHING.binaryLabel(6)).isZero();
    assertThat(BinaryClassSplit.FOOTWEAR_VS_CLOTHING.binaryLabel(7)).isOne();
    assertThat(BinaryClassSplit.FOOTWEAR_VS_CLOTHING.includes(8)).isFalse();
  }

  @Test
  void badSetupsFailWithTheReason() {
    assertThatThrownBy(() -> new ColoredFashionMnist(SPLIT, CONFIG.withTrainingPoolSize(1200)))
        .hasMessageContaining("trainingPoolSize 1200 leaves none of the 1200 images of train for the test");
    assertThatThrownBy(() -> CONFIG.withTrainingColourFlips(List.of(0.1, 1.5)))
        .hasMessageContaining("must be a probability in [0, 1], got 1.5");
    assertThatThrownBy(() -> data.stream("train-3"))
        .hasMessage("Unknown environment 'train-3' in colored-fashion-mnist; it has [train-1, train-2, test]");
    assertThatThrownBy(() -> new ColoredFashionMnist(new LabelledImages("x", 14, 14, new byte[196], new int[] {1}),
        CONFIG)).hasMessageContaining("14×14 images; Fashion-MNIST images are 28×28");
  }

  private List<Integer> indexes(String environment) {
    List<Integer> indexes = new ArrayList<>();
    data.stream(environment).forEach(e -> indexes.add(sourceIndex(e)));
    return indexes;
  }

  private static int colour(Example e) {
    return ImageExamples.anyNonZero(features(e), 0, 196) ? 0 : 1;
  }
}
