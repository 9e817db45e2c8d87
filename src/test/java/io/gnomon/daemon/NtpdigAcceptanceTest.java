package io.gnomon.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.adapter.udp.ListenAddress;
import io.gnomon.adapter.udp.ListenException;
import io.gnomon.ntp.LeapIndicator;
import io.gnomon.testing.ExternalProgram;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * NTPsec's {@code ntpdig} queries port 123 only, so the simulated server listens on port 123 too (needs root
 * or CAP_NET_BIND_SERVICE: skipped without, unless CI=true). The address is a random one in 127.0.0.0/8, so that
 * parallel test runs and a local NTP server on 127.0.0.1 do not collide. {@code ntpdig -j -p 4} takes four samples
 * and prints one JSON line for the best (one sample can be delayed by milliseconds on a loaded machine).
 */
@Tag("external")
class NtpdigAcceptanceTest {
    private static final Pattern STRATUM = Pattern.compile("\"stratum\":(\\d+)");
    private static final Pattern LEAP = Pattern.compile("\"leap\":\"([^\"]*)\"");
    private static final Pattern OFFSET = Pattern.compile("\"offset\":(-?[0-9.eE+-]+)");

    private static Simulation simulateOnPort123(ListenAddress port123, boolean synchronised) throws Exception {
        return simulateOnPort123(port123, synchronised, LeapIndicator.NO_WARNING);
    }

    private static Simulation simulateOnPort123(ListenAddress port123, boolean synchronised, LeapIndicator leap)
            throws Exception {
        try {
            return Simulation.start(new Simulation.Settings(
                    List.of(ListenAddress.parse("127.0.0.1:0"), port123), synchronised, leap));
        } catch (ListenException e) {
            if (e.getMessage().contains("permission denied") && !ExternalProgram.isRoot()) {
                ExternalProgram.missing("port 123 needs root: " + e.getMessage());
            }
            throw e;
        }
    }

    private static ListenAddress randomLoopback123() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return ListenAddress.parse("127.123." + r.nextInt(256) + "." + (1 + r.nextInt(254)) + ":123");
    }

    private static String field(Pattern p, String text) {
        Matcher m = p.matcher(text);
        assertTrue(m.find(), p + " in " + text);
        return m.group(1);
    }

    @Test
    void ntpdigSeesStratumOneNoLeapWithinOneMillisecond() throws Exception {
        ExternalProgram ntpdig = ExternalProgram.require("ntpdig", "ntpsec-ntpdig");
        ListenAddress at = randomLoopback123();
        try (Simulation sim = simulateOnPort123(at, true)) {
            ExternalProgram.Result r = ntpdig.run(20, "-j", "-p", "4", "-t", "2", at.address().getHostAddress());
            assertEquals(0, r.exitCode(), r.output());
            assertEquals("1", field(STRATUM, r.output()), r.output());
            assertEquals("no-leap", field(LEAP, r.output()), r.output());
            double offset = Double.parseDouble(field(OFFSET, r.output()));
            assertTrue(Math.abs(offset) < 1e-3, "|offset| < 1 ms: " + r.output());
        }
    }

    @Test
    void ntpdigSeesTheAnnouncedLeapSecond() throws Exception {
        ExternalProgram ntpdig = ExternalProgram.require("ntpdig", "ntpsec-ntpdig");
        ListenAddress at = randomLoopback123();
        try (Simulation sim = simulateOnPort123(at, true, LeapIndicator.INSERT_SECOND)) {
            ExternalProgram.Result r = ntpdig.run(20, "-j", "-t", "2", at.address().getHostAddress());
            assertEquals(0, r.exitCode(), r.output());
            assertEquals("add-leap", field(LEAP, r.output()), r.output());
        }
    }

    @Test
    void ntpdigRefusesAnUnsynchronisedServer() throws Exception {
        ExternalProgram ntpdig = ExternalProgram.require("ntpdig", "ntpsec-ntpdig");
        ListenAddress at = randomLoopback123();
        try (Simulation sim = simulateOnPort123(at, false)) {
            ExternalProgram.Result r = ntpdig.run(20, "-j", "-t", "2", at.address().getHostAddress());
            assertNotEquals(0, r.exitCode(), r.output());
            assertTrue(r.output().contains("no eligible servers"), r.output());
            assertTrue(r.output().contains("Response dropped"), "it got a reply and refused it: " + r.output());
            assertTrue(sim.counters().replied() > 0, sim.counters().toString());
        }
    }
}
