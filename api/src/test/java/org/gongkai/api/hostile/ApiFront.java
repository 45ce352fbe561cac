package org.gongkai.api.hostile;

import io.javalin.Javalin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.gongkai.api.ApiServer;
import org.gongkai.api.GongkaiApp;
import org.gongkai.api.InstanceRouter;
import org.gongkai.api.OperationsRoutes;
import org.gongkai.api.ReportQueries;
import org.gongkai.api.ReportRoutes;
import org.gongkai.api.RunningApp;
import org.gongkai.api.security.ClientRateLimit;
import org.gongkai.api.security.PublishRoutes;
import org.gongkai.streams.registry.DivisionRegistry;

/**
 * A second HTTP server, built by {@link ApiServer#create} like the app's, over the streams of the
 * test JVM's {@link RunningApp}: the same routes and answers, with the guards a test chooses (a
 * rate limit, publisher tokens, a publisher that records instead of producing) and without
 * starting another Kafka Streams application. It asks the stores as the running app does: the
 * router takes the app's address for its own, so nothing is forwarded.
 */
final class ApiFront implements AutoCloseable {
  private static DivisionRegistry registry;
  private final Javalin http;

  private ApiFront(Javalin http) {
    this.http = http;
  }

  static synchronized DivisionRegistry registry() {
    if (registry == null) {
      registry = DivisionRegistry.load();
    }
    return registry;
  }

  static ApiFront start(ClientRateLimit rateLimit, PublishRoutes publish) {
    GongkaiApp app = RunningApp.get();
    KafkaStreams streams = app.streams();
    ReportQueries queries = new ReportQueries(streams);
    InstanceRouter router = new InstanceRouter(streams, new HostInfo("localhost", app.port()));
    Javalin http = ApiServer.create(new ReportRoutes(queries, router, registry()), new OperationsRoutes(streams, queries),
        rateLimit, publish).start("127.0.0.1", 0);
    return new ApiFront(http);
  }

  int port() {
    return http.port();
  }

  @Override
  public void close() {
    http.stop();
  }
}
