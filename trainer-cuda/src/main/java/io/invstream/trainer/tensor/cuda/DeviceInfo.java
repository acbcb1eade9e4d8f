package io.invstream.trainer.tensor.cuda;

/**
 * What the driver says about one GPU.
 *
 * @param ordinal device index as the driver counts them (after {@code CUDA_VISIBLE_DEVICES})
 * @param driverVersion the driver's CUDA version, e.g. 13000
 */
record DeviceInfo(int ordinal, int handle, String name, int major, int minor, int multiprocessors, long memoryBytes,
    int driverVersion) {

  static DeviceInfo read(Driver driver, int ordinal) {
    int device = driver.device(ordinal);
    return new DeviceInfo(ordinal, device, driver.deviceName(device),
        driver.attribute(device, Driver.ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR),
        driver.attribute(device, Driver.ATTRIBUTE_COMPUTE_CAPABILITY_MINOR),
        driver.attribute(device, Driver.ATTRIBUTE_MULTIPROCESSOR_COUNT), driver.totalMemory(device), driver.driverVersion());
  }

  /** e.g. {@code "GPU 0: NVIDIA H200 (sm_90, 132 SMs, 139.8 GiB), driver for CUDA 13.0"}. */
  String describe() {
    return "GPU " + ordinal + ": " + name + " (sm_" + major + minor + ", " + multiprocessors + " SMs, "
        + Sizes.gibibytes(memoryBytes) + "), driver for CUDA " + versionString(driverVersion);
  }

  static String versionString(int version) {
    return version / 1000 + "." + (version % 1000) / 10;
  }
}
