package dev.sotto.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoreDumpsTest {

    /**
     * The kernel's own view, not our wrapper's: after disable(), /proc/self/limits (proc(5)) shows a
     * core file size of 0 for both the soft and the hard limit.
     */
    @Test
    void disableSetsBothCoreLimitsToZeroAsTheKernelReportsThem() throws IOException {
        assertTrue(CoreDumps.disable(), "setrlimit(RLIMIT_CORE, 0) should succeed on Linux");
        List<String> limits = Files.readAllLines(Path.of("/proc/self/limits"));
        String core = limits.stream().filter(l -> l.startsWith("Max core file size")).findFirst().orElseThrow();
        String[] fields = core.substring("Max core file size".length()).trim().split("\\s+");
        assertEquals("0", fields[0], "soft limit in: " + core);
        assertEquals("0", fields[1], "hard limit in: " + core);
        assertEquals(0L, CoreDumps.softLimit());
    }
}
