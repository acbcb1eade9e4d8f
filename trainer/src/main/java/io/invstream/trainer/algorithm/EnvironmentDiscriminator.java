package io.invstream.trainer.algorithm;

import io.invstream.trainer.model.BatchLayout;
import io.invstream.trainer.model.Mlp;
import io.invstream.trainer.model.Model;
import io.invstream.trainer.model.Tape;
import io.invstream.trainer.optim.AdamConfig;
import io.invstream.trainer.optim.Optimizer;
import io.invstream.trainer.param.GradientStack;
import io.invstream.trainer.param.NamedTensor;
import io.invstream.trainer.param.ParameterBlock;
import io.invstream.trainer.param.SavedState;
import io.invstream.trainer.tensor.RowBuffer;
import io.invstream.trainer.tensor.Shape;
import io.invstream.trainer.tensor.TensorBackend;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * DANN's environment classifier: an MLP on the penultimate features that predicts which
 * environment an example came from, with its own tape and Adam optimiser. Environments are told
 * apart by name: each new name takes the next free output ("slot") and keeps it.
 *
 * <p>One forward and one backward pass per step over a copy of the step's features give both the
 * discriminator's parameter gradient (used on its own updates) and its input gradient (reversed
 * into the featurizer on generator updates). Its loss is the cross-entropy of the pooled batch
 * with environment labels, example weights included ({@code Σ_e (W_e/W)·D_e} with D_e the
 * weighted mean over environment e).
 */
final class EnvironmentDiscriminator {

  /** DomainBed's fixed second-moment decay for the discriminator's Adam. */
  static final double BETA2 = 0.9;

  private static final String HEAD = "head/";
  private static final String OPTIMIZER = "optimizer/";
  private static final String OPTIMIZER_VALUE = "optimizer.";

  private final TensorBackend backend;
  private final int featureSize;
  private final int capacity;
  private final Model head;
  private final Tape tape;
  private final Optimizer optimizer;
  private final ParameterBlock update;
  private final Map<Integer, GradientStack> stacks = new HashMap<>();
  private final RowBuffer labels;
  private final RowBuffer probabilities;
  private final List<String> slots = new ArrayList<>();
  private final List<ParameterBlock> segmentGradients = new ArrayList<>();

  private EnvironmentDiscriminator(
      TensorBackend backend, int featureSize, int capacity, DannHyperparameters h, RandomGenerator random) {
    this.backend = backend;
    this.featureSize = featureSize;
    this.capacity = capacity;
    this.head = new Mlp(featureSize, Collections.nCopies(h.mlpDepth() - 1, h.mlpWidth()), capacity).build(backend, random);
    this.tape = head.newTape();
    this.optimizer =
        new AdamConfig(h.lrD(), h.beta1(), BETA2, AdamConfig.DEFAULTS.epsilon(), h.weightDecayD())
            .build(backend, head.layout());
    this.update = head.layout().allocate(backend);
    this.labels = new RowBuffer(backend, n -> Shape.of(n));
    this.probabilities = RowBuffer.matrix(backend, capacity);
  }

  /** A new discriminator with parameters drawn from {@code random} (PyTorch's default init). */
  static EnvironmentDiscriminator create(
      TensorBackend backend, int featureSize, int capacity, DannHyperparameters h, RandomGenerator random) {
    return new EnvironmentDiscriminator(backend, featureSize, capacity, h, random);
  }

  /** The discriminator saved by {@link #export}. */
  static EnvironmentDiscriminator restore(TensorBackend backend, DannHyperparameters h, SavedState state) {
    EnvironmentDiscriminator d =
        new EnvironmentDiscriminator(
            backend, Integer.parseInt(state.value("featureSize")), Integer.parseInt(state.value("slots")), h,
            new SplittableRandom(0));
    List<NamedTensor> parameters = new ArrayList<>();
    List<NamedTensor> optimizerTensors = new ArrayList<>();
    for (NamedTensor t : state.tensors()) {
      if (t.name().startsWith(HEAD)) {
        parameters.add(new NamedTensor(t.name().substring(HEAD.length()), t.shape(), t.data()));
      } else if (t.name().startsWith(OPTIMIZER)) {
        optimizerTensors.add(new NamedTensor(t.name().substring(OPTIMIZER.length()), t.shape(), t.data()));
      }
    }
    d.head.parameters().load(backend, parameters);
    Map<String, String> optimizerValues = new HashMap<>();
    state.values().forEach(
        (k, v) -> {
          if (k.startsWith(OPTIMIZER_VALUE)) {
            optimizerValues.put(k.substring(OPTIMIZER_VALUE.length()), v);
          }
        });
    d.optimizer.importState(new SavedState(state.value("optimizer"), optimizerValues, optimizerTensors));
    int used = Integer.parseInt(state.value("slotsUsed"));
    for (int s = 0; s < used; s++) {
      d.slots.add(state.value("slot." + s));
    }
    return d;
  }

  /** Everything {@link #restore} needs, under {@code kind}. */
  SavedState export(String kind) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("featureSize", Integer.toString(featureSize));
    values.put("slots", Integer.toString(capacity));
    values.put("slotsUsed", Integer.toString(slots.size()));
    for (int s = 0; s < slots.size(); s++) {
      values.put("slot." + s, slots.get(s));
    }
    List<NamedTensor> tensors = new ArrayList<>();
    for (NamedTensor t : head.parameters().export(backend)) {
      tensors.add(new NamedTensor(HEAD + t.name(), t.shape(), t.data()));
    }
    SavedState o = optimizer.exportState();
    values.put("optimizer", o.kind());
    o.values().forEach((k, v) -> values.put(OPTIMIZER_VALUE + k, v));
    for (NamedTensor t : o.tensors()) {
      tensors.add(new NamedTensor(OPTIMIZER + t.name(), t.shape(), t.data()));
    }
    return new SavedState(kind, values, tensors);
  }

  /**
   * Classifies the step's features by environment: forward, loss and one backward pass, leaving
   * the input gradient on the tape and the pooled parameter gradient in the update block.
   *
   * @return the pooled discriminator loss {@code Σ_e (W_e/W)·D_e}
   */
  double classify(ForwardPhase step) {
    if (step.model().featureSize() != featureSize) {
      throw new IllegalStateException(
          "DANN's discriminator reads " + featureSize + " features but the model has " + step.model().featureSize());
    }
    BatchLayout layout = step.tape().layout();
    tape.begin(layout);
    labels.reserve(layout.totalRows());
    probabilities.reserve(layout.totalRows());
    backend.copy(step.tape().features(), tape.input());
    head.forward(tape);
    double[] pooled = GradientCombination.pooled(step);
    double loss = 0;
    for (int e = 0; e < step.environments(); e++) {
      EnvironmentOutputs env = step.environment(e);
      int start = layout.start(e);
      backend.fill(labels.block(start, env.rows()), slot(env.name()));
      loss += pooled[e]
          * backend.softmaxCrossEntropy(
                  tape.logits(e), labels.block(start, env.rows()), env.weights(),
                  probabilities.block(start, env.rows()), tape.logitGradient(e))
              .loss();
    }
    GradientStack stack = stacks.computeIfAbsent(step.environments(), n -> new GradientStack(backend, head.layout(), n));
    segmentGradients.clear();
    for (int e = 0; e < step.environments(); e++) {
      segmentGradients.add(stack.environment(e));
    }
    head.backward(tape, segmentGradients, false, true);
    for (int p = 0; p < update.layout().count(); p++) {
      backend.linearCombination(pooled, stack.stacked(p), update.tensor(p));
    }
    return loss;
  }

  /** {@code dJ/dh_e −= λ·∂D_e/∂h_e}: the gradient reversal, per environment. */
  void reverseIntoFeatures(ForwardPhase step, double lambda) {
    for (int e = 0; e < step.environments(); e++) {
      backend.axpy((float) -lambda, tape.inputGradient(e), step.environment(e).featureGradient());
    }
  }

  /**
   * One optimiser step on the gradient {@link #classify} left, unless it is non-finite.
   *
   * @return whether the discriminator changed
   */
  boolean train() {
    if (!Double.isFinite(backend.sumOfSquares(update.flat()))) {
      return false;
    }
    optimizer.step(head.parameters(), update);
    return true;
  }

  private int slot(String environment) {
    int s = slots.indexOf(environment);
    if (s >= 0) {
      return s;
    }
    if (slots.size() == capacity) {
      throw new IllegalArgumentException(
          "DANN's discriminator has " + capacity + " environment outputs, all taken by " + slots
              + ", and environment '" + environment + "' is new; start again with a larger"
              + " --hp environmentSlots=N");
    }
    slots.add(environment);
    return slots.size() - 1;
  }
}
