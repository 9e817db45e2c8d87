package io.gnomon.adapter.nts;

import io.gnomon.nts.CookieKeys;
import io.gnomon.nts.NtsKeServerExchange;
import io.gnomon.nts.NtsRequests;
import io.gnomon.nts.Randomness;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NTS for one server: the certificate, the cookie master keys (loaded, rotated, saved), the NTS-KE listener and
 * the {@link NtsRequests} the NTP server core authenticates with. Started by a composition root.
 */
public final class NtsService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("gnomon.nts");
    public static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    /**
     * @param keyFile     where the cookie master keys live (state directory), or null to keep them in memory
     * @param rotation    how often a new master key is made (chrony's default: a week)
     */
    public record Settings(Path certificate, Path key, InetSocketAddress keListen, Path keyFile, Duration rotation,
                           NtsKeServer.Limits limits) {
        public Settings(Path certificate, Path key, InetSocketAddress keListen, Path keyFile) {
            this(certificate, key, keListen, keyFile, Duration.ofSeconds(CookieKeys.WEEK_SECONDS),
                    NtsKeServer.Limits.STANDARD);
        }
    }

    private final NtsKeServer ke;
    private final NtsRequests requests;
    private final AtomicReference<NtsKeServerExchange.NtpEndpoint> endpoint;
    private final ScheduledExecutorService rotator;
    private final Clock clock;

    private NtsService(NtsKeServer ke, NtsRequests requests, AtomicReference<NtsKeServerExchange.NtpEndpoint> endpoint,
                       ScheduledExecutorService rotator, Clock clock) {
        this.ke = ke;
        this.requests = requests;
        this.endpoint = endpoint;
        this.rotator = rotator;
        this.clock = clock;
    }

    /** @throws NtsCredentials.Refused the certificate or key cannot be used (the message names the file) */
    public static NtsService start(Settings settings, Clock clock) throws NtsCredentials.Refused, IOException {
        NtsCredentials credentials = NtsCredentials.load(settings.certificate(), settings.key(), clock.instant());
        SecureRandom secure = new SecureRandom();
        Randomness random = secure::nextBytes;
        long now = clock.instant().getEpochSecond();
        CookieKeyFile file = settings.keyFile() == null ? null : new CookieKeyFile(settings.keyFile());
        CookieKeys initial = file == null ? CookieKeys.fresh(now, random)
                : file.loadOrCreate(now, random).rotatedIfDue(now, settings.rotation().toSeconds(), random);
        if (file != null) {
            file.save(initial);
        }
        AtomicReference<CookieKeys> master = new AtomicReference<>(initial);
        AtomicReference<NtsKeServerExchange.NtpEndpoint> endpoint =
                new AtomicReference<>(NtsKeServerExchange.NtpEndpoint.SAME);
        NtsKeServer ke = NtsKeServer.start(settings.keListen(), credentials, clock, master::get, endpoint::get,
                random, settings.limits());
        ScheduledExecutorService rotator = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gnomon-nts-key-rotation");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, Math.min(3600, settings.rotation().toSeconds() / 4));
        rotator.scheduleWithFixedDelay(() -> {
            CookieKeys before = master.get();
            CookieKeys after = before.rotatedIfDue(clock.instant().getEpochSecond(), settings.rotation().toSeconds(),
                    random);
            if (after != before) {
                master.set(after);
                if (file != null) {
                    file.save(after);
                }
                log.info("NTS cookie master key rotated ({} kept)", after.size());
            }
        }, every, every, TimeUnit.SECONDS);
        return new NtsService(ke, new NtsRequests(master::get, random), endpoint, rotator, clock);
    }

    /**
     * Where NTP is answered, once its sockets are bound: a port other than 123 goes to clients in a Port record
     * (RFC 8915 §4.1.7; without one a client uses 123).
     */
    public void ntpPort(int port) {
        endpoint.set(port == 123 ? NtsKeServerExchange.NtpEndpoint.SAME : new NtsKeServerExchange.NtpEndpoint(null, port));
    }

    public NtsRequests requests() {
        return requests;
    }

    public NtsKeServer keServer() {
        return ke;
    }

    /** "NTS-KE on ADDR:PORT (certificate FILE, valid until DATE)" for the start line. */
    public String describe() {
        NtsCredentials c = ke.credentials();
        return "NTS-KE on " + ke.address().getAddress().getHostAddress() + ":" + ke.port() + " (certificate "
                + c.certificateFile() + ", valid until " + c.notAfter() + ")";
    }

    /** A warning for the status surfaces when the certificate expires within 30 days (or has expired). */
    public Optional<String> expiryWarning() {
        return expiryWarning(ke.credentials(), clock.instant());
    }

    static Optional<String> expiryWarning(NtsCredentials c, Instant now) {
        Instant end = c.notAfter();
        if (now.isAfter(end)) {
            return Optional.of("NTS certificate " + c.certificateFile() + " expired on " + end
                    + ": NTS clients refuse it; renew it (it is reloaded without a restart)");
        }
        if (now.plus(EXPIRY_WARNING).isAfter(end)) {
            long days = Duration.between(now, end).toDays();
            return Optional.of("NTS certificate " + c.certificateFile() + " expires in " + days + " days (" + end
                    + "); renew it (it is reloaded without a restart)");
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        ke.close();
        rotator.shutdownNow();
    }
}
