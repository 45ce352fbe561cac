package org.gongkai.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.micrometer.core.instrument.FunctionCounter;
import org.apache.kafka.streams.KafkaStreams;
import org.gongkai.streams.Progress;
import org.gongkai.streams.ledger.Disposition;
import org.gongkai.streams.ledger.Reason;

/**
 * For operators: {@code /health} (are the streams running and the stores queryable, and which part
 * is down: streams, stores, Kafka) and
 * {@code /metrics} (Prometheus: JVM, and Kafka Streams with its clients' metrics, consumer lag
 * among them, through Micrometer's binder).
 */
public final class OperationsRoutes {
  public static final String HEALTH = "/health";
  public static final String METRICS = "/metrics";

  private final KafkaStreams streams;
  private final ReportQueries queries;
  private final KafkaHealth kafka;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  public OperationsRoutes(KafkaStreams streams, ReportQueries queries, Progress progress) {
    this(streams, queries, progress, null);
  }

  /** @param kafka checks the cluster for {@code /health}; null leaves the {@code kafka} part out */
  OperationsRoutes(KafkaStreams streams, ReportQueries queries, Progress progress, KafkaHealth kafka) {
    this.streams = streams;
    this.queries = queries;
    this.kafka = kafka;
    new KafkaStreamsMetrics(streams).bindTo(registry);
    bindEvents(progress);
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
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
  }
}
