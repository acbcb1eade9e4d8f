package io.invstream.trainer.step;

import io.invstream.trainer.reference.ReferenceModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Float64 objectives of the penalty algorithms, written straight from the formulas of {@code
 * /work/shared/ALGORITHMS.md} and DomainBed, independently of the trainer's closed-form gradients:
 * finite differences of these functions are the ground truth the analytic gradients are checked
 * against. Example weights enter the cross-entropies (and IRM's dummy-scale means) as in the
 * trainer; without weights every formula is the published one.
 */
final class ReferencePenalties {

  private ReferencePenalties() {}

  /** One environment's forward pass in float64. */
  record Pass(EnvironmentBatch batch, double[][] logits, double[][] features, double[][] probabilities) {

    static Pass of(ReferenceModel model, double[] theta, EnvironmentBatch b) {
      ReferenceModel.Output out = model.forward(theta, ReferenceLosses.inputs(b));
      return new Pass(b, out.logits(), out.features(), softmax(out.logits()));
    }

    double loss() {
      return ReferenceLosses.loss(new ReferenceModel.Output(logits, features), batch);
    }

    double weight(int n) {
      return batch.weights() == null ? 1.0 : batch.weights()[n];
    }

    /** {@code p_n − onehot(y_n)}. */
    double[] error(int n) {
      double[] e = probabilities[n].clone();
      e[batch.labels()[n]] -= 1;
      return e;
    }
  }

  static List<Pass> passes(ReferenceModel model, double[] theta, List<EnvironmentBatch> envs) {
    List<Pass> out = new ArrayList<>();
    for (EnvironmentBatch b : envs) {
      out.add(Pass.of(model, theta, b));
    }
    return out;
  }

  /** {@code Σ_e (W_e/W) L_e}: the cross-entropy of the pooled batch. */
  static double pooledLoss(List<Pass> passes) {
    double total = 0;
    double weighted = 0;
    for (Pass p : passes) {
      double w = ReferenceLosses.weightSum(p.batch());
      total += w;
      weighted += w * p.loss();
    }
    return weighted / total;
  }

  static double meanLoss(List<Pass> passes) {
    return passes.stream().mapToDouble(Pass::loss).average().orElseThrow();
  }

  // ---- IRMv1 ----------------------------------------------------------------------------------

  /** {@code ∂/∂s CE(s·z, y)|s=1} over the rows {@code from, from + stride, …}, weighted. */
  static double dummyScaleGradient(Pass p, int from, int stride) {
    double sum = 0;
    double total = 0;
    for (int n = from; n < p.logits().length; n += stride) {
      double[] e = p.error(n);
      double r = 0;
      for (int k = 0; k < e.length; k++) {
        r += e[k] * p.logits()[n][k];
      }
      sum += p.weight(n) * r;
      total += p.weight(n);
    }
    return sum / total;
  }

  /** {@code mean_e penalty_e}: split {@code d_even·d_odd} or squared {@code d²}. */
  static double irmPenalty(List<Pass> passes, boolean split) {
    double sum = 0;
    for (Pass p : passes) {
      sum += split
          ? dummyScaleGradient(p, 0, 2) * dummyScaleGradient(p, 1, 2)
          : Math.pow(dummyScaleGradient(p, 0, 1), 2);
    }
    return sum / passes.size();
  }

  static double irm(List<Pass> passes, double weight, boolean split) {
    return meanLoss(passes) + weight * irmPenalty(passes, split);
  }

  // ---- V-REx ----------------------------------------------------------------------------------

  static double riskVariance(List<Pass> passes) {
    double mean = meanLoss(passes);
    return passes.stream().mapToDouble(p -> Math.pow(p.loss() - mean, 2)).average().orElseThrow();
  }

  static double vrex(List<Pass> passes, double weight) {
    return meanLoss(passes) + weight * riskVariance(passes);
  }

  // ---- Fishr ----------------------------------------------------------------------------------

  /**
   * Per-entry variance over the environment's examples of the classifier layer's per-example
   * gradients {@code ((p − y) hᵀ, p − y)}, weight entries {@code [K][d]} row-major then bias.
   */
  static double[] classifierGradientVariance(Pass p) {
    int n = p.logits().length;
    int k = p.logits()[0].length;
    int d = p.features()[0].length;
    double[][] g = new double[n][k * d + k];
    for (int i = 0; i < n; i++) {
      double[] e = p.error(i);
      for (int c = 0; c < k; c++) {
        for (int j = 0; j < d; j++) {
          g[i][c * d + j] = e[c] * p.features()[i][j];
        }
        g[i][k * d + c] = e[c];
      }
    }
    double[] variance = new double[k * d + k];
    for (int j = 0; j < variance.length; j++) {
      double mean = 0;
      for (double[] row : g) {
        mean += row[j] / n;
      }
      for (double[] row : g) {
        variance[j] += Math.pow(row[j] - mean, 2) / n;
      }
    }
    return variance;
  }

  /**
   * {@code P = (1/E) Σ_e mean_j (u_e − ū)²} with {@code u_e = (ema·m_e + (1 − ema)·v_e)/(1 − ema)}
   * and {@code m_e} from {@code averages} (zero for an environment not in the map).
   */
  static double fishrDistance(List<Pass> passes, double ema, Map<String, double[]> averages) {
    List<double[]> used = new ArrayList<>();
    for (Pass p : passes) {
      double[] v = classifierGradientVariance(p);
      double[] m = averages.getOrDefault(p.batch().environment(), new double[v.length]);
      double[] u = new double[v.length];
      for (int j = 0; j < v.length; j++) {
        u[j] = (ema * m[j] + (1 - ema) * v[j]) / (1 - ema);
      }
      used.add(u);
    }
    int entries = used.get(0).length;
    double penalty = 0;
    for (int j = 0; j < entries; j++) {
      double mean = 0;
      for (double[] u : used) {
        mean += u[j] / used.size();
      }
      for (double[] u : used) {
        penalty += Math.pow(u[j] - mean, 2) / entries / used.size();
      }
    }
    return penalty;
  }

  static double fishr(List<Pass> passes, double weight, double ema, Map<String, double[]> averages) {
    return pooledLoss(passes) + weight * fishrDistance(passes, ema, averages);
  }

  /** The averages after a committed step: {@code m_e ← ema·m_e + (1 − ema)·v_e}. */
  static void commitFishrAverages(List<Pass> passes, double ema, Map<String, double[]> averages) {
    for (Pass p : passes) {
      double[] v = classifierGradientVariance(p);
      double[] m = averages.getOrDefault(p.batch().environment(), new double[v.length]);
      double[] next = new double[v.length];
      for (int j = 0; j < v.length; j++) {
        next[j] = ema * m[j] + (1 - ema) * v[j];
      }
      averages.put(p.batch().environment(), next);
    }
  }

  // ---- CORAL ----------------------------------------------------------------------------------

  /** DomainBed's {@code mmd} with the mean-and-covariance kernel, averaged over environment pairs. */
  static double coralPenalty(List<Pass> passes) {
    if (passes.size() < 2) {
      return 0;
    }
    double sum = 0;
    int pairs = 0;
    for (int a = 0; a < passes.size(); a++) {
      for (int b = a + 1; b < passes.size(); b++) {
        sum += meanCovarianceDistance(passes.get(a).features(), passes.get(b).features());
        pairs++;
      }
    }
    return sum / pairs;
  }

  static double coral(List<Pass> passes, double gamma) {
    return meanLoss(passes) + gamma * coralPenalty(passes);
  }

  private static double meanCovarianceDistance(double[][] x, double[][] y) {
    double[] mx = columnMeans(x);
    double[] my = columnMeans(y);
    double[][] cx = covariance(x, mx);
    double[][] cy = covariance(y, my);
    int d = mx.length;
    double meanTerm = 0;
    double covTerm = 0;
    for (int i = 0; i < d; i++) {
      meanTerm += Math.pow(mx[i] - my[i], 2) / d;
      for (int j = 0; j < d; j++) {
        covTerm += Math.pow(cx[i][j] - cy[i][j], 2) / (d * d);
      }
    }
    return meanTerm + covTerm;
  }

  private static double[] columnMeans(double[][] x) {
    double[] m = new double[x[0].length];
    for (double[] row : x) {
      for (int j = 0; j < m.length; j++) {
        m[j] += row[j] / x.length;
      }
    }
    return m;
  }

  private static double[][] covariance(double[][] x, double[] mean) {
    int d = mean.length;
    double[][] c = new double[d][d];
    for (double[] row : x) {
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          c[i][j] += (row[i] - mean[i]) * (row[j] - mean[j]) / (x.length - 1);
        }
      }
    }
    return c;
  }

  // ---- DANN -----------------------------------------------------------------------------------

  /**
   * The discriminator's pooled cross-entropy {@code Σ_e (W_e/W)·D_e}, environment e being class e,
   * on the given per-environment features.
   */
  static double discriminatorLoss(ReferenceModel head, double[] phi, List<Pass> passes) {
    double total = 0;
    double weighted = 0;
    for (int e = 0; e < passes.size(); e++) {
      Pass p = passes.get(e);
      EnvironmentBatch b = p.batch();
      int[] domain = new int[b.rows()];
      java.util.Arrays.fill(domain, e);
      EnvironmentBatch labelled = new EnvironmentBatch(b.environment(), b.rows(), b.cols(), b.features(), domain, null, b.weights());
      double[][] logits = head.forward(phi, p.features()).logits();
      double w = ReferenceLosses.weightSum(b);
      weighted += w * ReferenceLosses.loss(new ReferenceModel.Output(logits, p.features()), labelled);
      total += w;
    }
    return weighted / total;
  }

  /** The generator's objective {@code CE(pooled) − λ·D}. */
  static double dannGenerator(List<Pass> passes, double lambda, ReferenceModel head, double[] phi) {
    return pooledLoss(passes) - lambda * discriminatorLoss(head, phi, passes);
  }

  private static double[][] softmax(double[][] z) {
    double[][] p = new double[z.length][];
    for (int n = 0; n < z.length; n++) {
      double max = Double.NEGATIVE_INFINITY;
      for (double v : z[n]) {
        max = Math.max(max, v);
      }
      double sum = 0;
      p[n] = new double[z[n].length];
      for (int k = 0; k < z[n].length; k++) {
        p[n][k] = Math.exp(z[n][k] - max);
        sum += p[n][k];
      }
      for (int k = 0; k < z[n].length; k++) {
        p[n][k] /= sum;
      }
    }
    return p;
  }
}
