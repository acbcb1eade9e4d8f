package io.invstream.trainer.tensor.cuda;

import java.util.List;

/** Names of {@code nvrtcResult} codes, for messages; {@code nvrtcGetErrorString} is preferred. */
final class NvrtcResult {

  static final int SUCCESS = 0;

  private static final List<String> NAMES = List.of(
      "NVRTC_SUCCESS", "NVRTC_ERROR_OUT_OF_MEMORY", "NVRTC_ERROR_PROGRAM_CREATION_FAILURE", "NVRTC_ERROR_INVALID_INPUT",
      "NVRTC_ERROR_INVALID_PROGRAM", "NVRTC_ERROR_INVALID_OPTION", "NVRTC_ERROR_COMPILATION",
      "NVRTC_ERROR_BUILTIN_OPERATION_FAILURE", "NVRTC_ERROR_NO_NAME_EXPRESSIONS_AFTER_COMPILATION",
      "NVRTC_ERROR_NO_LOWERED_NAMES_BEFORE_COMPILATION", "NVRTC_ERROR_NAME_EXPRESSION_NOT_VALID",
      "NVRTC_ERROR_INTERNAL_ERROR");

  private NvrtcResult() {}

  static String name(int code) {
    return code >= 0 && code < NAMES.size() ? NAMES.get(code) : "nvrtcResult " + code;
  }
}
