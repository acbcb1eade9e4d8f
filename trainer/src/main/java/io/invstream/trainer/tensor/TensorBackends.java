package io.invstream.trainer.tensor;

import io.invstream.trainer.tensor.cpu.Nd4jCpuBackend;
import java.util.List;
import java.util.function.Supplier;

/**
 * Opens the backend that {@code --device} asks for. The CPU backend lives in this module; the CUDA
 * backend lives in the module {@code trainer-cuda}, which needs Java 22+ (the Foreign Function &
 * Memory API), so this Java 17 module finds it by class name and works without it.
 *
 * <ul>
 *   <li>{@code cpu}: the CPU backend.
 *   <li>{@code cuda}: the CUDA backend, or an {@link IllegalStateException} saying why not (module
 *       absent from this build, JVM too old, no driver, no GPU, no cuBLAS, …) and how to fix it.
 *   <li>{@code auto}: the CUDA backend when its probe says a GPU is usable and it opens; otherwise
 *       the CPU backend. The choice's reason says which and why.
 * </ul>
 */
public final class TensorBackends {

  /** Class name of the CUDA backend's provider in the module {@code trainer-cuda}. */
  public static final String CUDA_PROVIDER = "io.invstream.trainer.tensor.cuda.CudaBackendProvider";

  /** How to get a build with the CUDA backend, appended to "not in this build" messages. */
  public static final String CUDA_BUILD_HINT =
      "the CUDA backend is built only by a JDK 22 or newer: JAVA_HOME=/path/to/jdk-22+ ./mvnw -q -DskipTests package "
          + "-pl app -am (delete app/target/invstream.jar first so ./invstream rebuilds it), and run it with that Java; "
          + "see docs/gpu.md";

  private final Supplier<LookupResult> cuda;
  private final Supplier<TensorBackend> cpu;

  TensorBackends(Supplier<LookupResult> cuda, Supplier<TensorBackend> cpu) {
    this.cuda = cuda;
    this.cpu = cpu;
  }

  /** Opens the backend for {@code device}; see the class comment. */
  public static BackendChoice choose(Device device) {
    return standard().open(device);
  }

  /** Probes the CUDA backend without opening it: usable, or why not. Never throws. */
  public static BackendAvailability probeCuda() {
    return standard().probe();
  }

  static TensorBackends standard() {
    return new TensorBackends(() -> lookup(CUDA_PROVIDER, TensorBackends.class.getClassLoader()), TensorBackends::cpuBackend);
  }

  BackendChoice open(Device device) {
    return switch (device) {
      case CPU -> {
        TensorBackend backend = cpu.get();
        yield new BackendChoice(backend, Device.CPU, "--device cpu: " + backend.description());
      }
      case CUDA -> openCuda();
      case AUTO -> openAuto();
    };
  }

  BackendAvailability probe() {
    LookupResult found = cuda.get();
    return found.provider() == null ? BackendAvailability.unusable(found.reason(), List.of()) : safeProbe(found.provider());
  }

  private BackendChoice openCuda() {
    LookupResult found = cuda.get();
    if (found.provider() == null) {
      throw new IllegalStateException("--device cuda: " + found.reason() + "; " + CUDA_BUILD_HINT);
    }
    BackendAvailability availability = safeProbe(found.provider());
    if (!availability.usable()) {
      throw new IllegalStateException("--device cuda: no usable GPU: " + availability.report());
    }
    TensorBackend backend = found.provider().open();
    return new BackendChoice(backend, Device.CUDA, "--device cuda: " + availability.summary());
  }

  private BackendChoice openAuto() {
    LookupResult found = cuda.get();
    if (found.provider() == null) {
      return cpuBecause(found.reason());
    }
    BackendAvailability availability = safeProbe(found.provider());
    if (!availability.usable()) {
      return cpuBecause(availability.summary());
    }
    try {
      TensorBackend backend = found.provider().open();
      return new BackendChoice(backend, Device.CUDA, "--device auto chose cuda: " + availability.summary());
    } catch (RuntimeException | LinkageError e) {
      return cpuBecause("the GPU was found (" + availability.summary() + ") but opening it failed: " + e.getMessage());
    }
  }

  private BackendChoice cpuBecause(String why) {
    TensorBackend backend = cpu.get();
    return new BackendChoice(backend, Device.CPU, "--device auto chose cpu (" + backend.description() + ") because " + why);
  }

  private static BackendAvailability safeProbe(TensorBackendProvider provider) {
    try {
      return provider.probe();
    } catch (RuntimeException | LinkageError e) {
      return BackendAvailability.unusable("the " + provider.name() + " probe failed: " + e, List.of());
    }
  }

  /** The provider class {@code className}, or why it cannot be used. */
  static LookupResult lookup(String className, ClassLoader loader) {
    try {
      Class<?> type = Class.forName(className, true, loader);
      return LookupResult.found((TensorBackendProvider) type.getDeclaredConstructor().newInstance());
    } catch (ClassNotFoundException e) {
      return LookupResult.missing("the CUDA backend is not in this build (" + className + " is not on the class path)");
    } catch (UnsupportedClassVersionError e) {
      return LookupResult.missing("the CUDA backend in this build needs Java 22 or newer, and this JVM is Java "
          + Runtime.version().feature() + " (" + e.getMessage() + ")");
    } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
      return LookupResult.missing("the CUDA backend could not be loaded: " + e);
    }
  }

  private static TensorBackend cpuBackend() {
    try {
      return new Nd4jCpuBackend();
    } catch (LinkageError e) {
      throw new IllegalStateException(
          "the CPU backend cannot start: its native libraries (ND4J, OpenBLAS) are not in this build or failed to load: " + e, e);
    }
  }

  /** A provider, or the reason there is none. */
  record LookupResult(TensorBackendProvider provider, String reason) {
    static LookupResult found(TensorBackendProvider provider) {
      return new LookupResult(provider, null);
    }

    static LookupResult missing(String reason) {
      return new LookupResult(null, reason);
    }
  }
}
