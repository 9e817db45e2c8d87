package io.gnomon.ntp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** The captured client requests under src/test/resources/ntp/requests. */
final class GoldenRequests {

    record Golden(String name, byte[] bytes) {
        @Override
        public String toString() {
            return name;
        }
    }

    private GoldenRequests() {
    }

    static List<Golden> all() {
        try {
            Path dir = Path.of(GoldenRequests.class.getResource("/ntp/requests").toURI());
            try (Stream<Path> files = Files.list(dir)) {
                List<Golden> all = files.filter(f -> f.toString().endsWith(".hex")).sorted()
                        .map(GoldenRequests::read).toList();
                if (all.isEmpty()) {
                    throw new IllegalStateException("no golden requests in " + dir);
                }
                return all;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Golden read(Path file) {
        try {
            String name = file.getFileName().toString().replace(".hex", "");
            return new Golden(name, HexFormat.of().parseHex(Files.readString(file).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
