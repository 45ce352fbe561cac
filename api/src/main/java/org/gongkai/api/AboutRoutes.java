package org.gongkai.api;

import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gongkai.api.demo.DemoHistory;

/**
 * {@code GET /api/v1/about}: the version, and whether this instance's data holds the synthetic
 * demo history ({@link DemoHistory}), so that a client can mark its figures as made up.
 */
public final class AboutRoutes {
  public static final String ABOUT = "/api/v1/about";
  public static final String VERSION = "0.1.0";

  private final Map<String, Object> body;

  /** @param demo the demo history the data holds, or null */
  public AboutRoutes(DemoHistory.Summary demo) {
    Map<String, Object> about = new LinkedHashMap<>();
    about.put("version", VERSION);
    about.put("demo", demo);
    this.body = about;
  }

  /** No demo history. */
  public static AboutRoutes plain() {
    return new AboutRoutes(null);
  }

  public void register(RoutesConfig routes) {
    routes.get(ABOUT, ctx -> ctx.json(body));
  }
}
