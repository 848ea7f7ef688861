package dev.sotto.vectors.bench;

import dev.sotto.persistence.vault.Vault;
import dev.sotto.ui.Session;
import dev.sotto.ui.start.Progress;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * Issue 10's start-up without a window (reported, never asserted): {@link Session#load} on a vault made by
 * {@link DesktopStartupMain}, {@code n} times in this JVM (the first one is what a user's start pays: class
 * loading and a cold JIT; the later ones show the steady cost). Prints the load's phases, wall time and process
 * CPU time per load. For profiling: {@code java -XX:StartFlightRecording=... -cp sotto.jar:test-classes
 * dev.sotto.vectors.bench.StartupPhasesMain target/startup-vault 3}. Arguments: vault, loads, {@code full} or {@code log}
 * (the walk alone), the typing time in ms before the first load (0), during which the start screen's warm-up runs.
 */
public final class StartupPhasesMain {
    private StartupPhasesMain() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("chronicle.analytics.disable", "true");
        Path dir = Path.of(args.length > 0 ? args[0] : "target/startup-vault");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        // "log": only the vault's open walk with a replay consumer that does nothing (the persistence floor)
        boolean logOnly = args.length > 2 && args[2].equals("log");
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Progress quiet = new Progress() {
            @Override
            public void phase(String text) { }

            @Override
            public void step(String text, long done, long total) { }
        };
        // A fourth argument: the typing time in ms (the pause before the first load, as DesktopStartupMain's)
        long typingMillis = args.length > 3 ? Long.parseLong(args[3]) : 0;
        if (!logOnly) {
            Session.warmUpInBackground(); // as the desktop window does when its start screen appears
        }
        Thread.sleep(typingMillis);
        for (int i = 0; i < n; i++) {
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            if (logOnly) {
                long[] count = new long[1];
                Vault v = Vault.open(dir, DesktopStartupMain.passphrase(), r -> count[0]++);
                long t1 = System.nanoTime();
                long cpu = os.getProcessCpuTime() - cpu0;
                System.out.printf("log walk %d: %d ms wall, %d ms process CPU; events %d%n", i + 1, (t1 - t0) / 1_000_000,
                        cpu / 1_000_000, count[0]);
                v.close();
                continue;
            }
            Session s = Session.load(replay -> Vault.open(dir, DesktopStartupMain.passphrase(), replay), quiet);
            long t1 = System.nanoTime();
            long cpu = os.getProcessCpuTime() - cpu0;
            long[] p = s.loadNanos();
            StringBuilder phases = new StringBuilder();
            for (long x : p) {
                phases.append(' ').append(x / 1_000_000);
            }
            System.out.printf("load %d: %d ms wall, %d ms process CPU; phases (ms):%s; events %d; load average %s%n",
                    i + 1, (t1 - t0) / 1_000_000, cpu / 1_000_000, phases, s.replayed(),
                    java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim());
            s.close();
        }
        System.out.println("CPU by thread (ms, all threads of this process, Linux /proc): " + threadCpu());
        System.exit(0);
    }

    /** User+system CPU time per thread name group (JIT compilers, GC workers, the loader, the pool...). */
    static String threadCpu() {
        java.util.Map<String, Long> byName = new java.util.TreeMap<>();
        long tick = 10; // USER_HZ = 100 on Linux
        try (var tasks = java.nio.file.Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = java.nio.file.Files.readString(t.resolve("stat"));
                    String name = java.nio.file.Files.readString(t.resolve("comm")).trim()
                            .replaceAll("[0-9]+$", "#");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ms = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * tick;
                    byName.merge(name, ms, Long::sum);
                } catch (java.io.IOException | RuntimeException e) {
                    // a thread that ended meanwhile
                }
            }
        } catch (java.io.IOException e) {
            return "n/a";
        }
        StringBuilder b = new StringBuilder();
        byName.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> b.append(e.getKey()).append('=').append(e.getValue()).append(' '));
        return b.toString().trim();
    }
}
