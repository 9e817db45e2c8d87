package io.gnomon.adapter.pps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PpsDeviceNameTest {

    @Test
    void namesMapToTheirKindOfSource(@TempDir Path dir) {
        assertEquals(new PpsDeviceName.Kernel(Path.of("/dev/pps0")), PpsDeviceName.parse("/dev/pps0"));
        assertEquals(new PpsDeviceName.Sysfs(Path.of("/sys/class/pps/pps1")), PpsDeviceName.parse("/sys/class/pps/pps1"));
        assertEquals(new PpsDeviceName.Sysfs(Path.of("/sys/class/pps/pps1")),
                PpsDeviceName.parse("/sys/class/pps/pps1/assert"));
        assertEquals(new PpsDeviceName.Sysfs(dir), PpsDeviceName.parse(dir.toString()));
        assertEquals(new PpsDeviceName.Gpio("gpiochip0", 4), PpsDeviceName.parse("gpiochip0:4"));
        assertEquals(new PpsDeviceName.Gpio("gpiochip4", 18), PpsDeviceName.parse("/dev/gpiochip4:18"));
        assertInstanceOf(PpsDeviceName.Invalid.class, PpsDeviceName.parse("pps0"));
        assertInstanceOf(PpsDeviceName.Invalid.class, PpsDeviceName.parse("gpiochip0:x"));
    }
}
