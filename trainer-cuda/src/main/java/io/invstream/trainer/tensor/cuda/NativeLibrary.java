package io.invstream.trainer.tensor.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One loaded native library and its functions as method handles. Libraries are loaded into the
 * global arena: they stay loaded for the life of the process, as CUDA's libraries expect.
 *
 * @param library which library
 * @param location the path or bare name it was loaded from
 */
record NativeLibrary(CudaLibrary library, String location, SymbolLookup symbols) {

  private static final Linker LINKER = Linker.nativeLinker();

  /**
   * Loads the first candidate that opens; the failure lists every candidate and why it did not.
   */
  static NativeLibrary load(CudaLibrary library, List<String> candidates, String searchDescription) {
    List<String> tried = new ArrayList<>();
    for (String candidate : candidates) {
      boolean bare = !candidate.contains("/");
      if (!bare && !Files.exists(Path.of(candidate))) {
        tried.add(candidate + ": not present");
        continue;
      }
      try {
        SymbolLookup lookup = bare
            ? SymbolLookup.libraryLookup(candidate, Arena.global())
            : SymbolLookup.libraryLookup(Path.of(candidate), Arena.global());
        return new NativeLibrary(library, candidate, lookup);
      } catch (IllegalArgumentException | IllegalCallerException e) {
        tried.add(candidate + ": " + Dl.openError(candidate).orElse(e.getMessage()));
      }
    }
    throw new LibraryNotFoundException(library, searchDescription, tried);
  }

  /** The function {@code name}; throws naming the library when the symbol is missing. */
  MethodHandle function(String name, FunctionDescriptor descriptor) {
    return optionalFunction(name, descriptor).orElseThrow(() -> new IllegalStateException(
        name + " not found in " + location + " (" + library.description() + "): the library is older than this backend needs"));
  }

  /** The function {@code name}, or empty when this version of the library lacks it. */
  Optional<MethodHandle> optionalFunction(String name, FunctionDescriptor descriptor) {
    Optional<MemorySegment> address = symbols.find(name);
    return address.map(a -> LINKER.downcallHandle(a, descriptor));
  }

  /** A library found nowhere on the search path; the message lists every place tried. */
  static final class LibraryNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> tried;

    LibraryNotFoundException(CudaLibrary library, String searchDescription, List<String> tried) {
      super(library.description() + " (" + String.join(" or ", library.fileNames(Integer.MAX_VALUE)) + ") was not found: "
          + searchDescription + "; set " + LibrarySearch.ENV_LIBS + " to the directory that holds it");
      this.tried = List.copyOf(tried);
    }

    /** Each candidate and why it did not load. */
    List<String> tried() {
      return tried;
    }
  }
}
