package io.invstream.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live page in headless Chromium (Debian's {@code chromium} package), fed with a synthetic run:
 * a screenshot that is not blank, and a DOM that shows the data. Skips with a message where
 * Chromium is not installed. {@code -Dinvstream.dashboard.screenshot=/abs/path.png} keeps a copy of
 * the screenshot (that is how {@code docs/dashboard.png} can be refreshed).
 */
class DashboardBrowserIT {

  private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");

  private static Path chromium;

  @TempDir Path work;

  @BeforeAll
  static void findChromium() {
    chromium = CANDIDATES.stream().map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
  }

  @Test
  void thePageRendersChartsAndShowsStepModelVersionHeldOutAccuracyAndDriftEvents() throws Exception {
    assumeTrue(chromium != null, "Chromium is not installed (apt-get install -y chromium): the live page's browser test is skipped");
    try (DashboardServer server = new DashboardServer("127.0.0.1", 0, SyntheticHistory.fed(),
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
      Path png = work.resolve("dashboard.png");
      browse(server.url(), "--screenshot=" + png);
      String dom = browse(server.url(), "--dump-dom");

      assertThat(png).exists();
      assertThat(Files.size(png)).as("PNG bytes").isGreaterThan(30_000);
      BufferedImage image = ImageIO.read(png.toFile());
      assertThat(image.getWidth()).isEqualTo(1400);
      assertThat(distinctColours(image)).as("distinct colours: lines, fills, text").isGreaterThan(200);
      assertThat(dominantShare(image)).as("share of the most common colour").isLessThan(0.9);
      assertThat(dom).contains("data-step=\"" + SyntheticHistory.STEPS + "\"", "data-model-version=\"" + SyntheticHistory.MODEL_VERSION + "\"",
          "data-drift-events=\"3\"", "<b id=\"step\">" + SyntheticHistory.STEPS + "</b>",
          "<b id=\"version\">" + SyntheticHistory.MODEL_VERSION + "</b>", "PAGE_HINKLEY", "test-00 (held-out)", ">live<");
      assertThat(dom).containsPattern("id=\"heldout-big\">\\d+\\.\\d %<");
      String keep = System.getProperty("invstream.dashboard.screenshot");
      if (keep != null && !keep.isBlank()) {
        Files.copy(png, Path.of(keep), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** Runs headless Chromium on {@code url} with one more flag; returns its standard output. */
  private String browse(String url, String flag) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + Files.createTempDirectory(work, "profile-"), "--window-size=1400,1000",
        "--virtual-time-budget=5000", flag, url));
    File out = work.resolve("stdout-" + System.nanoTime()).toFile();
    File err = work.resolve("stderr-" + System.nanoTime()).toFile();
    Process process = new ProcessBuilder(command).redirectOutput(out).redirectError(err).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("Chromium did not finish within 120 s; its log:\n" + Files.readString(err.toPath()));
    }
    assertThat(process.exitValue()).as("Chromium's exit status; its log:\n%s", Files.readString(err.toPath())).isZero();
    return Files.readString(out.toPath(), StandardCharsets.UTF_8);
  }

  private static int distinctColours(BufferedImage image) {
    return counts(image).size();
  }

  private static double dominantShare(BufferedImage image) {
    long top = counts(image).values().stream().mapToLong(Long::longValue).max().orElse(0);
    return (double) top / ((long) image.getWidth() * image.getHeight());
  }

  private static Map<Integer, Long> counts(BufferedImage image) {
    Map<Integer, Long> counts = new HashMap<>();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        counts.merge(image.getRGB(x, y), 1L, Long::sum);
      }
    }
    return counts;
  }
}
