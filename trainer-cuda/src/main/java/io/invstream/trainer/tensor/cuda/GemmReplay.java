package io.invstream.trainer.tensor.cuda;

import io.invstream.trainer.tensor.GemmProfiling.GemmTiming;
import io.invstream.trainer.tensor.GemmShape;
import io.invstream.trainer.tensor.Shape;
import io.invstream.trainer.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Times a list of GEMM shapes through {@link CudaBackend#gemm} (shape checks, counters, the FFM
 * call) and as bare {@code cublasSgemm_v2} calls on the same buffers, so the benchmark can report
 * the seam's GEMM throughput as a fraction of cuBLAS's own. Operands hold random values (timing on
 * zeros can flatter a GPU); buffers are sized for the largest shape and kept for later calls.
 */
final class GemmReplay {

  private final CudaBackend backend;
  private final Accelerator device;
  private long capacity;
  private Tensor a;
  private Tensor b;
  private Tensor c;

  GemmReplay(CudaBackend backend, Accelerator device) {
    this.backend = backend;
    this.device = device;
  }

  GemmTiming time(List<GemmShape> shapes, int repetitions) {
    String library = device.blasDescription() + " cublasSgemm_v2";
    long flops = shapes.stream().mapToLong(GemmShape::flops).sum();
    if (shapes.isEmpty() || repetitions <= 0) {
      return new GemmTiming(Double.NaN, Double.NaN, flops, library);
    }
    ensureCapacity(shapes.stream().mapToLong(s -> Math.max((long) s.m() * s.k(), Math.max((long) s.k() * s.n(),
        (long) s.m() * s.n()))).max().orElseThrow());
    List<Tensor[]> operands = shapes.stream().map(this::views).toList();
    seamPass(shapes, operands);
    libraryPass(shapes);
    device.synchronize();
    long start = System.nanoTime();
    for (int r = 0; r < repetitions; r++) {
      seamPass(shapes, operands);
    }
    device.synchronize();
    double seam = (System.nanoTime() - start) / 1e6 / repetitions;
    start = System.nanoTime();
    for (int r = 0; r < repetitions; r++) {
      libraryPass(shapes);
    }
    device.synchronize();
    double direct = (System.nanoTime() - start) / 1e6 / repetitions;
    return new GemmTiming(seam, direct, flops, library);
  }

  /** Views of the operand buffers read with the shape's A, B and C shapes (made once, as the trainer's are). */
  private Tensor[] views(GemmShape s) {
    return new Tensor[] {
      backend.view(a, 0, s.transA() ? Shape.of(s.k(), s.m()) : Shape.of(s.m(), s.k())),
      backend.view(b, 0, s.transB() ? Shape.of(s.n(), s.k()) : Shape.of(s.k(), s.n())),
      backend.view(c, 0, Shape.of(s.m(), s.n()))
    };
  }

  private void seamPass(List<GemmShape> shapes, List<Tensor[]> operands) {
    for (int i = 0; i < shapes.size(); i++) {
      GemmShape s = shapes.get(i);
      Tensor[] o = operands.get(i);
      backend.gemm(s.transA(), s.transB(), 1f, o[0], o[1], 0f, o[2]);
    }
  }

  private void libraryPass(List<GemmShape> shapes) {
    long pa = backend.cuda(a).address();
    long pb = backend.cuda(b).address();
    long pc = backend.cuda(c).address();
    for (GemmShape s : shapes) {
      backend.libraryGemm(s, pa, pb, pc);
    }
  }

  private void ensureCapacity(long elements) {
    if (elements <= capacity) {
      return;
    }
    int n = Math.toIntExact(elements);
    a = randomTensor(n, 1);
    b = randomTensor(n, 2);
    c = randomTensor(n, 3);
    capacity = elements;
  }

  private Tensor randomTensor(int n, long seed) {
    Tensor t = backend.allocate(Shape.of(n));
    float[] values = new float[n];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < n; i++) {
      values[i] = (float) random.nextGaussian();
    }
    backend.upload(values, t);
    return t;
  }
}
