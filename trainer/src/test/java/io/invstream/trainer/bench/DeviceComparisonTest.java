package io.invstream.trainer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invstream.trainer.model.Mlp;
import io.invstream.trainer.tensor.Device;
import io.invstream.trainer.tensor.GemmProfiling.GemmTiming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The side-by-side report of a GPU run against CPU figures, measured or from a baseline file. */
class DeviceComparisonTest {

  private static final BenchmarkConfig CONFIG = BenchmarkConfig.DEFAULTS.withModel(new Mlp(784, List.of(1024, 1024), 10))
      .withShape(3, 256);

  private static BenchmarkResult result(String backend, double ermMs, double andmaskMs, GemmTiming gemm) {
    return new BenchmarkResult(CONFIG, backend, List.of(
        new BenchmarkRow("erm", ermMs, 1, 100, 0.1, gemm),
        new BenchmarkRow("andmask", andmaskMs, andmaskMs / ermMs, 90, 0.09, gemm)));
  }

  @Test
  void aBaselineIsReadFromAnEarlierJsonLine(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("cpu.json");
    Files.writeString(file, "some table\n" + result("nd4j-native cpu, openblas 2 threads", 40, 44, null).toJson() + "\n");
    CpuBaseline baseline = CpuBaseline.read(file);
    assertThat(baseline.backend()).isEqualTo("nd4j-native cpu, openblas 2 threads");
    assertThat(baseline.msPerStep()).isEqualTo(Map.of("erm", 40.0, "andmask", 44.0));
    assertThat(baseline.source()).isEqualTo("baseline " + file);
    Files.writeString(file, "nothing\n");
    assertThatThrownBy(() -> CpuBaseline.read(file)).hasMessageContaining("holds no line starting {\"benchmark\":\"trainer\"");
  }

  @Test
  void comparisonShowsSpeedUpAndGemmFractionPerAlgorithm() {
    GemmTiming gemm = new GemmTiming(0.5, 0.4, 1_000_000_000L, "cuBLAS 13.0.0 (libcublas.so.13) cublasSgemm_v2");
    BenchmarkResult gpu = result("cuda NVIDIA H200 (sm_90)", 2, 4, gemm);
    DeviceComparison c = new DeviceComparison("cuda", gpu, CpuBaseline.measured(result("cpu", 40, 44, null)));
    assertThat(c.toTable()).contains("side by side: cuda (cuda NVIDIA H200 (sm_90))", "cpu ms/step", "speed-up",
        "20.0×", "11.0×", "80.0");
    assertThat(c.toJson()).isEqualTo("{\"benchmark\":\"trainer-devices\",\"device\":\"cuda\",\"deviceBackend\":\"cuda NVIDIA H200 (sm_90)\","
        + "\"cpuBackend\":\"cpu\",\"cpuSource\":\"measured in this run\",\"algorithms\":{"
        + "\"erm\":{\"cpuMsPerStep\":40.0000,\"deviceMsPerStep\":2.0000,\"speedup\":20.00,\"gemmFractionOfLibrary\":0.8000},"
        + "\"andmask\":{\"cpuMsPerStep\":44.0000,\"deviceMsPerStep\":4.0000,\"speedup\":11.00,\"gemmFractionOfLibrary\":0.8000}}}");
    assertThat(gpu.toTable()).contains("GEMM GF/s", "library GF/s", "% lib", "cuBLAS 13.0.0");
    assertThat(gpu.toJson()).contains("\"gemmReplay\":{\"seamGflops\":2000.00,\"libraryGflops\":2500.00,\"fractionOfLibrary\":0.8000");
  }
}
