package io.invstream.trainer.tensor.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Where nvcc was found at build time, its output is in the classes (and so the jar), and the PTX
 * it produced declares exactly the kernels {@link Kernel} lists, with the same parameters: the
 * Java launch code and the CUDA C agree without a GPU to try them on.
 */
class KernelAbiTest {

  private static final Pattern ENTRY = Pattern.compile("\\.visible \\.entry (\\w+)\\(([^)]*)\\)");
  private static final Pattern PARAM = Pattern.compile("\\.param\\s+(?:\\.align \\d+\\s+)?(\\.\\w+)\\s+\\w+(\\[\\d+\\])?");

  @Test
  void nvccOutputIsPackagedWhereNvccExists() {
    Assumptions.assumeTrue(nvcc().isPresent() && !Boolean.getBoolean("invstream.nvcc.skip"),
        "no nvcc at build time (or -Dinvstream.nvcc.skip=true): the jar carries no kernels and NVRTC compiles them");
    assertThat(KernelModule.packaged()).as("invstream_kernels.fatbin on the class path").isTrue();
    assertThat(KernelModule.resource(KernelModule.PTX)).isPresent();
    assertThat(KernelModule.buildInfo()).contains("sm_80,sm_90,compute_80", "nvcc 1");
  }

  @Test
  void ptxTargetsComputeCapability80() {
    String ptx = ptx();
    assertThat(ptx).contains(".target sm_80").contains(".address_size 64");
  }

  @Test
  void ptxEntriesMatchTheJavaSignatures() {
    Map<String, List<String>> entries = entries(ptx());
    Map<String, List<String>> expected = new LinkedHashMap<>();
    for (Kernel k : Kernel.values()) {
      expected.put(k.symbol(), k.params().stream().map(Kernel.Param::ptx).toList());
    }
    assertThat(entries).isEqualTo(expected);
  }

  @Test
  void theSourceIsPackagedForNvrtc() {
    assertThat(KernelModule.source()).contains("extern \"C\" __global__ void adam_f32(").doesNotContain("#include");
    assertThat(KernelModule.nvrtcOptions(9, 0)).containsExactly("--gpu-architecture=compute_90", "-fmad=false");
  }

  @Test
  void kernelsUseNoLocalMemory() throws IOException {
    Path report = kernelsDir().resolve("invstream_kernels-ptxas.txt");
    Assumptions.assumeTrue(Files.exists(report), "no ptxas report (built without nvcc)");
    List<String> frames = Files.readAllLines(report).stream().filter(l -> l.contains("bytes stack frame")).toList();
    assertThat(frames).isNotEmpty().allSatisfy(l -> assertThat(l.strip()).startsWith("0 bytes stack frame, 0 bytes spill stores"));
  }

  static Map<String, List<String>> entries(String ptx) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    Matcher m = ENTRY.matcher(ptx);
    while (m.find()) {
      List<String> types = new ArrayList<>();
      Matcher p = PARAM.matcher(m.group(2));
      while (p.find()) {
        types.add(p.group(1) + (p.group(2) == null ? "" : p.group(2)));
      }
      out.put(m.group(1), types);
    }
    return out;
  }

  private static String ptx() {
    byte[] bytes = KernelModule.resource(KernelModule.PTX).orElse(null);
    Assumptions.assumeTrue(bytes != null, "no PTX packaged (built without nvcc)");
    return new String(bytes, StandardCharsets.US_ASCII);
  }

  private static Path kernelsDir() {
    return Path.of(System.getProperty("invstream.kernels.dir", "target/classes/io/invstream/trainer/tensor/cuda"));
  }

  /** nvcc as the build script looks for it. */
  static java.util.Optional<Path> nvcc() {
    String home = System.getenv("CUDA_HOME");
    List<Path> candidates = new ArrayList<>();
    if (home != null) {
      candidates.add(Path.of(home, "bin", "nvcc"));
    }
    Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).filter(d -> !d.isBlank())
        .forEach(d -> candidates.add(Path.of(d, "nvcc")));
    candidates.add(Path.of("/usr/local/cuda/bin/nvcc"));
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }
}
