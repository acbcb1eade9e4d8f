package io.invstream.trainer.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TensorBackend} must have, checked against direct float64
 * computations on the host. A new backend (the CUDA one) subclasses this with its own {@link
 * #backend()}.
 */
public abstract class TensorBackendContractTest {

  protected abstract TensorBackend backend();

  private final SplittableRandom random = new SplittableRandom(5);

  private Tensor tensor(float[] values, int... dims) {
    Tensor t = backend().allocate(Shape.of(dims));
    backend().upload(values, t);
    return t;
  }

  private float[] randomValues(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }

  @Test
  void allocateZeroFillsAndCountsBytes() {
    BackendCounters before = backend().counters();
    Tensor t = backend().allocate(Shape.of(3, 5));
    assertThat(backend().download(t)).containsOnly(0f);
    BackendCounters delta = backend().counters().since(before);
    assertThat(delta.allocations()).isEqualTo(1);
    assertThat(delta.allocatedBytes()).isEqualTo(60);
  }

  @Test
  void viewsShareStorageAndAllocateNothing() {
    Tensor base = tensor(new float[] {0, 1, 2, 3, 4, 5, 6, 7}, 8);
    BackendCounters before = backend().counters();
    Tensor view = backend().view(base, 2, Shape.of(2, 2));
    assertThat(backend().counters().since(before).allocations()).isZero();
    assertThat(backend().download(view)).containsExactly(2, 3, 4, 5);
    backend().fill(view, 9f);
    assertThat(backend().download(base)).containsExactly(0, 1, 9, 9, 9, 9, 6, 7);
    assertThatThrownBy(() -> backend().view(base, 6, Shape.of(3)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit");
  }

  @Test
  void uploadAndDownloadWithOffsets() {
    Tensor t = backend().allocate(Shape.of(6));
    backend().upload(new float[] {7, 8, 9}, 1, t, 3, 2);
    float[] out = new float[4];
    backend().download(t, 2, out, 1, 3);
    assertThat(out).containsExactly(0, 0, 8, 9);
  }

  @Test
  void gemmMatchesNaiveProductForEveryTransposeAndScaling() {
    int m = 5;
    int n = 4;
    int k = 7;
    for (boolean ta : new boolean[] {false, true}) {
      for (boolean tb : new boolean[] {false, true}) {
        float[] a = randomValues(m * k);
        float[] b = randomValues(k * n);
        float[] c0 = randomValues(m * n);
        Tensor at = ta ? tensor(a, k, m) : tensor(a, m, k);
        Tensor bt = tb ? tensor(b, n, k) : tensor(b, k, n);
        Tensor ct = tensor(c0, m, n);
        backend().gemm(ta, tb, 0.5f, at, bt, 2f, ct);
        float[] c = backend().download(ct);
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < n; j++) {
            double s = 0;
            for (int l = 0; l < k; l++) {
              double av = ta ? a[l * m + i] : a[i * k + l];
              double bv = tb ? b[j * k + l] : b[l * n + j];
              s += av * bv;
            }
            assertThat(c[i * n + j]).as("ta=%s tb=%s [%d,%d]", ta, tb, i, j)
                .isCloseTo((float) (0.5 * s + 2 * c0[i * n + j]), within(1e-4f));
          }
        }
      }
    }
  }

  @Test
  void gemmRejectsMismatchedShapes() {
    Tensor a = backend().allocate(Shape.of(2, 3));
    Tensor c = backend().allocate(Shape.of(2, 2));
    assertThatThrownBy(() -> backend().gemm(false, false, 1f, a, a, 0f, c))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not agree");
  }

  @Test
  void gemmCountsFlops() {
    Tensor a = backend().allocate(Shape.of(2, 3));
    Tensor b = backend().allocate(Shape.of(3, 4));
    Tensor c = backend().allocate(Shape.of(2, 4));
    BackendCounters before = backend().counters();
    backend().gemm(false, false, 1f, a, b, 0f, c);
    assertThat(backend().counters().since(before).gemmFlops()).isEqualTo(2 * 2 * 3 * 4);
  }

  @Test
  void elementwiseKernelsOverSeveralChunks() {
    int n = 2500;
    float[] x = randomValues(n);
    float[] y = randomValues(n);
    Tensor xt = tensor(x, n);
    Tensor yt = tensor(y, n);
    backend().axpy(0.25f, xt, yt);
    float[] axpy = backend().download(yt);
    Tensor prod = backend().allocate(Shape.of(n));
    backend().multiply(xt, yt, prod);
    float[] products = backend().download(prod);
    double dot = 0;
    double squares = 0;
    for (int i = 0; i < n; i++) {
      assertThat(axpy[i]).isEqualTo(y[i] + 0.25f * x[i]);
      assertThat(products[i]).isEqualTo(x[i] * axpy[i]);
      dot += (double) x[i] * axpy[i];
      squares += (double) x[i] * x[i];
    }
    assertThat(backend().dot(xt, yt)).isCloseTo(dot, within(1e-6 * n));
    assertThat(backend().sumOfSquares(xt)).isCloseTo(squares, within(1e-6 * n));
    backend().scale(-2f, xt);
    assertThat(backend().download(xt)[n - 1]).isEqualTo(-2f * x[n - 1]);
    Tensor copy = backend().allocate(Shape.of(50, 50));
    backend().copy(yt, copy);
    assertThat(backend().download(copy)).containsExactly(axpy);
    backend().fill(copy, 3f);
    assertThat(backend().download(copy)).containsOnly(3f);
  }

  @Test
  void sumOfSquaresIsNonFiniteWhenAnyEntryIs() {
    float[] v = randomValues(3000);
    v[2999] = Float.NaN;
    assertThat(backend().sumOfSquares(tensor(v, 3000))).isNaN();
    v[2999] = Float.POSITIVE_INFINITY;
    assertThat(backend().sumOfSquares(tensor(v, 3000))).isInfinite();
  }

  @Test
  void linearCombinationOfRows() {
    int n = 1500;
    float[] s = randomValues(3 * n);
    Tensor out = backend().allocate(Shape.of(n));
    backend().linearCombination(new double[] {0.5, -1, 2}, tensor(s, 3, n), out);
    float[] o = backend().download(out);
    for (int j = 0; j < n; j++) {
      assertThat(o[j]).isCloseTo(0.5f * s[j] - s[n + j] + 2f * s[2 * n + j], within(1e-5f));
    }
  }

  @Test
  void biasReluAndBackward() {
    Tensor x = tensor(new float[] {-1, 0.5f, 2, -3, 1, 0}, 2, 3);
    Tensor bias = tensor(new float[] {1, -1, 0}, 3);
    backend().addBias(x, bias, true);
    assertThat(backend().download(x)).containsExactly(0, 0, 2, 0, 0, 0);
    Tensor g = tensor(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    backend().reluBackward(g, x);
    assertThat(backend().download(g)).containsExactly(0, 0, 3, 0, 0, 0);
    Tensor z = tensor(new float[] {-1, 0.5f, 2, -3, 1, 0}, 2, 3);
    backend().addBias(z, bias, false);
    assertThat(backend().download(z)).containsExactly(0, -0.5f, 2, -2, 0, 0);
  }

  @Test
  void columnSumsWithBeta() {
    Tensor x = tensor(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
    Tensor out = tensor(new float[] {10, 20}, 2);
    backend().columnSums(x, 0.5f, out);
    assertThat(backend().download(out)).containsExactly(14, 22);
  }

  @Test
  void softmaxCrossEntropyMatchesDirectComputation() {
    int n = 4;
    int k = 3;
    float[] z = {1, 2, 3, -5, 0, 5, 100, 100, -100, 0.1f, 0.2f, 0.3f};
    float[] y = {2, 0, 1, 0};
    float[] w = {1, 0.5f, 2, 0};
    Tensor probs = backend().allocate(Shape.of(n, k));
    Tensor grad = backend().allocate(Shape.of(n, k));
    CrossEntropy ce =
        backend().softmaxCrossEntropy(tensor(z, n, k), tensor(y, n), tensor(w, n), probs, grad);
    float[] p = backend().download(probs);
    float[] g = backend().download(grad);
    double weighted = 0;
    double weightSum = 0;
    for (int r = 0; r < n; r++) {
      double max = Math.max(z[r * k], Math.max(z[r * k + 1], z[r * k + 2]));
      double sum = 0;
      for (int c = 0; c < k; c++) {
        sum += Math.exp(z[r * k + c] - max);
      }
      for (int c = 0; c < k; c++) {
        double pc = Math.exp(z[r * k + c] - max) / sum;
        assertThat(p[r * k + c]).isCloseTo((float) pc, within(1e-6f));
        double expectedGrad = w[r] * (pc - (c == (int) y[r] ? 1 : 0)) / 3.5;
        assertThat(g[r * k + c]).isCloseTo((float) expectedGrad, within(1e-6f));
      }
      weighted += w[r] * (max + Math.log(sum) - z[r * k + (int) y[r]]);
      weightSum += w[r];
    }
    assertThat(ce.weightSum()).isEqualTo(3.5);
    assertThat(ce.loss()).isCloseTo(weighted / weightSum, within(1e-6));
    // Only row 0 is right; row 2 ties at 100 and its label is the second tied class, while
    // arg-max takes the first.
    assertThat(ce.correct()).isEqualTo(1);
  }

  @Test
  void crossEntropyRejectsLabelsOutsideTheClasses() {
    Tensor logits = backend().allocate(Shape.of(1, 2));
    Tensor out = backend().allocate(Shape.of(1, 2));
    assertThatThrownBy(
            () -> backend().softmaxCrossEntropy(logits, tensor(new float[] {2}, 1), null, out, out))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels must be integers in [0, 2)");
  }

  @Test
  void transposeMatrices() {
    Tensor in = tensor(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 2, 2, 3);
    Tensor out = backend().allocate(Shape.of(2, 3, 2));
    backend().transposeMatrices(in, out);
    assertThat(backend().download(out)).containsExactly(1, 4, 2, 5, 3, 6, 7, 10, 8, 11, 9, 12);
  }

  @Test
  void col2imIsTheAdjointOfIm2col() {
    int n = 2;
    int h = 5;
    int w = 4;
    int c = 3;
    Tensor images = tensor(randomValues(n * h * w * c), n, h, w, c);
    Tensor columns = backend().allocate(Shape.of(n * h * w, c * 9));
    backend().im2col(images, 3, 1, columns);
    Tensor other = tensor(randomValues(n * h * w * c * 9), n * h * w, c * 9);
    Tensor back = backend().allocate(Shape.of(n, h, w, c));
    backend().col2im(other, 3, 1, back);
    assertThat(backend().dot(columns, other)).isCloseTo(backend().dot(images, back), within(1e-3));
  }

  @Test
  void im2colOrdersColumnsLikeAPyTorchWeight() {
    // One 2×2 image with 2 channels; pixel (y, x, c) = 10y + 5x + c + 1.
    float[] img = {1, 2, 6, 7, 11, 12, 16, 17};
    Tensor columns = backend().allocate(Shape.of(4, 2 * 9));
    backend().im2col(tensor(img, 1, 2, 2, 2), 3, 1, columns);
    float[] col = backend().download(columns);
    // Output pixel (0, 0): kernel centre (1, 1) reads pixel (0, 0); column = c·9 + ky·3 + kx.
    assertThat(col[4]).isEqualTo(1f);
    assertThat(col[9 + 4]).isEqualTo(2f);
    assertThat(col[5]).isEqualTo(6f);
    assertThat(col[0]).isZero();
  }

  @Test
  void maxPoolForwardAndBackwardRouteToTheFirstMaximum() {
    float[] in = {1, 5, 3, 5, 2, 0, 9, 9, 4, 4, 4, 4, -1, -2, -3, -4};
    Tensor input = tensor(in, 1, 4, 4, 1);
    Tensor out = backend().allocate(Shape.of(1, 2, 2, 1));
    backend().maxPool2x2(input, out);
    assertThat(backend().download(out)).containsExactly(5, 9, 4, 4);
    Tensor dIn = tensor(randomValues(16), 1, 4, 4, 1);
    backend().maxPool2x2Backward(input, tensor(new float[] {10, 20, 30, 40}, 1, 2, 2, 1), dIn);
    assertThat(backend().download(dIn))
        .containsExactly(0, 10, 0, 0, 0, 0, 20, 0, 30, 0, 40, 0, 0, 0, 0, 0);
  }

  @Test
  void andMaskKeepsOnlyUnanimousSignsAndRescalesByTheKeptFraction() {
    // Columns: all positive | all negative | one exact zero | mixed | all zero | positive again
    float[] g = {
      1, -2, 0, 1, 0, 3,
      2, -1, 1, -1, 0, 1,
      3, -3, 2, 1, 0, 2};
    Tensor out = backend().allocate(Shape.of(6));
    long kept = backend().andMask(tensor(g, 3, 6), 1f, out);
    assertThat(kept).isEqualTo(3);
    float scale = (float) (1 / (1e-10 + 3.0 / 6));
    assertThat(backend().download(out))
        .containsExactly(2 * scale, -2 * scale, 0, 0, 0, 2 * scale);
  }

  @Test
  void andMaskBelowOneKeepsTwoOfThreeAndCountsZerosAsDisagreement() {
    float[] g = {
      1, -2, 0, 1, 0,
      2, -1, 1, -1, 0,
      -3, 3, 2, 1, 5};
    // |mean sign| per column: 1/3, 1/3, 2/3 (zero counts 0), 1/3, 1/3
    Tensor out = backend().allocate(Shape.of(5));
    long kept = backend().andMask(tensor(g, 3, 5), 2f / 3f, out);
    assertThat(kept).isEqualTo(1);
    assertThat(backend().download(out)).containsExactly(0, 0, (float) (1 / (1e-10 + 0.2)), 0, 0);
    assertThat(backend().andMask(tensor(g, 3, 5), 0.3f, out)).isEqualTo(5);
    assertThat(backend().andMask(tensor(g, 3, 5), 0f, out)).isEqualTo(5);
  }

  @Test
  void andMaskWithNothingKeptIsZero() {
    Tensor out = tensor(new float[] {7, 7}, 2);
    assertThat(backend().andMask(tensor(new float[] {1, -1, -1, 1}, 2, 2), 1f, out)).isZero();
    assertThat(backend().download(out)).containsExactly(0, 0);
  }

  @Test
  void andMaskMatchesFormulaOnRandomTensorsAcrossChunks() {
    int e = 4;
    int n = 3000;
    float[] g = randomValues(e * n);
    for (int j = 0; j < n; j += 7) {
      g[j] = 0f;
    }
    for (float tau : new float[] {1f, 0.75f, 0.5f}) {
      Tensor out = backend().allocate(Shape.of(n));
      long kept = backend().andMask(tensor(g, e, n), tau, out);
      float[] o = backend().download(out);
      long expectedKept = 0;
      float[] masked = new float[n];
      for (int j = 0; j < n; j++) {
        float signs = 0;
        float sum = 0;
        for (int r = 0; r < e; r++) {
          signs += Math.signum(g[r * n + j]);
          sum += g[r * n + j];
        }
        if (Math.abs(signs / e) >= tau) {
          expectedKept++;
          masked[j] = sum / e;
        }
      }
      assertThat(kept).as("tau %s", tau).isEqualTo(expectedKept);
      float scale = (float) (1 / (1e-10 + (double) expectedKept / n));
      for (int j = 0; j < n; j++) {
        assertThat(o[j]).isCloseTo(masked[j] * scale, within(1e-5f * (1 + Math.abs(masked[j] * scale))));
      }
    }
  }

  @Test
  void sandMaskMatchesFormulaIncludingZeroVarianceAndTauOne() {
    float[] g = {
      1, 2, -1, 0, 0.5f,
      1, 3, 1, 0, 0.25f,
      1, 4, 2, 0, -0.5f};
    Tensor stacked = tensor(g, 3, 5);
    Tensor out = backend().allocate(Shape.of(5));
    float tau = 0.5f;
    float k = 2f;
    double maskSum = backend().sandMask(stacked, tau, k, out);
    double[] m = new double[5];
    double[] mean = new double[5];
    double expectedSum = 0;
    for (int j = 0; j < 5; j++) {
      double signs = 0;
      for (int r = 0; r < 3; r++) {
        signs += Math.signum(g[r * 5 + j]);
        mean[j] += g[r * 5 + j] / 3.0;
      }
      double var = 0;
      for (int r = 0; r < 3; r++) {
        var += Math.pow(g[r * 5 + j] - mean[j], 2) / 2;
      }
      double x = k * (Math.abs(signs / 3) - tau) / var;
      m[j] = Double.isNaN(x) ? 1e-17 : Math.max(Math.tanh(x), 0);
      expectedSum += m[j];
    }
    // Column 0: variance 0 with agreement above τ → tanh(+∞) = 1; column 3: all zero → −∞ → 0.
    assertThat(m[0]).isEqualTo(1.0);
    assertThat(m[3]).isZero();
    assertThat(maskSum).isCloseTo(expectedSum, within(1e-6));
    float[] o = backend().download(out);
    for (int j = 0; j < 5; j++) {
      double expected = m[j] * mean[j] / (1e-10 + expectedSum / 5);
      assertThat(o[j]).isCloseTo((float) expected, within(1e-5f));
    }
    // τ = 1: column 0 is (1 − 1)/0 = NaN → 1e-17, every other column ≤ 0 → 0.
    assertThat(backend().sandMask(stacked, 1f, 10f, out)).isCloseTo(1e-17, within(1e-20));
  }

  @Test
  void sandMaskWithOneEnvironmentUsesTheNanVarianceFallback() {
    Tensor out = backend().allocate(Shape.of(2));
    double sum = backend().sandMask(tensor(new float[] {2, -3}, 1, 2), 0.5f, 1f, out);
    // var = NaN → 1e-17, |mean sign| − τ = 0.5 > 0 → tanh(huge) = 1
    assertThat(sum).isEqualTo(2.0);
    assertThat(backend().download(out)).containsExactly(2, -3);
  }

  @Test
  void gradientConsistencyCountsUnanimousColumnsAndAccumulatesTheGram() {
    for (int e : new int[] {3, 10}) {
      int n = 2100;
      float[] g = randomValues(e * n);
      for (int j = 0; j < n; j += 3) {
        for (int r = 0; r < e; r++) {
          g[r * n + j] = Math.abs(g[r * n + j]) * (j % 2 == 0 ? 1 : -1);
        }
      }
      g[3] = 0f;
      double[] gram = new double[e * e];
      gram[1] = 100;
      long agreeing = backend().gradientConsistency(tensor(g, e, n), gram);
      long expected = 0;
      for (int j = 0; j < n; j++) {
        int signs = 0;
        for (int r = 0; r < e; r++) {
          signs += (int) Math.signum(g[r * n + j]);
        }
        expected += Math.abs(signs) == e ? 1 : 0;
      }
      assertThat(agreeing).as("E=%d", e).isEqualTo(expected);
      for (int a = 0; a < e; a++) {
        for (int b = 0; b < e; b++) {
          double dot = a * e + b == 1 ? 100 : 0;
          for (int j = 0; j < n; j++) {
            dot += (double) g[a * n + j] * g[b * n + j];
          }
          assertThat(gram[a * e + b]).as("E=%d gram[%d][%d]", e, a, b).isCloseTo(dot, within(1e-3 * (1 + Math.abs(dot))));
        }
      }
    }
  }

  @Test
  void classifierGradientVarianceMatchesPerExampleGradients() {
    int n = 6;
    int k = 3;
    int d = 4;
    float[] errors = randomValues(n * k);
    float[] features = randomValues(n * d);
    for (int i = 0; i < features.length; i++) {
      features[i] += 100; // a large mean: the naive m2 − m1² would cancel badly in float
    }
    Tensor wv = backend().allocate(Shape.of(k, d));
    Tensor bv = backend().allocate(Shape.of(k));
    backend().classifierGradientVariance(tensor(errors, n, k), tensor(features, n, d), wv, bv);
    float[] w = backend().download(wv);
    float[] b = backend().download(bv);
    for (int c = 0; c < k; c++) {
      for (int j = 0; j <= d; j++) {
        double[] g = new double[n];
        for (int r = 0; r < n; r++) {
          g[r] = errors[r * k + c] * (j == d ? 1.0 : features[r * d + j]);
        }
        double mean = java.util.Arrays.stream(g).average().orElseThrow();
        double var = java.util.Arrays.stream(g).map(v -> (v - mean) * (v - mean)).sum() / n;
        float actual = j == d ? b[c] : w[c * d + j];
        assertThat((double) actual).isCloseTo(var, within(1e-5 * var + 1e-7));
      }
    }
  }

  @Test
  void adamStepMatchesTheFormula() {
    float[] p = {1, -2, 0.5f};
    float[] g = {0.1f, 0.2f, -0.3f};
    float[] m = {0.01f, 0, -0.02f};
    float[] v = {0.001f, 0.002f, 0};
    Tensor pt = tensor(p, 3);
    Tensor mt = tensor(m, 3);
    Tensor vt = tensor(v, 3);
    AdamCoefficients c = new AdamCoefficients(0.01f, 0.9f, 0.999f, 1e-8f, 0.1f, 1 - Math.pow(0.9, 3), 1 - Math.pow(0.999, 3));
    backend().adamStep(pt, tensor(g, 3), mt, vt, c);
    float[] pOut = backend().download(pt);
    for (int i = 0; i < 3; i++) {
      double gi = g[i] + 0.1 * p[i];
      double mi = 0.9 * m[i] + 0.1 * gi;
      double vi = 0.999 * v[i] + 0.001 * gi * gi;
      double expected = p[i] - 0.01 * (mi / c.biasCorrection1()) / (Math.sqrt(vi / c.biasCorrection2()) + 1e-8);
      assertThat(backend().download(mt)[i]).isCloseTo((float) mi, within(1e-7f));
      assertThat(backend().download(vt)[i]).isCloseTo((float) vi, within(1e-8f));
      assertThat(pOut[i]).isCloseTo((float) expected, within(1e-6f));
    }
  }

  @Test
  void sgdMomentumStepMatchesTheFormula() {
    Tensor p = tensor(new float[] {1, -1}, 2);
    Tensor b = tensor(new float[] {0.5f, 0}, 2);
    backend().sgdMomentumStep(p, tensor(new float[] {0.2f, 0.4f}, 2), b, 0.1f, 0.9f, 0.01f);
    // b = 0.9·b + g + 0.01·θ ; θ −= 0.1·b
    float b0 = 0.9f * 0.5f + 0.2f + 0.01f;
    float b1 = 0.4f - 0.01f;
    assertThat(backend().download(b)).containsExactly(b0, b1);
    assertThat(backend().download(p)).containsExactly(1 - 0.1f * b0, -1 - 0.1f * b1);
  }

  @Test
  void andMaskGeometricMeanTakesTheGeometricMeanOfMagnitudesWithTheSignOfTheMean() {
    // Columns: all positive | all negative | one exact zero (kept at tau 2/3) | mixed
    float[] g = {
      1, -2, 0, 4,
      4, -8, 3, -1,
      2, -4, 5, 1};
    Tensor out = backend().allocate(Shape.of(4));
    long kept = backend().andMaskGeometricMean(tensor(g, 3, 4), 1f, out);
    assertThat(kept).isEqualTo(2);
    double scale = 1 / (1e-10 + 2.0 / 4);
    float[] o = backend().download(out);
    assertThat((double) o[0]).isCloseTo(Math.cbrt(1 * 4 * 2) * scale, within(1e-5));
    assertThat((double) o[1]).isCloseTo(-Math.cbrt(2 * 8 * 4) * scale, within(1e-5));
    assertThat(o[2]).isZero();
    assertThat(o[3]).isZero();
    backend().andMaskGeometricMean(tensor(g, 3, 4), 2f / 3f, out);
    // Column 2 has |mean sign| = 2/3: its zero entry pulls the geometric mean to ~1e-10^(1/3).
    double zeroColumn = Math.cbrt(1e-10 * 3 * 5) / (1e-10 + 3.0 / 4);
    assertThat((double) backend().download(out)[2]).isCloseTo(zeroColumn, within(1e-7));
  }

  @Test
  void andMaskGeometricMeanMatchesFormulaAcrossChunksIncludingTinyProducts() {
    int e = 5;
    int n = 2100;
    float[] g = randomValues(e * n);
    for (int j = 0; j < n; j += 3) {
      for (int r = 0; r < e; r++) {
        g[r * n + j] = Math.abs(g[r * n + j]) * (j % 2 == 0 ? 1e-30f : 1e20f);
      }
    }
    for (float tau : new float[] {1f, 0.6f}) {
      Tensor out = backend().allocate(Shape.of(n));
      long kept = backend().andMaskGeometricMean(tensor(g, e, n), tau, out);
      double[] expected = new double[n];
      int expectedKept = 0;
      for (int j = 0; j < n; j++) {
        double signs = 0;
        double mean = 0;
        double logs = 0;
        for (int r = 0; r < e; r++) {
          float v = g[r * n + j];
          signs += Math.signum(v);
          mean += v;
          logs += Math.log(Math.abs(v) + 1e-10);
        }
        if (Math.abs(signs / e) >= tau - 1e-6) {
          expected[j] = Math.signum(mean) * Math.exp(logs / e);
          expectedKept++;
        }
      }
      assertThat(kept).isEqualTo(expectedKept);
      float[] o = backend().download(out);
      for (int j = 0; j < n; j++) {
        double want = expected[j] / (1e-10 + (double) expectedKept / n);
        assertThat((double) o[j]).as("tau %s column %d", tau, j).isCloseTo(want, within(1e-5 * Math.abs(want) + 1e-30));
      }
    }
  }

  @Test
  void maxPoolTangentFollowsTheArgMaxOfThePrimalInput() {
    float[] in = {1, 5, 3, 5, 2, 0, 9, 9, 4, 4, 4, 4, -1, -2, -3, -4};
    float[] tangent = new float[16];
    for (int i = 0; i < 16; i++) {
      tangent[i] = 100 + i;
    }
    Tensor out = backend().allocate(Shape.of(1, 2, 2, 1));
    backend().maxPool2x2Tangent(tensor(in, 1, 4, 4, 1), tensor(tangent, 1, 4, 4, 1), out);
    // Arg-maxes (first on ties): index 1, 6, 8, 10 — the same places maxPool2x2Backward routes to.
    assertThat(backend().download(out)).containsExactly(101, 106, 108, 110);
  }

  @Test
  void maxPoolTangentIsTheAdjointOfMaxPoolBackward() {
    int n = 2;
    int h = 4;
    int w = 6;
    int c = 3;
    float[] in = randomValues(n * h * w * c);
    float[] tangent = randomValues(in.length);
    float[] outGradient = randomValues(in.length / 4);
    Tensor input = tensor(in, n, h, w, c);
    Tensor outTangent = backend().allocate(Shape.of(n, h / 2, w / 2, c));
    Tensor inGradient = backend().allocate(Shape.of(n, h, w, c));
    backend().maxPool2x2Tangent(input, tensor(tangent, n, h, w, c), outTangent);
    backend().maxPool2x2Backward(input, tensor(outGradient, n, h / 2, w / 2, c), inGradient);
    double left = 0;
    float[] t = backend().download(outTangent);
    for (int i = 0; i < t.length; i++) {
      left += (double) t[i] * outGradient[i];
    }
    double right = 0;
    float[] d = backend().download(inGradient);
    for (int i = 0; i < d.length; i++) {
      right += (double) d[i] * tangent[i];
    }
    assertThat(left).isCloseTo(right, within(1e-5));
  }

  @Test
  void logProbabilitySumTangentGivesThePartialsOfTheDirectionalDerivative() {
    int rows = 4;
    int k = 3;
    float[] logits = randomValues(rows * k);
    float[] tangent = randomValues(rows * k);
    float[] weights = {0.5f, 2f, 1f, 0.25f};
    Tensor p = backend().allocate(Shape.of(rows, k));
    backend().softmax(tensor(logits, rows, k), p);
    float[] probs = backend().download(p);
    for (boolean weighted : new boolean[] {false, true}) {
      Tensor dz = tensor(randomValues(rows * k), rows, k);
      Tensor dt = tensor(randomValues(rows * k), rows, k);
      double total = backend().logProbabilitySumTangent(
          p, tensor(tangent, rows, k), weighted ? tensor(weights, rows) : null, 3f, dz, dt);
      float[] gz = backend().download(dz);
      float[] gt = backend().download(dt);
      double expectedTotal = 0;
      for (int r = 0; r < rows; r++) {
        double w = weighted ? weights[r] : 1;
        double[] z = new double[k];
        double[] zt = new double[k];
        for (int j = 0; j < k; j++) {
          z[j] = logits[r * k + j];
          zt[j] = tangent[r * k + j];
        }
        expectedTotal += w * directionalLogProbabilitySum(z, zt);
        for (int j = 0; j < k; j++) {
          // Central differences of c·D_v S in z_j (float64), and D_v S is linear in ż.
          double h = 1e-5;
          z[j] += h;
          double up = directionalLogProbabilitySum(z, zt);
          z[j] -= 2 * h;
          double down = directionalLogProbabilitySum(z, zt);
          z[j] += h;
          double[] unit = new double[k];
          unit[j] = 1;
          assertThat((double) gz[r * k + j]).isCloseTo(3 * w * (up - down) / (2 * h), within(1e-4));
          assertThat((double) gt[r * k + j]).isCloseTo(3 * w * directionalLogProbabilitySum(z, unit), within(1e-5));
        }
      }
      assertThat(total).isCloseTo(expectedTotal, within(1e-5));
      assertThat(probs).hasSize(rows * k);
    }
  }

  /** {@code Σ_k (1 − K softmax(z)_k) ż_k}: the derivative of Σ_k log softmax(z)_k along ż. */
  private static double directionalLogProbabilitySum(double[] z, double[] zt) {
    double max = java.util.Arrays.stream(z).max().orElseThrow();
    double sum = java.util.Arrays.stream(z).map(v -> Math.exp(v - max)).sum();
    double d = 0;
    for (int j = 0; j < z.length; j++) {
      d += (1 - z.length * Math.exp(z[j] - max) / sum) * zt[j];
    }
    return d;
  }

  @Test
  void markLargeMagnitudesAccumulatesAPerRowUnion() {
    float[] values = {
      1, -3, 2.5f, 0.1f,
      0, 0, 0, 0,
      -1, 1, 0.5f, Float.NaN};
    Tensor mask = tensor(new float[] {0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0}, 3, 4);
    backend().markLargeMagnitudes(tensor(values, 3, 4), 0.67f, mask);
    // Row 0: max 3, threshold 2.01 → columns 1 and 2; column 3 keeps its earlier mark.
    // Row 1: all zero → nothing new. Row 2: max is NaN → nothing marked.
    assertThat(backend().download(mask)).containsExactly(0, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0);
    Tensor ties = backend().allocate(Shape.of(1, 3));
    backend().markLargeMagnitudes(tensor(new float[] {2, -2, 1.34f}, 1, 3), 0.67f, ties);
    assertThat(backend().download(ties)).containsExactly(1, 1, 0);
  }
}
