package io.invstream.trainer.reference;

/** Dense layers {@code z = x Wᵀ + b}, ReLU between them, parameters weight-then-bias per layer. */
public final class ReferenceDense implements ReferenceModel {

  private final int[] widths;

  /** Widths input first, classes last. */
  public ReferenceDense(int... widths) {
    this.widths = widths.clone();
  }

  @Override
  public Output forward(double[] p, double[][] inputs) {
    double[][] a = inputs;
    double[][] features = inputs;
    int offset = 0;
    for (int l = 0; l + 1 < widths.length; l++) {
      int in = widths[l];
      int out = widths[l + 1];
      boolean last = l + 2 == widths.length;
      double[][] z = new double[a.length][out];
      for (int n = 0; n < a.length; n++) {
        for (int o = 0; o < out; o++) {
          double s = p[offset + in * out + o];
          for (int i = 0; i < in; i++) {
            s += p[offset + o * in + i] * a[n][i];
          }
          z[n][o] = last ? s : Math.max(s, 0);
        }
      }
      offset += in * out + out;
      if (!last) {
        features = z;
      }
      a = z;
    }
    return new Output(a, features);
  }

  @Override
  public double[][] tangent(double[] p, double[][] inputs, double[][] v) {
    double[][] a = inputs;
    double[][] t = v;
    int offset = 0;
    for (int l = 0; l + 1 < widths.length; l++) {
      int in = widths[l];
      int out = widths[l + 1];
      boolean last = l + 2 == widths.length;
      double[][] z = new double[a.length][out];
      double[][] zt = new double[a.length][out];
      for (int n = 0; n < a.length; n++) {
        for (int o = 0; o < out; o++) {
          double s = p[offset + in * out + o];
          double st = 0;
          for (int i = 0; i < in; i++) {
            s += p[offset + o * in + i] * a[n][i];
            st += p[offset + o * in + i] * t[n][i];
          }
          boolean active = last || s > 0;
          z[n][o] = active ? s : 0;
          zt[n][o] = active ? st : 0;
        }
      }
      offset += in * out + out;
      a = z;
      t = zt;
    }
    return t;
  }
}
