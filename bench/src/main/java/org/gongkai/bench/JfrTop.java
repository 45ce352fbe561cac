package org.gongkai.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Aggregates a JFR recording into the tables a profile report needs: CPU samples by top frame
 * (self), by method anywhere on the stack (inclusive), by thread and by area (package family);
 * native samples (JNI: RocksDB) by top frame; allocation by top frame; GC pauses; CPU load.
 *
 * <pre>java -cp bench/target/gongkai-bench.jar org.gongkai.bench.JfrTop FILE.jfr [--top 25] [--thread NAME-PART]</pre>
 */
public final class JfrTop {
  private JfrTop() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int top = 25;
    String threadFilter = null;
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--top")) {
        top = Integer.parseInt(args[++i]);
      } else if (args[i].equals("--thread")) {
        threadFilter = args[++i];
      }
    }
    Map<String, Long> self = new HashMap<>();
    Map<String, Long> inclusive = new HashMap<>();
    Map<String, Long> threads = new HashMap<>();
    Map<String, Long> areas = new HashMap<>();
    Map<String, Long> nativeTop = new HashMap<>();
    Map<String, Long> nativeThreads = new HashMap<>();
    Map<String, Long> alloc = new HashMap<>();
    Map<String, Long> allocClass = new HashMap<>();
    Map<String, Long> gongkaiEntry = new HashMap<>();
    long samples = 0;
    long nativeSamples = 0;
    long allocTotal = 0;
    double gcPauseMs = 0;
    long gcs = 0;
    double jvmUser = 0;
    double jvmSystem = 0;
    double machine = 0;
    long cpuLoads = 0;
    Instant first = null;
    Instant last = null;

    try (RecordingFile recording = new RecordingFile(file)) {
      while (recording.hasMoreEvents()) {
        RecordedEvent e = recording.readEvent();
        String type = e.getEventType().getName();
        if (first == null || e.getStartTime().isBefore(first)) {
          first = e.getStartTime();
        }
        if (last == null || e.getEndTime().isAfter(last)) {
          last = e.getEndTime();
        }
        switch (type) {
          case "jdk.ExecutionSample" -> {
            String thread = threadName(e, "sampledThread");
            List<RecordedFrame> frames = sampledFrames(e, thread, threadFilter);
            if (frames == null) {
              continue;
            }
            samples++;
            self.merge(frame(frames.get(0)), 1L, Long::sum);
            threads.merge(threadGroup(thread), 1L, Long::sum);
            areas.merge(area(frames), 1L, Long::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : frames) {
              String m = method(f);
              if (seen.add(m)) {
                inclusive.merge(m, 1L, Long::sum);
              }
            }
            String entry = deepestGongkai(frames);
            if (entry != null) {
              gongkaiEntry.merge(entry, 1L, Long::sum);
            }
          }
          case "jdk.NativeMethodSample" -> {
            String thread = threadName(e, "sampledThread");
            List<RecordedFrame> frames = sampledFrames(e, thread, threadFilter);
            if (frames == null) {
              continue;
            }
            nativeSamples++;
            nativeTop.merge(frame(frames.get(0)) + "  <- " + caller(frames), 1L, Long::sum);
            nativeThreads.merge(threadGroup(thread), 1L, Long::sum);
          }
          case "jdk.ObjectAllocationSample" -> {
            long w = e.getLong("weight");
            allocTotal += w;
            RecordedStackTrace st = e.getStackTrace();
            if (st != null && !st.getFrames().isEmpty()) {
              alloc.merge(firstInteresting(st.getFrames()), w, Long::sum);
            }
            allocClass.merge(e.getClass("objectClass").getName(), w, Long::sum);
          }
          case "jdk.GarbageCollection" -> {
            gcs++;
            gcPauseMs += e.getDuration("sumOfPauses").toNanos() / 1e6;
          }
          case "jdk.CPULoad" -> {
            cpuLoads++;
            jvmUser += e.getFloat("jvmUser");
            jvmSystem += e.getFloat("jvmSystem");
            machine += e.getFloat("machineTotal");
          }
          default -> { }
        }
      }
    }
    double seconds = first == null ? 0 : (last.toEpochMilli() - first.toEpochMilli()) / 1000.0;
    System.out.printf(Locale.ROOT, "recording %s: %.0f s; %d CPU samples (jdk.ExecutionSample), %d native samples%s%n",
        file, seconds, samples, nativeSamples, threadFilter == null ? "" : " (threads containing \"" + threadFilter + "\")");
    if (cpuLoads > 0) {
      System.out.printf(Locale.ROOT, "CPU load (avg of %d samples): JVM user %.1f%%, JVM system %.1f%%, machine %.1f%% (of all cores)%n",
          cpuLoads, 100 * jvmUser / cpuLoads, 100 * jvmSystem / cpuLoads, 100 * machine / cpuLoads);
    }
    System.out.printf(Locale.ROOT, "GC: %d collections, %.1f s of pauses; allocation sampled: %.1f GB (%.0f MB/s)%n",
        gcs, gcPauseMs / 1000, allocTotal / 1e9, seconds > 0 ? allocTotal / 1e6 / seconds : 0);
    print("CPU samples by thread", threads, samples, top);
    print("CPU samples by area (first non-JDK frame's family, see JfrTop.area)", areas, samples, top);
    print("CPU samples by top frame (self)", self, samples, top);
    print("CPU samples by method on the stack (inclusive)", inclusive, samples, top * 2);
    print("CPU samples by deepest org.gongkai frame (the Gongkai code that led there)", gongkaiEntry, samples, top);
    print("native samples (threads in JNI/native; includes idle waits) by thread", nativeThreads, nativeSamples, top);
    print("native samples by top frame", nativeTop, nativeSamples, top);
    print("allocation by first non-JDK-collection frame (bytes, sampled weight)", alloc, allocTotal, top);
    print("allocation by class", allocClass, allocTotal, top);
  }

  /** A sample's stack, top frame first, or null when its thread is filtered out or it has no stack. */
  private static List<RecordedFrame> sampledFrames(RecordedEvent e, String thread, String threadFilter) {
    if (threadFilter != null && !thread.contains(threadFilter)) {
      return null;
    }
    RecordedStackTrace st = e.getStackTrace();
    return st == null || st.getFrames().isEmpty() ? null : st.getFrames();
  }

  private static String threadName(RecordedEvent e, String field) {
    RecordedThread t = e.getThread(field);
    if (t == null) {
      return "?";
    }
    String name = t.getJavaName() != null ? t.getJavaName() : t.getOSName();
    return name == null ? "?" : name;
  }

  /** Thread names without their numbers, so pools group together. */
  private static String threadGroup(String name) {
    return name.replaceAll("-[0-9a-f]{8}-[0-9a-f-]{27}", "-<uuid>").replaceAll("\\d+", "N");
  }

  private static String method(RecordedFrame f) {
    RecordedMethod m = f.getMethod();
    return m == null ? "?" : m.getType().getName() + "." + m.getName();
  }

  private static String frame(RecordedFrame f) {
    return method(f) + (f.isJavaFrame() ? "" : " [native]");
  }

  private static String caller(List<RecordedFrame> frames) {
    for (int i = 1; i < frames.size(); i++) {
      String m = method(frames.get(i));
      if (!m.startsWith("java.") && !m.startsWith("sun.") && !m.startsWith("jdk.")) {
        return m;
      }
    }
    return frames.size() > 1 ? method(frames.get(1)) : "";
  }

  private static String deepestGongkai(List<RecordedFrame> frames) {
    for (RecordedFrame f : frames) {
      String m = method(f);
      if (m.startsWith("org.gongkai.")) {
        return m;
      }
    }
    return null;
  }

  private static String firstInteresting(List<RecordedFrame> frames) {
    for (RecordedFrame f : frames) {
      String m = method(f);
      if (!(m.startsWith("java.util.") || m.startsWith("java.lang.") || m.startsWith("jdk.internal."))) {
        return m;
      }
    }
    return method(frames.get(0));
  }

  /** What a sample was doing, from its frames top-down: the first frame outside the JDK decides. */
  static String area(List<RecordedFrame> frames) {
    for (RecordedFrame f : frames) {
      String m = method(f);
      String area = areaOf(m);
      if (area != null) {
        return area;
      }
    }
    return "JDK only: " + method(frames.get(0));
  }

  private static final Map<String, String> AREAS = new LinkedHashMap<>();

  static {
    AREAS.put("org.rocksdb.", "RocksDB (JNI calls, Java side)");
    AREAS.put("org.apache.avro.", "Avro (encode/decode)");
    AREAS.put("org.gongkai.", "Gongkai code (ledgers, tallies, reports)");
    AREAS.put("org.apache.kafka.streams.state.", "Kafka Streams state stores (cache, serdes, changelog)");
    AREAS.put("org.apache.kafka.streams.", "Kafka Streams runtime");
    AREAS.put("org.apache.kafka.common.compress", "Kafka compression");
    AREAS.put("org.apache.kafka.common.record", "Kafka record batches");
    AREAS.put("org.apache.kafka.clients.producer", "Kafka producer");
    AREAS.put("org.apache.kafka.clients.consumer", "Kafka consumer");
    AREAS.put("org.apache.kafka.", "Kafka other");
    AREAS.put("org.eclipse.jetty.", "Jetty");
    AREAS.put("io.javalin.", "Javalin");
    AREAS.put("com.fasterxml.jackson.", "Jackson");
    AREAS.put("ch.qos.logback.", "Logback");
  }

  private static String areaOf(String method) {
    for (Map.Entry<String, String> e : AREAS.entrySet()) {
      if (method.startsWith(e.getKey())) {
        return e.getValue();
      }
    }
    return null;
  }

  private static void print(String title, Map<String, Long> counts, long total, int top) {
    System.out.println();
    System.out.println("### " + title);
    List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
    sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed());
    Function<Long, String> pct = v -> String.format(Locale.ROOT, "%5.1f%%", total == 0 ? 0 : 100.0 * v / total);
    for (int i = 0; i < Math.min(top, sorted.size()); i++) {
      Map.Entry<String, Long> e = sorted.get(i);
      System.out.printf(Locale.ROOT, "%s %12d  %s%n", pct.apply(e.getValue()), e.getValue(), e.getKey());
    }
  }
}
