package org.gongkai.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.state.HostInfo;
import org.gongkai.schemas.AvroSerde;
import org.gongkai.state.ImportedSum;
import org.gongkai.state.YearTally;
import org.gongkai.streams.tally.YearTallySerde;

/**
 * A region's partial sums held by the other instances, asked of each
 * ({@link ReportRoutes#REGION_PARTIALS}): the partitions each holds active and its sums by year,
 * the tallies in their packed stored form.
 */
final class RemoteRegionPartials implements ReportQueries.RemotePartials {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AvroSerde<ImportedSum> SUMS = new AvroSerde<>(ImportedSum.getClassSchema());

  private final InstanceRouter router;

  RemoteRegionPartials(InstanceRouter router) {
    this.router = router;
  }

  @Override
  public List<ReportQueries.Partials> of(String region, int year) {
    List<ReportQueries.Partials> all = new ArrayList<>();
    for (HostInfo other : router.others()) {
      HttpResponse<byte[]> answer = router.ask(other, "/internal/v1/regions/" + region + "/partials?year=" + year,
          "application/json");
      if (answer.statusCode() != 200) {
        throw ApiError.unavailable("instance " + other.host() + ":" + other.port() + " answered " + answer.statusCode()
            + " for its partial sums; try again in a moment", 2);
      }
      all.add(read(answer.body(), other));
    }
    return all;
  }

  /** The answer of the partials route. */
  static Map<String, Object> body(ReportQueries.Partials partials) {
    Map<String, String> years = new LinkedHashMap<>();
    partials.years().forEach((year, tally) ->
        years.put(Integer.toString(year), Base64.getEncoder().encodeToString(YearTallySerde.encode(tally))));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("partitions", partials.partitions());
    body.put("years", years);
    body.put("imported", Base64.getEncoder().encodeToString(SUMS.encode(partials.imported())));
    return body;
  }

  private static ReportQueries.Partials read(byte[] body, HostInfo from) {
    try {
      JsonNode json = JSON.readTree(body);
      Set<Integer> partitions = new TreeSet<>();
      json.path("partitions").forEach(p -> partitions.add(p.asInt()));
      NavigableMap<Integer, YearTally> years = new TreeMap<>();
      json.path("years").properties().forEach(year -> years.put(Integer.valueOf(year.getKey()),
          YearTallySerde.decode(Base64.getDecoder().decode(year.getValue().asText()))));
      ImportedSum imported = SUMS.decode(Base64.getDecoder().decode(json.path("imported").asText()));
      return new ReportQueries.Partials(partitions, years, imported);
    } catch (IOException | RuntimeException e) {
      throw ApiError.unavailable("instance " + from.host() + ":" + from.port() + " sent unreadable partial sums", 2);
    }
  }
}
