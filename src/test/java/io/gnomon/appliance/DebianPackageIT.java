package io.gnomon.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The package acceptance test (scripts/deb-acceptance) after `mvn package` built target/gnomon_*_all.deb: install,
 * start, NTP query, stop, upgrade, purge in a debootstrapped Debian trixie root. Run by failsafe in `mvn verify`.
 * Output in target/deb-acceptance.log. Cannot run (not root, no debootstrap) = skipped, or failed under CI=true.
 */
@Tag("external")
class DebianPackageIT {

    private static Path theDeb() throws Exception {
        List<Path> debs;
        try (Stream<Path> s = Files.list(Path.of("target"))) {
            debs = s.filter(p -> p.getFileName().toString().matches("gnomon_.*_all\\.deb")).toList();
        }
        assertEquals(1, debs.size(), "expected one target/gnomon_*_all.deb from mvn package: " + debs);
        return debs.getFirst();
    }

    /** The receive-buffer ceiling ships as /usr/lib/sysctl.d/60-gnomon.conf, root-owned 644, one setting. */
    @Test
    void theDebShipsTheSysctlDropInRaisingOnlyRmemMax(@TempDir Path dir) throws Exception {
        Path deb = theDeb();
        String listing = run("dpkg-deb", "-c", deb.toString());
        String entry = "-rw-r--r-- root/root .* \\./usr/lib/sysctl\\.d/60-gnomon\\.conf";
        assertTrue(listing.lines().anyMatch(l -> l.matches(entry)), listing);
        run("dpkg-deb", "-x", deb.toString(), dir.toString());
        String shipped = Files.readString(dir.resolve("usr/lib/sysctl.d/60-gnomon.conf"));
        assertEquals(Files.readString(Path.of("board/sysctl/60-gnomon.conf")), shipped);
        assertEquals(List.of("net.core.rmem_max = 33554432"),
                shipped.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList());
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " hung");
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + out);
        return out;
    }

    @Test
    void theDebInstallsServesUpgradesAndPurgesCleanlyInDebianTrixie() throws Exception {
        Path deb = theDeb();
        Path log = Path.of("target/deb-acceptance.log");
        Process p = new ProcessBuilder("bash", "scripts/deb-acceptance", deb.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(20, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("scripts/deb-acceptance did not finish in 20 minutes; see " + log);
        }
        String output = Files.readString(log);
        if (p.exitValue() == 77) {
            Assumptions.abort(output.strip());
        }
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("deb-acceptance: PASSED"), output);
        // installed by real dpkg with the repository's content, and the install in a chroot left the host alone
        assertTrue(output.contains("sysctl drop-in: /usr/lib/sysctl.d/60-gnomon.conf sets net.core.rmem_max = 33554432;"
                + " host net.core.rmem_max still "), output);
        Matcher host = Pattern.compile("host net\\.core\\.rmem_max still (\\d+)")
                .matcher(output);
        assertTrue(host.find(), output);
        if (Long.parseLong(host.group(1)) < 33554432L) { // else postinst rightly leaves it and the script skips this
            assertTrue(output.contains("postinst: runs systemd-sysctl /usr/lib/sysctl.d/60-gnomon.conf under systemd,"
                    + " and succeeds when it fails"), output);
        }
        output.lines().filter(l -> l.startsWith("timing: ")).forEach(System.out::println);
    }
}
