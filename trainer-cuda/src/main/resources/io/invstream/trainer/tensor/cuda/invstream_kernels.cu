// Elementwise and reduction kernels of invstream's CUDA tensor backend (CudaBackend).
//
// Conventions, shared with the Java side (KernelSignature lists every entry point and its
// parameters; a test checks that list against the PTX that nvcc builds from this file):
//  * tensors are float32, row-major, contiguous; sizes are int (the trainer's tensors hold fewer
//    than 2^31 elements); pointers are 64-bit device addresses;
//  * the file is compiled with -fmad=false (nvcc at build time, NVRTC at run time), so every
//    float expression rounds exactly as the same expression in the Java CPU kernels
//    (Nd4jCpuBackend), which never fuse a multiply and an add; the comments name the Java
//    method each kernel mirrors;
//  * sums returned to the host are accumulated in double and reduced deterministically: each
//    block writes one partial per sum, then reduce_partials adds them in a fixed order, so the
//    same input gives the same bits on every run (no atomics on values);
//  * NaN propagates as in Java: Java's Math.max/min return NaN when either argument is NaN,
//    while CUDA's fmaxf/fminf return the other argument, so comparisons are spelled out.
//
// The file includes no header, so that NVRTC can compile it without the CUDA headers.

#define BLOCK 256
#define MAX_COEFFICIENTS 32

// ---- helpers ---------------------------------------------------------------------------------

// Java MaskKernels.sign: sign(±0) = 0, NaN -> NaN, denormals -> ±1.
__device__ __forceinline__ float sign_of(float v) {
  return v > 0.f ? 1.f : (v < 0.f ? -1.f : (v == 0.f ? 0.f : v));
}

// Java MaskKernels.step: d >= 0 -> 1 (also for -0), d < 0 -> 0, NaN -> NaN.
__device__ __forceinline__ float step_of(float d) {
  return d >= 0.f ? 1.f : (d < 0.f ? 0.f : d);
}

// Java Math.max(v, 0f) for ReLU: NaN stays NaN, -0 becomes +0.
__device__ __forceinline__ float relu_of(float v) {
  return v > 0.f ? v : (v <= 0.f ? 0.f : v);
}

// Java Math.max(a, b) on floats, NaN-propagating.
__device__ __forceinline__ float max_nan(float a, float b) {
  return (a != a || b != b) ? __int_as_float(0x7fc00000) : (a > b ? a : b);
}

// Sum of v over the block, in a fixed order; every thread gets the result.
__device__ double block_sum(double v) {
  __shared__ double s[BLOCK];
  s[threadIdx.x] = v;
  __syncthreads();
  for (int stride = BLOCK / 2; stride > 0; stride >>= 1) {
    if (threadIdx.x < stride) {
      s[threadIdx.x] += s[threadIdx.x + stride];
    }
    __syncthreads();
  }
  double total = s[0];
  __syncthreads();
  return total;
}

// Writes one block's partial of sum number `which` into partials[which * blocks + blockIdx.x].
__device__ __forceinline__ void write_partial(double* partials, int which, double v) {
  double total = block_sum(v);
  if (threadIdx.x == 0) {
    partials[which * gridDim.x + blockIdx.x] = total;
  }
}

// ---- reductions ------------------------------------------------------------------------------

// One block per sum s: results[s] = sum of partials[s * count .. s * count + count).
extern "C" __global__ void reduce_partials(int count, const double* partials, double* results) {
  const double* row = partials + (long long) blockIdx.x * count;
  double v = 0.0;
  for (int i = threadIdx.x; i < count; i += BLOCK) {
    v += row[i];
  }
  double total = block_sum(v);
  if (threadIdx.x == 0) {
    results[blockIdx.x] = total;
  }
}

// ElementwiseKernels.dot / sumOfSquares: products of floats are exact in double.
extern "C" __global__ void dot_partials(int n, const float* a, const float* b, double* partials) {
  double v = 0.0;
  for (int i = blockIdx.x * BLOCK + threadIdx.x; i < n; i += gridDim.x * BLOCK) {
    v += (double) a[i] * (double) b[i];
  }
  write_partial(partials, 0, v);
}

// ---- elementwise -----------------------------------------------------------------------------

extern "C" __global__ void axpy_f32(int n, float alpha, const float* x, float* y) {
  for (int i = blockIdx.x * BLOCK + threadIdx.x; i < n; i += gridDim.x * BLOCK) {
    y[i] += alpha * x[i];
  }
}

extern "C" __global__ void scale_f32(int n, float alpha, float* x) {
  for (int i = blockIdx.x * BLOCK + threadIdx.x; i < n; i += gridDim.x * BLOCK) {
    x[i] *= alpha;
  }
}

extern "C" __global__ void multiply_f32(int n, const float* a, const float* b, float* out) {
  for (int i = blockIdx.x * BLOCK + threadIdx.x; i < n; i += gridDim.x * BLOCK) {
    out[i] = a[i] * b[i];
  }
}

// x *= (float) (1 / (1e-10 + results[slot] / n)): the rescale of the AND-/SAND-masks by the kept
// fraction, read from the device so that no host round trip sits between mask and rescale.
extern "C" __global__ void scale_by_kept_f32(int n, const double* results, int slot, float* x) {
  float factor = (float) (1.0 / (1e-10 + results[slot] / (double) n));
  for (int i = blockIdx.x * BLOCK + threadIdx.x; i < n; i += gridDim.x * BLOCK) {
    x[i] *= factor;
  }
}

struct Coefficients {
  float c[MAX_COEFFICIENTS];
};

// ElementwiseKernels.linearCombination over rows [first, first + count) of stacked [E, n]; the
// coefficients travel by value (at most 32 per launch); accumulate = 0 starts from zero, 1 adds
// to out, so successive launches continue the same left-to-right float sum.
extern "C" __global__ void linear_combination_f32(
    int n, int first, int count, Coefficients coefficients, const float* stacked, int accumulate, float* out) {
  for (int j = blockIdx.x * BLOCK + threadIdx.x; j < n; j += gridDim.x * BLOCK) {
    float acc = accumulate ? out[j] : 0.f;
    // Unrolled with constant indices, so the coefficients stay in parameter space (a run-time
    // index would copy the struct to local memory).
#pragma unroll
    for (int r = 0; r < MAX_COEFFICIENTS; r++) {
      if (r < count) {
        acc += coefficients.c[r] * stacked[(long long) (first + r) * n + j];
      }
    }
    out[j] = acc;
  }
}

// ---- layers ----------------------------------------------------------------------------------

extern "C" __global__ void add_bias_f32(int rows, int cols, float* x, const float* bias, int relu) {
  int n = rows * cols;
  for (int i = blockIdx.x * BLOCK + threadIdx.x; i < n; i += gridDim.x * BLOCK) {
    float v = x[i] + bias[i % cols];
    x[i] = relu ? relu_of(v) : v;
  }
}

extern "C" __global__ void relu_backward_f32(int n, float* gradient, const float* activation) {
  for (int i = blockIdx.x * BLOCK + threadIdx.x; i < n; i += gridDim.x * BLOCK) {
    gradient[i] = activation[i] > 0.f ? gradient[i] : 0.f;
  }
}

// out[b, j, i] = in[b, i, j] for in [B, r, c]; indexed by output for coalesced writes.
extern "C" __global__ void transpose_matrices_f32(int batches, int r, int c, const float* in, float* out) {
  int n = batches * r * c;
  for (int o = blockIdx.x * BLOCK + threadIdx.x; o < n; o += gridDim.x * BLOCK) {
    int b = o / (r * c);
    int rest = o - b * r * c;
    int j = rest / r;
    int i = rest - j * r;
    out[o] = in[b * r * c + i * c + j];
  }
}

// ---- softmax and cross-entropy -----------------------------------------------------------------

// SoftmaxKernels.softmax for one row: max in float, exp in double rounded to float, sum in double.
__device__ void softmax_row(const float* z, float* p, int k) {
  float max = z[0];
  for (int c = 1; c < k; c++) {
    max = max_nan(max, z[c]);
  }
  double sum = 0.0;
  for (int c = 0; c < k; c++) {
    float e = (float) exp((double) (z[c] - max));
    p[c] = e;
    sum += e;
  }
  float inv = (float) (1.0 / sum);
  for (int c = 0; c < k; c++) {
    p[c] = p[c] * inv;
  }
}

// One thread per row (classes are few: a row's K values are read by one thread).
extern "C" __global__ void softmax_rows_f32(int rows, int k, const float* logits, float* probabilities) {
  for (int r = blockIdx.x * BLOCK + threadIdx.x; r < rows; r += gridDim.x * BLOCK) {
    softmax_row(logits + (long long) r * k, probabilities + (long long) r * k, k);
  }
}

// SoftmaxKernels.softmaxCrossEntropy, first pass: probabilities, and per block the partial sums
// of w·CE (0), w (1) and correct rows (2). A label that is not an integer in [0, k) lowers
// *bad_row to the smallest such row (the host throws); that row then counts as class 0.
extern "C" __global__ void cross_entropy_rows_f32(
    int rows, int k, const float* logits, const float* labels, const float* weights, float* probabilities,
    double* partials, int* bad_row) {
  double loss = 0.0;
  double weight = 0.0;
  double correct = 0.0;
  for (int r = blockIdx.x * BLOCK + threadIdx.x; r < rows; r += gridDim.x * BLOCK) {
    const float* z = logits + (long long) r * k;
    softmax_row(z, probabilities + (long long) r * k, k);
    float y = labels[r];
    int label = (int) y;
    if (!(y >= 0.f && y < (float) k && (float) label == y)) {
      atomicMin(bad_row, r);
      label = 0;
    }
    double w = weights ? (double) weights[r] : 1.0;
    float max = z[0];
    int best = 0;
    for (int c = 1; c < k; c++) {
      max = max_nan(max, z[c]);
      best = z[c] > z[best] ? c : best;
    }
    double sum = 0.0;
    for (int c = 0; c < k; c++) {
      sum += exp((double) (z[c] - max));
    }
    loss += w * (((double) max + log(sum)) - (double) z[label]);
    weight += w;
    correct += best == label ? 1.0 : 0.0;
  }
  write_partial(partials, 0, loss);
  write_partial(partials, 1, weight);
  write_partial(partials, 2, correct);
}

// Second pass: gradient = w_n / Σw · (p − onehot(y)), Σw read from results[weight_slot].
extern "C" __global__ void cross_entropy_gradient_f32(
    int rows, int k, const float* labels, const float* weights, const float* probabilities,
    const double* results, int weight_slot, float* gradient) {
  double weight_sum = results[weight_slot];
  float inv_weight = weight_sum > 0.0 ? (float) (1.0 / weight_sum) : 0.f;
  int n = rows * k;
  for (int i = blockIdx.x * BLOCK + threadIdx.x; i < n; i += gridDim.x * BLOCK) {
    int r = i / k;
    int c = i - r * k;
    int label = (int) labels[r];
    float scale = (weights ? weights[r] : 1.f) * inv_weight;
    float target = c == label ? 1.f : 0.f;
    gradient[i] = scale * (probabilities[i] - target);
  }
}

// ---- convolution and pooling (channels last) --------------------------------------------------

// ImageKernels.im2col: one thread per entry of columns [N·Ho·Wo, C·k·k].
extern "C" __global__ void im2col_f32(
    int n, int h, int w, int c, int k, int pad, const float* images, float* columns) {
  int ho = h + 2 * pad - k + 1;
  int wo = w + 2 * pad - k + 1;
  int width = c * k * k;
  long long total = (long long) n * ho * wo * width;
  for (long long i = blockIdx.x * (long long) BLOCK + threadIdx.x; i < total; i += (long long) gridDim.x * BLOCK) {
    long long row = i / width;
    int col = (int) (i - row * width);
    int channel = col / (k * k);
    int kk = col - channel * k * k;
    int ky = kk / k;
    int kx = kk - ky * k;
    int ox = (int) (row % wo);
    long long t = row / wo;
    int oy = (int) (t % ho);
    int image = (int) (t / ho);
    int iy = oy + ky - pad;
    int ix = ox + kx - pad;
    bool inside = iy >= 0 && iy < h && ix >= 0 && ix < w;
    columns[i] = inside ? images[(((long long) image * h + iy) * w + ix) * c + channel] : 0.f;
  }
}

// ImageKernels.col2im as a gather: each image entry adds its column entries in the order the
// Java scatter loop visits them (output row ascending), so the float sums are the same.
extern "C" __global__ void col2im_f32(
    int n, int h, int w, int c, int k, int pad, const float* columns, float* images) {
  int ho = h + 2 * pad - k + 1;
  int wo = w + 2 * pad - k + 1;
  int width = c * k * k;
  long long total = (long long) n * h * w * c;
  for (long long i = blockIdx.x * (long long) BLOCK + threadIdx.x; i < total; i += (long long) gridDim.x * BLOCK) {
    int channel = (int) (i % c);
    long long t = i / c;
    int ix = (int) (t % w);
    t /= w;
    int iy = (int) (t % h);
    int image = (int) (t / h);
    float sum = 0.f;
    for (int oy = iy + pad - k + 1; oy <= iy + pad; oy++) {
      if (oy < 0 || oy >= ho) {
        continue;
      }
      int ky = iy - oy + pad;
      for (int ox = ix + pad - k + 1; ox <= ix + pad; ox++) {
        if (ox < 0 || ox >= wo) {
          continue;
        }
        int kx = ix - ox + pad;
        long long row = ((long long) image * ho + oy) * wo + ox;
        sum += columns[row * width + channel * k * k + ky * k + kx];
      }
    }
    images[i] = sum;
  }
}

// Index of the first maximum of the 2×2 window (oy, ox) of channel ch, as ImageKernels.Pool.argMax.
__device__ __forceinline__ long long window_arg_max(
    const float* src, int h, int w, int c, int image, int oy, int ox, int ch) {
  long long top_left = (((long long) image * h + 2 * oy) * w + 2 * ox) * c + ch;
  long long best = top_left;
  best = src[top_left + c] > src[best] ? top_left + c : best;
  best = src[top_left + (long long) w * c] > src[best] ? top_left + (long long) w * c : best;
  best = src[top_left + (long long) w * c + c] > src[best] ? top_left + (long long) w * c + c : best;
  return best;
}

// mode 0: out = in[argmax] (forward); mode 1: out = tangent[argmax] (forward tangent).
extern "C" __global__ void max_pool_f32(
    int n, int h, int w, int c, const float* in, const float* tangent, int mode, float* out) {
  int oh = h / 2;
  int ow = w / 2;
  long long total = (long long) n * oh * ow * c;
  for (long long o = blockIdx.x * (long long) BLOCK + threadIdx.x; o < total; o += (long long) gridDim.x * BLOCK) {
    int ch = (int) (o % c);
    long long t = o / c;
    int ox = (int) (t % ow);
    t /= ow;
    int oy = (int) (t % oh);
    int image = (int) (t / oh);
    long long best = window_arg_max(in, h, w, c, image, oy, ox, ch);
    out[o] = mode == 0 ? in[best] : tangent[best];
  }
}

// ImageKernels.maxPool2x2Backward as a gather: every input entry is written, the window's
// arg-max with the output gradient, the others with zero.
extern "C" __global__ void max_pool_backward_f32(
    int n, int h, int w, int c, const float* in, const float* out_gradient, float* in_gradient) {
  long long total = (long long) n * h * w * c;
  int oh = h / 2;
  int ow = w / 2;
  for (long long i = blockIdx.x * (long long) BLOCK + threadIdx.x; i < total; i += (long long) gridDim.x * BLOCK) {
    int ch = (int) (i % c);
    long long t = i / c;
    int x = (int) (t % w);
    t /= w;
    int y = (int) (t % h);
    int image = (int) (t / h);
    long long best = window_arg_max(in, h, w, c, image, y / 2, x / 2, ch);
    long long o = (((long long) image * oh + y / 2) * ow + x / 2) * c + ch;
    in_gradient[i] = best == i ? out_gradient[o] : 0.f;
  }
}

// ---- sign agreement: AND-mask, SAND-mask, consistency -----------------------------------------

// MaskKernels.andMask without the final rescale: out[j] = m_j · mean_e g_ej, partial sums of m.
extern "C" __global__ void and_mask_f32(int e, int n, float tau, const float* stacked, float* out, double* partials) {
  float ef = (float) e;
  double kept = 0.0;
  for (int j = blockIdx.x * BLOCK + threadIdx.x; j < n; j += gridDim.x * BLOCK) {
    float sum = 0.f;
    float signs = 0.f;
    for (int r = 0; r < e; r++) {
      float g = stacked[(long long) r * n + j];
      sum += g;
      signs += sign_of(g);
    }
    float m = step_of(fabsf(signs / ef) - tau);
    out[j] = m * (sum / ef);
    kept += m;
  }
  write_partial(partials, 0, kept);
}

// MaskKernels.andMaskGeometricMean without the rescale: the product of (|g| + 1e-10) in double,
// the sum of logarithms where it under- or overflows.
extern "C" __global__ void and_mask_geometric_f32(
    int e, int n, float tau, const float* stacked, float* out, double* partials) {
  float ef = (float) e;
  double kept = 0.0;
  for (int j = blockIdx.x * BLOCK + threadIdx.x; j < n; j += gridDim.x * BLOCK) {
    float sum = 0.f;
    float signs = 0.f;
    double product = 1.0;
    for (int r = 0; r < e; r++) {
      float g = stacked[(long long) r * n + j];
      sum += g;
      signs += sign_of(g);
      product *= (double) fabsf(g) + 1e-10;
    }
    float m = step_of(fabsf(signs / ef) - tau);
    float o = 0.f;
    if (m != 0.f) {
      double mean;
      if (product > 0.0 && product < __longlong_as_double(0x7ff0000000000000LL)) {
        mean = exp(log(product) / e);
      } else {
        double logs = 0.0;
        for (int r = 0; r < e; r++) {
          logs += log((double) fabsf(stacked[(long long) r * n + j]) + 1e-10);
        }
        mean = exp(logs / e);
      }
      o = sign_of(sum) * (float) mean;
    }
    out[j] = o;
    kept += m;
  }
  write_partial(partials, 0, kept);
}

// MaskKernels.sandMask without the rescale: unbiased variance over environments (NaN -> 1e-17),
// m = max(tanh(k·(|mean sign| − τ) / v), 0) (NaN -> 1e-17), out = m · mean, partial sums of m.
extern "C" __global__ void sand_mask_f32(
    int e, int n, float tau, float k, const float* stacked, float* out, double* partials) {
  float ef = (float) e;
  double mask_sum = 0.0;
  for (int j = blockIdx.x * BLOCK + threadIdx.x; j < n; j += gridDim.x * BLOCK) {
    float sum = 0.f;
    float signs = 0.f;
    for (int r = 0; r < e; r++) {
      float g = stacked[(long long) r * n + j];
      sum += g;
      signs += sign_of(g);
    }
    float mean = sum / ef;
    float squares = 0.f;
    for (int r = 0; r < e; r++) {
      float dev = stacked[(long long) r * n + j] - mean;
      squares += dev * dev;
    }
    float variance = squares / (ef - 1.f);
    if (variance != variance) {
      variance = 1e-17f;
    }
    float x = k * (fabsf(signs / ef) - tau) / variance;
    float m;
    if (x > 0.f) {
      m = x >= 10.f ? 1.f : (float) tanh((double) x);
    } else {
      m = x != x ? 1e-17f : 0.f;
    }
    out[j] = m * mean;
    mask_sum += m;
  }
  write_partial(partials, 0, mask_sum);
}

// MaskKernels.signAgreement: partial counts of columns whose entries all share one non-zero sign.
extern "C" __global__ void sign_agreement_f32(int e, int n, const float* stacked, double* partials) {
  float ef = (float) e;
  double agreeing = 0.0;
  for (int j = blockIdx.x * BLOCK + threadIdx.x; j < n; j += gridDim.x * BLOCK) {
    float signs = 0.f;
    for (int r = 0; r < e; r++) {
      signs += sign_of(stacked[(long long) r * n + j]);
    }
    agreeing += step_of(fabsf(signs) - ef);
  }
  write_partial(partials, 0, agreeing);
}

// ---- Fishr: per-example gradient variance of a linear classifier ------------------------------

// StatisticsKernels.classifierGradientVariance: one thread per (class, feature) and one per class
// for the bias (feature index d), two passes in double over the n examples.
extern "C" __global__ void classifier_gradient_variance_f32(
    int n, int k, int d, const float* errors, const float* features, float* weight_variance, float* bias_variance) {
  int total = k * (d + 1);
  for (int t = blockIdx.x * BLOCK + threadIdx.x; t < total; t += gridDim.x * BLOCK) {
    int c = t / (d + 1);
    int j = t - c * (d + 1);
    bool bias = j == d;
    double mean = 0.0;
    for (int r = 0; r < n; r++) {
      double err = errors[(long long) r * k + c];
      mean += bias ? err : err * features[(long long) r * d + j];
    }
    mean /= n;
    double squares = 0.0;
    for (int r = 0; r < n; r++) {
      double err = errors[(long long) r * k + c];
      double dev = (bias ? err : err * features[(long long) r * d + j]) - mean;
      squares += dev * dev;
    }
    if (bias) {
      bias_variance[c] = (float) (squares / n);
    } else {
      weight_variance[(long long) c * d + j] = (float) (squares / n);
    }
  }
}

// ---- optimisers ------------------------------------------------------------------------------

// OptimizerKernels.adam; step_size = lr / bc1 and root_bc2 = sqrt(bc2) are evaluated on the host.
extern "C" __global__ void adam_f32(
    int n, float* params, const float* grad, float* m, float* v, float b1, float b2, float eps, float wd,
    float step_size, float root_bc2) {
  for (int i = blockIdx.x * BLOCK + threadIdx.x; i < n; i += gridDim.x * BLOCK) {
    float p = params[i];
    float gi = grad[i] + wd * p;
    float mi = b1 * m[i] + (1.f - b1) * gi;
    float vi = b2 * v[i] + (1.f - b2) * gi * gi;
    m[i] = mi;
    v[i] = vi;
    params[i] = p - step_size * mi / (sqrtf(vi) / root_bc2 + eps);
  }
}

// OptimizerKernels.sgdMomentum.
extern "C" __global__ void sgd_momentum_f32(
    int n, float* params, const float* grad, float* velocity, float lr, float momentum, float wd) {
  for (int i = blockIdx.x * BLOCK + threadIdx.x; i < n; i += gridDim.x * BLOCK) {
    float p = params[i];
    float b = momentum * velocity[i] + grad[i] + wd * p;
    velocity[i] = b;
    params[i] = p - lr * b;
  }
}

// ---- explanation penalties (RRR) -------------------------------------------------------------

// ExplanationKernels.logProbabilitySumTangent: one thread per row; partial sums of w·D_v S.
extern "C" __global__ void log_probability_sum_tangent_f32(
    int rows, int k, const float* probabilities, const float* tangent, const float* weights, float scale,
    float* logit_gradient, float* tangent_gradient, double* partials) {
  double total = 0.0;
  float kf = (float) k;
  for (int r = blockIdx.x * BLOCK + threadIdx.x; r < rows; r += gridDim.x * BLOCK) {
    const float* p = probabilities + (long long) r * k;
    const float* t = tangent + (long long) r * k;
    float w = weights ? weights[r] : 1.f;
    float c = scale * w;
    double expected = 0.0;
    double directional = 0.0;
    for (int j = 0; j < k; j++) {
      expected += (double) p[j] * t[j];
      directional += (1.0 - k * (double) p[j]) * t[j];
    }
    total += w * directional;
    for (int j = 0; j < k; j++) {
      float pj = p[j];
      tangent_gradient[(long long) r * k + j] = c * (1.f - kf * pj);
      float a = -c * kf * pj;
      logit_gradient[(long long) r * k + j] = (float) ((double) a * ((double) t[j] - expected));
    }
  }
  write_partial(partials, 0, total);
}

// ExplanationKernels.markLargeMagnitudes: one block per row.
extern "C" __global__ void mark_large_magnitudes_f32(int rows, int cols, float cutoff, const float* values, float* mask) {
  __shared__ float s[BLOCK];
  for (int r = blockIdx.x; r < rows; r += gridDim.x) {
    const float* v = values + (long long) r * cols;
    float max = 0.f;
    for (int j = threadIdx.x; j < cols; j += BLOCK) {
      max = max_nan(max, fabsf(v[j]));
    }
    s[threadIdx.x] = max;
    __syncthreads();
    for (int stride = BLOCK / 2; stride > 0; stride >>= 1) {
      if (threadIdx.x < stride) {
        s[threadIdx.x] = max_nan(s[threadIdx.x], s[threadIdx.x + stride]);
      }
      __syncthreads();
    }
    float row_max = s[0];
    __syncthreads();
    if (!(row_max > 0.f) || row_max == __int_as_float(0x7f800000)) {
      continue;
    }
    float threshold = cutoff * row_max;
    for (int j = threadIdx.x; j < cols; j += BLOCK) {
      if (fabsf(v[j]) > threshold) {
        mask[(long long) r * cols + j] = 1.f;
      }
    }
  }
}
