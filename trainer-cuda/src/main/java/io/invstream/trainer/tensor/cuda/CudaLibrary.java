package io.invstream.trainer.tensor.cuda;

import java.util.List;

/** The three native libraries the CUDA backend uses, with the file names it accepts. */
enum CudaLibrary {
  /** The driver API, installed with the NVIDIA driver. */
  DRIVER("the CUDA driver", List.of("libcuda.so.1"), List.of()),
  /** cuBLAS 13 or 12, from a CUDA toolkit or the nvidia-cublas wheels. */
  CUBLAS("cuBLAS", List.of(), List.of(13, 12)),
  /** NVRTC 13 or 12, needed only when no kernels were packaged or they do not load. */
  NVRTC("NVRTC", List.of(), List.of(13, 12));

  private final String description;
  private final List<String> fixedNames;
  private final List<Integer> majors;

  CudaLibrary(String description, List<String> fixedNames, List<Integer> majors) {
    this.description = description;
    this.fixedNames = fixedNames;
    this.majors = majors;
  }

  String description() {
    return description;
  }

  /** File names to try, newest major first, none newer than {@code newestMajor}. */
  List<String> fileNames(int newestMajor) {
    if (!fixedNames.isEmpty()) {
      return fixedNames;
    }
    String stem = this == CUBLAS ? "libcublas.so." : "libnvrtc.so.";
    return majors.stream().filter(m -> m <= newestMajor).map(m -> stem + m).toList();
  }
}
