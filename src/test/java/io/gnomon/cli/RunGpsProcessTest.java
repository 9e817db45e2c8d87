package io.gnomon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.daemon.ApplianceAcceptanceTest;
import io.gnomon.ntp.LeapIndicator;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gnomon run} with {@code reference gps} as the service starts it (a child JVM, stopped by SIGTERM), with
 * the receiver's serial port absent: the server must still start, answer "unsynchronised", and say why once.
 */
class RunGpsProcessTest {

    @Test
    void aMissingReceiverStillServesLeapIndicatorThreeAndSaysWhyOnce(@TempDir Path dir) throws Exception {
        String device = "/dev/gnomon-test-missing-" + ProcessHandle.current().pid();
        Path conf = dir.resolve("gnomon.conf");
        Files.writeString(conf, "reference gps\nserial-device " + device + "\nserial-baud 9600\npps none\n"
                + "listen 127.0.0.1 0\nstate-directory " + dir.resolve("state") + "\n");
        Path log = dir.resolve("log");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process gnomon = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "io.gnomon.cli.Main", "run", "--config", conf.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Pattern serving = Pattern.compile("serving NTP on 127\\.0\\.0\\.1:(\\d+) \\(GPS " + Pattern.quote(device)
                    + ", pps none;");
            Matcher m = serving.matcher("");
            for (int i = 0; i < 3000 && !(m = serving.matcher(Files.readString(log))).find(); i++) {
                assertTrue(gnomon.isAlive(), "gnomon exited: " + Files.readString(log));
                Thread.sleep(10);
            }
            assertTrue(m.find(0), Files.readString(log));
            InetSocketAddress server = new InetSocketAddress("127.0.0.1", Integer.parseInt(m.group(1)));
            assertEquals(LeapIndicator.UNSYNCHRONISED, ApplianceAcceptanceTest.query(server).packet().leap());
            Thread.sleep(2_000); // several retries of the missing port
            assertEquals(LeapIndicator.UNSYNCHRONISED, ApplianceAcceptanceTest.query(server).packet().leap());
            String text = Files.readString(log);
            assertEquals(1, text.lines().filter(l -> l.contains("serial port " + device + " is missing")).count(), text);
            gnomon.destroy(); // SIGTERM
            assertTrue(gnomon.waitFor(20, TimeUnit.SECONDS));
            assertTrue(List.of(0, 143).contains(gnomon.exitValue()), "exit " + gnomon.exitValue());
            assertTrue(Files.readString(log).contains("stopped; reference no device"), Files.readString(log));
        } finally {
            gnomon.destroyForcibly();
        }
    }
}
