package org.gongkai.api.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import org.gongkai.api.EventPublisher;
import org.gongkai.api.broker.EmbeddedBroker;
import org.gongkai.api.security.KafkaSecurity;
import org.gongkai.api.security.KafkaSecurityOptions;
import org.gongkai.schemas.lines.EventLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Validates an event-lines file and produces its events. A file with any invalid line is not
 * published at all: every bad line is listed so the clerk can fix the file and publish it again
 * (publishing again is safe: unchanged events count as duplicates).
 */
@Command(name = "publish", mixinStandardHelpOptions = true,
    description = "Validate a JSON Lines file of events and publish it to Kafka.")
public final class PublishCommand implements Callable<Integer> {

  // Same environment variables as `run`, so that a container set up for `run` publishes to its
  // cluster; an option given on the command line wins.

  @Option(names = "--bootstrap-servers", defaultValue = "${env:GONGKAI_BOOTSTRAP_SERVERS}",
      description = "The Kafka cluster to publish to (host:port,…). Env GONGKAI_BOOTSTRAP_SERVERS.")
  String bootstrapServers;

  @Option(names = "--data-dir", defaultValue = "${env:GONGKAI_DATA_DIR:-./data}",
      description = "Without --bootstrap-servers: publish to the broker a `run` on this data dir started. "
          + "Env GONGKAI_DATA_DIR; default ${DEFAULT-VALUE}.")
  Path dataDir;

  @Parameters(paramLabel = "FILE", description = "Event lines (one JSON event a line, see domain.md §7).")
  Path file;

  /** A town system publishes with its own credentials (README.md, "## Security"). */
  @Mixin
  KafkaSecurityOptions kafkaSecurity;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isReadable(file)) {
      err.println("cannot read " + file);
      return 2;
    }
    KafkaSecurity security = kafkaSecurity.security(spec);
    String text = readUtf8(file, err);
    if (text == null) {
      return 1;
    }
    EventLines.Result parsed = EventLines.parse(new StringReader(text));
    if (!parsed.errors().isEmpty()) {
      parsed.errors().forEach(error -> err.println(file + ": " + error));
      err.println(parsed.errors().size() + " invalid line(s); nothing was published");
      return 1;
    }
    String bootstrap = bootstrapServers != null && !bootstrapServers.isBlank() ? bootstrapServers : EmbeddedBroker.runningAt(dataDir).orElse(null);
    if (bootstrap == null) {
      err.println("no broker found for data dir " + dataDir + ": start `gongkai run --data-dir " + dataDir
          + "` first, or give --bootstrap-servers");
      return 2;
    }
    try (EventPublisher publisher = new EventPublisher(bootstrap, security.clientProperties())) {
      out.println("published " + publisher.publish(parsed.events()) + " events from " + file + " to " + bootstrap);
    } catch (IllegalStateException | KafkaException e) {
      err.println("cannot publish to " + bootstrap + ": " + e.getMessage());
      err.println("some events may have been published; publishing the file again is safe (duplicates change nothing)");
      return 1;
    }
    return 0;
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
