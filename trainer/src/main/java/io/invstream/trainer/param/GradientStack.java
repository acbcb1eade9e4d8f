package io.invstream.trainer.param;

import io.invstream.trainer.tensor.Shape;
import io.invstream.trainer.tensor.Tensor;
import io.invstream.trainer.tensor.TensorBackend;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-environment gradients stored parameter-major: for parameter p one {@code [E, n_p]} tensor
 * whose row e is environment e's gradient of that parameter.
 *
 * <p>This is the layout the invariance kernels want (AND-mask, SAND-mask, sign agreement and a
 * per-tensor Gram matrix each read one contiguous {@code [E, n_p]} block, on a GPU one pointer
 * and a row stride), while {@link #environment(int)} still gives each environment a
 * {@link ParameterBlock} that a model's backward pass writes into.
 */
public final class GradientStack {

  private final ParameterLayout layout;
  private final int environments;
  private final List<Tensor> stacked;
  private final List<ParameterBlock> perEnvironment;

  public GradientStack(TensorBackend backend, ParameterLayout layout, int environments) {
    this.layout = layout;
    this.environments = environments;
    this.stacked = new ArrayList<>(layout.count());
    for (ParameterSpec spec : layout.specs()) {
      stacked.add(backend.allocate(Shape.of(environments, Math.toIntExact(spec.shape().size()))));
    }
    this.perEnvironment = new ArrayList<>(environments);
    for (int e = 0; e < environments; e++) {
      List<Tensor> views = new ArrayList<>(layout.count());
      for (int p = 0; p < layout.count(); p++) {
        Shape shape = layout.spec(p).shape();
        views.add(backend.view(stacked.get(p), e * shape.size(), shape));
      }
      perEnvironment.add(new ParameterBlock(layout, views, null));
    }
  }

  public ParameterLayout layout() {
    return layout;
  }

  public int environments() {
    return environments;
  }

  /** {@code [E, n_p]}: every environment's gradient of parameter {@code parameter}. */
  public Tensor stacked(int parameter) {
    return stacked.get(parameter);
  }

  /** Environment {@code e}'s gradient of every parameter. */
  public ParameterBlock environment(int e) {
    return perEnvironment.get(e);
  }
}
