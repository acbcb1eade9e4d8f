package io.invstream.trainer.tensor.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * The system loader's own explanation of a failed load ({@code dlerror}), which names what is
 * actually wrong, e.g. a missing dependency ({@code libcublasLt.so.13: cannot open shared object
 * file}); {@link java.lang.foreign.SymbolLookup#libraryLookup} only says that loading failed.
 */
final class Dl {

  private static final int RTLD_NOW = 2;

  private Dl() {}

  /** Why {@code dlopen(name)} fails, or empty when it succeeds or dlopen is not reachable. */
  static Optional<String> openError(String name) {
    Linker linker = Linker.nativeLinker();
    Optional<MemorySegment> open = linker.defaultLookup().find("dlopen");
    Optional<MemorySegment> error = linker.defaultLookup().find("dlerror");
    Optional<MemorySegment> close = linker.defaultLookup().find("dlclose");
    if (open.isEmpty() || error.isEmpty() || close.isEmpty()) {
      return Optional.empty();
    }
    MethodHandle dlopen = linker.downcallHandle(open.get(), FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));
    MethodHandle dlerror = linker.downcallHandle(error.get(), FunctionDescriptor.of(ADDRESS));
    MethodHandle dlclose = linker.downcallHandle(close.get(), FunctionDescriptor.of(JAVA_INT, ADDRESS));
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment handle = (MemorySegment) dlopen.invokeExact(arena.allocateFrom(name), RTLD_NOW);
      if (!handle.equals(MemorySegment.NULL)) {
        int ignored = (int) dlclose.invokeExact(handle);
        return Optional.empty();
      }
      MemorySegment message = (MemorySegment) dlerror.invokeExact();
      return message.equals(MemorySegment.NULL)
          ? Optional.empty()
          : Optional.of(message.reinterpret(4096).getString(0));
    } catch (Throwable t) {
      return Optional.empty();
    }
  }
}
