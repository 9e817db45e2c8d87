package io.gnomon.adapter.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a fake /proc tree: PID directories with fd symlinks and a comm file, as Linux lays them out. */
class PortHoldersTest {
    @TempDir
    Path proc;

    private void process(long pid, String comm, String... fdTargets) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)).resolve("fd"));
        if (comm != null) {
            Files.writeString(proc.resolve(Long.toString(pid)).resolve("comm"), comm + "\n");
        }
        for (int i = 0; i < fdTargets.length; i++) {
            Files.createSymbolicLink(dir.resolve(Integer.toString(i)), Path.of(fdTargets[i]));
        }
    }

    @Test
    void findsEveryOtherProcessWithTheDeviceOpenSortedByPid() throws IOException {
        process(812, "gpsd", "/dev/null", "socket:[1234]", "/dev/ttyAMA0");
        process(77, "agetty", "/dev/ttyAMA0", "/dev/ttyAMA0");
        process(900, "bash", "/dev/pts/1", "/dev/ttyAMA01");
        process(1000, "java", "/dev/ttyAMA0"); // ourselves
        Files.createDirectories(proc.resolve("self"));
        Files.writeString(proc.resolve("uptime"), "1.0 2.0\n");

        List<PortHolder> holders = new PortHolders(proc, 1000).holding("/dev/ttyAMA0");

        assertEquals(List.of(new PortHolder(77, "agetty"), new PortHolder(812, "gpsd")), holders);
    }

    @Test
    void aProcessWithoutACommFileIsStillNamedByPid() throws IOException {
        process(5, null, "/dev/pts/3");
        assertEquals(List.of(new PortHolder(5, "?")), new PortHolders(proc, 1).holding("/dev/pts/3"));
    }

    @Test
    void aProcessWhoseFdsCannotBeListedIsSkipped() throws IOException {
        Files.createDirectories(proc.resolve("42")); // no fd directory: exited, or not ours to read
        process(43, "socat", "/dev/pts/3");
        assertEquals(List.of(new PortHolder(43, "socat")), new PortHolders(proc, 1).holding("/dev/pts/3"));
    }

    @Test
    void noHoldersAndNoProcGiveAnEmptyList() throws IOException {
        process(10, "cat", "/dev/ttyS0");
        assertEquals(List.of(), new PortHolders(proc, 1).holding("/dev/ttyUSB0"));
        assertEquals(List.of(), new PortHolders(proc.resolve("missing"), 1).holding("/dev/ttyUSB0"));
    }

    @Test
    void busyStateNamesThePortAndTheHolders() {
        SerialLinkState.Busy busy = new SerialLinkState.Busy("/dev/serial0", "/dev/ttyAMA0",
                List.of(new PortHolder(812, "gpsd")));
        assertEquals("serial port /dev/serial0 (/dev/ttyAMA0) is busy: locked by pid 812 (gpsd)",
                busy.describe());
        SerialLinkState.Busy unknown = new SerialLinkState.Busy("/dev/ttyAMA0", "/dev/ttyAMA0", List.of());
        assertEquals("serial port /dev/ttyAMA0 is busy: locked by a process we cannot see"
                + " (try: fuser -v /dev/ttyAMA0)", unknown.describe());
    }
}
