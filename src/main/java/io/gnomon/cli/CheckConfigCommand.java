package io.gnomon.cli;

import io.gnomon.adapter.state.ConfigFile;
import io.gnomon.config.ConfigError;
import io.gnomon.config.ConfigPrinter;
import io.gnomon.config.ConfigResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gnomon check-config FILE}: the effective configuration (exit 0), or every error with file:line (exit 1). */
@Command(name = "check-config",
        mixinStandardHelpOptions = true,
        description = {"Check a configuration file and print the effective configuration: every directive with its",
                "value and where it came from (the file, the HAT profile, or the default). On errors, print each as",
                "FILE:LINE: reason and exit 1."})
public final class CheckConfigCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the configuration file, e.g. /etc/gnomon/gnomon.conf")
    private Path file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            switch (ConfigFile.load(file)) {
                case ConfigResult.Valid v -> {
                    out.println("# effective configuration of " + file + " (value, then where it came from)");
                    out.print(ConfigPrinter.print(v.config()));
                    out.flush();
                    return 0;
                }
                case ConfigResult.Invalid i -> {
                    for (ConfigError e : i.errors()) {
                        err.println(e);
                    }
                    err.println(i.errors().size() + " error" + (i.errors().size() == 1 ? "" : "s") + " in " + file);
                    err.flush();
                    return 1;
                }
            }
        } catch (ConfigFile.Unreadable e) {
            err.println("gnomon check-config: " + e.getMessage());
            err.flush();
            return 1;
        }
    }
}
