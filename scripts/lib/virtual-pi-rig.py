#!/usr/bin/env python3
"""The virtual Pi's GPS, on the host: a pulser and an NMEA feeder phase-locked to the host's UTC seconds.

At each whole second S of the host's CLOCK_REALTIME the pulser sends QMP `system_powerdown`, which makes QEMU
raise PL061 line 3 for ~100 ms: the guest's pps-gpio (/dev/pps0) or a GPIO line request sees a rising edge.
About 100 ms later the feeder writes S's $GPRMC and $GPGGA into the pty behind the guest's /dev/ttyAMA0 (a u-blox
at 9600 baud talks about the second just marked) - only while some guest process has the port open
(RUN/tty-open = 1, published by the guest), so no backlog of stale sentences waits in the pty.

Control files in RUN/rig (created/removed by scripts/virtual-pi): pps-off (no pulses: PPS lost),
serial-off (the pty closed: the receiver unplugged). Log: one line per second to RUN/rig.log.

usage: virtual-pi-rig.py RUN_DIR QMP_SOCKET PTY_PATH
"""
import json
import os
import socket
import sys
import time


def nmea(body):
    c = 0
    for ch in body.encode():
        c ^= ch
    return "$%s*%02X\r\n" % (body, c)


def sentences(second):
    t = time.gmtime(second)
    hms = time.strftime("%H%M%S.00", t)
    dmy = time.strftime("%d%m%y", t)
    rmc = nmea("GPRMC,%s,A,5130.0000,N,00007.0000,W,0.0,0.0,%s,,,A" % (hms, dmy))
    gga = nmea("GPGGA,%s,5130.0000,N,00007.0000,W,1,09,0.9,45.0,M,47.0,M,," % hms)
    return (rmc + gga).encode()


class Qmp:
    def __init__(self, path):
        self.s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        for _ in range(100):
            try:
                self.s.connect(path)
                break
            except OSError:
                time.sleep(0.1)
        self.f = self.s.makefile("rwb", buffering=0)
        self.f.readline()  # greeting
        self.call("qmp_capabilities")

    def call(self, cmd):
        self.f.write((json.dumps({"execute": cmd}) + "\n").encode())
        while True:
            line = self.f.readline()
            if not line:
                raise EOFError("QMP closed")
            msg = json.loads(line)
            if "return" in msg or "error" in msg:
                return msg
            # events (POWERDOWN) are skipped


BAUD = 9600
CHUNK = 4  # bytes per write: a UART delivers bytes spread over their wire time, not all at once


def paced_write(fd, data, start):
    """Writes data as a 9600-baud UART would deliver it (10 bits a byte, from start): QEMU's PL011 hands the guest
    whatever the pty holds at once, and Gnomon subtracts the wire time of a ttyAMA chunk, so unpaced bytes would
    look older than they are (the NMEA delay came out 964 ms: the second was ambiguous)."""
    wrote = 0
    for i in range(0, len(data), CHUNK):
        due = start + (i + CHUNK) * 10.0 / BAUD
        delay = due - time.time()
        if delay > 0:
            time.sleep(delay)
        try:
            wrote += os.write(fd, data[i:i + CHUNK])
        except BlockingIOError:
            return -1
    return wrote


def main():
    run, qmp_path, pty = sys.argv[1:4]
    ctl = os.path.join(run, "rig")
    os.makedirs(ctl, exist_ok=True)
    try:
        # the pulse is the rig's timing: a real-time priority keeps other processes from delaying it (root only)
        os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(10))
    except (PermissionError, AttributeError, OSError):
        pass
    qmp = Qmp(qmp_path)
    log = open(os.path.join(run, "rig.log"), "a", buffering=1)
    fd = None
    while True:
        now = time.time()
        second = int(now) + 1
        time.sleep(max(0.0, second - time.time() - 0.002))
        while time.time() < second:
            pass
        pulsed = "-"
        if not os.path.exists(os.path.join(ctl, "pps-off")):
            t0 = time.time()
            try:
                qmp.call("system_powerdown")
            except (OSError, EOFError):
                return
            pulsed = "%.3f/%.3f" % ((t0 - second) * 1e3, (time.time() - second) * 1e3)
        serial_off = os.path.exists(os.path.join(ctl, "serial-off"))
        if serial_off and fd is not None:
            os.close(fd)
            fd = None
        try:
            port_open = open(os.path.join(run, "tty-open")).read().strip() == "1"
        except OSError:
            port_open = False
        wrote = 0
        if port_open and not serial_off:
            if fd is None:
                fd = os.open(pty, os.O_RDWR | os.O_NOCTTY | os.O_NONBLOCK)
                import termios, tty
                tty.setraw(fd)
            time.sleep(max(0.0, second + 0.1 - time.time()))
            wrote = paced_write(fd, sentences(second), second + 0.1)
        log.write("%d pulse_ms=%s nmea_bytes=%d port_open=%d\n" % (second, pulsed, wrote, port_open))


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
