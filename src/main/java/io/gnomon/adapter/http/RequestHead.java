package io.gnomon.adapter.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The first line of an HTTP/1.x request, once its head (up to the blank line) has arrived. Headers are not
 * needed by a read-only surface that closes after each reply, so they are skipped, not kept.
 */
record RequestHead(String method, String path) {
    /** Still waiting for the blank line that ends the head. */
    static final RequestHead INCOMPLETE = new RequestHead("", "");
    /** Not an HTTP request line. */
    static final RequestHead MALFORMED = new RequestHead("?", "?");

    /** Looks for the end of the head in {@code buf}'s bytes {@code 0..position}. */
    static RequestHead parse(ByteBuffer buf) {
        int end = buf.position();
        int headEnd = -1;
        for (int i = 3; i < end; i++) {
            if (buf.get(i) == '\n' && (buf.get(i - 1) == '\n' || buf.get(i - 2) == '\n' && buf.get(i - 1) == '\r')) {
                headEnd = i;
                break;
            }
        }
        if (headEnd < 0) {
            return INCOMPLETE;
        }
        int lineEnd = 0;
        while (buf.get(lineEnd) != '\n') {
            lineEnd++;
        }
        byte[] line = new byte[lineEnd];
        buf.get(0, line);
        String[] parts = new String(line, StandardCharsets.ISO_8859_1).strip().split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.") || parts[0].isEmpty() || !parts[1].startsWith("/")) {
            return MALFORMED;
        }
        String target = parts[1];
        int query = target.indexOf('?');
        return new RequestHead(parts[0], query < 0 ? target : target.substring(0, query));
    }
}
