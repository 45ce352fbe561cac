package org.gongkai.api.dashboard;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.gongkai.schemas.Topics;
import org.gongkai.streams.Progress;

/**
 * How fresh this instance's figures are: the streams' {@link Progress} (the version that grows
 * with every event applied, the last event applied per input partition) and, per partition of
 * the events topic, the lag: records not yet fetched, from the main consumer's own metric
 * {@code records-lag} (consumer-fetch-manager-metrics, read_committed under exactly-once, so
 * up to the last stable offset). A metric, not an admin call: the change stream reads this
 * twice a second, and the metric costs no round trip to the broker; it is as of the last fetch.
 * This instance's partitions only.
 */
public final class Freshness {
  /** One partition: records behind, and when its last event was applied (null: none since the start). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Partition(int partition, long lag, String lastAppliedAt) {}

  /** The whole answer of {@code /api/v1/freshness}; instants are ISO-8601 strings. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Snapshot(long version, String newestEventAt, long lag, List<Partition> partitions) {}

  /** What a change event carries. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Change(long version, String newestEventAt, long lag) {}

  private static final String LAG = "records-lag";
  private static final String GROUP = "consumer-fetch-manager-metrics";

  private final Progress progress;
  private final KafkaStreams streams;

  public Freshness(Progress progress, KafkaStreams streams) {
    this.progress = progress;
    this.streams = streams;
  }

  public long version() {
    return progress.version();
  }

  /** When the newest event this instance applied was applied (epoch millis; 0: none yet). */
  public long lastAppliedMillis() {
    return progress.partitions().values().stream().mapToLong(a -> a.applied().toEpochMilli()).max().orElse(0);
  }

  public Snapshot now() {
    long version = progress.version();
    Map<Integer, Long> lags = lags();
    Map<Integer, Progress.Applied> applied = progress.partitions();
    TreeMap<Integer, Partition> partitions = new TreeMap<>();
    lags.forEach((p, lag) -> partitions.put(p, new Partition(p, lag, null)));
    applied.forEach((p, last) -> partitions.put(p, new Partition(p, lags.getOrDefault(p, 0L), last.applied().toString())));
    long lag = partitions.values().stream().mapToLong(Partition::lag).sum();
    String newest = progress.newestPublished().map(Object::toString).orElse(null);
    return new Snapshot(version, newest, lag, new ArrayList<>(partitions.values()));
  }

  public Change change() {
    Snapshot now = now();
    return new Change(now.version(), now.newestEventAt(), now.lag());
  }

  /** The main consumers' records-lag per partition of the events topic (restore consumers left out). */
  Map<Integer, Long> lags() {
    String topic = Topics.EVENTS.name();
    Map<Integer, Long> lags = new TreeMap<>();
    for (Map.Entry<MetricName, ? extends Metric> metric : streams.metrics().entrySet()) {
      MetricName name = metric.getKey();
      if (!name.name().equals(LAG) || !name.group().equals(GROUP)) {
        continue;
      }
      Map<String, String> tags = name.tags();
      String tagged = tags.get("topic");
      String partition = tags.get("partition");
      String client = tags.getOrDefault("client-id", "");
      // the client's metrics tag the topic with its dots as underscores
      if (partition == null || client.contains("restore")
          || !(topic.equals(tagged) || topic.replace('.', '_').equals(tagged))) {
        continue;
      }
      Object value = metric.getValue().metricValue();
      long lag = value instanceof Number n && !Double.isNaN(n.doubleValue()) ? Math.max(0, n.longValue()) : 0;
      lags.merge(Integer.parseInt(partition), lag, Math::max);
    }
    return lags;
  }
}
