package io.gnomon.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unit grants exactly what the issue allows, with systemd's own merge rules applied: its own user, only
 * CAP_NET_BIND_SERVICE (plus CAP_SYS_TIME only through the kernel-discipline drop-in, which changes nothing else),
 * no way back to more privilege. SystemdUnitTest checks that the lines are there and that systemd accepts them;
 * this checks what they add up to.
 */
class LeastPrivilegeUnitTest {

    @Test
    void theServiceGetsOnlyNetBindServiceAsItsOwnUser() throws Exception {
        UnitCapabilities unit = UnitCapabilities.read(UnitCapabilities.UNIT);
        assertEquals(Set.of("CAP_NET_BIND_SERVICE"), unit.capabilities("CapabilityBoundingSet"));
        assertEquals(Set.of("CAP_NET_BIND_SERVICE"), unit.capabilities("AmbientCapabilities"));
        assertOwnUserAndNoWayBack(unit);
    }

    @Test
    void theKernelDisciplineDropInAddsCapSysTimeAndNothingElse() throws Exception {
        UnitCapabilities plain = UnitCapabilities.read(UnitCapabilities.UNIT);
        UnitCapabilities withDropIn = UnitCapabilities.read(UnitCapabilities.UNIT, UnitCapabilities.KERNEL_DISCIPLINE);
        assertEquals(Set.of("CAP_NET_BIND_SERVICE", "CAP_SYS_TIME"), withDropIn.capabilities("CapabilityBoundingSet"));
        assertEquals(Set.of("CAP_NET_BIND_SERVICE", "CAP_SYS_TIME"), withDropIn.capabilities("AmbientCapabilities"));
        assertOwnUserAndNoWayBack(withDropIn);

        UnitCapabilities dropInAlone = UnitCapabilities.read(UnitCapabilities.KERNEL_DISCIPLINE);
        assertEquals(Set.of("CapabilityBoundingSet", "AmbientCapabilities"), dropInAlone.service().keySet(),
                "the drop-in touches capabilities only");
        for (String key : plain.service().keySet()) {
            if (!key.endsWith("Capabilities") && !key.equals("CapabilityBoundingSet")) {
                assertEquals(plain.all(key), withDropIn.all(key), key);
            }
        }
        String text = Files.readString(UnitCapabilities.KERNEL_DISCIPLINE);
        assertTrue(text.contains("clock-discipline kernel"), "the drop-in says what it is for");
    }

    @Test
    void anEmptyAssignmentOrAnInvertedListWouldBeSeen(@TempDir Path dir) throws Exception {
        // the merge rules are what make the other tests meaningful: check them on hostile drop-ins
        Path reset = dir.resolve("reset.conf");
        Files.writeString(reset, "[Service]\nCapabilityBoundingSet=\nCapabilityBoundingSet=CAP_SYS_ADMIN\n");
        assertEquals(Set.of("CAP_SYS_ADMIN"),
                UnitCapabilities.read(UnitCapabilities.UNIT, reset).capabilities("CapabilityBoundingSet"));
        Path inverted = dir.resolve("inverted.conf");
        Files.writeString(inverted, "[Service]\nCapabilityBoundingSet=~CAP_SYS_TIME\n");
        UnitCapabilities u = UnitCapabilities.read(UnitCapabilities.UNIT, inverted);
        assertTrue(assertThrows(AssertionError.class, () -> u.capabilities("CapabilityBoundingSet"))
                .getMessage().contains("inverted"));
    }

    private static void assertOwnUserAndNoWayBack(UnitCapabilities unit) {
        String user = unit.last("User");
        assertNotNull(user, "User= is set");
        for (String privileged : List.of("root", "0", "nobody", "65534")) {
            assertNotEquals(privileged, user, "a user of its own, not " + privileged);
        }
        assertEquals("gnomon", user);
        assertEquals("gnomon", unit.last("Group"));
        assertNull(unit.last("DynamicUser"), "the package creates the user (state directory ownership)");
        assertEquals("yes", unit.last("NoNewPrivileges"));
        assertEquals("yes", unit.last("RestrictSUIDSGID"));
        assertNull(unit.last("SupplementaryGroups"), "no extra groups (device access comes from dialout/gpio/udev)");
        assertNull(unit.last("SecureBits"), "no keep-caps or similar");
        assertNull(unit.last("PermissionsStartOnly"));
        for (String key : unit.service().keySet()) {
            if (key.startsWith("Exec")) {
                for (String command : unit.all(key)) {
                    // "+" runs with full privileges, "!"/"!!" ignore User= and the capability settings
                    assertFalse(command.startsWith("+") || command.startsWith("!") || command.matches("^[@:-]*[+!].*"),
                            key + " runs privileged: " + command);
                }
            }
        }
    }
}
