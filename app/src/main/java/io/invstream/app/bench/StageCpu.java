package io.invstream.app.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * CPU time of this process split by pipeline stage, from thread names: everything runs in one JVM,
 * so this is how the benchmark says where the cores went. Native threads the JVM does not list
 * (garbage collector, JIT compilers, OpenBLAS workers) fall into the remainder.
 */
final class StageCpu {

  static final String NATIVE = "native threads (gc, jit, openblas/openmp)";
  private static final String GC_PAUSES = "gc pauses";

  private StageCpu() {}

  /** Cumulative CPU nanoseconds by stage, plus the whole process under {@code process}. */
  static Map<String, Long> snapshot() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<String, Long> out = new TreeMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      long cpu = info == null ? -1 : threads.getThreadCpuTime(info.getThreadId());
      if (cpu > 0) {
        out.merge(stage(info.getThreadName()), cpu, Long::sum);
      }
    }
    out.put("process", processCpu());
    // Not CPU time: the wall time collections paused the JVM, kept to explain part of the native remainder.
    out.put(GC_PAUSES, TimeUnit.MILLISECONDS.toNanos(ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum()));
    return out;
  }

  /** Each stage's share of {@code cores × seconds} between two snapshots; the remainder is named {@link #NATIVE}. */
  static Map<String, Double> shares(Map<String, Long> before, Map<String, Long> after, double seconds, int cores) {
    double capacity = seconds * cores * 1e9;
    Map<String, Double> out = new LinkedHashMap<>();
    long listed = 0;
    for (Map.Entry<String, Long> stage : after.entrySet()) {
      if (!stage.getKey().equals("process") && !stage.getKey().equals(GC_PAUSES)) {
        long used = Math.max(0, stage.getValue() - before.getOrDefault(stage.getKey(), 0L));
        listed += used;
        out.put(stage.getKey(), used / capacity);
      }
    }
    long process = after.get("process") - before.get("process");
    out.put(NATIVE, Math.max(0, process - listed) / capacity);
    out.put("total", process / capacity);
    out.put(GC_PAUSES + " (share of wall time)", (after.get(GC_PAUSES) - before.get(GC_PAUSES)) / (seconds * 1e9));
    return out;
  }

  static String stage(String thread) {
    if (thread.startsWith("trainer-")) {
      return "trainer";
    }
    if (thread.contains("StreamThread") || thread.contains("balancer")) {
      return "balancer";
    }
    if (thread.equals("main")) {
      return "producer";
    }
    if (thread.startsWith("model-subscriber")) {
      return "subscriber";
    }
    if (thread.startsWith("kafka-producer-network-thread") || thread.contains("consumer_background")
        || thread.contains("heartbeat")) {
      return "client i/o";
    }
    return "broker";
  }

  private static long processCpu() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : -1;
  }
}
