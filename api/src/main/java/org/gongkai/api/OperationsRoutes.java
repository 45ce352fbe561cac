package org.gongkai.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import java.util.HashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.gongkai.schemas.Topics;
import org.apache.kafka.streams.KafkaStreams;
import org.gongkai.streams.Progress;
import org.gongkai.streams.ledger.Disposition;
import org.gongkai.streams.ledger.Reason;

/**
 * For operators: {@code /health} (are the streams running and the stores queryable, and which part
 * is down: streams, stores, Kafka) and {@code /metrics} (Prometheus: JVM, Kafka Streams with its
 * clients' metrics through Micrometer's binder, and Gongkai's own: what became of the events, the
 * report cache, the input lag).
 */
public final class OperationsRoutes {
  public static final String HEALTH = "/health";
  public static final String METRICS = "/metrics";

  private final KafkaStreams streams;
  private final ReportQueries queries;
  private final KafkaHealth kafka;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  /** The last lag read per input partition ({@link #refreshInputLag}), NaN once a partition is no longer here. */
  private final Map<Integer, Double> inputLag = new ConcurrentHashMap<>();

  public OperationsRoutes(KafkaStreams streams, ReportQueries queries, Progress progress, ReportAnswers answers) {
    this(streams, queries, progress, answers, null);
  }

  /** @param kafka checks the cluster for {@code /health}; null leaves the {@code kafka} part out */
  OperationsRoutes(KafkaStreams streams, ReportQueries queries, Progress progress, ReportAnswers answers,
      KafkaHealth kafka) {
    this.streams = streams;
    this.queries = queries;
    this.kafka = kafka;
    // Not Micrometer's KafkaStreamsMetrics: it reads every Kafka Streams metric from a thread of
    // its own, among them the stores' "uncommitted-bytes" gauge, which Kafka 4.4 reads from
    // RocksDB's native write batch; read while the store is being closed (a task moving or
    // revived), it crashed the JVM (SIGSEGV in WriteBatch.getDataSize, seen in a test run).
    bindEvents(progress);
    bindReportCache(answers);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
  }

  /**
   * What became of the events this instance applied since it started: counters
   * {@code gongkai_events_total{disposition=accepted|late|duplicate|rejected}} and
   * {@code gongkai_events_rejected_total{reason=…}}, one series per reason code.
   */
  private void bindEvents(Progress progress) {
    for (Disposition disposition : Disposition.values()) {
      FunctionCounter.builder("gongkai.events", progress, p -> p.count(disposition))
          .description("Events applied by this instance since it started, by what became of them")
          .tag("disposition", disposition.name().toLowerCase(java.util.Locale.ROOT))
          .register(registry);
    }
    for (Reason reason : Reason.values()) {
      FunctionCounter.builder("gongkai.events.rejected", progress,
              p -> p.rejectedByReason().getOrDefault(reason.code(), 0L))
          .description("Events rejected by this instance since it started, by reason")
          .tag("reason", reason.code())
          .register(registry);
    }
  }

  /**
   * {@code gongkai_report_cache_total{result=hit|miss}}: report answers sent from the cache
   * ({@link ReportAnswers}) and answers that had to be built.
   */
  private void bindReportCache(ReportAnswers answers) {
    FunctionCounter.builder("gongkai.report.cache", answers, ReportAnswers::cacheHits)
        .description("Report answers sent from the cache since the start").tag("result", "hit").register(registry);
    FunctionCounter.builder("gongkai.report.cache", answers, ReportAnswers::cacheMisses)
        .description("Report answers built (not in the cache, or no longer right) since the start").tag("result", "miss")
        .register(registry);
  }

  /**
   * {@code gongkai_input_lag{partition=P}}: events of {@code gongkai.events} partition P not yet
   * read by this instance. The figure is the Kafka consumer's own {@code records-lag} of the
   * streams' main consumer (consumer-fetch-manager-metrics, per topic and partition): the
   * partition's high watermark in the last fetch response minus the consumer's position. So it
   * does not count the events fetched but still waiting in the streams' buffer (at most
   * {@code buffered.records.per.partition}, 1,000), and it is NaN for a partition this instance
   * no longer reads. Read from the consumer at each scrape.
   */
  private void refreshInputLag() {
    Map<Integer, Double> now = new HashMap<>();
    String topic = Topics.EVENTS.name();
    for (Map.Entry<MetricName, ? extends Metric> metric : streams.metrics().entrySet()) {
      MetricName name = metric.getKey();
      Map<String, String> tags = name.tags();
      // Kafka writes topic tags with '.' as '_' in some versions; accept both.
      String tagged = tags.get("topic");
      if (name.name().equals("records-lag") && name.group().equals("consumer-fetch-manager-metrics")
          && (topic.equals(tagged) || topic.replace('.', '_').equals(tagged)) && tags.containsKey("partition")
          && !tags.getOrDefault("client-id", "").endsWith("restore-consumer")
          && metric.getValue().metricValue() instanceof Number lag) {
        now.merge(Integer.valueOf(tags.get("partition")), lag.doubleValue(), Math::max);
      }
    }
    for (Integer partition : now.keySet()) {
      if (!inputLag.containsKey(partition)) {
        inputLag.put(partition, now.get(partition));
        Gauge.builder("gongkai.input.lag", inputLag, lags -> lags.getOrDefault(partition, Double.NaN))
            .description("Events of gongkai.events not yet read by this instance: the consumer's records-lag "
                + "(high watermark of the last fetch minus position)")
            .tag("partition", partition.toString())
            .register(registry);
      }
    }
    inputLag.replaceAll((partition, last) -> now.getOrDefault(partition, Double.NaN));
  }

  public void register(RoutesConfig routes) {
    routes.get(HEALTH, this::health);
    routes.get(METRICS, this::metrics);
  }

  /**
   * 200 while this instance answers every report ({@code status} {@code up}, or {@code degraded}
   * when part of Kafka is down but the instance still serves); 503 ({@code down}) while it cannot.
   * {@code down} says which part is down, one line each: the streams, stores without an owner or
   * not queryable here, Kafka brokers or partitions.
   */
  private void health(Context ctx) throws InterruptedException {
    List<String> down = new ArrayList<>(queries.unavailable());
    boolean queryable = down.isEmpty();
    Map<String, Object> kafkaPart = kafka == null ? null : kafka.check(down);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", !queryable ? "down" : down.isEmpty() ? "up" : "degraded");
    body.put("streams", streams.state().name());
    body.put("storesQueryable", queryable);
    body.put("down", down);
    if (kafkaPart != null) {
      body.put("kafka", kafkaPart);
    }
    if (!queryable) {
      ctx.header("Retry-After", "2");
    }
    ctx.status(queryable ? 200 : 503).json(body);
  }

  private void metrics(Context ctx) {
    refreshInputLag();
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
  }
}
