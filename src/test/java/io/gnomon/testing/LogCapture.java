package io.gnomon.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The log as a test reads it: slf4j-simple writes to System.out (simplelogger.properties), so this copies
 * System.out to the console and to a buffer until closed, when System.out is put back.
 */
public final class LogCapture implements AutoCloseable {
    private final PrintStream original = System.out;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    public LogCapture() {
        System.setOut(new PrintStream(new Tee(), true, StandardCharsets.UTF_8));
    }

    public String text() {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    public long countLines(String needle) {
        return text().lines().filter(l -> l.contains(needle)).count();
    }

    @Override
    public void close() {
        System.setOut(original);
    }

    private final class Tee extends OutputStream {
        @Override
        public void write(int x) {
            synchronized (bytes) {
                bytes.write(x);
            }
            original.write(x);
        }

        @Override
        public void write(byte[] data, int off, int len) {
            synchronized (bytes) {
                bytes.write(data, off, len);
            }
            original.write(data, off, len);
        }
    }
}
