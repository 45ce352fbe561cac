package org.gongkai.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.javalin.config.RoutesConfig;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.gongkai.api.dashboard.Headline;
import org.gongkai.streams.report.Labels;
import org.gongkai.streams.report.Report;

/**
 * {@code GET /api/v1/labels}: the official Chinese labels ({@link Labels}) of every key the
 * dashboard's JSON carries (the town list's columns, the headline indicators) and of the town
 * statuses, so that the dashboard's table headers are the CSV's and the server's.
 */
public final class LabelRoutes {
  public static final String LABELS = "/api/v1/labels";

  private final Map<String, Object> body;

  public LabelRoutes() {
    var snake = new PropertyNamingStrategies.SnakeCaseStrategy();
    Map<String, String> indicators = new LinkedHashMap<>();
    Stream.of(TownRow.class, Headline.class)
        .flatMap(type -> Stream.of(type.getRecordComponents()))
        .map(RecordComponent::getName)
        .map(snake::translate)
        .forEach(key -> indicators.computeIfAbsent(key, Labels::dashboard));
    Map<String, String> statuses = new LinkedHashMap<>();
    for (String status : new String[] {Report.OPEN, Report.FINAL, Labels.NO_FIGURES}) {
      statuses.put(status, Labels.townStatus(status));
    }
    this.body = Map.of("indicators", indicators, "status", statuses);
  }

  public void register(RoutesConfig routes) {
    routes.get(LABELS, ctx -> ctx.json(body));
  }
}
