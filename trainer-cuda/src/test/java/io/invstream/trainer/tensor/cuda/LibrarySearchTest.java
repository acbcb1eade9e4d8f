package io.invstream.trainer.tensor.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documented search order for the CUDA libraries, and what a failed search reports. */
class LibrarySearchTest {

  @Test
  void environmentDirectoriesComeFirstThenCudaHomeThenSystemDirectories() {
    LibrarySearch search = LibrarySearch.fromEnvironment(Map.of(
        "INVSTREAM_CUDA_LIBS", "/opt/a:/opt/b:", "CUDA_HOME", "/opt/cuda-13", "CUDA_PATH", "/usr/local/cuda"));
    assertThat(search.directories()).extracting(Path::toString).containsExactly(
        "/opt/a", "/opt/b", "/opt/cuda-13/lib64", "/usr/local/cuda/lib64", "/usr/local/nvidia/lib64",
        "/usr/lib/x86_64-linux-gnu", "/usr/lib64");
  }

  @Test
  void withoutVariablesOnlyTheSystemDirectories() {
    assertThat(LibrarySearch.fromEnvironment(Map.of()).directories()).extracting(Path::toString).containsExactly(
        "/usr/local/cuda/lib64", "/usr/local/nvidia/lib64", "/usr/lib/x86_64-linux-gnu", "/usr/lib64");
  }

  @Test
  void candidatesTryNewestMajorFirstInEachDirectoryThenTheLoadersPath() {
    LibrarySearch search = new LibrarySearch(List.of(Path.of("/x"), Path.of("/y")));
    assertThat(search.candidates(CudaLibrary.CUBLAS, Integer.MAX_VALUE)).containsExactly(
        "/x/libcublas.so.13", "/x/libcublas.so.12", "/y/libcublas.so.13", "/y/libcublas.so.12",
        "libcublas.so.13", "libcublas.so.12");
    assertThat(search.candidates(CudaLibrary.DRIVER, 13)).containsExactly("/x/libcuda.so.1", "/y/libcuda.so.1", "libcuda.so.1");
  }

  @Test
  void versionsNewerThanTheDriverAreSkipped() {
    LibrarySearch search = new LibrarySearch(List.of(Path.of("/x")));
    assertThat(search.candidates(CudaLibrary.CUBLAS, 12)).containsExactly("/x/libcublas.so.12", "libcublas.so.12");
    assertThat(search.candidates(CudaLibrary.NVRTC, 13)).containsExactly(
        "/x/libnvrtc.so.13", "/x/libnvrtc.so.12", "libnvrtc.so.13", "libnvrtc.so.12");
    assertThat(search.candidates(CudaLibrary.NVRTC, 11)).isEmpty();
  }

  @Test
  void aFailedSearchListsEveryCandidateWithTheLoadersReason(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("libcublas.so.13"), "not a shared object ".repeat(200));
    LibrarySearch search = new LibrarySearch(List.of(dir, dir.resolve("missing")));
    NativeLibrary.LibraryNotFoundException e = catchThrowableOfType(NativeLibrary.LibraryNotFoundException.class,
        () -> NativeLibrary.load(CudaLibrary.CUBLAS, search.candidates(CudaLibrary.CUBLAS, 12 + 1)
            .stream().filter(c -> c.startsWith("/")).toList(), search.describe()));
    assertThat(e).hasMessageContaining("cuBLAS (libcublas.so.13 or libcublas.so.12) was not found")
        .hasMessageContaining("set INVSTREAM_CUDA_LIBS to the directory that holds it");
    assertThat(e.tried()).hasSize(4);
    // dlerror's own words: the file exists but is no library.
    assertThat(e.tried().get(0)).startsWith(dir.resolve("libcublas.so.13") + ": ").contains("invalid ELF header");
    assertThat(e.tried().get(1)).isEqualTo(dir.resolve("libcublas.so.12") + ": not present");
    assertThat(e.tried().get(2)).endsWith("missing/libcublas.so.13: not present");
  }

  @Test
  void aBareNameGoesToTheSystemLoader() {
    assertThatThrownBy(() -> NativeLibrary.load(CudaLibrary.NVRTC, List.of("libinvstream-surely-absent.so.9"), "test"))
        .isInstanceOf(NativeLibrary.LibraryNotFoundException.class)
        .satisfies(t -> assertThat(((NativeLibrary.LibraryNotFoundException) t).tried())
            .singleElement().asString().startsWith("libinvstream-surely-absent.so.9: "));
  }
}
