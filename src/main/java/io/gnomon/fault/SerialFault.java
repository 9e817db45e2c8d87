package io.gnomon.fault;

/** What a drill does to the bytes between the serial link and the NMEA pipeline. */
public sealed interface SerialFault {
    /** Bytes pass untouched. */
    record Pass() implements SerialFault {}

    /** No bytes at all: the cable is out, or the receiver is restarting. */
    record Silence() implements SerialFault {}

    /** The receiver now sends at {@code senderBaud} while the port still reads at {@code readerBaud}. */
    record WrongBaud(int senderBaud, int readerBaud) implements SerialFault {
        public WrongBaud {
            if (senderBaud <= 0 || readerBaud <= 0) {
                throw new IllegalArgumentException("baud rates must be positive");
            }
        }
    }

    SerialFault PASS = new Pass();
    SerialFault SILENCE = new Silence();

    default String describe() {
        return switch (this) {
            case Pass p -> "serial bytes pass";
            case Silence s -> "serial line silent";
            case WrongBaud w -> "receiver sends at " + w.senderBaud() + " baud, port reads at " + w.readerBaud();
        };
    }
}
