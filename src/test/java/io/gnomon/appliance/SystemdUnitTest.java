package io.gnomon.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.testing.ExternalProgram;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** systemd/gnomon.service passes `systemd-analyze verify` without a word, and keeps the hardening it promises. */
@Tag("external")
class SystemdUnitTest {

    static final Path UNIT = Path.of("systemd/gnomon.service");

    private record Verify(int code, String output) {
    }

    /** Verifies a copy whose ExecStart points at a stub, since /usr/bin/gnomon is not installed on the build host. */
    private static Verify verify(Path dir, String unitText) throws IOException, InterruptedException {
        Path analyze = ExternalProgram.require("systemd-analyze", "systemd").path();
        Path stub = dir.resolve("gnomon-stub");
        Files.writeString(stub, "#!/bin/sh\nexit 0\n");
        assertTrue(stub.toFile().setExecutable(true));
        Path unit = dir.resolve("gnomon.service");
        Files.writeString(unit, unitText.replace("ExecStart=/usr/bin/gnomon ", "ExecStart=" + stub + " "));
        Process p = new ProcessBuilder(analyze.toString(), "verify", unit.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Verify(p.exitValue(), out.strip());
    }

    @Test
    void verifyIsClean(@TempDir Path dir) throws Exception {
        String text = Files.readString(UNIT);
        assertTrue(text.contains("ExecStart=/usr/bin/gnomon run --config /etc/gnomon/gnomon.conf\n"));
        Verify v = verify(dir, text);
        assertEquals(new Verify(0, ""), v);
    }

    @Test
    void verifyWouldSeeAMistake(@TempDir Path dir) throws Exception {
        // systemd-analyze exits 0 on many mistakes and only prints them: the clean check above must read the output
        Verify v = verify(dir, Files.readString(UNIT).replace("NoNewPrivileges=yes", "NoNewPrivileges=perhaps"));
        assertTrue(v.output().contains("perhaps"), v.output());
    }

    @Test
    void theHardeningIsThereAndTheJvmBreakersAreNot() throws IOException {
        List<String> lines = Files.readAllLines(UNIT).stream().filter(l -> !l.startsWith("#")).toList();
        for (String wanted : List.of("Type=notify", "User=gnomon", "AmbientCapabilities=CAP_NET_BIND_SERVICE",
                "CapabilityBoundingSet=CAP_NET_BIND_SERVICE", "ProtectSystem=strict", "ProtectHome=yes",
                "PrivateTmp=yes", "NoNewPrivileges=yes", "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX",
                "DevicePolicy=closed", "DeviceAllow=char-ttyAMA rw", "DeviceAllow=char-ttyS rw",
                "DeviceAllow=char-ttyUSB rw", "DeviceAllow=char-pps rw", "DeviceAllow=char-gpiochip rw",
                "StateDirectory=gnomon", "Restart=on-failure", "RestartPreventExitStatus=78 69")) {
            assertTrue(lines.contains(wanted), wanted);
        }
        for (String forbidden : List.of("MemoryDenyWriteExecute", "PrivateDevices", "ProcSubset", "ProtectClock",
                "CAP_SYS_TIME")) {
            assertFalse(lines.stream().anyMatch(l -> l.startsWith(forbidden) || l.contains(forbidden)), forbidden);
        }
        String dropIn = Files.readString(Path.of("systemd/kernel-discipline.conf"));
        assertTrue(dropIn.contains("\nAmbientCapabilities=CAP_SYS_TIME\n") && dropIn.contains("\nCapabilityBoundingSet=CAP_SYS_TIME\n"));
    }
}
