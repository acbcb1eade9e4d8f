package io.invstream.trainer.tensor.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Finds the kernels' device code and loads it as a module:
 *
 * <ol>
 *   <li>packaged: {@code invstream_kernels.fatbin}, built by nvcc when the jar was built (machine
 *       code for sm_80 and sm_90 plus compute_80 PTX that the driver compiles for newer GPUs);
 *   <li>NVRTC: the CUDA C source {@code invstream_kernels.cu} compiled at run time for the
 *       device's compute capability, when nothing was packaged or it does not load (a driver
 *       older than the packaging nvcc refuses its PTX: {@code CUDA_ERROR_UNSUPPORTED_PTX_VERSION}).
 * </ol>
 *
 * <p>{@code INVSTREAM_CUDA_KERNELS=packaged|nvrtc} forces one source; the default, {@code auto},
 * tries them in this order.
 */
final class KernelModule {

  static final String RESOURCE_DIRECTORY = "/io/invstream/trainer/tensor/cuda/";
  static final String SOURCE = "invstream_kernels.cu";
  static final String FATBIN = "invstream_kernels.fatbin";
  static final String PTX = "invstream_kernels.ptx";
  static final String BUILD_INFO = "invstream_kernels.properties";
  /** Options of every compilation, nvcc's and NVRTC's: float expressions round as in Java. */
  static final List<String> COMMON_OPTIONS = List.of("-fmad=false");

  private KernelModule() {}

  /** A loaded module and a description of where its code came from. */
  record Loaded(MemorySegment module, String description) {}

  /** Which source {@code INVSTREAM_CUDA_KERNELS} asks for. */
  enum Source {
    AUTO, PACKAGED, NVRTC;

    static Source parse(String value) {
      if (value == null || value.isBlank()) {
        return AUTO;
      }
      try {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("INVSTREAM_CUDA_KERNELS takes auto, packaged or nvrtc, got '" + value + "'", e);
      }
    }
  }

  /** Loads the kernels for a device of compute capability {@code major.minor}. */
  static Loaded load(Driver driver, Source source, int major, int minor, Supplier<Nvrtc> nvrtc) {
    Optional<byte[]> fatbin = resource(FATBIN);
    String packagedFailure;
    if (source == Source.NVRTC) {
      packagedFailure = "INVSTREAM_CUDA_KERNELS=nvrtc";
    } else if (fatbin.isEmpty()) {
      packagedFailure = "no kernels were packaged (the jar was built without nvcc)";
    } else {
      try {
        return new Loaded(loadImage(driver, fatbin.get(), false, FATBIN), "packaged " + buildInfo());
      } catch (CudaException e) {
        if (source == Source.PACKAGED) {
          throw e;
        }
        packagedFailure = e.getMessage();
      }
    }
    if (source == Source.PACKAGED) {
      throw new IllegalStateException("INVSTREAM_CUDA_KERNELS=packaged, but " + packagedFailure);
    }
    Nvrtc compiler;
    try {
      compiler = nvrtc.get();
    } catch (RuntimeException e) {
      throw new IllegalStateException("no loadable kernels: " + packagedFailure + "; and NVRTC is unavailable: " + e.getMessage(), e);
    }
    List<String> options = nvrtcOptions(major, minor);
    byte[] ptx = compiler.compileToPtx(source(), SOURCE, options);
    return new Loaded(loadImage(driver, ptx, true, "NVRTC PTX"),
        "compiled at start by " + compiler.describe() + " for compute_" + major + minor + " (" + packagedFailure + ")");
  }

  static List<String> nvrtcOptions(int major, int minor) {
    List<String> options = new ArrayList<>();
    options.add("--gpu-architecture=compute_" + major + minor);
    options.addAll(COMMON_OPTIONS);
    return List.copyOf(options);
  }

  /** The CUDA C source of the kernels. */
  static String source() {
    return new String(resource(SOURCE).orElseThrow(() -> new IllegalStateException(
        SOURCE + " is missing from the jar; the build is broken")), StandardCharsets.UTF_8);
  }

  /** What nvcc built, from the properties the build wrote, or "none". */
  static String buildInfo() {
    Optional<byte[]> info = resource(BUILD_INFO);
    if (info.isEmpty()) {
      return "(no build information)";
    }
    Properties p = new Properties();
    try {
      p.load(new java.io.ByteArrayInputStream(info.get()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "kernels (" + p.getProperty("targets", "?") + ", nvcc " + p.getProperty("nvcc", "?") + ")";
  }

  /** Whether nvcc-built kernels are in the jar. */
  static boolean packaged() {
    return KernelModule.class.getResource(RESOURCE_DIRECTORY + FATBIN) != null;
  }

  static Optional<byte[]> resource(String name) {
    try (InputStream in = KernelModule.class.getResourceAsStream(RESOURCE_DIRECTORY + name)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + name + " from the jar", e);
    }
  }

  /** Loads an image; text (PTX) gets a terminating NUL. The driver copies it, so it is freed after. */
  private static MemorySegment loadImage(Driver driver, byte[] bytes, boolean text, String what) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment segment = arena.allocate(bytes.length + (text ? 1L : 0L), 16);
      MemorySegment.copy(bytes, 0, segment, ValueLayout.JAVA_BYTE, 0, bytes.length);
      return driver.loadModule(segment, what);
    }
  }
}
