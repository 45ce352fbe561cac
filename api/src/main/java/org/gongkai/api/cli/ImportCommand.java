package org.gongkai.api.cli;

import ch.qos.logback.classic.Level;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.gongkai.api.publish.ChangelogReceipts;
import org.gongkai.api.publish.EventPublisher;
import org.gongkai.api.publish.ImportDoor;
import org.gongkai.api.publish.ReceiptSource;
import org.gongkai.api.publish.ReceiptWait;
import org.gongkai.api.security.KafkaSecurity;
import org.gongkai.api.security.KafkaSecurityOptions;
import org.gongkai.events.ImportedViolation;
import org.gongkai.schemas.lines.ParsedEvent;
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
 * An operator imports a town's published report as its figures for a year without events: the
 * text is checked ({@link ImportDoor}), published to Kafka as the town's {@code ReportImported}
 * event, like {@code publish} publishes events, and the receipt is awaited. Exit codes as
 * {@code publish}: 0 applied, 1 refused (nothing published), 2 not published, 3 no receipt in time.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Import a town's published annual report (its text) as the town's figures for a year without events.")
public final class ImportCommand implements Callable<Integer> {

  @Option(names = "--town", defaultValue = "${env:GONGKAI_IMPORT_TOWN}",
      description = "The 9-digit town code the report is of (required). Env GONGKAI_IMPORT_TOWN.")
  String town;

  @Option(names = "--year", defaultValue = "${env:GONGKAI_IMPORT_YEAR}",
      description = "The report year, from 2019 and ended (required). Env GONGKAI_IMPORT_YEAR.")
  Integer year;

  @Parameters(paramLabel = "FILE", description = "The report's text, UTF-8 (as seeds/000_713aac75e110bc97.txt).")
  Path file;

  @Mixin
  DeliveryOptions delivery;

  @Mixin
  KafkaSecurityOptions kafkaSecurity;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.apache.kafka")).setLevel(Level.ERROR);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (town == null || year == null) {
      err.println("give the town and the year of the report: --town CODE --year YYYY");
      return PublishCommand.NOT_PUBLISHED;
    }
    if (!Files.isReadable(file)) {
      err.println("cannot read " + file);
      return PublishCommand.NOT_PUBLISHED;
    }
    KafkaSecurity security = kafkaSecurity.security(spec);
    String text = PublishCommand.readUtf8(file, err);
    if (text == null) {
      return PublishCommand.REFUSED;
    }
    DivisionRegistry registry = DivisionRegistry.load();
    ImportDoor.Checked checked = new ImportDoor(new EventChecks(code -> registry.town(code).isPresent(),
        Clock.systemUTC())).check(town, year, text);
    if (!checked.ok()) {
      checked.problems().forEach(problem -> err.println(file + ": " + problem));
      err.println(checked.problems().size() + " problem(s); nothing was published");
      return PublishCommand.REFUSED;
    }
    Optional<String> cluster = delivery.bootstrap(err);
    if (cluster.isEmpty()) {
      return PublishCommand.NOT_PUBLISHED;
    }
    String bootstrap = cluster.get();
    ReceiptSource receipts = null;
    try (EventPublisher publisher = new EventPublisher(bootstrap, security.clientProperties())) {
      publisher.checkCluster();
      if (!delivery.noWait) {
        receipts = ChangelogReceipts.open(bootstrap, security.clientProperties(), StreamsSettings.APPLICATION_ID);
      }
      EventPublisher.Sent sent = publisher.publish(List.of(ParsedEvent.of(1, checked.event())));
      out.println("published the " + year + " report of " + town + " from " + file + " to " + bootstrap
          + " (publish " + sent.batch() + ", digest " + checked.event().getSourceDigest().substring(0, 16) + ")");
      List<ImportedViolation> violations = checked.event().getViolations();
      out.println(violations.isEmpty() ? "its figures break none of the rules checked"
          : "its figures break " + violations.size() + " rule instance(s):");
      violations.forEach(v -> out.println("  " + v.getRule() + " " + v.getMessage() + " (" + v.getMessageEn() + ")"));
      out.flush();
      if (receipts == null) {
        return 0;
      }
      ReceiptWait.Outcome outcome = ReceiptWait.await(receipts, sent, Duration.ofSeconds(delivery.waitTimeout), line -> {
        out.println(line);
        out.flush();
      });
      new ReceiptPrinter(registry).print(sent, outcome, out);
      if (!outcome.complete()) {
        err.println("the report was not applied within " + delivery.waitTimeout + " s (is `gongkai run` running?)");
        return PublishCommand.NO_RECEIPT;
      }
      return outcome.receipts().values().stream().anyMatch(r -> r.rejected() > 0) ? PublishCommand.REFUSED : 0;
    } catch (EventPublisher.PublishFailed e) {
      err.println("cannot publish: " + e.getMessage() + "; importing the same file again is safe (a duplicate)");
      return PublishCommand.NOT_PUBLISHED;
    } catch (ReceiptSource.ReceiptUnavailable e) {
      err.println("published, but cannot read the receipt: " + e.getMessage());
      return PublishCommand.NO_RECEIPT;
    } finally {
      if (receipts != null) {
        receipts.close();
      }
    }
  }
}
