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
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gongkai.api.publish.DoorChecks;
import org.gongkai.api.publish.EventPublisher;
import org.gongkai.api.publish.PublishRoutes;
import org.gongkai.api.publish.TownRecords;
import org.gongkai.api.security.PublisherTokens;
import org.gongkai.schemas.lines.ParsedEvent;
import org.gongkai.streams.ledger.EventChecks;
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

  /**
   * @param tokens the publisher tokens of the front; null: publishing over HTTP disabled
   * @param publisher where the publish route sends events (the app's Kafka, or a recorder)
   */
  static ApiFront start(ClientRateLimit rateLimit, PublisherTokens tokens, PublishRoutes.Publisher publisher) {
    GongkaiApp app = RunningApp.get();
    KafkaStreams streams = app.streams();
    ReportQueries queries = app.queries();
    InstanceRouter router = new InstanceRouter(streams, new HostInfo("localhost", app.port()));
    PublishRoutes publish = tokens == null ? PublishRoutes.disabled()
        : new PublishRoutes(tokens, publisher, new DoorChecks(new EventChecks(t -> registry().town(t).isPresent(),
            Clock.systemUTC())), new TownRecords(queries), router);
    ReportRoutes reports = new ReportRoutes(queries, router, registry());
    Javalin http = ApiServer.create(reports, new OperationsRoutes(streams, queries, app.progress(), reports.answers()),
        rateLimit, publish).start("127.0.0.1", 0);
    return new ApiFront(http);
  }

  /** What a recording publisher answers: every event "acknowledged" in partition 0 of its town. */
  static EventPublisher.Sent recorded(List<ParsedEvent> events) {
    Map<String, EventPublisher.TownSent> towns = new LinkedHashMap<>();
    for (ParsedEvent event : events) {
      EventPublisher.TownSent before = towns.get(event.town());
      towns.put(event.town(), new EventPublisher.TownSent(event.town(), 0, before == null ? 1 : before.events() + 1, -1));
    }
    return new EventPublisher.Sent("recorded", towns);
  }

  int port() {
    return http.port();
  }

  @Override
  public void close() {
    http.stop();
  }
}
