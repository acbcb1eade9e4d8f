package io.invstream.datasets.synthetic;

/**
 * Parameters of the synthetic task. Defaults follow the AND-mask paper's code: 3 revolutions, radius
 * noise ±0.02, unit-scale shortcut signatures, 8 shortcut dimensions.
 *
 * @param shortcutDims number of spurious dimensions appended to the 2 mechanism dimensions
 * @param revolutions turns of each spiral
 * @param shortcutScale standard deviation of each environment's signature vector
 * @param radiusNoise half-width of the uniform noise added to the radius
 * @param heldOut what the shortcut dimensions hold in held-out environments
 * @param seed fixes the environments' signatures and every example drawn
 */
public record SpiralTaskConfig(int shortcutDims, int revolutions, double shortcutScale, double radiusNoise,
    HeldOutShortcut heldOut, long seed) {

  public SpiralTaskConfig {
    if (shortcutDims < 0) {
      throw new IllegalArgumentException("shortcutDims must be >= 0, got " + shortcutDims);
    }
    if (revolutions < 1) {
      throw new IllegalArgumentException("revolutions must be >= 1, got " + revolutions);
    }
    if (!(shortcutScale >= 0) || !(radiusNoise >= 0)) {
      throw new IllegalArgumentException("shortcutScale and radiusNoise must be finite and >= 0");
    }
  }

  /** The paper code's defaults with the given seed. */
  public static SpiralTaskConfig defaults(long seed) {
    return new SpiralTaskConfig(8, 3, 1.0, 0.02, HeldOutShortcut.REVERSED, seed);
  }

  /** Features per example: 2 mechanism dimensions plus the shortcut dimensions. */
  public int featureCount() {
    return 2 + shortcutDims;
  }

  public SpiralTaskConfig withHeldOut(HeldOutShortcut mode) {
    return new SpiralTaskConfig(shortcutDims, revolutions, shortcutScale, radiusNoise, mode, seed);
  }

  public SpiralTaskConfig withShortcutDims(int dims) {
    return new SpiralTaskConfig(dims, revolutions, shortcutScale, radiusNoise, heldOut, seed);
  }

  public SpiralTaskConfig withShortcutScale(double scale) {
    return new SpiralTaskConfig(shortcutDims, revolutions, scale, radiusNoise, heldOut, seed);
  }
}
