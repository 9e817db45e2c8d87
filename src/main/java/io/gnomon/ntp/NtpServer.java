package io.gnomon.ntp;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The NTP server as the socket paths see it: one policy, one serving source, one set of counters and one tally
 * of recent clients, shared by every receive thread; each thread asks {@link #newCore()} for the
 * {@link NtpServerCore} it answers through (a core holds a rate-limiter table and is used by one thread).
 * Pure: no socket, no clock, no thread.
 */
public final class NtpServer {
    private final ServerPolicy policy;
    private final ServingSource serving;
    private final ServerCounters counters;
    private final RecentClients clients;
    private final java.util.function.LongSupplier seeds;
    private final List<NtpServerCore> cores = new CopyOnWriteArrayList<>();

    /**
     * @param seeds random values (one per core) for the rate limiter's hash, so clients cannot aim at one set
     */
    public NtpServer(ServerPolicy policy, ServingSource serving, ServerCounters counters, RecentClients clients,
                     java.util.function.LongSupplier seeds) {
        this.policy = policy;
        this.serving = serving;
        this.counters = counters;
        this.clients = clients;
        this.seeds = seeds;
    }

    /** Unlimited, unauthenticated, counters and tally of its own: for probes, warm-up and tests. */
    public static NtpServer plain(int precisionLog2, ServingSource serving) {
        return new NtpServer(ServerPolicy.of(precisionLog2, RateLimitSettings.off()), serving, new ServerCounters(),
                RecentClients.tenMinutes(0), () -> 0);
    }

    /**
     * A stand-in with this server's policy and serving source — so a warm-up runs the very code, with the
     * very types, real clients will meet — but counters and a client tally of its own. Rate limiting, when on,
     * applies to loopback too with a burst no warm-up reaches, so the limiter's code is exercised and never
     * refuses.
     */
    public NtpServer rehearsal() {
        RateLimitSettings r = policy.rateLimit();
        RateLimitSettings limits = r.enabled()
                ? new RateLimitSettings(true, r.tableSlots(), r.averageIntervalNanos(), Integer.MAX_VALUE,
                        r.kissOneIn(), true)
                : r;
        return new NtpServer(new ServerPolicy(policy.precisionLog2(), limits, policy.authentication()), serving,
                new ServerCounters(), RecentClients.tenMinutes(0), seeds);
    }

    /** A core for one more receive thread. */
    public NtpServerCore newCore() {
        NtpServerCore core = new NtpServerCore(policy, serving, counters, clients, seeds.getAsLong());
        cores.add(core);
        return core;
    }

    public ServerPolicy policy() {
        return policy;
    }

    public ServerCounters counters() {
        return counters;
    }

    public RecentClients clients() {
        return clients;
    }

    /** The rate limiters' tables summed over the cores made so far; zeros when limiting is off. */
    public RateTable rateTable() {
        long entries = 0;
        long capacity = 0;
        for (NtpServerCore core : cores) {
            entries += core.rateTableEntries();
            capacity += core.rateTableCapacity();
        }
        return new RateTable(entries, capacity);
    }

    /**
     * Occupancy of the rate limiters' fixed tables.
     *
     * @param entries  clients tracked now (racy snapshot)
     * @param capacity slots allocated; grows only when a receive thread starts
     */
    public record RateTable(long entries, long capacity) {
        public static final RateTable NONE = new RateTable(0, 0);
    }
}
