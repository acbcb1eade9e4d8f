package io.invstream.app.experiment;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The experiment's PNG plots, drawn with JFreeChart on a headless AWT. */
final class Charts {

  private static final int WIDTH = 900;
  private static final int HEIGHT = 500;
  /** Distinguishable colours for training environments; held-out environments are drawn thick and black. */
  private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
      new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};

  static {
    // Servers and CI have no display; JFreeChart only needs AWT's off-screen drawing.
    System.setProperty("java.awt.headless", "true");
  }

  private Charts() {}

  /**
   * Accuracy per environment over the steps of one run: validation splits of the training
   * environments and held-out environments, with the selected step marked.
   */
  static void curves(RunResult result, Path file) throws IOException {
    XYSeriesCollection series = new XYSeriesCollection();
    add(series, result.curves("validation"), " (validation split)");
    int training = series.getSeriesCount();
    add(series, result.curves("heldOut"), " (held out)");
    String title = result.run().algorithm() + " on " + result.run().protocol().dataset() + ", seed " + result.run().seed();
    JFreeChart chart = ChartFactory.createXYLineChart(title, "step", "accuracy", series, PlotOrientation.VERTICAL, true,
        false, false);
    XYPlot plot = chart.getXYPlot();
    unitRange((NumberAxis) plot.getRangeAxis());
    ValueMarker selected = new ValueMarker(result.selectedStep(), Color.GRAY, new BasicStroke(1f, BasicStroke.CAP_BUTT,
        BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f));
    selected.setLabel("selected (training-domain validation)");
    plot.addDomainMarker(selected);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    for (int i = 0; i < series.getSeriesCount(); i++) {
      boolean heldOut = i >= training;
      plot.getRenderer().setSeriesPaint(i, heldOut ? Color.BLACK : PALETTE[i % PALETTE.length]);
      plot.getRenderer().setSeriesStroke(i, new BasicStroke(heldOut ? 3f : 1.5f));
    }
    save(chart, file);
  }

  /** Mean test accuracy per algorithm under each rule (last step, selected, oracle) for one data set. */
  static void testAccuracy(String dataset, List<MethodRow> rows, Path file) throws IOException {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (MethodRow row : rows) {
      data.addValue(row.lastTest().mean(), "last step", row.algorithm());
      data.addValue(row.selectedTest().mean(), "training-domain validation", row.algorithm());
      data.addValue(row.oracleTest().mean(), "test-domain oracle (reference only)", row.algorithm());
    }
    JFreeChart chart = ChartFactory.createBarChart("Test accuracy on " + dataset, "algorithm", "test accuracy", data,
        PlotOrientation.VERTICAL, true, false, false);
    CategoryPlot plot = chart.getCategoryPlot();
    unitRange((NumberAxis) plot.getRangeAxis());
    plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    save(chart, file);
  }

  private static void add(XYSeriesCollection collection, Map<String, Map<Long, Double>> curves, String suffix) {
    curves.forEach((environment, points) -> {
      XYSeries series = new XYSeries(environment + suffix);
      points.forEach(series::add);
      collection.addSeries(series);
    });
  }

  private static void unitRange(NumberAxis axis) {
    axis.setRange(0, 1);
  }

  private static void save(JFreeChart chart, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
  }
}
