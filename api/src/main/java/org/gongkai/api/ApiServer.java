package org.gongkai.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Javalin server: JSON everywhere, errors as JSON bodies, never a stack trace. */
public final class ApiServer {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  private ApiServer() {}

  public static final String OPENAPI = "/openapi.json";

  public static Javalin create(ReportRoutes reports, OperationsRoutes operations) {
    String openApi = openApiDocument();
    return Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.jsonMapper(new JavalinJackson(new ObjectMapper(), false));
      reports.register(config.routes);
      operations.register(config.routes);
      config.routes.get(OPENAPI, ctx -> ctx.contentType("application/json").result(openApi));
      config.routes.exception(ApiError.class, (e, ctx) -> {
        if (e.retryAfterSeconds() != null) {
          ctx.header("Retry-After", e.retryAfterSeconds().toString());
        }
        ctx.status(e.status()).json(body(e.status(), e.getMessage()));
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
      config.routes.error(405, "*", ctx -> ctx.json(body(405, "method " + ctx.method() + " is not allowed here")));
    });
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
