package org.gongkai.api.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gongkai.api.RunningApp;
import org.gongkai.api.check.CheckRoutes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v1/checks} on the running app: a published report in, the checker's JSON out;
 * every body that cannot be checked a 4xx JSON error that says why.
 */
class CheckRouteTest {
  static final Path SEED = Path.of("..", "seeds", "000_713aac75e110bc97.txt");
  static final Path PUBLISHED = Path.of("..", "streams", "src", "test", "resources", "published");
  static final ObjectMapper JSON = new ObjectMapper();
  static int port;

  @BeforeAll
  static void start() {
    port = RunningApp.get().port();
  }

  @Test
  void shouldAnswerLostCellsAndProcurementWhenReferenceReportIsPosted() throws IOException {
    RawHttp.Answer answer = post("text/plain; charset=utf-8", Files.readAllBytes(SEED));
    assertEquals(200, answer.status(), answer.toString());
    JsonNode check = JSON.readTree(answer.body());
    assertEquals(2020, check.get("year").asInt());
    assertEquals("南港镇", check.get("body").asText());
    assertEquals("2019", check.get("template").asText());
    assertEquals("2019", check.get("templateExpected").asText());
    assertEquals(177, check.at("/report/proactive/procurement/projects").asInt());
    assertEquals("145.6381", check.at("/report/proactive/procurement/amount").asText());
    assertTrue(check.at("/report/requests/rows/granted/natural_person").isNull(), "a lost cell is null, not a guess");
    assertEquals(21, check.get("violations").size());
    check.get("violations").forEach(v -> {
      assertEquals("R8", v.get("rule").asText());
      assertEquals(6, v.get("cells").size(), v.toString());
    });
    assertEquals("requests.granted.natural_person", check.at("/violations/0/cells/0").asText());
  }

  @Test
  void shouldReadMergedCellsWhenHtmlIsPosted() throws IOException {
    RawHttp.Answer answer = post("text/html", Files.readAllBytes(PUBLISHED.resolve("e-merged-cells-2022.html")));
    assertEquals(200, answer.status(), answer.toString());
    JsonNode check = JSON.readTree(answer.body());
    assertEquals(7, check.at("/report/requests/rows/granted/total").asInt());
    assertEquals("R8", check.at("/violations/0/rule").asText());
    assertEquals("proactive.fees.amount", check.at("/violations/0/cells/0").asText());
  }

  @Test
  void shouldRefuseBodiesThatCannotBeChecked() throws IOException {
    byte[] report = Files.readAllBytes(PUBLISHED.resolve("a-pipes-2020.txt"));
    String text = new String(report, StandardCharsets.UTF_8);
    HostileInputCorpusTest.assertJsonError(post("text/plain", new byte[0]), 400, "empty");
    HostileInputCorpusTest.assertJsonError(post("text/plain", text.getBytes(Charset.forName("GBK"))), 400, "GB18030");
    HostileInputCorpusTest.assertJsonError(post("text/plain; charset=GBK", report), 415, "UTF-8");
    HostileInputCorpusTest.assertJsonError(post("text/plain", "这不是一份报告。".getBytes(StandardCharsets.UTF_8)), 422,
        "not a report");
    HostileInputCorpusTest.assertJsonError(post("text/plain",
        text.substring(0, text.indexOf("（四）无法提供")).getBytes(StandardCharsets.UTF_8)), 422, "truncated");
    byte[] huge = new byte[3 * 1024 * 1024];
    java.util.Arrays.fill(huge, (byte) 'a');
    HostileInputCorpusTest.assertJsonError(post("text/plain", huge), 413, "2 MiB");
    HostileInputCorpusTest.assertJsonError(RawHttp.get(port, CheckRoutes.CHECKS), 405, "not allowed");
  }

  private static RawHttp.Answer post(String contentType, byte[] body) throws IOException {
    return RawHttp.send(port, "POST", CheckRoutes.CHECKS, Map.of("Content-Type", contentType), body, null);
  }
}
