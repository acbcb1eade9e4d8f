package io.invstream.trainer.tensor.cuda;

import io.invstream.trainer.tensor.AdamCoefficients;
import io.invstream.trainer.tensor.CrossEntropy;
import io.invstream.trainer.tensor.Shape;
import io.invstream.trainer.tensor.Tensor;
import io.invstream.trainer.tensor.TensorBackend;
import java.util.SplittableRandom;

/**
 * Every kernel of the seam on seeded random inputs of sizes that span several GPU blocks, through
 * {@link TensorBackend} only, so the same cases run on the CPU backend (recorded in a fixture) and
 * on the CUDA backend (compared with it).
 */
final class KernelCases {

  private static final int N = 1_100;

  private final TensorBackend b;
  private final SplittableRandom random = new SplittableRandom(20_240_607);
  private final Outputs out = new Outputs();

  private KernelCases(TensorBackend backend) {
    this.b = backend;
  }

  static Outputs run(TensorBackend backend) {
    KernelCases c = new KernelCases(backend);
    c.blas();
    c.layers();
    c.images();
    c.masks();
    c.statistics();
    c.optimisers();
    c.explanations();
    return c.out;
  }

  private void blas() {
    for (boolean ta : new boolean[] {false, true}) {
      for (boolean tb : new boolean[] {false, true}) {
        int m = 37;
        int n = 29;
        int k = 53;
        Tensor a = tensor(ta ? Shape.of(k, m) : Shape.of(m, k));
        Tensor bt = tensor(tb ? Shape.of(n, k) : Shape.of(k, n));
        Tensor c = tensor(Shape.of(m, n));
        b.gemm(ta, tb, 0.75f, a, bt, -0.5f, c);
        out.put("gemm/" + ta + "/" + tb, b.download(c));
      }
    }
    Tensor x = tensor(Shape.of(N));
    Tensor y = tensor(Shape.of(N));
    b.axpy(-1.5f, x, y);
    out.put("axpy", b.download(y));
    b.scale(0.3f, y);
    out.put("scale", b.download(y));
    Tensor z = b.allocate(Shape.of(N));
    b.multiply(x, y, z);
    out.put("multiply", b.download(z));
    out.put("dot", b.dot(x, y));
    out.put("sumOfSquares", b.sumOfSquares(z));
    Tensor stacked = tensor(Shape.of(5, N));
    Tensor combination = b.allocate(Shape.of(N));
    b.linearCombination(new double[] {0.2, -1, 0.5, 3, 0.125}, stacked, combination);
    out.put("linearCombination", b.download(combination));
  }

  private void layers() {
    Tensor x = tensor(Shape.of(64, 40));
    Tensor bias = tensor(Shape.of(40));
    b.addBias(x, bias, true);
    out.put("addBias/relu", b.download(x));
    Tensor g = tensor(Shape.of(64, 40));
    b.reluBackward(g, x);
    out.put("reluBackward", b.download(g));
    Tensor sums = tensor(Shape.of(40));
    b.columnSums(g, 0.5f, sums);
    out.put("columnSums", b.download(sums));
    int rows = 300;
    int k = 7;
    Tensor logits = scaled(tensor(Shape.of(rows, k)), 3f);
    Tensor labels = labels(rows, k);
    Tensor weights = positive(rows);
    Tensor p = b.allocate(Shape.of(rows, k));
    Tensor grad = b.allocate(Shape.of(rows, k));
    CrossEntropy ce = b.softmaxCrossEntropy(logits, labels, weights, p, grad);
    out.put("crossEntropy/probabilities", b.download(p));
    out.put("crossEntropy/gradient", b.download(grad));
    out.put("crossEntropy/loss", ce.loss());
    out.put("crossEntropy/weightSum", ce.weightSum());
    out.put("crossEntropy/correct", ce.correct());
    CrossEntropy unweighted = b.softmaxCrossEntropy(logits, labels, null, p, grad);
    out.put("crossEntropy/unweighted/gradient", b.download(grad));
    out.put("crossEntropy/unweighted/loss", unweighted.loss());
    b.softmax(logits, p);
    out.put("softmax", b.download(p));
    Tensor in = tensor(Shape.of(3, 17, 11));
    Tensor t = b.allocate(Shape.of(3, 11, 17));
    b.transposeMatrices(in, t);
    out.put("transposeMatrices", b.download(t));
  }

  private void images() {
    Tensor images = tensor(Shape.of(3, 6, 10, 4));
    Tensor columns = b.allocate(Shape.of(3 * 6 * 10, 4 * 9));
    b.im2col(images, 3, 1, columns);
    out.put("im2col", b.download(columns));
    Tensor back = b.allocate(Shape.of(3, 6, 10, 4));
    b.col2im(tensor(Shape.of(3 * 6 * 10, 4 * 9)), 3, 1, back);
    out.put("col2im", b.download(back));
    Tensor pooled = b.allocate(Shape.of(3, 3, 5, 4));
    b.maxPool2x2(images, pooled);
    out.put("maxPool2x2", b.download(pooled));
    Tensor dIn = b.allocate(Shape.of(3, 6, 10, 4));
    b.maxPool2x2Backward(images, tensor(Shape.of(3, 3, 5, 4)), dIn);
    out.put("maxPool2x2Backward", b.download(dIn));
    b.maxPool2x2Tangent(images, tensor(Shape.of(3, 6, 10, 4)), pooled);
    out.put("maxPool2x2Tangent", b.download(pooled));
  }

  private void masks() {
    float[] g = values(4 * N);
    for (int j = 0; j < N; j += 3) {
      for (int r = 0; r < 4; r++) {
        g[r * N + j] = Math.abs(g[r * N + j]) * (j % 2 == 0 ? 1 : -1); // a third agree
      }
    }
    Tensor stacked = b.allocate(Shape.of(4, N));
    b.upload(g, stacked);
    Tensor o = b.allocate(Shape.of(N));
    out.put("andMask/kept", b.andMask(stacked, 0.75f, o));
    out.put("andMask", b.download(o));
    out.put("andMaskGeometricMean/kept", b.andMaskGeometricMean(stacked, 1f, o));
    out.put("andMaskGeometricMean", b.download(o));
    out.put("sandMask/sum", b.sandMask(stacked, 0.5f, 10f, o));
    out.put("sandMask", b.download(o));
    double[] gram = new double[16];
    out.put("gradientConsistency/agreeing", b.gradientConsistency(stacked, gram));
    float[] gf = new float[16];
    for (int i = 0; i < 16; i++) {
      gf[i] = (float) gram[i];
    }
    out.put("gradientConsistency/gram", gf);
  }

  private void statistics() {
    int n = 96;
    Tensor errors = tensor(Shape.of(n, 5));
    float[] h = values(n * 33);
    for (int i = 0; i < h.length; i++) {
      h[i] += 50f;
    }
    Tensor features = b.allocate(Shape.of(n, 33));
    b.upload(h, features);
    Tensor wv = b.allocate(Shape.of(5, 33));
    Tensor bv = b.allocate(Shape.of(5));
    b.classifierGradientVariance(errors, features, wv, bv);
    out.put("classifierGradientVariance/weights", b.download(wv));
    out.put("classifierGradientVariance/bias", b.download(bv));
  }

  private void optimisers() {
    Tensor p = tensor(Shape.of(N));
    Tensor g = tensor(Shape.of(N));
    Tensor m = scaled(tensor(Shape.of(N)), 0.1f);
    Tensor v = b.allocate(Shape.of(N));
    b.multiply(m, m, v);
    AdamCoefficients c = new AdamCoefficients(1e-3f, 0.9f, 0.999f, 1e-8f, 1e-4f, 1 - Math.pow(0.9, 7), 1 - Math.pow(0.999, 7));
    b.adamStep(p, g, m, v, c);
    out.put("adam/parameters", b.download(p));
    out.put("adam/m", b.download(m));
    out.put("adam/v", b.download(v));
    Tensor velocity = tensor(Shape.of(N));
    b.sgdMomentumStep(p, g, velocity, 0.05f, 0.9f, 1e-3f);
    out.put("sgd/parameters", b.download(p));
    out.put("sgd/velocity", b.download(velocity));
  }

  private void explanations() {
    int rows = 300;
    int k = 6;
    Tensor p = b.allocate(Shape.of(rows, k));
    b.softmax(tensor(Shape.of(rows, k)), p);
    Tensor dz = b.allocate(Shape.of(rows, k));
    Tensor dt = b.allocate(Shape.of(rows, k));
    out.put("logProbabilitySumTangent/total",
        b.logProbabilitySumTangent(p, tensor(Shape.of(rows, k)), positive(rows), 2.5f, dz, dt));
    out.put("logProbabilitySumTangent/logitGradient", b.download(dz));
    out.put("logProbabilitySumTangent/tangentGradient", b.download(dt));
    Tensor values = tensor(Shape.of(24, 300));
    Tensor mask = b.allocate(Shape.of(24, 300));
    b.markLargeMagnitudes(values, 0.6f, mask);
    out.put("markLargeMagnitudes", b.download(mask));
  }

  private float[] values(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }

  private Tensor tensor(Shape shape) {
    Tensor t = b.allocate(shape);
    b.upload(values(Math.toIntExact(shape.size())), t);
    return t;
  }

  private Tensor scaled(Tensor t, float s) {
    b.scale(s, t);
    return t;
  }

  private Tensor labels(int rows, int k) {
    float[] y = new float[rows];
    for (int i = 0; i < rows; i++) {
      y[i] = random.nextInt(k);
    }
    Tensor t = b.allocate(Shape.of(rows));
    b.upload(y, t);
    return t;
  }

  private Tensor positive(int rows) {
    float[] w = new float[rows];
    for (int i = 0; i < rows; i++) {
      w[i] = (float) random.nextDouble(0.1, 2);
    }
    Tensor t = b.allocate(Shape.of(rows));
    b.upload(w, t);
    return t;
  }
}
