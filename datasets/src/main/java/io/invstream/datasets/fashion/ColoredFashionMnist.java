package io.invstream.datasets.fashion;

import io.invstream.datasets.BenchmarkDataset;
import io.invstream.datasets.BenchmarkMetadata;
import io.invstream.datasets.ImageShape;
import io.invstream.datasets.file.LabelledImages;
import io.invstream.schemas.Example;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Colored Fashion-MNIST: the IRM paper's Colored MNIST protocol (Arjovsky et al. 2019) applied to Fashion-MNIST. The
 * colour predicts the label better than the shape in training, and the correlation reverses in the test
 * environment, so a model that learnt colour fails there.
 *
 * <h2>Construction</h2>
 * Only the 60 000-image training file is used, as IRM uses only MNIST's training file:
 * <ol>
 *   <li><b>Which images go where.</b> Images with index {@code < trainingPoolSize} (default 50 000) whose class the
 *       {@link BinaryClassSplit} keeps form the training pool; the pool is shuffled (Fisher-Yates) and position
 *       {@code j} of the shuffled pool goes to training environment {@code j mod k}, {@code k} the number of
 *       training environments. Kept images with index {@code >= trainingPoolSize} form the test environment in file
 *       order. With the defaults (Bag left out) that is 22 484 + 22 484 training and 9 032 test images.</li>
 *   <li><b>Label.</b> The binary label of the class, flipped with probability {@code labelNoise} (0.25).</li>
 *   <li><b>Colour.</b> The noisy label, flipped with the environment's colour-flip probability: 0.1 for
 *       {@code train-1}, 0.2 for {@code train-2}, 0.9 for {@code test}. So colour agrees with the label 90 %, 80 % and
 *       10 % of the time; shape agrees 75 % everywhere.</li>
 *   <li><b>Image.</b> Downsampled to 14×14 ({@link Downsampling#STRIDE_2} by default, IRM's {@code [::2, ::2]}),
 *       scaled ({@code /255} by default) and put in channel {@code colour}: colour 0 is the first ("red") channel,
 *       colour 1 the second ("green"); the other channel is all zeros. Features are channel-major,
 *       2×14×14 = 392.</li>
 * </ol>
 * <b>Randomness.</b> {@code root = new SplittableRandom(seed)}; {@code root.split()} shuffles the pool; then one
 * {@code root.split()} per environment, in order {@code train-1 .. train-k, test}, draws per example, in the
 * environment's order, first the label flip then the colour flip ({@code nextDouble() < p}). Everything is drawn
 * when the data set is built, so streams are cheap and identical every time. IRM shuffles with numpy and sends even
 * positions to its p = 0.2 environment; that shuffle cannot be replayed here, so individual images land differently
 * from IRM's, while sizes and distributions match.
 *
 * <p>Examples carry id {@code train[<index in the training file>]}, event time = position in the environment in
 * milliseconds after the epoch, no mask and no weight.
 */
public final class ColoredFashionMnist implements BenchmarkDataset {

  /** The held-out environment, colour flipped with probability {@code testColourFlip}. */
  public static final String TEST = "test";

  private static final ImageShape SHAPE = new ImageShape(2, 14, 14);

  private final LabelledImages images;
  private final ColoredFashionMnistConfig config;
  private final Map<String, Members> environments = new LinkedHashMap<>();
  private final BenchmarkMetadata metadata;

  /** One environment: per position, the training-file index, the noisy label and the colour. */
  private record Members(int[] source, byte[] label, byte[] colour) {}

  /**
   * Builds the environments from Fashion-MNIST's training split.
   *
   * @param trainingSplit the 60 000 training images and labels, e.g. {@link FashionMnistFiles#training()}
   * @throws IllegalArgumentException if the images are not 28×28 with labels 0-9, or the training pool would leave
   *     no image for the test environment
   */
  public ColoredFashionMnist(LabelledImages trainingSplit, ColoredFashionMnistConfig config) {
    BenchmarkExamples.requireFashionMnist(trainingSplit);
    if (config.trainingPoolSize() >= trainingSplit.count()) {
      throw new IllegalArgumentException("trainingPoolSize " + config.trainingPoolSize() + " leaves none of the "
          + trainingSplit.count() + " images of " + trainingSplit.source() + " for the test environment");
    }
    this.images = trainingSplit;
    this.config = config;
    SplittableRandom root = new SplittableRandom(config.seed());
    int[] pool = shuffledPool(root.split());
    int k = config.trainingColourFlips().size();
    for (int e = 0; e < k; e++) {
      int environment = e;
      int[] members = IntStream.range(0, pool.length).filter(j -> j % k == environment).map(j -> pool[j]).toArray();
      environments.put(trainingEnvironment(e), draw(members, config.trainingColourFlips().get(e), root.split()));
    }
    int[] test = IntStream.range(config.trainingPoolSize(), images.count())
        .filter(i -> config.classSplit().includes(images.label(i))).toArray();
    environments.put(TEST, draw(test, config.testColourFlip(), root.split()));
    this.metadata = describe();
  }

  /** Loads the training split from {@code files} and builds the data set. */
  public static ColoredFashionMnist load(FashionMnistFiles files, ColoredFashionMnistConfig config)
      throws IOException {
    return new ColoredFashionMnist(files.training(), config);
  }

  /** The name of training environment {@code e} (0-based): {@code train-1}, {@code train-2}, ... */
  public static String trainingEnvironment(int e) {
    return "train-" + (e + 1);
  }

  public ColoredFashionMnistConfig config() {
    return config;
  }

  @Override
  public BenchmarkMetadata metadata() {
    return metadata;
  }

  @Override
  public Stream<Example> stream(String environment) {
    metadata.requireEnvironment(environment);
    Members members = environments.get(environment);
    return IntStream.range(0, members.source().length).mapToObj(p -> example(environment, members, p));
  }

  private int[] shuffledPool(SplittableRandom random) {
    int[] pool = IntStream.range(0, config.trainingPoolSize())
        .filter(i -> config.classSplit().includes(images.label(i))).toArray();
    for (int i = pool.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = pool[i];
      pool[i] = pool[j];
      pool[j] = swap;
    }
    return pool;
  }

  private Members draw(int[] source, double colourFlip, SplittableRandom random) {
    byte[] label = new byte[source.length];
    byte[] colour = new byte[source.length];
    for (int p = 0; p < source.length; p++) {
      int clean = config.classSplit().binaryLabel(images.label(source[p]));
      label[p] = (byte) (clean ^ (random.nextDouble() < config.labelNoise() ? 1 : 0));
      colour[p] = (byte) (label[p] ^ (random.nextDouble() < colourFlip ? 1 : 0));
    }
    return new Members(source, label, colour);
  }

  private Example example(String environment, Members members, int position) {
    int source = members.source()[position];
    int colour = members.colour()[position];
    float[] features = new float[SHAPE.featureCount()];
    for (int row = 0; row < SHAPE.height(); row++) {
      for (int column = 0; column < SHAPE.width(); column++) {
        double raw = config.downsampling().sample(images, source, row, column);
        features[SHAPE.index(colour, row, column)] = config.pixelScale().apply(raw);
      }
    }
    return BenchmarkExamples.of(environment, images, source, position, features, members.label()[position], null);
  }

  private BenchmarkMetadata describe() {
    List<String> training = new ArrayList<>(environments.keySet());
    training.remove(TEST);
    Map<String, Integer> sizes = new LinkedHashMap<>();
    environments.forEach((name, members) -> sizes.put(name, members.source().length));
    return new BenchmarkMetadata("colored-fashion-mnist", SHAPE.featureCount(), config.classSplit().labelNames(),
        SHAPE, config.pixelScale(), false, training, List.of(TEST), sizes);
  }
}
