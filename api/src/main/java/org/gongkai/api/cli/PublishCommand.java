package org.gongkai.api.cli;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.gongkai.api.publish.ApiReceipts;
import org.gongkai.api.publish.ChangelogReceipts;
import org.gongkai.api.publish.DoorChecks;
import org.gongkai.api.publish.EventPublisher;
import org.gongkai.api.publish.ReceiptSource;
import org.gongkai.api.publish.ReceiptWait;
import org.gongkai.api.security.KafkaSecurity;
import org.gongkai.api.security.KafkaSecurityOptions;
import org.gongkai.schemas.lines.EventLines;
import org.gongkai.schemas.lines.LineError;
import org.gongkai.streams.StreamsSettings;
import org.gongkai.streams.ledger.EventChecks;
import org.gongkai.streams.registry.DivisionRegistry;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Checks an event-lines file, publishes its events, and waits for the streams to apply them, so
 * the clerk learns what became of each event: per town and year how many were accepted, late,
 * duplicates or rejected, and every rejected event with its line, reason and message. A file
 * with any line that cannot be published (malformed, or refused by the checks that need no
 * state) is not published at all; publishing a file again is safe (duplicates change nothing).
 *
 * <p>Exit codes: 0 every event applied, none rejected; 1 lines refused before publishing (nothing
 * published) or events rejected by the streams; 2 nothing could be published (unreadable file,
 * no broker, Kafka refused); 3 published, but not every event was applied within
 * {@code --wait-timeout} (or the receipt could not be read).
 */
@Command(name = "publish", mixinStandardHelpOptions = true,
    description = "Check a JSON Lines file of events, publish it to Kafka and print what became of each event.")
public final class PublishCommand implements Callable<Integer> {
  static final int REFUSED = 1;
  static final int NOT_PUBLISHED = 2;
  static final int NO_RECEIPT = 3;

  @Option(names = "--api", defaultValue = "${env:GONGKAI_API}",
      description = "Read the receipt from this Gongkai API (e.g. http://gongkai-1:7070) with --token, instead of "
          + "from Kafka: for a publisher that may only write the input topic. Env GONGKAI_API.")
  URI api;

  @Option(names = "--token", defaultValue = "${env:GONGKAI_PUBLISHER_TOKEN}",
      description = "The town's publisher token, for --api. Env GONGKAI_PUBLISHER_TOKEN (prefer it to the option).")
  String token;

  @Parameters(paramLabel = "FILE", description = "Event lines (one JSON event a line, see docs/events.md).")
  Path file;

  /** A town system publishes with its own credentials (README.md, "## Security"). */
  @Mixin
  DeliveryOptions delivery;

  @Mixin
  KafkaSecurityOptions kafkaSecurity;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    // A broker that cannot be reached is said once, below; the Kafka clients' own warnings repeat it.
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.apache.kafka")).setLevel(Level.ERROR);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (api != null && (token == null || token.isBlank())) {
      err.println("--api needs the town's publisher token: --token or GONGKAI_PUBLISHER_TOKEN");
      return NOT_PUBLISHED;
    }
    if (!Files.isReadable(file)) {
      err.println("cannot read " + file);
      return NOT_PUBLISHED;
    }
    KafkaSecurity security = kafkaSecurity.security(spec);
    String text = readUtf8(file, err);
    if (text == null) {
      return REFUSED;
    }
    EventLines.Result parsed = EventLines.parse(new StringReader(text));
    List<LineError> problems = new ArrayList<>(parsed.errors());
    DivisionRegistry registry = DivisionRegistry.load();
    problems.addAll(new DoorChecks(new EventChecks(code -> registry.town(code).isPresent(), Clock.systemUTC()))
        .problems(parsed.events()));
    if (!problems.isEmpty()) {
      problems.stream().sorted(java.util.Comparator.comparingInt(LineError::lineNumber))
          .forEach(problem -> err.println(file + ": " + problem));
      err.println(problems.size() + " problem(s); nothing was published");
      return REFUSED;
    }
    if (parsed.events().isEmpty()) {
      err.println(file + " has no events; nothing was published");
      return REFUSED;
    }
    Optional<String> cluster = delivery.bootstrap(err);
    if (cluster.isEmpty()) {
      return NOT_PUBLISHED;
    }
    String bootstrap = cluster.get();
    ReceiptSource receipts = null;
    try (EventPublisher publisher = new EventPublisher(bootstrap, security.clientProperties())) {
      publisher.checkCluster();
      if (!delivery.noWait) {
        // Opened before publishing: it reads what the streams write from now on.
        receipts = receiptSource(bootstrap, security, err);
      }
      EventPublisher.Sent sent = publisher.publish(parsed.events());
      out.println("published " + sent.events() + " events from " + file + " to " + bootstrap + " (publish " + sent.batch() + ")");
      out.flush();
      if (receipts == null) {
        return delivery.noWait ? 0 : NO_RECEIPT;
      }
      ReceiptWait.Outcome outcome = ReceiptWait.await(receipts, sent, Duration.ofSeconds(delivery.waitTimeout), line -> {
        out.println(line);
        out.flush();
      });
      new ReceiptPrinter(registry).print(sent, outcome, out);
      if (!outcome.complete()) {
        err.println("not every event was applied within " + delivery.waitTimeout + " s (is `gongkai run` running?); "
            + "the receipt stays available for 7 days: GET /api/v1/towns/{town}/receipts/" + sent.batch());
        return NO_RECEIPT;
      }
      return outcome.receipts().values().stream().anyMatch(r -> r.rejected() > 0) ? REFUSED : 0;
    } catch (EventPublisher.PublishFailed e) {
      err.println("cannot publish: " + e.getMessage() + (e.nothingSent() ? "; nothing was published"
          : "; some events may have been stored: publishing the file again is safe (duplicates change nothing)"));
      return NOT_PUBLISHED;
    } catch (ReceiptSource.ReceiptUnavailable e) {
      err.println("published, but cannot read the receipt: " + e.getMessage());
      return NO_RECEIPT;
    } finally {
      if (receipts != null) {
        receipts.close();
      }
    }
  }

  /** The API with the token when given, else Kafka; null (no receipt) when Kafka's receipts cannot be read. */
  private ReceiptSource receiptSource(String bootstrap, KafkaSecurity security, PrintWriter err) {
    if (api != null) {
      return new ApiReceipts(api, token);
    }
    try {
      return ChangelogReceipts.open(bootstrap, security.clientProperties(), StreamsSettings.APPLICATION_ID);
    } catch (ReceiptSource.ReceiptUnavailable e) {
      err.println("cannot read receipts from Kafka: " + e.getMessage()
          + "; give --api URL --token T to read them from the API, or --no-wait");
      return null;
    }
  }

  /**
   * The file as text, or null after saying on which line it stops being UTF-8: a file saved in
   * another encoding (GBK, say) must not turn into replacement characters in the events.
   */
  static String readUtf8(Path file, PrintWriter err) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
    CharBuffer chars = CharBuffer.allocate(bytes.remaining());
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    CoderResult result = decoder.decode(bytes, chars, true);
    if (!result.isError()) {
      result = decoder.flush(chars);
    }
    if (result.isError()) {
      int line = 1;
      for (int i = 0; i < bytes.position(); i++) {
        if (bytes.get(i) == '\n') {
          line++;
        }
      }
      err.println(file + ": line " + line + ": not UTF-8 text (byte " + (bytes.position() + 1)
          + " of the file); save the file as UTF-8");
      err.println("nothing was published");
      return null;
    }
    return chars.flip().toString();
  }
}
