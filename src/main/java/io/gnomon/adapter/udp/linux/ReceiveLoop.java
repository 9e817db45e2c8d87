package io.gnomon.adapter.udp.linux;

import io.gnomon.adapter.udp.ListenAddress;
import io.gnomon.adapter.udp.UdpCounters;
import io.gnomon.adapter.udp.UdpServer;
import io.gnomon.ntp.NtpServerCore;
import io.gnomon.ntp.ServerAction;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One socket and the thread serving it: recvmmsg a batch with kernel receive timestamps, answer each
 * request through this thread's {@link NtpServerCore} (all request policy is there), sendmmsg the replies. All memory (message headers, addresses, control buffers, packet buffers
 * and their ByteBuffer views) is allocated once here; the packet path allocates nothing itself and takes
 * no lock.
 */
final class ReceiveLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ReceiveLoop.class);
    static final int PACKET_BYTES = 2048;
    static final int NAME_STRIDE = 32;
    /** Room for SCM_TIMESTAMPNS, the SCM_TIMESTAMPING the kernel adds once SO_TIMESTAMPING is on, and IP(V6)_PKTINFO. */
    static final int CONTROL_BYTES = 192;
    static final int ERR_CONTROL_BYTES = 160;

    private final LinuxAbi abi;
    private final LinuxUdpSocket socket;
    private final NtpServerCore core;
    private final UdpCounters counters;
    private final LoopCounters own;
    private final LinuxUdpSettings.TransmitStamp stampMode;
    private final int batch;
    final Thread thread;
    private final ListenAddress bound;
    private final UdpServer.LoopDeath onDeath;
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
    /** Whether reply slot m is a time reply whose transmit timestamp is set again right before its send. */
    private final boolean[] restamp;
    /** Length of the reply in slot m (any length up to the request's: a sealed reply is restamped too). */
    private final int[] replyLength;
    /** Kernel transmit timestamps of a sampled call, by position (0: not reported). */
    /**
     * Received batches of at least this many requests are answered in chunks of {@code --udp-send-chunk};
     * smaller ones (requests arriving spread out, clients not waiting in step) in chunks of
     * {@code --udp-small-send-chunk} (default 1: each reply alone, its T3 read right before its own call, as
     * chronyd does). Each kind has its own schedule: when datagrams leave within a call depends on the
     * traffic (measured: with chunks of 8 under open-loop load 14% of replies had T3 a few µs after T4,
     * with chunks of 2 0.1%, while under closed-loop load chunks of 8 keep it near 0.1%).
     */
    static final int LARGE_BATCH = 16;
    private final int smallChunk;
    private final GatherPolicy gather;
    private final long gatherWait;
    private final MemorySegment pause;
    /** The kernel receive timestamp of the last stamped datagram of the batch being answered (0: none). */
    private long batchLastStamp;
    private final TransmitSchedule largeBatches = TransmitSchedule.standard();
    private final TransmitSchedule smallBatches = TransmitSchedule.standard();
    private TransmitSchedule schedule = smallBatches;
    private int chunkNow;
    private final int calibrateEvery;
    /**
     * Per reply slot: room for an IP_PKTINFO/IPV6_PKTINFO message (the reply's source: the request's
     * destination, on a wildcard socket) followed by the SO_TIMESTAMPING message of a sampled send.
     */
    private final MemorySegment txControl;
    private final long txControlSpace;
    private final long pktSpace;
    /** Length of the source-address control message written for reply slot m (0: none). */
    private final long[] txPktLen;
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
    /**
     * Interleaved mode: every reply asks the kernel for its transmit timestamp, and {@link #drainTransmitStamps}
     * hands each one to the core with the exchange its reply belongs to.
     */
    private final boolean interleave;
    /** Per reply slot of the call being built: the client, and the core's key for the exchange (0: none). */
    private final long[] slotClient;
    private final long[] slotExchange;
    /** Per OPT_ID key (modulo the ring): the exchange of the reply that got it, its send reading, its stamp. */
    static final int KEY_RING = 4096;
    private final long[] keyExchange = new long[KEY_RING];
    private final long[] keySendStart = new long[KEY_RING];
    private final long[] keyStamp = new long[KEY_RING];
    private long flushFirstKey;

    ReceiveLoop(LinuxAbi abi, LinuxUdpSocket socket, NtpServerCore core, UdpCounters counters,
                LinuxUdpSettings settings, String name, ListenAddress bound, UdpServer.LoopDeath onDeath) {
        this.bound = bound;
        this.onDeath = onDeath;
        this.abi = abi;
        this.socket = socket;
        this.core = core;
        this.counters = counters;
        this.own = new LoopCounters();
        this.batch = settings.batch();
        this.stampMode = settings.transmitStamp();

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
        rxVec = arena.allocate(mmsgSize * batch, 8);
        txVec = arena.allocate(mmsgSize * batch, 8);
        MemorySegment rxIov = arena.allocate(iovSize * batch, 8);
        txIov = arena.allocate(iovSize * batch, 8);
        names = arena.allocate((long) NAME_STRIDE * batch, 8);
        controls = arena.allocate((long) CONTROL_BYTES * batch, 8);
        MemorySegment rxData = arena.allocate((long) PACKET_BYTES * batch, 8);
        MemorySegment txData = arena.allocate((long) PACKET_BYTES * batch, 8);
        calibrateEvery = settings.calibrateEvery();
        pktSpace = abi.cmsgSpace(LinuxAbi.IN6_PKTINFO_BYTES);
        txControlSpace = pktSpace + abi.cmsgSpace(4);
        txControl = arena.allocate(txControlSpace * batch, 8);
        txPktLen = new long[batch];
        errVec = arena.allocate(mmsgSize * batch, 8);
        errControls = arena.allocate((long) ERR_CONTROL_BYTES * batch, 8);
        for (int i = 0; i < batch; i++) {
            long c = txControlSpace * i + pktSpace;
            abi.putWord(txControl, c, abi.cmsgLen(4));
            txControl.set(ValueLayout.JAVA_INT_UNALIGNED, c + cmsgLevelOff, LinuxAbi.SOL_SOCKET);
            txControl.set(ValueLayout.JAVA_INT_UNALIGNED, c + cmsgTypeOff, abi.soTimestamping());
            txControl.set(ValueLayout.JAVA_INT_UNALIGNED, c + cmsgDataOff, LinuxAbi.SOF_TIMESTAMPING_TX_SOFTWARE);
            abi.putWord(errVec, mmsgSize * i + controlOff, errControls.address() + (long) ERR_CONTROL_BYTES * i);
        }
        chunk = Math.min(settings.sendChunk(), batch);
        smallChunk = Math.min(settings.smallSendChunk(), batch);
        gatherWait = settings.gatherWaitNanos();
        gather = new GatherPolicy(gatherWait, 8, LARGE_BATCH);
        pause = arena.allocate(16, 8);
        chunkNow = chunk;
        txSlices = new MemorySegment[batch];
        for (int i = 0; i < batch; i++) {
            txSlices[i] = txVec.asSlice(mmsgSize * i);
        }
        requests = new ByteBuffer[batch];
        replies = new ByteBuffer[batch];
        restamp = new boolean[batch];
        replyLength = new int[batch];
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
        interleave = settings.interleave() && settings.calibrateEvery() > 0;
        slotClient = new long[batch];
        slotExchange = new long[batch];
        this.thread = Thread.ofPlatform().name(name).daemon(false).unstarted(this);
    }

    LoopCounters counters() {
        return own;
    }

    /** Replies this loop's core sent in interleaved mode (racy read). */
    long interleavedReplies() {
        return core.interleavedReplies();
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
                            + " small batches: [0]={} [1]={} ns (T3 leaves out [0], the kernel's own path);"
                            + " gather pauses {} ({} gathered fewer than 2), mean arrival gap {} ns",
                    thread.getName(), own.departuresSampled, Math.round(big.handleNanosPerRequest()),
                    Math.round(big.sendNanosPerReply()), chunk, big.departureOffsetNanos(0),
                    big.departureOffsetNanos(Math.min(1, chunk - 1)), big.departureOffsetNanos(chunk - 1),
                    smallBatches.departureOffsetNanos(0), smallBatches.departureOffsetNanos(1),
                    gather.pauses(), gather.failedPauses(), Math.round(gather.meanGapNanos()));
            socket.close();
            arena.close();
        }
    }

    private void serve() {
        if (gatherWait > 0 && !Libc.setTimerSlack(1_000)) {
            log.debug("{}: timer slack not set; gather pauses may run up to 50 µs long", thread.getName());
        }
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
            long wait = gather.afterBatch(n, batchLastStamp);
            if (wait > 0) {
                Libc.sleepNanos(pause, wait);
            }
        }
    }

    private void answerBatch(int n) {
        long t0 = Libc.realtimeNanos(clock);
        long mono = System.nanoTime();
        int m = 0;
        boolean large = n >= LARGE_BATCH;
        schedule = large ? largeBatches : smallBatches;
        chunkNow = large ? chunk : smallChunk;
        batchLastStamp = 0;
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
     * Kept small so the JIT can inline the core into it (escape analysis then keeps the
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
        long received = kernelTimestamp(i);
        if (received == 0) {
            own.userspaceStamps++;
            received = t0;
        } else {
            batchLastStamp = received;
        }
        ByteBuffer request = requests[i];
        request.clear().limit(len);
        ByteBuffer reply = replies[m];
        reply.clear();
        long nameAt = (long) NAME_STRIDE * i;
        // PREDICTED: t0 is provisional (read after the receive, before any departure): flush() stamps the
        // reply again right before its send call, once the whole call's replies are handled, so no clock is
        // read here. BATCH_START: t0 it stays.
        ServerAction action;
        long client = SocketAddresses.clientKey(names, nameAt);
        try {
            action = core.handle(request, client,
                    SocketAddresses.isLoopback(names, nameAt), received, mono, t0, reply);
        } catch (RuntimeException e) {
            if (own.handlerFailuresLogged++ == 0) {
                log.error("responder failed on a datagram (further failures only counted)", e);
            }
            handlerFailures++;
            return m;
        }
        if (action instanceof ServerAction.Respond r) {
            restamp[m] = stampMode == LinuxUdpSettings.TransmitStamp.PREDICTED && r.restampable();
            replyLength[m] = r.length();
            if (interleave) {
                slotClient[m] = client;
                slotExchange[m] = core.exchangeOf(request, reply, r.length());
            }
            queue(m++, i, r.length());
        }
        return m;
    }

    /** Sends replies chunkBase..m−1 in one sendmmsg (sampling transmit timestamps now and then). */
    private void flush(int m) {
        int count = m - chunkBase;
        boolean calibrate = calibrateEvery > 0 && ++batches % calibrateEvery == 0;
        boolean sample = calibrate;
        for (int j = chunkBase; j < m && !sample; j++) {
            sample = slotExchange[j] != 0;
        }
        for (int j = chunkBase; j < m; j++) {
            // the source-address message ends where the timestamping one starts (at pktSpace in the slot)
            // a transmit timestamp for every reply of a calibration call, else for replies in interleaved exchanges
            long len = txPktLen[j] + (calibrate || slotExchange[j] != 0 ? txControlSpace - pktSpace : 0);
            long start = txControl.address() + txControlSpace * j + pktSpace - txPktLen[j];
            abi.putWord(txVec, mmsgSize * j + controlOff, len == 0 ? 0 : start);
            abi.putWord(txVec, mmsgSize * j + controlLenOff, len);
        }
        long sendStart = Libc.realtimeNanos(clock);
        // each reply's transmit timestamp: this reading (before the call, so before any of its datagrams
        // leaves) plus the predicted offset of its position within the call (0 for the first)
        for (int j = chunkBase; j < m; j++) {
            if (restamp[j]) {
                core.restamp(replies[j], replyLength[j], sendStart + schedule.delayNanos(0, j - chunkBase));
            }
        }
        schedule.observeHandling(chunkHandleStart, sendStart, chunkHandled);
        long firstKey = sampledKeys;
        flushFirstKey = firstKey;
        long failures = sendAll(chunkBase, m, sample, calibrate, sendStart);
        long sendEnd = Libc.realtimeNanos(clock);
        schedule.observeSend(sendStart, sendEnd, count, sample);
        if (sample) {
            drainTransmitStamps();
            if (calibrate) {
                learnDepartures(sendStart, firstKey, count - (int) failures);
            }
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
        txPktLen[m] = sourceControl(i, m);
    }

    /**
     * Writes reply slot {@code m}'s source-address control message from request slot {@code i}'s
     * destination (IP_PKTINFO: its local address ipi_spec_dst, interface left to routing; IPV6_PKTINFO: its
     * address and interface); returns the message's CMSG_SPACE, or 0 when the request carried none (a socket
     * bound to one address) or its destination cannot be a source (IPv6 multicast, or IPv4-mapped on a
     * dual-stack socket, where the kernel picks the source).
     */
    private long sourceControl(int i, int m) {
        long data = findControl(i, LinuxAbi.SOL_IP, LinuxAbi.IP_PKTINFO, LinuxAbi.IN_PKTINFO_BYTES);
        if (data >= 0) {
            long out = txControlSpace * m + pktSpace - abi.cmsgSpace(LinuxAbi.IN_PKTINFO_BYTES);
            abi.putWord(txControl, out, abi.cmsgLen(LinuxAbi.IN_PKTINFO_BYTES));
            txControl.set(ValueLayout.JAVA_INT_UNALIGNED, out + cmsgLevelOff, LinuxAbi.SOL_IP);
            txControl.set(ValueLayout.JAVA_INT_UNALIGNED, out + cmsgTypeOff, LinuxAbi.IP_PKTINFO);
            txControl.set(ValueLayout.JAVA_INT_UNALIGNED, out + cmsgDataOff, 0);
            txControl.set(ValueLayout.JAVA_INT_UNALIGNED, out + cmsgDataOff + 4,
                    controls.get(ValueLayout.JAVA_INT_UNALIGNED, data + 4));
            txControl.set(ValueLayout.JAVA_INT_UNALIGNED, out + cmsgDataOff + 8, 0);
            return abi.cmsgSpace(LinuxAbi.IN_PKTINFO_BYTES);
        }
        data = findControl(i, LinuxAbi.SOL_IPV6, LinuxAbi.IPV6_PKTINFO, LinuxAbi.IN6_PKTINFO_BYTES);
        if (data >= 0) {
            long hi = controls.get(ValueLayout.JAVA_LONG_UNALIGNED, data);
            long lo = controls.get(ValueLayout.JAVA_LONG_UNALIGNED, data + 8);
            boolean multicast = (hi & 0xFF) == 0xFF;
            boolean mapped = hi == 0 && (lo & 0xFFFF_FFFFL) == 0xFFFF_0000L;
            if (multicast || mapped) {
                return 0;
            }
            long out = txControlSpace * m + pktSpace - abi.cmsgSpace(LinuxAbi.IN6_PKTINFO_BYTES);
            abi.putWord(txControl, out, abi.cmsgLen(LinuxAbi.IN6_PKTINFO_BYTES));
            txControl.set(ValueLayout.JAVA_INT_UNALIGNED, out + cmsgLevelOff, LinuxAbi.SOL_IPV6);
            txControl.set(ValueLayout.JAVA_INT_UNALIGNED, out + cmsgTypeOff, LinuxAbi.IPV6_PKTINFO);
            MemorySegment.copy(controls, data, txControl, out + cmsgDataOff, LinuxAbi.IN6_PKTINFO_BYTES);
            return abi.cmsgSpace(LinuxAbi.IN6_PKTINFO_BYTES);
        }
        return 0;
    }

    /**
     * Sends replies from..to−1; a datagram the kernel refuses is counted and skipped. Returns the failures.
     * When {@code stamped} (some datagrams asked for their transmit timestamp: every one when {@code all}, else
     * those in interleaved exchanges), each of those takes the kernel's next OPT_ID key: the key ring remembers
     * which reply it was.
     */
    private long sendAll(int from, int to, boolean stamped, boolean all, long sendStart) {
        int sent = from;
        long failures = 0;
        while (sent < to) {
            int rc = Libc.sendmmsg(errno, socket.fd(), txSlices[sent], to - sent, 0);
            if (rc > 0) {
                if (stamped) {
                    assignKeys(sent, sent + rc, all, sendStart);
                }
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

    private void assignKeys(int from, int to, boolean all, long sendStart) {
        for (int j = from; j < to; j++) {
            if (!all && slotExchange[j] == 0) {
                continue; // sent without a timestamp request: the kernel gave it no key
            }
            int idx = (int) (sampledKeys++ & (KEY_RING - 1));
            if (keySendStart[idx] != 0 && keyStamp[idx] == 0) {
                own.transmitStampsMissed++;
            }
            keySendStart[idx] = sendStart;
            keyStamp[idx] = 0;
            long exchange = interleave ? slotExchange[j] : 0;
            keyExchange[idx] = exchange;
            if (exchange != 0) {
                core.sent(slotClient[j], exchange);
            }
        }
    }

    /**
     * Reads the kernel's transmit timestamps waiting on the error queue (never blocks; a stamp not there yet is
     * read after a later send), files each under its OPT_ID key and, in interleaved mode, hands it to the core
     * for the exchange its reply belongs to.
     */
    private void drainTransmitStamps() {
        for (int round = 0; round < 4; round++) {
            for (int j = 0; j < batch; j++) {
                abi.putWord(errVec, mmsgSize * j + controlLenOff, ERR_CONTROL_BYTES);
            }
            int got = Libc.recvmmsg(errno, socket.fd(), errVec, batch, LinuxAbi.MSG_ERRQUEUE | LinuxAbi.MSG_DONTWAIT);
            if (got <= 0) {
                return;
            }
            for (int j = 0; j < got; j++) {
                fileTransmitStamp(j);
            }
            if (got < batch) {
                return;
            }
        }
    }

    private void fileTransmitStamp(int j) {
        long controlLen = abi.getWord(errVec, mmsgSize * j + controlLenOff);
        long base = (long) ERR_CONTROL_BYTES * j;
        long stamp = 0;
        boolean hardware = false;
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
                // struct scm_timestamping: ts[0] software, ts[1] unused, ts[2] raw hardware (the NIC's clock)
                stamp = errControls.get(ValueLayout.JAVA_LONG_UNALIGNED, data) * 1_000_000_000L
                        + errControls.get(ValueLayout.JAVA_LONG_UNALIGNED, data + 8);
                hardware = errControls.get(ValueLayout.JAVA_LONG_UNALIGNED, data + 32) != 0
                        || errControls.get(ValueLayout.JAVA_LONG_UNALIGNED, data + 40) != 0;
            } else if ((level == LinuxAbi.SOL_IP && type == LinuxAbi.IP_RECVERR)
                    || (level == LinuxAbi.SOL_IPV6 && type == LinuxAbi.IPV6_RECVERR)) {
                key = Integer.toUnsignedLong(errControls.get(ValueLayout.JAVA_INT_UNALIGNED,
                        data + LinuxAbi.SOCK_EE_DATA_OFFSET));
            }
            at += abi.cmsgAlign(len);
        }
        if (hardware) {
            own.hardwareStamps++; // not used yet: a PHC reading needs its own mapping to CLOCK_REALTIME
        }
        if (stamp == 0 || key < 0) {
            return;
        }
        // the kernel's key is 32 bits: how far behind the newest key we gave out
        long back = (sampledKeys - 1 - key) & 0xFFFF_FFFFL;
        if (back >= KEY_RING || back >= sampledKeys) {
            own.transmitStampsUnmatched++;
            return;
        }
        long full = sampledKeys - 1 - back;
        int idx = (int) (full & (KEY_RING - 1));
        if (keyStamp[idx] != 0) {
            own.transmitStampsUnmatched++;
            return;
        }
        keyStamp[idx] = stamp;
        own.departuresSampled++;
        if (full < flushFirstKey) {
            own.transmitStampsLate++;
        }
        long exchange = keyExchange[idx];
        if (exchange != 0) {
            core.departed(exchange, stamp);
            own.transmitStampsMatched++;
        }
    }

    /**
     * Teaches the schedule each position's departure from the kernel's transmit timestamps of the call just
     * sent ({@code sent} datagrams, keys {@code firstKey ..}).
     */
    private void learnDepartures(long sendStart, long firstKey, int sent) {
        // position 0: from the call's start (for the log); the others: from datagram 0's departure in the
        // same call, which is what a prediction adds to the reading taken before the call
        long first = keyStamp[(int) (firstKey & (KEY_RING - 1))];
        if (first != 0) {
            schedule.observeDeparture(0, first - sendStart);
        }
        for (int i = 1; i < sent && first != 0; i++) {
            long d = keyStamp[(int) ((firstKey + i) & (KEY_RING - 1))];
            if (d != 0) {
                schedule.observeDeparture(i, d - first);
            }
        }
    }

    /** The SO_TIMESTAMPNS control message of slot {@code i}, in CLOCK_REALTIME nanoseconds; 0 when absent. */
    private long kernelTimestamp(int i) {
        long data = findControl(i, LinuxAbi.SOL_SOCKET, abi.timestampCmsgType(), LinuxAbi.TIMESTAMP_PAYLOAD_BYTES);
        if (data < 0) {
            return 0;
        }
        long sec = controls.get(ValueLayout.JAVA_LONG_UNALIGNED, data);
        long nsec = controls.get(ValueLayout.JAVA_LONG_UNALIGNED, data + 8);
        return sec * 1_000_000_000L + nsec;
    }

    /**
     * Where, in {@code controls}, the data of request slot {@code i}'s control message of this level and type
     * starts (at least {@code minDataBytes} long); −1 when it has none, or when the control messages are malformed
     * before it (a length shorter than a header or past the end).
     */
    private long findControl(int i, int level, int type, int minDataBytes) {
        long controlLen = abi.getWord(rxVec, mmsgSize * i + controlLenOff);
        long base = (long) CONTROL_BYTES * i;
        long at = 0;
        while (at + cmsgHeaderBytes <= controlLen) {
            long cmsgLen = abi.getWord(controls, base + at);
            if (cmsgLen < cmsgHeaderBytes || at + cmsgLen > controlLen) {
                return -1;
            }
            if (controls.get(ValueLayout.JAVA_INT_UNALIGNED, base + at + cmsgLevelOff) == level
                    && controls.get(ValueLayout.JAVA_INT_UNALIGNED, base + at + cmsgTypeOff) == type
                    && cmsgLen >= cmsgDataOff + minDataBytes) {
                return base + at + cmsgDataOff;
            }
            at += abi.cmsgAlign(cmsgLen);
        }
        return -1;
    }

    /** What this loop counts beyond {@link UdpCounters}; written by the loop thread only, read racily. */
    static final class LoopCounters {
        long truncated;
        long userspaceStamps;
        long handlerFailuresLogged;
        long departuresSampled;
        long transmitStampsMatched;
        long transmitStampsMissed;
        long transmitStampsLate;
        long transmitStampsUnmatched;
        long hardwareStamps;
    }
}
