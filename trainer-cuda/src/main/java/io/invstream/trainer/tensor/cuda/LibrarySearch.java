package io.invstream.trainer.tensor.cuda;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the CUDA libraries are looked for, in this order:
 *
 * <ol>
 *   <li>each directory of {@code INVSTREAM_CUDA_LIBS} (separated by {@code :});
 *   <li>{@code $CUDA_HOME/lib64} and {@code $CUDA_PATH/lib64};
 *   <li>{@code /usr/local/cuda/lib64}, {@code /usr/local/nvidia/lib64} (container driver mounts),
 *       {@code /usr/lib/x86_64-linux-gnu}, {@code /usr/lib64};
 *   <li>the bare library name, resolved by the system loader ({@code LD_LIBRARY_PATH}, {@code
 *       ld.so.cache}).
 * </ol>
 *
 * <p>Within a directory the newest major version comes first ({@code libcublas.so.13} before
 * {@code libcublas.so.12}), and versions newer than the driver supports are left out (cuBLAS 13
 * needs a CUDA 13 driver).
 *
 * @param directories the directories of steps 1–3, without duplicates
 */
record LibrarySearch(List<Path> directories) {

  /** Directories searched before every other place. */
  static final String ENV_LIBS = "INVSTREAM_CUDA_LIBS";

  private static final List<String> SYSTEM_DIRECTORIES =
      List.of("/usr/local/cuda/lib64", "/usr/local/nvidia/lib64", "/usr/lib/x86_64-linux-gnu", "/usr/lib64");

  /** Copies the list. */
  LibrarySearch {
    directories = List.copyOf(directories);
  }

  /** The search path for the given environment variables. */
  static LibrarySearch fromEnvironment(Map<String, String> env) {
    Set<Path> dirs = new LinkedHashSet<>();
    String libs = env.get(ENV_LIBS);
    if (libs != null) {
      for (String d : libs.split(":")) {
        if (!d.isBlank()) {
          dirs.add(Path.of(d.trim()));
        }
      }
    }
    for (String home : new String[] {"CUDA_HOME", "CUDA_PATH"}) {
      String value = env.get(home);
      if (value != null && !value.isBlank()) {
        dirs.add(Path.of(value.trim(), "lib64"));
      }
    }
    SYSTEM_DIRECTORIES.forEach(d -> dirs.add(Path.of(d)));
    return new LibrarySearch(new ArrayList<>(dirs));
  }

  /**
   * The places to try for {@code library}, in order: absolute paths for each directory and file
   * name, then each bare file name for the system loader.
   *
   * @param newestMajor the newest major version to accept (the driver's CUDA major version), or
   *     {@link Integer#MAX_VALUE} for any
   */
  List<String> candidates(CudaLibrary library, int newestMajor) {
    List<String> names = library.fileNames(newestMajor);
    List<String> out = new ArrayList<>();
    for (Path dir : directories) {
      for (String name : names) {
        out.add(dir.resolve(name).toString());
      }
    }
    out.addAll(names);
    return out;
  }

  /** One line describing the search, for messages. */
  String describe() {
    return "searched " + ENV_LIBS + ", $CUDA_HOME/lib64, $CUDA_PATH/lib64, " + String.join(", ", SYSTEM_DIRECTORIES)
        + " and the system loader's path";
  }
}
