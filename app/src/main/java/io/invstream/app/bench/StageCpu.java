package io.invstream.app.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of this process split by pipeline stage, from thread names: everything runs in one JVM,
 * so this is how the benchmark says where the cores went. Native threads the JVM does not list
 * (garbage collector, JIT compilers, OpenBLAS workers) fall into the remainder.
 */
final class StageCpu {

  static final String NATIVE = "gc, jit, openblas (native threads)";

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
    return out;
  }

  /** Each stage's share of {@code cores × seconds} between two snapshots; the remainder is named {@link #NATIVE}. */
  static Map<String, Double> shares(Map<String, Long> before, Map<String, Long> after, double seconds, int cores) {
    double capacity = seconds * cores * 1e9;
    Map<String, Double> out = new LinkedHashMap<>();
    long listed = 0;
    for (Map.Entry<String, Long> stage : after.entrySet()) {
      if (!stage.getKey().equals("process")) {
        long used = Math.max(0, stage.getValue() - before.getOrDefault(stage.getKey(), 0L));
        listed += used;
        out.put(stage.getKey(), used / capacity);
      }
    }
    long process = after.get("process") - before.get("process");
    out.put(NATIVE, Math.max(0, process - listed) / capacity);
    out.put("total", process / capacity);
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
