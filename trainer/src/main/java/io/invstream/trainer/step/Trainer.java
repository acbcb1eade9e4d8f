package io.invstream.trainer.step;

import io.invstream.trainer.algorithm.EnsembleAlgorithm;
import io.invstream.trainer.algorithm.InvariantAlgorithm;
import io.invstream.trainer.algorithm.UpdateKind;
import io.invstream.trainer.model.BatchLayout;
import io.invstream.trainer.model.Model;
import io.invstream.trainer.model.ModelSpec;
import io.invstream.trainer.model.Tape;
import io.invstream.trainer.optim.GlobalNormClipping;
import io.invstream.trainer.optim.Optimizer;
import io.invstream.trainer.optim.OptimizerConfig;
import io.invstream.trainer.param.GradientStack;
import io.invstream.trainer.param.NamedTensor;
import io.invstream.trainer.param.ParameterBlock;
import io.invstream.trainer.tensor.CrossEntropy;
import io.invstream.trainer.tensor.TensorBackend;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Runs training steps of one model with one optimiser and one invariant algorithm, and evaluates
 * and predicts with the current parameters. Single-threaded; buffers are allocated on the first
 * step of each batch shape and reused, so a long run holds constant memory.
 *
 * <p>Order of operations of {@link #step}:
 *
 * <ol>
 *   <li>Check the batch against the model (feature width, label range) and upload all
 *       environments into one pooled batch, environment e being rows {@code [start_e, start_e +
 *       n_e)}.
 *   <li>Forward pass over the pooled batch; per environment the fused softmax cross-entropy gives
 *       {@code L_e}, accuracy, probabilities and {@code dL_e/dz}.
 *   <li>{@link InvariantAlgorithm#adjustOutputGradients}: the algorithm may rewrite {@code dJ/dz}
 *       per environment and add {@code dJ/dh} on the features.
 *   <li>Backward pass: one parameter gradient per environment, into a gradient stack.
 *   <li>{@link InvariantAlgorithm#combine}: per-environment gradients → one update block.
 *   <li>Consistency metrics from the gradient stack; the update's global norm.
 *   <li>If any loss, environment gradient or the update is NaN/Inf the step is rejected: no
 *       change to parameters, optimiser or update count, {@link StepReport#nonFinite()} set.
 *   <li>Otherwise: optimiser reset if the algorithm asked; a gradient is clipped by global norm
 *       and given to the optimiser, a parameter delta is added to the parameters.
 *   <li>{@link InvariantAlgorithm#afterUpdate}, the update count advances, the report is built.
 * </ol>
 */
public final class Trainer {

  private final TensorBackend backend;
  private final Model model;
  private final Optimizer optimizer;
  private final InvariantAlgorithm algorithm;
  private final TrainerConfig config;
  private final Tape tape;
  private final BatchStaging staging;
  private final Tape evaluationTape;
  private final BatchStaging evaluationStaging;
  private final ParameterBlock update;
  private final Map<Integer, GradientStack> stacks = new HashMap<>();
  private final ConsistencyMeter meter;
  private EnsemblePredictor ensemblePredictor;
  private long steps;
  private long updates;

  /** A trainer over already-built parts; the optimiser must belong to the model's layout. */
  public Trainer(
      TensorBackend backend, Model model, Optimizer optimizer, InvariantAlgorithm algorithm, TrainerConfig config) {
    this.backend = backend;
    this.model = model;
    this.optimizer = optimizer;
    this.algorithm = algorithm;
    this.config = config;
    this.tape = model.newTape();
    this.staging = new BatchStaging(backend, model);
    this.evaluationTape = model.newTape();
    this.evaluationStaging = new BatchStaging(backend, model);
    this.update = model.layout().allocate(backend);
    this.meter = new ConsistencyMeter(backend);
  }

  /**
   * Builds the model from {@code spec} with parameters drawn from {@code random}, and an optimiser
   * from {@code optimizer}.
   */
  public static Trainer create(
      TensorBackend backend,
      ModelSpec spec,
      OptimizerConfig optimizer,
      InvariantAlgorithm algorithm,
      TrainerConfig config,
      RandomGenerator random) {
    Model model = spec.build(backend, random);
    return new Trainer(backend, model, optimizer.build(backend, model.layout()), algorithm, config);
  }

  /** Runs one training step; see the class comment for the order of operations. */
  public StepReport step(TrainingBatch batch) {
    List<EnvironmentBatch> envs = batch.environments();
    staging.stage(envs, tape);
    model.forward(tape);
    BatchLayout layout = tape.layout();
    StepContext context = new StepContext(backend, model, tape, optimizer, updates);
    List<EnvironmentReport> reports = new ArrayList<>(envs.size());
    boolean finite = true;
    for (int e = 0; e < envs.size(); e++) {
      EnvironmentBatch b = envs.get(e);
      CrossEntropy ce =
          backend.softmaxCrossEntropy(
              tape.logits(e),
              staging.labels(layout, e),
              staging.weights(layout, e, b),
              staging.probabilities(layout, e),
              tape.logitGradient(e));
      finite &= Double.isFinite(ce.loss());
      reports.add(new EnvironmentReport(b.environment(), b.rows(), ce.loss(), (double) ce.correct() / b.rows()));
      context.add(
          new EnvironmentView(
              context, e, b, ce, staging.labels(layout, e), staging.weights(layout, e, b),
              staging.mask(layout, e, b), staging.probabilities(layout, e)));
    }
    steps++;

    algorithm.adjustOutputGradients(context);
    GradientStack gradients = stacks.computeIfAbsent(envs.size(), n -> new GradientStack(backend, model.layout(), n));
    List<ParameterBlock> perEnvironment = new ArrayList<>(envs.size());
    for (int e = 0; e < envs.size(); e++) {
      perEnvironment.add(gradients.environment(e));
    }
    model.backward(tape, perEnvironment, context.featureGradientEnabled(), false);
    context.gradientsReady(gradients);
    UpdateKind kind = algorithm.combine(context, update);

    ConsistencyMeter.Consistency consistency =
        steps % config.consistencyInterval() == 0
            ? meter.measure(context, gradients)
            : meter.lossesOnly(context);
    double norm = GlobalNormClipping.norm(backend, update);
    finite &= consistency.finite() && Double.isFinite(norm);
    if (finite) {
      apply(kind, norm, context.resetRequested());
      updates++;
      algorithm.afterUpdate(context);
    }
    return new StepReport(
        steps, updates, finite, !finite, reports, norm, consistency.values(),
        context.reports(), consistency.cosines());
  }

  private void apply(UpdateKind kind, double norm, boolean reset) {
    if (reset) {
      optimizer.reset();
    }
    if (kind == UpdateKind.GRADIENT) {
      config.clipping().apply(backend, update, norm);
      optimizer.step(model.parameters(), update);
    } else {
      backend.axpy(1f, update.flat(), model.parameters().flat());
    }
  }

  /**
   * Loss and accuracy of the current parameters on {@code batch}; nothing is trained. For an
   * {@link EnsembleAlgorithm} of several members, of the ensemble's mean probabilities {@code p̄}:
   * loss {@code −Σ w_n log p̄_{n,y_n} / Σ w_n}.
   */
  public Evaluation evaluate(EnvironmentBatch batch) {
    List<Model> members = predictors();
    if (members.size() > 1) {
      return ensembleEvaluation(batch, ensemble().probabilities(members, batch));
    }
    forwardForEvaluation(batch);
    BatchLayout layout = evaluationTape.layout();
    CrossEntropy ce =
        backend.softmaxCrossEntropy(
            evaluationTape.logits(),
            evaluationStaging.labels(layout, 0),
            evaluationStaging.weights(layout, 0, batch),
            evaluationStaging.probabilities(layout, 0),
            evaluationTape.logitGradient());
    return new Evaluation(batch.environment(), batch.rows(), ce.loss(), (double) ce.correct() / batch.rows());
  }

  /**
   * Class probabilities of the current model for {@code rows} examples of {@code features}; for an
   * {@link EnsembleAlgorithm}, the mean of its members' probabilities.
   */
  public Predictions predict(float[] features, int rows) {
    EnvironmentBatch batch =
        EnvironmentBatch.of("predict", rows, model.inputSize(), features, new int[rows]);
    List<Model> members = predictors();
    float[] p;
    if (members.size() > 1) {
      p = ensemble().probabilities(members, batch);
    } else {
      forwardForEvaluation(batch);
      BatchLayout layout = evaluationTape.layout();
      backend.softmax(evaluationTape.logits(), evaluationStaging.probabilities(layout, 0));
      p = backend.download(evaluationStaging.probabilities(layout, 0));
    }
    int k = model.classes();
    int[] predicted = new int[rows];
    for (int r = 0; r < rows; r++) {
      for (int c = 1; c < k; c++) {
        if (p[r * k + c] > p[r * k + predicted[r]]) {
          predicted[r] = c;
        }
      }
    }
    return new Predictions(rows, k, p, predicted);
  }

  /**
   * What to publish: the model's parameters, or for an {@link EnsembleAlgorithm} every member's,
   * named {@code member<i>/<parameter>}.
   */
  public List<NamedTensor> publishedParameters() {
    return algorithm instanceof EnsembleAlgorithm e
        ? e.exportEnsemble(model, backend)
        : model.parameters().export(backend);
  }

  /** The models whose mean prediction is the trained predictor: the model, or the ensemble. */
  private List<Model> predictors() {
    return algorithm instanceof EnsembleAlgorithm e ? e.ensemble(model, backend) : List.of(model);
  }

  private EnsemblePredictor ensemble() {
    if (ensemblePredictor == null) {
      ensemblePredictor = new EnsemblePredictor(backend, model);
    }
    return ensemblePredictor;
  }

  private static Evaluation ensembleEvaluation(EnvironmentBatch batch, float[] p) {
    int k = p.length / batch.rows();
    float[] w = batch.weightArray();
    double loss = 0;
    double weight = 0;
    int correct = 0;
    for (int r = 0; r < batch.rows(); r++) {
      double wr = w == null ? 1 : w[r];
      int best = 0;
      for (int c = 1; c < k; c++) {
        best = p[r * k + c] > p[r * k + best] ? c : best;
      }
      correct += best == batch.label(r) ? 1 : 0;
      loss -= wr * Math.log(Math.max(p[r * k + batch.label(r)], Float.MIN_NORMAL));
      weight += wr;
    }
    return new Evaluation(batch.environment(), batch.rows(), loss / weight, (double) correct / batch.rows());
  }

  private void forwardForEvaluation(EnvironmentBatch batch) {
    evaluationStaging.stage(List.of(batch), evaluationTape);
    model.forward(evaluationTape);
  }

  /** Counters, parameters, optimiser and algorithm state for an exact restart. */
  public TrainerState exportState() {
    return new TrainerState(
        steps, updates, model.parameters().export(backend), optimizer.exportState(), algorithm.exportState());
  }

  /** Restores {@link #exportState()} output taken from a trainer of the same setup. */
  public void importState(TrainerState state) {
    model.parameters().load(backend, state.parameters());
    optimizer.importState(state.optimizer());
    algorithm.importState(state.algorithm());
    steps = state.steps();
    updates = state.updates();
  }

  /**
   * What produced the model, to record with every published update: model, optimiser and
   * algorithm with all their settings, and the backend. The caller adds data offsets and code
   * version.
   */
  public Map<String, String> provenance() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("model", model.spec().describe());
    p.put("model.spec", model.spec().toString());
    p.put("optimizer", optimizer.config().name());
    optimizer.config().asStrings().forEach((k, v) -> p.put("optimizer." + k, v));
    p.put("clipping.maxNorm", Double.toString(config.clipping().maxNorm()));
    p.put("algorithm", algorithm.name());
    algorithm.hyperparameters().asStrings().forEach((k, v) -> p.put("hp." + k, v));
    p.put("backend", backend.description());
    return p;
  }

  public Model model() {
    return model;
  }

  public Optimizer optimizer() {
    return optimizer;
  }

  public InvariantAlgorithm algorithm() {
    return algorithm;
  }

  public TensorBackend backend() {
    return backend;
  }

  /** Calls to {@link #step} so far. */
  public long steps() {
    return steps;
  }

  /** Updates applied so far. */
  public long updates() {
    return updates;
  }
}
