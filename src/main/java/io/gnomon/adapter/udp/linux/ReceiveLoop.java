package io.gnomon.adapter.udp.linux;

import io.gnomon.adapter.udp.ListenAddress;
import io.gnomon.adapter.udp.NtpExchange;
import io.gnomon.adapter.udp.NtpServer;
import io.gnomon.adapter.udp.UdpCounters;
import io.gnomon.ntp.RateLimiter;
import io.gnomon.ntp.ServerAction;
import io.gnomon.time.RealtimeTime;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One socket and the thread serving it: recvmmsg a batch with kernel receive timestamps, answer each
 * request, sendmmsg the replies. All memory (message headers, addresses, control buffers, packet buffers
 * and their ByteBuffer views) is allocated once here; the packet path allocates nothing itself and takes
 * no lock.
 */
final class ReceiveLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ReceiveLoop.class);
    static final int PACKET_BYTES = 2048;
    static final int NAME_STRIDE = 32;
    /** Room for SCM_TIMESTAMPNS and the SCM_TIMESTAMPING the kernel adds once SO_TIMESTAMPING is on. */
    static final int CONTROL_BYTES = 128;
    static final int ERR_CONTROL_BYTES = 160;

    private final LinuxAbi abi;
    private final LinuxUdpSocket socket;
    private final NtpExchange exchange;
    private final RateLimitedAnswers answers;
    private final UdpCounters counters;
    private final LoopCounters own;
    private final RateLimiter limiter;
    private final boolean limitLoopback;
    private final LinuxUdpSettings.TransmitStamp stampMode;
    private final int batch;
    final Thread thread;
    private final ListenAddress bound;
    private final NtpServer.LoopDeath onDeath;
    private volatile boolean stopping;

    // layout offsets
    private final long mmsgSize;
    private final long nameOff;
    private final long nameLenOff;
    private final long iovOff;
    private final long iovLenOff;
    private final long controlOff;
    private final long controlLenOff;
    private final long flagsOff;
    private final long msgLenOff;
    private final long iovSize;
    private final long iovBaseOff;
    private final long iovLenFieldOff;
    private final long cmsgLevelOff;
    private final long cmsgTypeOff;
    private final long cmsgDataOff;
    private final long cmsgHeaderBytes;

    private final Arena arena = Arena.ofShared();
    private final MemorySegment errno;
    private final MemorySegment clock;
    private final MemorySegment rxVec;
    private final MemorySegment txVec;
    private final MemorySegment txIov;
    private final MemorySegment names;
    private final MemorySegment controls;
    private final ByteBuffer[] requests;
    private final ByteBuffer[] replies;
    private final PredictedTransmitClock transmit;
    /**
     * Received batches of at least this many requests are answered in chunks of {@code --udp-send-chunk};
     * smaller ones (requests arriving spread out, clients not waiting in step) in chunks of at most
     * {@link #SMALL_CHUNK}. Each kind has its own schedule: when datagrams leave within a call depends on the
     * traffic (measured: with chunks of 8 under open-loop load 14% of replies had T3 a few µs after T4,
     * with chunks of 2 0.1%, while under closed-loop load chunks of 8 keep it near 0.1%).
     */
    static final int LARGE_BATCH = 16;
    static final int SMALL_CHUNK = 2;
    private final TransmitSchedule largeBatches = TransmitSchedule.standard();
    private final TransmitSchedule smallBatches = TransmitSchedule.standard();
    private TransmitSchedule schedule = smallBatches;
    private int chunkNow;
    private final int calibrateEvery;
    private final MemorySegment txControl;
    private final long txControlSpace;
    private final MemorySegment errVec;
    private final MemorySegment errControls;
    private long batches;
    private final int chunk;
    private final MemorySegment[] txSlices;
    private int chunkBase;
    private long chunkHandleStart;
    private int chunkHandled;
    private long sendFailures;
    private long handlerFailures;
    private long sampledKeys;

    ReceiveLoop(LinuxAbi abi, LinuxUdpSocket socket, NtpExchange exchange, RateLimitedAnswers answers, UdpCounters counters,
                LinuxUdpSettings settings, long hashSeed, String name, ListenAddress bound,
                NtpServer.LoopDeath onDeath) {
        this.bound = bound;
        this.onDeath = onDeath;
        this.abi = abi;
        this.socket = socket;
        this.exchange = exchange;
        this.answers = answers;
        this.counters = counters;
        this.own = new LoopCounters();
        this.batch = settings.batch();
        this.stampMode = settings.transmitStamp();
        this.limiter = settings.rateLimit().enabled() ? new RateLimiter(settings.rateLimit(), hashSeed) : null;
        this.limitLoopback = settings.rateLimit().limitLoopback();

        StructLayout mmsg = abi.mmsghdr();
        StructLayout iov = abi.iovec();
        StructLayout cmsg = abi.cmsghdr();
        mmsgSize = mmsg.byteSize();
        nameOff = abi.offset(mmsg, "msg_hdr", "msg_name");
        nameLenOff = abi.offset(mmsg, "msg_hdr", "msg_namelen");
        iovOff = abi.offset(mmsg, "msg_hdr", "msg_iov");
        iovLenOff = abi.offset(mmsg, "msg_hdr", "msg_iovlen");
        controlOff = abi.offset(mmsg, "msg_hdr", "msg_control");
        controlLenOff = abi.offset(mmsg, "msg_hdr", "msg_controllen");
        flagsOff = abi.offset(mmsg, "msg_hdr", "msg_flags");
        msgLenOff = abi.offset(mmsg, "msg_len");
        iovSize = iov.byteSize();
        iovBaseOff = abi.offset(iov, "iov_base");
        iovLenFieldOff = abi.offset(iov, "iov_len");
        cmsgLevelOff = abi.offset(cmsg, "cmsg_level");
        cmsgTypeOff = abi.offset(cmsg, "cmsg_type");
        cmsgDataOff = abi.cmsgDataOffset();
        cmsgHeaderBytes = cmsg.byteSize();

        errno = Libc.newErrnoState(arena);
        clock = arena.allocate(16, 8);
        transmit = new PredictedTransmitClock(exchange.served(), arena.allocate(16, 8));
        rxVec = arena.allocate(mmsgSize * batch, 8);
        txVec = arena.allocate(mmsgSize * batch, 8);
        MemorySegment rxIov = arena.allocate(iovSize * batch, 8);
        txIov = arena.allocate(iovSize * batch, 8);
        names = arena.allocate((long) NAME_STRIDE * batch, 8);
        controls = arena.allocate((long) CONTROL_BYTES * batch, 8);
        MemorySegment rxData = arena.allocate((long) PACKET_BYTES * batch, 8);
        MemorySegment txData = arena.allocate((long) PACKET_BYTES * batch, 8);
        calibrateEvery = settings.calibrateEvery();
        txControlSpace = abi.cmsgSpace(4);
        txControl = arena.allocate(txControlSpace * batch, 8);
        errVec = arena.allocate(mmsgSize * batch, 8);
        errControls = arena.allocate((long) ERR_CONTROL_BYTES * batch, 8);
        for (int i = 0; i < batch; i++) {
            long c = txControlSpace * i;
            abi.putWord(txControl, c, abi.cmsgLen(4));
            txControl.set(ValueLayout.JAVA_INT_UNALIGNED, c + cmsgLevelOff, LinuxAbi.SOL_SOCKET);
            txControl.set(ValueLayout.JAVA_INT_UNALIGNED, c + cmsgTypeOff, abi.soTimestamping());
            txControl.set(ValueLayout.JAVA_INT_UNALIGNED, c + cmsgDataOff, LinuxAbi.SOF_TIMESTAMPING_TX_SOFTWARE);
            abi.putWord(errVec, mmsgSize * i + controlOff, errControls.address() + (long) ERR_CONTROL_BYTES * i);
        }
        chunk = Math.min(settings.sendChunk(), batch);
        chunkNow = chunk;
        txSlices = new MemorySegment[batch];
        for (int i = 0; i < batch; i++) {
            txSlices[i] = txVec.asSlice(mmsgSize * i);
        }
        requests = new ByteBuffer[batch];
        replies = new ByteBuffer[batch];
        for (int i = 0; i < batch; i++) {
            MemorySegment rxBuf = rxData.asSlice((long) PACKET_BYTES * i, PACKET_BYTES);
            MemorySegment txBuf = txData.asSlice((long) PACKET_BYTES * i, PACKET_BYTES);
            requests[i] = rxBuf.asByteBuffer();
            replies[i] = txBuf.asByteBuffer();
            abi.putWord(rxIov, iovSize * i + iovBaseOff, rxBuf.address());
            abi.putWord(rxIov, iovSize * i + iovLenFieldOff, PACKET_BYTES);
            abi.putWord(txIov, iovSize * i + iovBaseOff, txBuf.address());
            long rx = mmsgSize * i;
            abi.putWord(rxVec, rx + nameOff, names.address() + (long) NAME_STRIDE * i);
            abi.putWord(rxVec, rx + iovOff, rxIov.address() + iovSize * i);
            abi.putWord(rxVec, rx + iovLenOff, 1);
            abi.putWord(rxVec, rx + controlOff, controls.address() + (long) CONTROL_BYTES * i);
            long tx = mmsgSize * i;
            abi.putWord(txVec, tx + iovOff, txIov.address() + iovSize * i);
            abi.putWord(txVec, tx + iovLenOff, 1);
        }
        this.thread = Thread.ofPlatform().name(name).daemon(false).unstarted(this);
    }

    LoopCounters counters() {
        return own;
    }

    /** This loop's rate-limiter table: entries (racy read) and capacity; zeros when limiting is off. */
    NtpServer.RateTable rateTable() {
        return limiter == null ? NtpServer.RateTable.NONE
                : new NtpServer.RateTable(limiter.entries(), limiter.capacity());
    }

    void stop() {
        stopping = true;
        socket.shutdown();
    }

    @Override
    public void run() {
        try {
            serve();
        } catch (RuntimeException | Error e) {
            log.error("receive loop {} failed; this socket no longer answers", thread.getName(), e);
            onDeath.died(bound, e);
        } finally {
            TransmitSchedule big = largeBatches;
            log.info("{} ended: {} kernel transmit timestamps sampled; large batches: {} ns handling per request,"
                            + " {} ns sending per reply, departure offsets in a send of {}: [0]={} [1]={} [last]={} ns;"
                            + " small batches: [0]={} [1]={} ns (T3 leaves out [0], the kernel's own path)",
                    thread.getName(), own.departuresSampled, Math.round(big.handleNanosPerRequest()),
                    Math.round(big.sendNanosPerReply()), chunk, big.departureOffsetNanos(0),
                    big.departureOffsetNanos(Math.min(1, chunk - 1)), big.departureOffsetNanos(chunk - 1),
                    smallBatches.departureOffsetNanos(0), smallBatches.departureOffsetNanos(1));
            socket.close();
            arena.close();
        }
    }

    private void serve() {
        int toReset = batch;
        while (!stopping) {
            for (int i = 0; i < toReset; i++) {
                long rx = mmsgSize * i;
                rxVec.set(ValueLayout.JAVA_INT_UNALIGNED, rx + nameLenOff, LinuxAbi.SOCKADDR_MAX_BYTES);
                abi.putWord(rxVec, rx + controlLenOff, CONTROL_BYTES);
            }
            int n = Libc.recvmmsg(errno, socket.fd(), rxVec, batch, LinuxAbi.MSG_WAITFORONE);
            if (n <= 0) {
                toReset = 0;
                if (n < 0 && !stopping) {
                    int e = Libc.errno(errno);
                    if (e != LinuxAbi.EINTR && e != LinuxAbi.EAGAIN) {
                        counters.add(0, 0, 0, 1, 0);
                    }
                }
                continue;
            }
            toReset = n;
            if (stopping) {
                break; // after shutdown() the kernel reports one empty datagram: not a request
            }
            answerBatch(n);
        }
    }

    private void answerBatch(int n) {
        long t0 = Libc.realtimeNanos(clock);
        long mono = limiter == null ? 0 : System.nanoTime();
        int m = 0;
        boolean large = n >= LARGE_BATCH;
        schedule = large ? largeBatches : smallBatches;
        chunkNow = large ? chunk : Math.min(chunk, SMALL_CHUNK);
        handlerFailures = 0;
        chunkBase = 0;
        chunkHandleStart = t0;
        chunkHandled = 0;
        sendFailures = 0;
        for (int i = 0; i < n; i++) {
            if (m - chunkBase == chunkNow) {
                flush(m);
            }
            chunkHandled++;
            m = answerOne(i, n, m, t0, mono);
        }
        if (m > chunkBase) {
            flush(m);
        }
        counters.add(n, m, sendFailures, 0, handlerFailures);
    }

    /**
     * Answers request slot {@code i} of {@code n} into reply slot {@code m}; returns the next free reply slot.
     * Kept small so the JIT can inline the exchange and the responder into it (escape analysis then keeps the
     * per-datagram time values off the heap).
     */
    private int answerOne(int i, int n, int m, long t0, long mono) {
        long rx = mmsgSize * i;
        int flags = rxVec.get(ValueLayout.JAVA_INT_UNALIGNED, rx + flagsOff);
        if ((flags & LinuxAbi.MSG_TRUNC) != 0) {
            own.truncated++;
            return m;
        }
        int len = rxVec.get(ValueLayout.JAVA_INT_UNALIGNED, rx + msgLenOff);
        long received = kernelTimestamp(i, rx);
        if (received == 0) {
            own.userspaceStamps++;
            received = t0;
        }
        ByteBuffer request = requests[i];
        request.clear().limit(len);
        ByteBuffer reply = replies[m];
        reply.clear();
        long nameAt = (long) NAME_STRIDE * i;
        if (stampMode == LinuxUdpSettings.TransmitStamp.PREDICTED) {
            int position = m - chunkBase;
            transmit.departAfter(schedule.delayNanos(Math.min(n - i - 1, chunkNow - 1 - position), position));
        } else {
            transmit.departAt(t0);
        }
        if (limiter != null && (limitLoopback || !SocketAddresses.isLoopback(names, nameAt))) {
            RateLimiter.Decision d = limiter.check(SocketAddresses.clientKey(names, nameAt), mono);
            if (d != RateLimiter.Decision.ALLOW) {
                if (d == RateLimiter.Decision.KISS_OF_DEATH) {
                    // the responder counts the kiss, or its own drop reason for a non-request
                    if (answers.kiss(request, reply) instanceof ServerAction.Respond r) {
                        queue(m++, i, r.length());
                        own.kissed++;
                    }
                } else {
                    answers.dropped();
                    own.rateDropped++;
                }
                return m;
            }
        }
        ServerAction action;
        try {
            action = exchange.answer(request, new RealtimeTime(received), transmit, reply);
        } catch (RuntimeException e) {
            if (own.handlerFailuresLogged++ == 0) {
                log.error("responder failed on a datagram (further failures only counted)", e);
            }
            handlerFailures++;
            return m;
        }
        if (action instanceof ServerAction.Respond r) {
            queue(m++, i, r.length());
        }
        return m;
    }

    /** Sends replies chunkBase..m−1 in one sendmmsg (sampling transmit timestamps now and then). */
    private void flush(int m) {
        int count = m - chunkBase;
        boolean sample = calibrateEvery > 0 && ++batches % calibrateEvery == 0;
        if (sample) {
            for (int j = chunkBase; j < m; j++) {
                abi.putWord(txVec, mmsgSize * j + controlOff, txControl.address() + txControlSpace * j);
                abi.putWord(txVec, mmsgSize * j + controlLenOff, txControlSpace);
            }
        }
        long sendStart = Libc.realtimeNanos(clock);
        schedule.observeHandling(chunkHandleStart, sendStart, chunkHandled);
        long failures = sendAll(chunkBase, m);
        long sendEnd = Libc.realtimeNanos(clock);
        schedule.observeSend(sendStart, sendEnd, count, sample);
        if (sample) {
            for (int j = chunkBase; j < m; j++) {
                abi.putWord(txVec, mmsgSize * j + controlOff, 0);
                abi.putWord(txVec, mmsgSize * j + controlLenOff, 0);
            }
            readDepartures(sendStart, count - (int) failures);
        }
        sendFailures += failures;
        chunkBase = m;
        chunkHandleStart = sendEnd;
        chunkHandled = 0;
    }

    /** Reply slot {@code m} goes to the sender of request slot {@code i}, {@code length} bytes. */
    private void queue(int m, int i, int length) {
        long tx = mmsgSize * m;
        abi.putWord(txVec, tx + nameOff, names.address() + (long) NAME_STRIDE * i);
        txVec.set(ValueLayout.JAVA_INT_UNALIGNED, tx + nameLenOff,
                rxVec.get(ValueLayout.JAVA_INT_UNALIGNED, mmsgSize * i + nameLenOff));
        abi.putWord(txIov, iovSize * m + iovLenFieldOff, length);
    }

    /** Sends replies from..to−1; a datagram the kernel refuses is counted and skipped. Returns the failures. */
    private long sendAll(int from, int to) {
        int sent = from;
        long failures = 0;
        while (sent < to) {
            int rc = Libc.sendmmsg(errno, socket.fd(), txSlices[sent], to - sent, 0);
            if (rc > 0) {
                sent += rc;
            } else {
                if (rc < 0 && Libc.errno(errno) == LinuxAbi.EINTR) {
                    continue;
                }
                failures++;
                sent++;
            }
        }
        return failures;
    }

    /**
     * Reads the kernel's transmit timestamps of the batch just sent ({@code sent} datagrams, keys
     * {@code sampledKeys ..}) from the error queue and teaches the schedule each position's departure.
     */
    private void readDepartures(long sendStart, int sent) {
        long firstKey = sampledKeys;
        sampledKeys += sent;
        for (int round = 0; round < 4; round++) {
            for (int j = 0; j < batch; j++) {
                abi.putWord(errVec, mmsgSize * j + controlLenOff, ERR_CONTROL_BYTES);
            }
            int got = Libc.recvmmsg(errno, socket.fd(), errVec, batch, LinuxAbi.MSG_ERRQUEUE | LinuxAbi.MSG_DONTWAIT);
            if (got <= 0) {
                return;
            }
            for (int j = 0; j < got; j++) {
                long controlLen = abi.getWord(errVec, mmsgSize * j + controlLenOff);
                long base = (long) ERR_CONTROL_BYTES * j;
                long stamp = 0;
                long key = -1;
                long at = 0;
                while (at + cmsgHeaderBytes <= controlLen) {
                    long len = abi.getWord(errControls, base + at);
                    if (len < cmsgHeaderBytes || at + len > controlLen) {
                        break;
                    }
                    int level = errControls.get(ValueLayout.JAVA_INT_UNALIGNED, base + at + cmsgLevelOff);
                    int type = errControls.get(ValueLayout.JAVA_INT_UNALIGNED, base + at + cmsgTypeOff);
                    long data = base + at + cmsgDataOff;
                    if (level == LinuxAbi.SOL_SOCKET && type == abi.soTimestamping()) {
                        stamp = errControls.get(ValueLayout.JAVA_LONG_UNALIGNED, data) * 1_000_000_000L
                                + errControls.get(ValueLayout.JAVA_LONG_UNALIGNED, data + 8);
                    } else if ((level == LinuxAbi.SOL_IP && type == LinuxAbi.IP_RECVERR)
                            || (level == LinuxAbi.SOL_IPV6 && type == LinuxAbi.IPV6_RECVERR)) {
                        key = Integer.toUnsignedLong(errControls.get(ValueLayout.JAVA_INT_UNALIGNED,
                                data + LinuxAbi.SOCK_EE_DATA_OFFSET));
                    }
                    at += abi.cmsgAlign(len);
                }
                long index = (key - firstKey) & 0xFFFF_FFFFL; // the kernel's key is 32 bits
                if (stamp != 0 && key >= 0 && index < sent) {
                    schedule.observeDeparture((int) index, stamp - sendStart);
                    own.departuresSampled++;
                }
            }
            if (got < batch) {
                return;
            }
        }
    }

    /** The SO_TIMESTAMPNS control message of slot {@code i}, in CLOCK_REALTIME nanoseconds; 0 when absent. */
    private long kernelTimestamp(int i, long rx) {
        long controlLen = abi.getWord(rxVec, rx + controlLenOff);
        long base = (long) CONTROL_BYTES * i;
        long at = 0;
        while (at + cmsgHeaderBytes <= controlLen) {
            long cmsgLen = abi.getWord(controls, base + at);
            if (cmsgLen < cmsgHeaderBytes || at + cmsgLen > controlLen) {
                return 0;
            }
            if (controls.get(ValueLayout.JAVA_INT_UNALIGNED, base + at + cmsgLevelOff) == LinuxAbi.SOL_SOCKET
                    && controls.get(ValueLayout.JAVA_INT_UNALIGNED, base + at + cmsgTypeOff) == abi.timestampCmsgType()
                    && cmsgLen >= cmsgDataOff + LinuxAbi.TIMESTAMP_PAYLOAD_BYTES) {
                long sec = controls.get(ValueLayout.JAVA_LONG_UNALIGNED, base + at + cmsgDataOff);
                long nsec = controls.get(ValueLayout.JAVA_LONG_UNALIGNED, base + at + cmsgDataOff + 8);
                return sec * 1_000_000_000L + nsec;
            }
            at += abi.cmsgAlign(cmsgLen);
        }
        return 0;
    }

    /** What this loop counts beyond {@link UdpCounters}; written by the loop thread only, read racily. */
    static final class LoopCounters {
        long truncated;
        long userspaceStamps;
        long kissed;
        long rateDropped;
        long handlerFailuresLogged;
        long departuresSampled;
    }
}
