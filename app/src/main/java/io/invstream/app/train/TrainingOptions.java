package io.invstream.app.train;

import io.invstream.trainer.algorithm.AlgorithmRegistry;
import io.invstream.trainer.algorithm.InvariantAlgorithm;
import io.invstream.trainer.hparam.Hyperparameters;
import io.invstream.trainer.model.ModelSpec;
import io.invstream.trainer.optim.AdamConfig;
import io.invstream.trainer.optim.GlobalNormClipping;
import io.invstream.trainer.optim.OptimizerConfig;
import io.invstream.trainer.optim.SgdConfig;
import io.invstream.trainer.session.ModelSpecs;
import io.invstream.trainer.session.SessionConfig;
import io.invstream.trainer.session.TrainingSession;
import io.invstream.trainer.step.Trainer;
import io.invstream.trainer.step.TrainerConfig;
import io.invstream.trainer.tensor.BackendChoice;
import io.invstream.trainer.tensor.Device;
import io.invstream.trainer.tensor.TensorBackend;
import io.invstream.trainer.tensor.TensorBackends;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import picocli.CommandLine.Option;

/** Device, model, optimiser and algorithm choices shared by {@code train}, {@code demo} and {@code replay}. */
public final class TrainingOptions {

  @Option(names = "--device", defaultValue = "cpu",
      description = "Where the tensor math runs: cpu, cuda (fails with the reason when no GPU is usable) or auto (the GPU "
          + "when one is usable, else the CPU); the choice and its reason are printed. The CUDA backend needs the Java 22+ "
          + "build, see docs/gpu.md (default: ${DEFAULT-VALUE}).")
  public String device;

  private BackendChoice backendChoice;

  @Option(names = "--algorithm", defaultValue = "andmask",
      description = "erm, andmask, sandmask, fishr, irm, vrex, fish, coral, dann, rrr, rrr-ensemble (default: ${DEFAULT-VALUE}).")
  public String algorithm;

  @Option(names = "--hp", paramLabel = "KEY=VALUE", description = "Algorithm hyperparameter, e.g. --hp tau=0.8; repeatable.")
  public List<String> hyperparameters = new ArrayList<>();

  @Option(names = "--model", defaultValue = "mlp", description = "logistic, mlp or cnn (default: ${DEFAULT-VALUE}).")
  public String model;

  @Option(names = "--hidden", split = ",", defaultValue = "256,256", description = "MLP hidden widths (default: ${DEFAULT-VALUE}).")
  public List<Integer> hidden;

  @Option(names = "--classes", defaultValue = "2", description = "Number of classes (default: ${DEFAULT-VALUE}).")
  public int classes;

  @Option(names = "--image-shape", paramLabel = "CxHxW", description = "Input image shape for the CNN, e.g. 1x28x28.")
  public String imageShape;

  @Option(names = "--optimizer", defaultValue = "adam", description = "adam or sgd (default: ${DEFAULT-VALUE}).")
  public String optimizer;

  @Option(names = "--lr", description = "Learning rate (default: 0.001; demo: 0.01).")
  public Double learningRate;

  /** Learning rate used when {@code --lr} is not given; commands with another default set it before building. */
  public double defaultLearningRate = 0.001;

  @Option(names = "--weight-decay", defaultValue = "0.0001", description = "L2 weight decay (default: ${DEFAULT-VALUE}).")
  public double weightDecay;

  @Option(names = "--momentum", defaultValue = "0.9", description = "SGD momentum (default: ${DEFAULT-VALUE}).")
  public double momentum;

  @Option(names = "--clip-norm", defaultValue = "0", description = "Clip the update's global norm; 0 = off (default: ${DEFAULT-VALUE}).")
  public double clipNorm;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of initialisation and of every random choice (default: ${DEFAULT-VALUE}).")
  public long seed;

  @Option(names = "--test-env", paramLabel = "NAME", description = "Held-out environment: evaluated, never trained on; repeatable.")
  public List<String> testEnvironments = new ArrayList<>();

  @Option(names = "--model-name", defaultValue = "default", description = "Name models are published under (default: ${DEFAULT-VALUE}).")
  public String modelName;

  @Option(names = "--accuracy-window", defaultValue = "50", description = "Steps over which reported accuracies are averaged (default: ${DEFAULT-VALUE}).")
  public int accuracyWindow;

  /** A session for inputs of the given width, on the {@code --device} backend. */
  public TrainingSession session(int inputs) {
    return session(backend(), inputs);
  }

  /**
   * The {@code --device} backend, opened on first use and shared by every session of this command
   * (a restarted or rolled-back session reuses it); its choice and reason go to standard error.
   */
  public synchronized TensorBackend backend() {
    if (backendChoice == null) {
      backendChoice = TensorBackends.choose(Device.parse(device));
      System.err.println(backendChoice.reason());
    }
    return backendChoice.backend();
  }

  /** A session for inputs of the given width on {@code backend}. */
  public TrainingSession session(TensorBackend backend, int inputs) {
    SplittableRandom random = new SplittableRandom(seed);
    ModelSpec spec = ModelSpecs.of(model, inputs, hidden, classes, parseImageShape());
    Map<String, String> overrides = Hyperparameters.parsePairs(hyperparameters);
    InvariantAlgorithm chosen = AlgorithmRegistry.standard().create(algorithm, overrides, random.split());
    Trainer trainer = Trainer.create(backend, spec, optimizerConfig(), chosen,
        new TrainerConfig(clipNorm > 0 ? new GlobalNormClipping(clipNorm) : GlobalNormClipping.NONE), random);
    return new TrainingSession(trainer, new SessionConfig(modelName, algorithm, Set.copyOf(testEnvironments), accuracyWindow));
  }

  /**
   * The synthetic demo's defaults where the user gave none (learning rate 0.01, the held-out
   * environment {@code test-00}), shared by {@code demo} and {@code bench e2e}, which run the same
   * pipeline.
   */
  public void useDemoDefaults() {
    defaultLearningRate = 0.01;
    if (testEnvironments.isEmpty()) {
      testEnvironments.add("test-00");
    }
  }

  /**
   * Fails fast on an unknown algorithm, hyperparameter or device, and opens the device (so that
   * {@code --device cuda} without a usable GPU fails before any broker work starts).
   */
  public void validate() {
    Map<String, String> overrides = Hyperparameters.parsePairs(hyperparameters);
    AlgorithmRegistry.standard().create(algorithm, overrides, new SplittableRandom(seed));
    optimizerConfig();
    backend();
  }

  private OptimizerConfig optimizerConfig() {
    return switch (optimizer) {
      case "adam" -> AdamConfig.of(learningRate(), weightDecay);
      case "sgd" -> new SgdConfig(learningRate(), momentum, weightDecay);
      default -> throw new IllegalArgumentException("Unknown optimizer '" + optimizer + "'; choose adam or sgd");
    };
  }

  /** The learning rate in effect. */
  public double learningRate() {
    return learningRate != null ? learningRate : defaultLearningRate;
  }

  private int[] parseImageShape() {
    if (imageShape == null) {
      return null;
    }
    String[] parts = imageShape.toLowerCase(java.util.Locale.ROOT).split("x");
    if (parts.length != 3) {
      throw new IllegalArgumentException("--image-shape must look like CxHxW, e.g. 1x28x28; got " + imageShape);
    }
    return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
  }
}
