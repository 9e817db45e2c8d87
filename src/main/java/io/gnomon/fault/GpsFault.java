package io.gnomon.fault;

/** Something wrong with the simulated receiver during a stretch of seconds. */
public enum GpsFault {
    /** Sentences keep coming with status V / fix quality 0. */
    FIX_LOSS,
    /** Cold start: the receiver prints 1980-01-06 dates (with a valid flag, the worst case). */
    COLD_START_1980,
    /** Week-number rollover: dates 1024 weeks in the past, with a valid flag. */
    WEEK_ROLLOVER,
    /** Line noise: random bytes and a sentence with a broken checksum. */
    GARBAGE,
    /** Serial cable out: no bytes at all. */
    UNPLUGGED,
    /** Just after a receiver restart: only its start-up text banners (TXT), no time sentences. */
    RESET_BANNER,
    /** A receiver starting cold: sentences with status V / fix quality 0 and its default date 1980-01-06. */
    COLD_START_NO_FIX
}
