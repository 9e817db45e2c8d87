package io.gnomon.testing;

import io.gnomon.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One run of a command line in this JVM, with what it printed: the one picocli runner the tests share. */
public record CommandRun(int code, String out, String err) {

    /** {@code gnomon ARGS} through the real command line ({@link Main#commandLine()}). */
    public static CommandRun gnomon(String... args) {
        return of(Main.commandLine(), args);
    }

    /** A command built by the test (with test doubles in place of devices or the kernel). */
    public static CommandRun of(Object command, String... args) {
        return of(new CommandLine(command), args);
    }

    public static CommandRun of(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CommandRun(code, out.toString(), err.toString());
    }
}
