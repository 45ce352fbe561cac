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
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/**
 * For operators: {@code /health} (are the streams running and the stores queryable) and
 * {@code /metrics} (Prometheus: JVM, and Kafka Streams with its clients' metrics, consumer lag
 * among them, through Micrometer's binder).
 */
public final class OperationsRoutes {
  public static final String HEALTH = "/health";
  public static final String METRICS = "/metrics";

  private final KafkaStreams streams;
  private final ReportQueries queries;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  public OperationsRoutes(KafkaStreams streams, ReportQueries queries) {
    this.streams = streams;
    this.queries = queries;
    new KafkaStreamsMetrics(streams).bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
  }

  public void register(RoutesConfig routes) {
    routes.get(HEALTH, this::health);
    routes.get(METRICS, this::metrics);
  }

  private void health(Context ctx) {
    boolean queryable = queries.storesQueryable();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", queryable ? "up" : "down");
    body.put("streams", streams.state().name());
    body.put("storesQueryable", queryable);
    ctx.status(queryable ? 200 : 503).json(body);
  }

  private void metrics(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
  }
}
