package io.invstream.datasets.fashion;

import io.invstream.datasets.BenchmarkDataset;
import io.invstream.datasets.BenchmarkMetadata;
import io.invstream.datasets.ImageShape;
import io.invstream.datasets.file.LabelledImages;
import io.invstream.schemas.Example;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Decoy Fashion-MNIST: the Decoy MNIST protocol of Ross et al. ("Right for the Right Reasons", IJCAI 2017; dtak/rrr
 * {@code rrr/decoy_mnist.py}) applied to Fashion-MNIST. A grey swatch in a corner gives the class away in training
 * and means nothing in test; the annotation mask marks the swatch, so a model penalised for relying on masked
 * features (RRR) learns the clothes instead.
 *
 * <h2>Construction</h2>
 * <ul>
 *   <li><b>Environments.</b> {@code train}: the 60 000 images of the training file, in file order. {@code test}: the
 *       10 000 images of the test ({@code t10k}) file, in file order. There is one training environment because the
 *       decoy is the same in every part of the training data: splitting it (by corner, say) would give environments
 *       that agree on the decoy, so invariance across them could not expose it. The annotation does that job.</li>
 *   <li><b>Swatch.</b> A 4×4 square in one corner (rows 0-3 or 24-27, columns 0-3 or 24-27; top/bottom and
 *       left/right each chosen with probability ½), overwriting the image's pixels. Its shade is
 *       {@code 255 − 25·label} (255 for class 0 down to 30 for class 9) in {@code train}, and
 *       {@code 255 − 25·d} for a class {@code d} drawn uniformly from 0-9 per image in {@code test} (so it matches
 *       the true class 10 % of the time).</li>
 *   <li><b>Mask.</b> 1 on the 16 swatch pixels, 0 elsewhere: the features the model must not rely on.</li>
 *   <li><b>Features.</b> 28×28 = 784, row-major, one channel; raw 0-255 by default (the shade scales with the
 *       pixels). Labels are the ten Fashion-MNIST classes.</li>
 * </ul>
 * <b>Randomness.</b> {@code root = new SplittableRandom(seed)}; the first {@code root.split()} draws the training
 * swatches, the second the test swatches; per image, in file order, the test draws the shade class
 * ({@code nextInt(10)}) first, then each environment draws top-or-bottom and left-or-right ({@code nextBoolean()}).
 *
 * <p>Examples carry id {@code train[i]} or {@code t10k[i]} (index in the file), event time = position in
 * milliseconds after the epoch, and no weight. {@link PlainFashionMnist} is the same data without decoys.
 */
public final class DecoyFashionMnist implements BenchmarkDataset {

  public static final String TRAIN = "train";
  public static final String TEST = "test";
  /** Side of the swatch in pixels. */
  public static final int SWATCH = 4;

  private static final ImageShape SHAPE = new ImageShape(1, 28, 28);

  private final LabelledImages training;
  private final LabelledImages test;
  private final DecoyFashionMnistConfig config;
  private final Swatches trainingSwatches;
  private final Swatches testSwatches;
  private final BenchmarkMetadata metadata;

  /** Per image: the corner (bit 0 = bottom, bit 1 = right) and the class whose shade the swatch has. */
  private record Swatches(byte[] corner, byte[] shadeClass) {}

  /**
   * @param trainingSplit Fashion-MNIST's training images, e.g. {@link FashionMnistFiles#training()}
   * @param testSplit Fashion-MNIST's test images, e.g. {@link FashionMnistFiles#test()}
   * @throws IllegalArgumentException if the images are not 28×28 with labels 0-9
   */
  public DecoyFashionMnist(LabelledImages trainingSplit, LabelledImages testSplit, DecoyFashionMnistConfig config) {
    BenchmarkExamples.requireFashionMnist(trainingSplit);
    BenchmarkExamples.requireFashionMnist(testSplit);
    this.training = trainingSplit;
    this.test = testSplit;
    this.config = config;
    SplittableRandom root = new SplittableRandom(config.seed());
    this.trainingSwatches = draw(trainingSplit, false, root.split());
    this.testSwatches = draw(testSplit, true, root.split());
    this.metadata = new BenchmarkMetadata("decoy-fashion-mnist", SHAPE.featureCount(),
        FashionMnistClass.displayNames(), SHAPE, config.pixelScale(), true, List.of(TRAIN), List.of(TEST),
        Map.of(TRAIN, trainingSplit.count(), TEST, testSplit.count()));
  }

  /** Loads both splits from {@code files} and builds the data set. */
  public static DecoyFashionMnist load(FashionMnistFiles files, DecoyFashionMnistConfig config) throws IOException {
    return new DecoyFashionMnist(files.training(), files.test(), config);
  }

  /** The swatch's raw shade for a class: {@code 255 − 25·class}. */
  public static int shade(int fashionClass) {
    return 255 - 25 * fashionClass;
  }

  public DecoyFashionMnistConfig config() {
    return config;
  }

  @Override
  public BenchmarkMetadata metadata() {
    return metadata;
  }

  @Override
  public Stream<Example> stream(String environment) {
    metadata.requireEnvironment(environment);
    LabelledImages images = environment.equals(TRAIN) ? training : test;
    Swatches swatches = environment.equals(TRAIN) ? trainingSwatches : testSwatches;
    return IntStream.range(0, images.count()).mapToObj(i -> example(environment, images, swatches, i));
  }

  private static Swatches draw(LabelledImages images, boolean randomShade, SplittableRandom random) {
    byte[] corner = new byte[images.count()];
    byte[] shadeClass = new byte[images.count()];
    for (int i = 0; i < images.count(); i++) {
      shadeClass[i] = (byte) (randomShade ? random.nextInt(10) : images.label(i));
      boolean bottom = random.nextBoolean();
      boolean right = random.nextBoolean();
      corner[i] = (byte) ((bottom ? 1 : 0) | (right ? 2 : 0));
    }
    return new Swatches(corner, shadeClass);
  }

  private Example example(String environment, LabelledImages images, Swatches swatches, int i) {
    float[] features = images.image(i, config.pixelScale());
    float[] mask = new float[features.length];
    int top = (swatches.corner()[i] & 1) == 0 ? 0 : SHAPE.height() - SWATCH;
    int left = (swatches.corner()[i] & 2) == 0 ? 0 : SHAPE.width() - SWATCH;
    float shade = config.pixelScale().apply(shade(swatches.shadeClass()[i]));
    for (int row = top; row < top + SWATCH; row++) {
      for (int column = left; column < left + SWATCH; column++) {
        features[SHAPE.index(0, row, column)] = shade;
        mask[SHAPE.index(0, row, column)] = 1f;
      }
    }
    return BenchmarkExamples.of(environment, images, i, i, features, images.label(i), mask);
  }
}
