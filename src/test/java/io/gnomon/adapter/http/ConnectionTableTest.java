package io.gnomon.adapter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Admission and deadlines with a hand-driven clock: no sockets, no sleeping. */
class ConnectionTableTest {
    private static final long S = 1_000_000_000L;
    private final HttpLimits limits = new HttpLimits(Duration.ofSeconds(5), Duration.ofSeconds(10), 2, 4, 1024);
    private final ConnectionTable<String> table = new ConnectionTable<>(limits);

    private static InetAddress ip(int last) throws Exception {
        return InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last});
    }

    private ConnectionTable.Entry<String> open(String name, int source, long now) throws Exception {
        ConnectionTable.Entry<String> e = table.open(name, ip(source), now);
        closes = table.admit(e);
        return e;
    }

    private List<ConnectionTable.Close<String>> closes;

    @Test
    void aThirdConnectionFromOneSourceClosesItsOldestStillReading() throws Exception {
        ConnectionTable.Entry<String> a = open("a", 1, 0);
        open("b", 1, 1);
        table.answering(a);
        open("c", 1, 2);
        assertEquals(List.of(new ConnectionTable.Close<>("b", ConnectionTable.Reason.EVICTED_FOR_NEWER)), closes,
                "a is being answered, so b (still reading) goes");
        assertEquals(2, table.fromSource(ip(1)));
    }

    @Test
    void theTotalBoundClosesTheOldestReaderOfAnySource() throws Exception {
        for (int i = 0; i < 4; i++) {
            open("s" + i, i, i);
            assertEquals(List.of(), closes);
        }
        open("new", 9, 10);
        assertEquals(List.of(new ConnectionTable.Close<>("s0", ConnectionTable.Reason.EVICTED_FOR_NEWER)), closes);
        assertEquals(4, table.size());
    }

    @Test
    void whenNobodyIsReadingTheOldestGoes() throws Exception {
        ConnectionTable.Entry<String> a = open("a", 1, 0);
        ConnectionTable.Entry<String> b = open("b", 1, 1);
        table.answering(a);
        table.writing(b, 1);
        open("c", 1, 2);
        assertEquals(List.of(new ConnectionTable.Close<>("a", ConnectionTable.Reason.EVICTED_FOR_NEWER)), closes);
    }

    @Test
    void aHeadNotFinishedInFiveSecondsAndAReplyNotTakenInTenAreClosed() throws Exception {
        open("slow-head", 1, 0);
        ConnectionTable.Entry<String> reader = open("slow-reader", 2, 0);
        ConnectionTable.Entry<String> busy = open("being-answered", 3, 0);
        table.answering(reader);
        table.writing(reader, 1 * S);
        table.answering(busy);
        assertEquals(List.of(), table.overdue(5 * S - 1));
        assertEquals(List.of(new ConnectionTable.Close<>("slow-head", ConnectionTable.Reason.HEADER_TIMEOUT)),
                table.overdue(5 * S));
        assertEquals(List.of(), table.overdue(11 * S - 1));
        assertEquals(List.of(new ConnectionTable.Close<>("slow-reader", ConnectionTable.Reason.WRITE_TIMEOUT)),
                table.overdue(11 * S));
        assertEquals(List.of(), table.overdue(Long.MAX_VALUE), "our own work has no deadline");
        assertEquals(1, table.size());
    }

    @Test
    void deadlinesSurviveTheNanoTimeWrap() throws Exception {
        long near = Long.MAX_VALUE - 2 * S;
        open("x", 1, near);
        assertTrue(table.overdue(near + 4 * S).isEmpty());
        assertEquals(1, table.overdue(near + 5 * S).size());
    }
}
