package org.gongkai.api;

import org.gongkai.api.publish.EventPublisher;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.gongkai.streams.registry.DivisionRegistry;

/**
 * One Gongkai instance per test JVM on the shared broker, with an HTTP client for it. The
 * streams and the API are the real ones; only the port and state folder are the test's.
 */
public final class RunningApp {
  static final Path SEED = Path.of("..", "seeds", "events", "360923105-2020.jsonl");
  static final String SEED_REPORT = "/api/v1/towns/360923105/reports/2020";
  private static GongkaiApp app;
  private static JsonNode seededReport;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private RunningApp() {}

  public static synchronized GongkaiApp get() {
    if (app == null) {
      try {
        Path state = Files.createTempDirectory(Files.createDirectories(Path.of("target", "tmp")), "gongkai-state");
        DivisionRegistry registry = DivisionRegistry.load();
        app = GongkaiApp.start(GongkaiApp.Config.single(SharedBroker.bootstrapServers(), "localhost", freePort(),
            state), registry);
        app.awaitRunning(Duration.ofMinutes(2));
        Runtime.getRuntime().addShutdownHook(new Thread(app::close));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return app;
  }

  /** Publishes the seed events (南港镇 2020) once per test JVM and waits until they are served. */
  public static synchronized JsonNode seeded() throws IOException, InterruptedException {
    if (seededReport == null) {
      get();
      org.gongkai.schemas.lines.EventLines.Result seed = org.gongkai.schemas.lines.EventLines.parse(SEED);
      if (!seed.errors().isEmpty()) {
        throw new IllegalStateException("seed file is invalid: " + seed.errors());
      }
      try (EventPublisher publisher = new EventPublisher(SharedBroker.bootstrapServers())) {
        publisher.publish(seed.events());
      }
      seededReport = await(SEED_REPORT,
          r -> r.path("proactive").path("procurement").path("projects").asLong() == 177
              && r.path("requests").path("rows").path("granted").path("total").asLong() == 1,
          Duration.ofSeconds(60));
    }
    return seededReport;
  }

  public static HttpResponse<String> get(String path) {
    return get(path, "application/json");
  }

  public static HttpResponse<String> get(String path, String accept) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + get().port() + path))
              .header("Accept", accept).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Polls a route until its JSON satisfies the condition; returns the last answer either way. */
  public static JsonNode await(String path, Predicate<JsonNode> condition, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    JsonNode last = null;
    while (Instant.now().isBefore(deadline)) {
      HttpResponse<String> response = get(path);
      if (response.statusCode() == 200) {
        last = json(response);
        if (condition.test(last)) {
          return last;
        }
      }
      Thread.sleep(200);
    }
    return last;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
