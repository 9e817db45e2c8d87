package io.gnomon.discipline;

/** A leap second the kernel is told to apply at the next UTC midnight (STA_INS / STA_DEL), or none. */
public enum KernelLeap {
    NONE,
    INSERT,
    DELETE
}
