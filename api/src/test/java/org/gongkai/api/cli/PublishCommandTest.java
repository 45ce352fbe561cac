package org.gongkai.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.gongkai.streams.ledger.EventChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code gongkai publish} at the door: what it can tell without the streams it tells at once,
 * line by line, and publishes nothing; a broker it cannot reach is said in one line.
 */
class PublishCommandTest {
  @TempDir
  Path dir;

  private record Run(int exit, String out, String err) {}

  @Test
  void shouldPublishNothingAndNameTheLinesWhenEventsCannotBeCounted() throws Exception {
    String tomorrow = LocalDate.now(EventChecks.CHINA).plusDays(1).toString();
    Path file = write(
        "{\"type\":\"request.received\",\"eventId\":\"e1\",\"town\":\"360923105\",\"requestId\":\"R1\",\"date\":\"2021-03-01\",\"applicant\":\"natural_person\"}",
        "{\"type\":\"request.received\",\"eventId\":\"e2\",\"town\":\"999999999\",\"requestId\":\"R2\",\"date\":\"2021-03-01\",\"applicant\":\"natural_person\"}",
        "{\"type\":\"request.received\",\"eventId\":\"e3\",\"town\":\"360923105\",\"requestId\":\"R3\",\"date\":\"" + tomorrow + "\",\"applicant\":\"natural_person\"}",
        "{\"type\":\"year.closed\",\"eventId\":\"e4\",\"town\":\"360923105\",\"year\":2040}",
        "{\"type\":\"request.received\",\"eventId\":\"e5\",\"town\":\"360923105\",\"requestId\":\"R5\",\"date\":\"2008-04-30\",\"applicant\":\"natural_person\"}");

    // No broker is given or running: nothing would be published anyway, but it never gets that far.
    Run run = publish("--data-dir", dir.resolve("no-run").toString(), file.toString());

    assertEquals(1, run.exit(), run.err());
    List<String> lines = run.err().lines().toList();
    assertEquals(5, lines.size(), run.err());
    assertTrue(lines.get(0).endsWith("line 2: town \"999999999\" is not a 9-digit code of the division registry"), lines.get(0));
    assertTrue(lines.get(1).endsWith("line 3: date " + tomorrow + " is in the future (today is "
        + LocalDate.now(EventChecks.CHINA) + " in China)"), lines.get(1));
    assertTrue(lines.get(2).contains("line 4: year 2040 cannot be closed"), lines.get(2));
    assertTrue(lines.get(3).contains("line 5: date 2008-04-30 is before 2008-05-01"), lines.get(3));
    assertEquals("4 problem(s); nothing was published", lines.get(4));
    assertEquals("", run.out());
  }

  @Test
  void shouldSayInOneLineWhenTheBrokerCannotBeReached() throws Exception {
    Path file = write("{\"type\":\"request.received\",\"eventId\":\"e1\",\"town\":\"360923105\",\"requestId\":\"R1\","
        + "\"date\":\"2021-03-01\",\"applicant\":\"natural_person\"}");

    Instant start = Instant.now();
    Run run = publish("--bootstrap-servers", "127.0.0.1:9", file.toString());
    System.out.println("publish to an unreachable broker gave up after " + Duration.between(start, Instant.now()).toMillis() + " ms");

    assertEquals(2, run.exit());
    List<String> lines = run.err().lines().toList();
    assertEquals(1, lines.size(), run.err());
    assertTrue(lines.get(0).startsWith("cannot publish: cannot reach Kafka at 127.0.0.1:9"), lines.get(0));
    assertTrue(lines.get(0).endsWith("nothing was published"), lines.get(0));
  }

  private Path write(String... lines) throws Exception {
    Path file = dir.resolve("events.jsonl");
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return file;
  }

  private static Run publish(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new PublishCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    return new Run(exit, out.toString(), err.toString());
  }
}
