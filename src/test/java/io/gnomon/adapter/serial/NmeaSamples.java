package io.gnomon.adapter.serial;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Test captures under src/test/resources/serial/, byte-exact, without their '#' attribution lines. */
public final class NmeaSamples {
    private NmeaSamples() {}

    public static byte[] load(String name) {
        try (InputStream in = NmeaSamples.class.getResourceAsStream("/serial/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /serial/" + name);
            }
            byte[] all = in.readAllBytes();
            ByteArrayOutputStream out = new ByteArrayOutputStream(all.length);
            int i = 0;
            while (i < all.length) {
                int end = i;
                while (end < all.length && all[end] != '\n') {
                    end++;
                }
                int next = Math.min(end + 1, all.length);
                if (all[i] != '#') {
                    out.write(all, i, next - i);
                }
                i = next;
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
