package org.gongkai.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.sse.SseHandler;
import io.javalin.router.Endpoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.gongkai.api.check.CheckRoutes;
import org.gongkai.api.security.ClientRateLimit;
import org.gongkai.api.security.HttpRefusal;
import org.gongkai.api.security.JsonErrorHandler;
import org.gongkai.api.publish.PublishRoutes;
import org.gongkai.api.dashboard.DashboardRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Javalin server: JSON everywhere, errors as JSON bodies, never a stack trace. Also the errors
 * Jetty answers itself before a route is found (a malformed or overlong URI, oversized headers).
 *
 * <p>The reports are public; every client's requests go through its fair share
 * ({@link ClientRateLimit}) first. The one state-changing route, publishing events
 * ({@link PublishRoutes}), needs a town's bearer token.
 */
public final class ApiServer {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  private ApiServer() {}

  public static final String OPENAPI = "/openapi.json";
  /** The dashboard's files on the classpath. */
  static final String DASHBOARD = "/dashboard";

  /** Largest request body: event lines of a busy town's year, with room to spare. */
  public static final long MAX_BODY_BYTES = 8L * 1024 * 1024;
  /** The buffer Javalin copies an answer through (a report is about 5 KB; longer answers take several copies). */
  static final int RESPONSE_COPY_BYTES = 8 * 1024;

  /** Without a rate limit, and with publishing over HTTP disabled. */
  public static Javalin create(ReportRoutes reports, OperationsRoutes operations) {
    return create(reports, operations, ClientRateLimit.disabled(), PublishRoutes.disabled());
  }

  public static Javalin create(ReportRoutes reports, OperationsRoutes operations, ClientRateLimit rateLimit,
      PublishRoutes publish) {
    return create(reports, operations, rateLimit, publish, AboutRoutes.plain(), null, null);
  }

  /**
   * @param about what {@code /api/v1/about} says
   * @param dashboard the dashboard's routes ({@link DashboardRoutes}), closed when the server stops; null: none
   * @param boundaries the dashboard's map boundaries ({@link BoundaryRoutes}); null: none configured
   */
  public static Javalin create(ReportRoutes reports, OperationsRoutes operations, ClientRateLimit rateLimit,
      PublishRoutes publish, AboutRoutes about, DashboardRoutes dashboard, BoundaryRoutes boundaries) {
    String openApi = openApiDocument();
    Javalin javalin = Javalin.create(config -> {
      // The dashboard (README.md "## Dashboard"): static pages at /, ECharts from its webjar at /webjars/.
      config.staticFiles.add(files -> {
        files.hostedPath = "/";
        files.directory = DASHBOARD;
        files.location = Location.CLASSPATH;
      });
      config.staticFiles.enableWebjars();
      config.startup.showJavalinBanner = false;
      config.jsonMapper(new JavalinJackson(new ObjectMapper(), false));
      // A known path asked with another method is "method not allowed", not "no such route".
      config.http.prefer405over404 = true;
      config.http.maxRequestSize = MAX_BODY_BYTES;
      // Javalin copies each answer to the response through a buffer of this size, made per
      // answer; its default is Jetty's output buffer, 32 KB, where a report is about 5 KB: at
      // 2,000 reports a second those buffers were the largest allocation of the HTTP threads.
      config.http.responseBufferSize = RESPONSE_COPY_BYTES;
      // Jetty's own refusals (before a route is looked for) as JSON too; within the servlet context
      // Jetty's default stays, so that Javalin's error handlers below answer the rest.
      config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
      // Answers are what their Content-Type says (JSON errors quote the request, e.g. <script>).
      config.routes.before(ctx -> ctx.header("X-Content-Type-Options", "nosniff"));
      config.routes.before(rateLimit);
      reports.register(config.routes);
      publish.register(config.routes);
      if (dashboard != null) {
        dashboard.register(config.routes);
        config.events.serverStopping(dashboard::close);
      }
      new CheckRoutes().register(config.routes);
      operations.register(config.routes);
      about.register(config.routes);
      if (boundaries != null) {
        boundaries.register(config.routes);
      }
      new LabelRoutes().register(config.routes);
      config.routes.get(OPENAPI, ctx -> ctx.contentType("application/json").result(openApi));
      config.routes.exception(ApiError.class, (e, ctx) -> {
        if (e.retryAfterSeconds() != null) {
          ctx.header("Retry-After", e.retryAfterSeconds().toString());
        }
        ctx.status(e.status()).json(body(e.status(), e.getMessage()));
      });
      config.routes.exception(HttpRefusal.class, (e, ctx) -> {
        e.headers().forEach(ctx::header);
        ctx.status(e.status()).json(e.body(HttpStatus.forStatus(e.status()).getMessage()));
      });
      // The stores are not queryable while a stream thread starts, restores or rebalances.
      config.routes.exception(InvalidStateStoreException.class, (e, ctx) -> {
        ctx.header("Retry-After", "2");
        ctx.status(503).json(body(503, "the stores are not ready (starting, restoring or rebalancing); try again in a moment"));
      });
      // Javalin's own refusals: no route (404), another method (405), a body above MAX_BODY_BYTES (413).
      config.routes.exception(HttpResponseException.class, (e, ctx) -> {
        int status = e.getStatus() >= 400 && e.getStatus() < 600 ? e.getStatus() : 400;
        String message = switch (status) {
          case 404 -> "no such route: " + ReportRoutes.shorten(ctx.path());
          case 405 -> methodNotAllowed(ctx);
          case 413 -> "the request body is larger than " + (MAX_BODY_BYTES >> 20) + " MiB";
          default -> HttpStatus.forStatus(status).getMessage();
        };
        ctx.status(status).json(body(status, message));
      });
      config.routes.exception(Exception.class, (e, ctx) -> {
        LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
        ctx.status(500).json(body(500, "internal error; it has been logged"));
      });
      config.routes.error(404, "*", ctx -> {
        if (ctx.result() == null || ctx.result().isEmpty() || !ctx.result().startsWith("{")) {
          ctx.json(body(404, "no such route: " + ReportRoutes.shorten(ctx.path())));
        }
      });
      config.routes.error(405, "*", ctx -> ctx.json(body(405, methodNotAllowed(ctx))));
    });
    answerHeadAsGet(javalin);
    return javalin;
  }

  /**
   * HEAD on a GET route runs the GET handler (Jetty sends its headers, not its body), so that it
   * answers with the status and headers GET would: by itself Javalin answers 200 to HEAD on any
   * path a GET route matches, even where GET is 400 or 404. Event streams are left to Javalin (200
   * at once): their handler would never end.
   */
  private static void answerHeadAsGet(Javalin javalin) {
    var router = javalin.unsafe.internalRouter;
    Set<String> withHead = new HashSet<>();
    List<Endpoint> gets = new ArrayList<>();
    for (var parsed : router.allHttpHandlers()) {
      if (parsed.endpoint.method == HandlerType.HEAD) {
        withHead.add(parsed.endpoint.path);
      } else if (parsed.endpoint.method == HandlerType.GET && !(parsed.endpoint.handler instanceof SseHandler)) {
        gets.add(parsed.endpoint);
      }
    }
    for (Endpoint get : gets) {
      if (!withHead.contains(get.path)) {
        router.addHttpEndpoint(new Endpoint(HandlerType.HEAD, get.path, get.handler));
      }
    }
  }

  private static String methodNotAllowed(io.javalin.http.Context ctx) {
    return "method " + ReportRoutes.shorten(ctx.method().name()) + " is not allowed on " + ReportRoutes.shorten(ctx.path());
  }

  private static String openApiDocument() {
    try (var in = ApiServer.class.getResourceAsStream(OPENAPI)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException | NullPointerException e) {
      throw new IllegalStateException("openapi.json is missing from the jar", e);
    }
  }

  static ApiError.Body body(int status, String message) {
    return new ApiError.Body(status, HttpStatus.forStatus(status).getMessage(), message);
  }
}
