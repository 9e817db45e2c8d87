package io.gnomon.adapter.serial;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the processes that have a device open, the way {@code fuser} does: every /proc/PID/fd/N is a symlink to
 * what the descriptor refers to, so a process holds the device when one of its links reads exactly the device's
 * real path. Processes we may not inspect (another user's, without root) or that exit while we look are skipped.
 */
public final class PortHolders {
    private final Path procRoot;
    private final long selfPid;

    /** @param procRoot the proc file system (a fake tree in tests); @param selfPid this process, never reported */
    public PortHolders(Path procRoot, long selfPid) {
        this.procRoot = procRoot;
        this.selfPid = selfPid;
    }

    public static PortHolders ofThisHost() {
        return new PortHolders(Path.of("/proc"), ProcessHandle.current().pid());
    }

    /** The processes other than this one holding {@code device} (a real path, symlinks resolved), by pid. */
    public List<PortHolder> holding(String device) {
        List<PortHolder> found = new ArrayList<>();
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(procRoot)) {
            for (Path dir : pids) {
                long pid = pidOf(dir.getFileName().toString());
                if (pid < 0 || pid == selfPid) {
                    continue;
                }
                if (holds(dir.resolve("fd"), device)) {
                    found.add(new PortHolder(pid, commandOf(dir)));
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc (not Linux) or unreadable: report what we found so far
        }
        found.sort(Comparator.comparingLong(PortHolder::pid));
        return List.copyOf(found);
    }

    private static boolean holds(Path fdDir, String device) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
            for (Path fd : fds) {
                try {
                    if (Files.readSymbolicLink(fd).toString().equals(device)) {
                        return true;
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    // closed meanwhile, or not a link
                }
            }
        } catch (IOException e) {
            // not ours to inspect, or the process exited
        }
        return false;
    }

    private static String commandOf(Path pidDir) {
        try {
            String comm = Files.readString(pidDir.resolve("comm"), StandardCharsets.UTF_8).strip();
            return comm.isEmpty() ? "?" : comm;
        } catch (IOException e) {
            return "?";
        }
    }

    private static long pidOf(String name) {
        if (name.isEmpty() || name.length() > 18) {
            return -1;
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(name);
    }
}
