package io.invstream.trainer.algorithm;

import io.invstream.trainer.param.ParameterBlock;
import io.invstream.trainer.param.SavedState;
import io.invstream.trainer.tensor.TensorBackend;
import java.util.random.RandomGenerator;

/**
 * DANN, domain-adversarial training (Ganin et al., "Domain-Adversarial Training of Neural
 * Networks", JMLR 2016), as DomainBed's unconditional {@code DANN}: an environment classifier
 * ("discriminator", an MLP) on the penultimate features h learns to tell environments apart, and
 * the featurizer learns to defeat it through a gradient-reversal layer.
 *
 * <pre>
 *   D(φ, θ)  = Σ_e (W_e/W) · CE(disc_φ(h_θ(x)), e)             pooled discriminator loss
 *   discriminator update:  φ ← Adam_φ(∇φ D)                     main model unchanged
 *   generator update:      θ ← optimiser(∇θ [CE(pooled batch) − λ·D])
 * </pre>
 *
 * <p>Updates alternate as in DomainBed: of every {@code 1 + dStepsPerGStep} updates the first is a
 * generator update and the others train the discriminator alone (see {@link
 * DannHyperparameters#discriminatorStep}). On a discriminator update this algorithm returns a zero
 * {@link UpdateKind#PARAMETER_DELTA}, so the main parameters and the main optimiser's state stay
 * exactly as they were (DomainBed steps only the discriminator's Adam there), and the
 * discriminator's Adam steps in {@link #afterUpdate} so that a rejected step changes nothing. On a
 * generator update the reversed input gradient {@code −λ·∂D_e/∂h} is added to environment e's
 * feature gradient and the update is ERM's pooled combination; the discriminator does not move.
 *
 * <p>What is implemented of DomainBed: {@code lambda}, {@code d_steps_per_g_step}, the
 * discriminator's Adam ({@code lr_d}, {@code weight_decay_d}, betas {@code (beta1, 0.9)}) and its
 * MLP ({@code mlp_width}, {@code mlp_depth}, ReLU). Not implemented: {@code grad_penalty} (a
 * penalty on the discriminator's input gradient, which needs second derivatives; its default 0
 * disables it), dropout ({@code mlp_dropout}, default 0), the conditional variant CDANN. The
 * generator's optimiser is the trainer's own: DomainBed's generator Adam uses betas (0.5, 0.9),
 * which a caller reproduces with {@code new AdamConfig(lr, 0.5, 0.9, 1e-8, wd)}.
 *
 * <p>The discriminator is built on the first step, with one output per environment of that batch
 * unless {@code environmentSlots} says more. State: its parameters, its Adam state and the
 * environment-to-output assignment; a state exported before the first step holds none of them,
 * and importing it leaves this instance to build its own discriminator on its next step.
 *
 * <p>Reports {@code dann.discriminatorLoss} (D before the update) and {@code
 * dann.discriminatorStep} (1 on discriminator updates, 0 on generator updates).
 */
public final class Dann implements InvariantAlgorithm {

  public static final String NAME = "dann";

  private final DannHyperparameters hyperparameters;
  private final RandomGenerator random;
  private EnvironmentDiscriminator discriminator;
  private TensorBackend backend;
  private SavedState pending;
  private boolean discriminatorStep;

  /** @param random draws the discriminator's initial parameters on the first step */
  public Dann(DannHyperparameters hyperparameters, RandomGenerator random) {
    this.hyperparameters = hyperparameters;
    this.random = random;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public DannHyperparameters hyperparameters() {
    return hyperparameters;
  }

  @Override
  public void adjustOutputGradients(ForwardPhase step) {
    prepare(step);
    discriminatorStep = hyperparameters.discriminatorStep(step.updateCount());
    double loss = discriminator.classify(step);
    step.report(NAME + ".discriminatorLoss", loss);
    step.report(NAME + ".discriminatorStep", discriminatorStep ? 1.0 : 0.0);
    if (!discriminatorStep && hyperparameters.lambda() != 0) {
      discriminator.reverseIntoFeatures(step, hyperparameters.lambda());
    }
  }

  @Override
  public UpdateKind combine(BackwardPhase step, ParameterBlock update) {
    if (discriminatorStep) {
      step.backend().fill(update.flat(), 0f);
      return UpdateKind.PARAMETER_DELTA;
    }
    GradientCombination.linear(step, GradientCombination.pooled(step), update);
    return UpdateKind.GRADIENT;
  }

  @Override
  public void afterUpdate(BackwardPhase step) {
    if (discriminatorStep) {
      discriminator.train();
    }
  }

  @Override
  public SavedState exportState() {
    if (discriminator != null) {
      return discriminator.export(NAME);
    }
    return pending != null ? pending : SavedState.empty(NAME);
  }

  @Override
  public void importState(SavedState state) {
    state.requireKind(NAME);
    pending = state.values().isEmpty() ? null : state;
    discriminator = null;
    if (backend != null && pending != null) {
      discriminator = EnvironmentDiscriminator.restore(backend, hyperparameters, pending);
    }
  }

  private void prepare(ForwardPhase step) {
    backend = step.backend();
    if (discriminator != null) {
      return;
    }
    if (pending != null) {
      discriminator = EnvironmentDiscriminator.restore(backend, hyperparameters, pending);
    } else {
      int slots = hyperparameters.environmentSlots() > 0
          ? hyperparameters.environmentSlots()
          : Math.max(2, step.environments());
      discriminator = EnvironmentDiscriminator.create(backend, step.model().featureSize(), slots, hyperparameters, random);
    }
  }
}
