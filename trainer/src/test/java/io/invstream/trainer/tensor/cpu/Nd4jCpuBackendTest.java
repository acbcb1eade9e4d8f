package io.invstream.trainer.tensor.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invstream.trainer.tensor.Shape;
import io.invstream.trainer.tensor.Tensor;
import io.invstream.trainer.tensor.TensorBackend;
import io.invstream.trainer.tensor.TensorBackendContractTest;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class Nd4jCpuBackendTest extends TensorBackendContractTest {

  private static final Nd4jCpuBackend BACKEND = new Nd4jCpuBackend();

  @Override
  protected TensorBackend backend() {
    return BACKEND;
  }

  @Test
  void branchFreeSignAndStepHandleZerosDenormalsAndInfinities() {
    assertThat(MaskKernels.sign(0f)).isZero();
    assertThat(MaskKernels.sign(-0f)).isZero();
    assertThat(MaskKernels.sign(Float.MIN_VALUE)).isEqualTo(1f);
    assertThat(MaskKernels.sign(-Float.MIN_VALUE)).isEqualTo(-1f);
    assertThat(MaskKernels.sign(Float.MAX_VALUE)).isEqualTo(1f);
    assertThat(MaskKernels.sign(Float.NEGATIVE_INFINITY)).isEqualTo(-1f);
    assertThat(MaskKernels.sign(3e-5f)).isEqualTo(1f);
    assertThat(MaskKernels.step(0f)).isEqualTo(1f);
    assertThat(MaskKernels.step(-Float.MIN_VALUE)).isZero();
    assertThat(MaskKernels.step(Float.MIN_VALUE)).isEqualTo(1f);
    assertThat(MaskKernels.step(-1e-8f)).isZero();
  }

  @Test
  void gemmGivesTheSameBitsAsNd4jsOwnGemm() {
    INDArray a = Nd4j.rand(DataType.FLOAT, 37, 53);
    INDArray b = Nd4j.rand(DataType.FLOAT, 29, 53);
    INDArray expected = Nd4j.createUninitialized(DataType.FLOAT, 37, 29);
    Nd4j.gemm(a, b, expected, false, true, 1.0, 0.0);
    Tensor at = BACKEND.allocate(Shape.of(37, 53));
    Tensor bt = BACKEND.allocate(Shape.of(29, 53));
    Tensor ct = BACKEND.allocate(Shape.of(37, 29));
    BACKEND.upload(a.data().asFloat(), at);
    BACKEND.upload(b.data().asFloat(), bt);
    BACKEND.gemm(false, true, 1f, at, bt, 0f, ct);
    assertThat(BACKEND.download(ct)).containsExactly(expected.data().asFloat());
  }

  @Test
  void tensorsFromAnotherBackendAreRejected() {
    Tensor foreign = () -> Shape.of(1);
    assertThatThrownBy(() -> BACKEND.fill(foreign, 0f))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot cross backends");
  }
}
