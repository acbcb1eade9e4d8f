package io.invstream.trainer.tensor.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Error codes become messages naming the call, the code's name and its number. */
class CuResultTest {

  private static final Path HEADER = Path.of("/usr/local/cuda/include/cuda.h");

  @Test
  void namesTheCommonCodes() {
    assertThat(CuResult.name(0)).isEqualTo("CUDA_SUCCESS");
    assertThat(CuResult.name(2)).isEqualTo("CUDA_ERROR_OUT_OF_MEMORY");
    assertThat(CuResult.name(100)).isEqualTo("CUDA_ERROR_NO_DEVICE");
    assertThat(CuResult.name(209)).isEqualTo("CUDA_ERROR_NO_BINARY_FOR_GPU");
    assertThat(CuResult.name(222)).isEqualTo("CUDA_ERROR_UNSUPPORTED_PTX_VERSION");
    assertThat(CuResult.name(700)).isEqualTo("CUDA_ERROR_ILLEGAL_ADDRESS");
    assertThat(CuResult.name(12345)).isEqualTo("CUresult 12345");
  }

  @Test
  void tableMatchesTheInstalledHeader() throws IOException {
    Assumptions.assumeTrue(Files.exists(HEADER), "no CUDA header at " + HEADER + "; table not compared");
    String text = Files.readString(HEADER);
    String body = text.substring(text.indexOf("typedef enum cudaError_enum"), text.indexOf("} CUresult;"));
    Matcher m = Pattern.compile("(?m)^\\s+(CUDA_[A-Z0-9_]+)\\s*=\\s*(\\d+)").matcher(body);
    Map<Integer, String> header = new HashMap<>();
    while (m.find()) {
      header.put(Integer.parseInt(m.group(2)), m.group(1));
    }
    assertThat(header).hasSizeGreaterThan(90);
    assertThat(CuResult.all()).containsAllEntriesOf(header);
  }

  @Test
  void exceptionsNameTheCallTheCodeAndItsMeaning() {
    CudaException e = new CudaException("cuMemAlloc_v2 (64.0 MiB)", 2, "CUDA_ERROR_OUT_OF_MEMORY", "out of memory");
    assertThat(e).hasMessage("cuMemAlloc_v2 (64.0 MiB) failed: CUDA_ERROR_OUT_OF_MEMORY (2): out of memory");
    assertThat(e.call()).isEqualTo("cuMemAlloc_v2 (64.0 MiB)");
    assertThat(e.code()).isEqualTo(2);
    assertThat(e.codeName()).isEqualTo("CUDA_ERROR_OUT_OF_MEMORY");
    assertThat(new CudaException("cublasSgemm_v2", 7, CublasStatus.name(7), CublasStatus.description(7)))
        .hasMessage("cublasSgemm_v2 failed: CUBLAS_STATUS_INVALID_VALUE (7): an unsupported value or parameter was passed");
    assertThat(new CudaException("nvrtcCompileProgram", 6, NvrtcResult.name(6), null))
        .hasMessage("nvrtcCompileProgram failed: NVRTC_ERROR_COMPILATION (6)");
    assertThat(CublasStatus.name(99)).isEqualTo("cublasStatus_t 99");
    assertThat(NvrtcResult.name(-1)).isEqualTo("nvrtcResult -1");
  }
}
