package org.gongkai.api;

import org.gongkai.api.cli.ImportCommand;
import org.gongkai.api.cli.CheckCommand;
import org.gongkai.api.cli.PublishCommand;
import org.gongkai.api.cli.RunCommand;
import org.gongkai.schemas.TrustedPackages;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar gongkai.jar run|publish|import|check …} */
@Command(name = "gongkai", mixinStandardHelpOptions = true, version = "gongkai " + AboutRoutes.VERSION,
    description = "Streaming statistics for Government Information Disclosure annual reports.",
    subcommands = {RunCommand.class, PublishCommand.class, ImportCommand.class, CheckCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    TrustedPackages.install();
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
