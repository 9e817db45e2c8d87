package io.gnomon.adapter.http;

import io.gnomon.status.StatusSnapshot;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The status snapshot as Prometheus metrics, through the Prometheus Java client library. Every value is read
 * from the latest snapshot at scrape time; an unknown value (NaN) is left out rather than exported as NaN.
 * Names carry their unit (docs/STATUS.md lists them).
 */
final class StatusMetrics {
    static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Supplier<StatusSnapshot> latest;

    StatusMetrics(Supplier<StatusSnapshot> latest) {
        this.latest = latest;
        gauge("gnomon_build_info", "Gnomon version (value always 1)", s -> s.version(), "version");
        gauge("gnomon_uptime_seconds", "Seconds since Gnomon started", s -> (double) s.uptimeSeconds());
        gauge("gnomon_lock_state", "Lock state of the reference clock (1 for the current state)",
                s -> s.lock().state(), "state");
        gauge("gnomon_serving", "1 when NTP replies vouch for the time (stratum 1), 0 when they say leap indicator 3",
                s -> s.lock().serving() ? 1.0 : 0.0);
        gauge("gnomon_lock_state_duration_seconds", "Seconds in the current lock state",
                s -> (double) s.lock().secondsInState());
        gauge("gnomon_stratum", "Stratum advertised in NTP replies", s -> (double) s.clock().stratum());
        gauge("gnomon_offset_seconds", "Host clock minus true time, per the reference clock model",
                s -> s.clock().offsetSeconds());
        gauge("gnomon_jitter_seconds", "RMS scatter of PPS edges around the clock model", s -> s.clock().jitterSeconds());
        gauge("gnomon_frequency_ppm", "Frequency error of the host clock, parts per million",
                s -> s.clock().frequencyPpm());
        gauge("gnomon_nmea_delay_seconds", "Median delay of the NMEA burst after the PPS edge",
                s -> s.clock().nmeaDelaySeconds());
        gauge("gnomon_root_dispersion_seconds", "Advertised bound on the served time's error",
                s -> s.clock().rootDispersionSeconds());
        gauge("gnomon_satellites_in_view", "Satellites the receiver reports in view",
                s -> (double) s.receiver().satellitesInView());
        gauge("gnomon_satellites_used", "Satellites the receiver uses in its fix",
                s -> (double) s.receiver().satellitesUsed());
        register(GaugeWithCallback.builder().name("gnomon_satellite_snr_dbhz")
                .help("Carrier-to-noise density per satellite, dB-Hz")
                .labelNames("constellation", "satellite", "used")
                .callback(cb -> withSnapshot(s -> s.receiver().satellites().forEach(sat -> {
                    if (Double.isFinite(sat.snrDbHz())) {
                        cb.call(sat.snrDbHz(), sat.constellation(), Integer.toString(sat.id()),
                                Boolean.toString(sat.used()));
                    }
                }))).build());
        gauge("gnomon_pps_edges", "PPS edges seen since start", s -> (double) s.pps().edges());
        gauge("gnomon_leap_indicator", "Leap indicator in NTP replies: 0 none, 1 insert, 2 delete, 3 unsynchronised",
                s -> (double) leapBits(s.leap().indicator()));
        gauge("gnomon_leap_file_expiry_timestamp_seconds", "When the leap-second file expires, Unix time",
                s -> s.leap().leapFileExpires() == null ? Double.NaN
                        : (double) LocalDate.parse(s.leap().leapFileExpires()).atStartOfDay(ZoneOffset.UTC).toEpochSecond());
        gauge("gnomon_leap_file_expired", "1 when the leap-second file has expired (leap seconds after it are unknown)",
                s -> s.leap().leapFileExpired() ? 1.0 : 0.0);
        register(GaugeWithCallback.builder().name("gnomon_drill_active")
                .help("1 while a fault drill injects faults (labels: the drill and its current step)")
                .labelNames("name", "step")
                .callback(cb -> withSnapshot(s -> {
                    if (s.drill() != null) {
                        cb.call(1.0, s.drill().name(), Integer.toString(s.drill().stepNumber()));
                    }
                })).build());
        counter("gnomon_ntp_requests_total", "NTP requests received", s -> s.ntp().requests());
        counter("gnomon_ntp_replies_total", "NTP replies sent", s -> s.ntp().replies());
        counter("gnomon_ntp_kiss_of_death_total", "Kiss-o'-Death replies sent", s -> s.ntp().kissOfDeathSent());
        register(CounterWithCallback.builder().name("gnomon_ntp_dropped_total")
                .help("NTP requests not answered, by reason").labelNames("reason")
                .callback(cb -> withSnapshot(s -> {
                    for (Map.Entry<String, Long> e : new java.util.TreeMap<>(s.ntp().dropped()).entrySet()) {
                        cb.call(e.getValue(), e.getKey());
                    }
                })).build());
        gauge("gnomon_ntp_clients_seen", "Distinct clients (IPv4 addresses, IPv6 /64) seen in the last "
                        + "gnomon_ntp_clients_window_seconds, HyperLogLog estimate (about 1.6% standard error)",
                s -> s.ntp().clientsSeen() < 0 ? Double.NaN : (double) s.ntp().clientsSeen());
        gauge("gnomon_ntp_clients_window_seconds", "The window of gnomon_ntp_clients_seen (plus the current minute)",
                s -> s.ntp().clientsSeen() < 0 ? Double.NaN : (double) s.ntp().clientsWindowSeconds());
        gauge("gnomon_ntp_rate_limiter_entries", "Clients tracked in the rate limiter's fixed tables",
                s -> (double) s.ntp().rateLimiter().entries());
        gauge("gnomon_ntp_rate_limiter_capacity", "Clients the rate limiter's tables can hold (0: limiting off)",
                s -> (double) s.ntp().rateLimiter().capacity());
        // the process itself, read at scrape time (a soak watches these without attaching a tool to the JVM)
        processGauge("gnomon_jvm_heap_used_bytes", "Java heap in use now, garbage included",
                () -> ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        processGauge("gnomon_jvm_heap_after_gc_bytes",
                "Java heap in use right after the last collection of each heap pool (live data, no forced GC)",
                StatusMetrics::heapAfterLastGc);
    }

    private static double heapAfterLastGc() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage after = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (after != null) {
                sum += after.getUsed();
            }
        }
        return sum;
    }

    private void processGauge(String name, String help, java.util.function.DoubleSupplier value) {
        register(GaugeWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsDouble())).build());
    }

    static int leapBits(String indicator) {
        return switch (indicator) {
            case "none" -> 0;
            case "insert" -> 1;
            case "delete" -> 2;
            default -> 3;
        };
    }

    /** The exposition, text format 0.0.4. */
    byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void withSnapshot(Consumer<StatusSnapshot> use) {
        StatusSnapshot s = latest.get();
        if (s != null) {
            use.accept(s);
        }
    }

    private void gauge(String name, String help, java.util.function.ToDoubleFunction<StatusSnapshot> value) {
        register(GaugeWithCallback.builder().name(name).help(help)
                .callback(cb -> withSnapshot(s -> {
                    double v = value.applyAsDouble(s);
                    if (Double.isFinite(v)) {
                        cb.call(v);
                    }
                })).build());
    }

    /** A gauge of constant 1 whose one label carries a text value. */
    private void gauge(String name, String help, java.util.function.Function<StatusSnapshot, String> label,
                       String labelName) {
        register(GaugeWithCallback.builder().name(name).help(help).labelNames(labelName)
                .callback(cb -> withSnapshot(s -> cb.call(1.0, String.valueOf(label.apply(s))))).build());
    }

    private void counter(String name, String help, java.util.function.ToLongFunction<StatusSnapshot> value) {
        register(CounterWithCallback.builder().name(name).help(help)
                .callback(cb -> withSnapshot(s -> cb.call(value.applyAsLong(s)))).build());
    }

    private void register(io.prometheus.metrics.model.registry.Collector c) {
        registry.register(c);
    }
}
