package be.petition.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./petition} command line: `up` runs everything locally, the other commands run one service each. */
@Command(name = "petition",
        mixinStandardHelpOptions = true,
        versionProvider = Petition.Version.class,
        description = {
            "Petition Pipeline: call, web and app signatures for the \"Appelez Glenn / Bel Glenn\" petition, "
                + "deduplicated and counted with Kafka Streams.",
            "",
            "Every service reads its documented defaults, then --config FILE, then PETITION_* environment "
                + "variables, then --set key=value. Settings under kafka.* go to the Kafka clients unchanged."},
        subcommands = {
            UpCommand.class,
            be.petition.broker.BrokerCommand.class,
            be.petition.registry.server.RegistryCommand.class,
            be.petition.provisioning.TopicsCommand.class,
            be.petition.gateway.GatewayCommand.class,
            be.petition.service.CountingCommand.class,
            be.petition.simulator.SimulateCommand.class,
            be.petition.report.ReportCommand.class,
            be.petition.audit.AuditCommand.class,
            CommandLine.HelpCommand.class})
public final class Petition implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Petition());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // an operator needs the reason and what to do, not a stack trace
            commandLine.getErr().println("petition " + commandLine.getCommandName() + ": " + message(e));
            if (System.getenv("PETITION_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            } else {
                commandLine.getErr().println("(set PETITION_DEBUG=1 for the stack trace)");
            }
            return 1;
        });
        return cli;
    }

    private static String message(Throwable e) {
        Throwable cause = e;
        while (cause.getMessage() == null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Petition.class.getPackage().getImplementationVersion();
            return new String[] {"petition " + (version == null ? "development build" : version)};
        }
    }
}
