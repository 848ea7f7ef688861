import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

/**
 * Runs one Jazzer {@code @FuzzTest} method in this JVM through the JUnit Platform launcher.
 * fuzz-bursts.sh starts it as a single-file program ({@code java -cp TEST_CLASSPATH FuzzBurst.java
 * CLASS METHOD}) with {@code JAZZER_FUZZ=1}: one JVM per target (Jazzer fuzzes one target per JVM),
 * but no Maven start-up per target, which kept the bursts over the CI budget (DESIGN.md: fuzz ≤ 5 min).
 * Exit 0 only when exactly the selected test ran and nothing failed.
 */
public final class FuzzBurst {
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: FuzzBurst CLASS METHOD");
            System.exit(2);
        }
        Class<?> testClass = Class.forName(args[0]);
        Method method = Arrays.stream(testClass.getDeclaredMethods())
                .filter(m -> m.getName().equals(args[1]))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no method " + args[1] + " in " + args[0]));
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectMethod(testClass, method))
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();
        summary.printTo(new java.io.PrintWriter(System.out, true));
        summary.printFailuresTo(new java.io.PrintWriter(System.out, true), 40);
        boolean ok = summary.getTestsFoundCount() > 0 && summary.getTotalFailureCount() == 0
                && summary.getTestsSucceededCount() > 0;
        System.exit(ok ? 0 : 1);
    }
}
