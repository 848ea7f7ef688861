package dev.sotto.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Proves that Chronicle's usage analytics are not shipped and not on the class path (DESIGN.md:
 * the analytics artifact is excluded and banned; {@code main} also sets the kill switch).
 *
 * <p>chronicle-core only reaches analytics through reflection
 * ({@code net.openhft.chronicle.core.internal.analytics.ReflectionUtil} looks up
 * {@code net.openhft.chronicle.analytics.Analytics}): with that package absent, it falls back to a
 * mute implementation. Each check has a positive control, so it can only pass because the scan
 * worked.
 */
class NoTelemetryTest {

  /** The package of the chronicle-analytics artifact. */
  private static final String ANALYTICS_PACKAGE = "net/openhft/chronicle/analytics/";

  private static final String ANALYTICS_ARTIFACT = "chronicle-analytics";

  @Test
  void appJarHasNoAnalyticsButDoesHaveChronicleQueue() throws IOException {
    Path jar = AppJar.path();
    try (JarFile jarFile = new JarFile(jar.toFile())) {
      List<String> names = jarFile.stream().map(JarEntry::getName).toList();

      // Positive control: the scan sees the shaded Chronicle classes and their Maven metadata.
      assertThat(names)
          .as("%s must contain chronicle-queue, else this scan proves nothing", jar)
          .contains(
              "net/openhft/chronicle/queue/ChronicleQueue.class",
              "META-INF/maven/net.openhft/chronicle-queue/pom.properties");

      assertThat(names)
          .as("entries of %s under %s", jar, ANALYTICS_PACKAGE)
          .noneMatch(name -> name.startsWith(ANALYTICS_PACKAGE));
      assertThat(names)
          .as("entries of %s naming %s (e.g. META-INF/maven/...)", jar, ANALYTICS_ARTIFACT)
          .noneMatch(name -> name.contains(ANALYTICS_ARTIFACT));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // What chronicle-core's reflective bridge loads (ReflectionUtil, ReflectiveBuilder).
        "net.openhft.chronicle.analytics.Analytics",
        "net.openhft.chronicle.analytics.Analytics$Builder"
      })
  void analyticsClassesAreNotOnTheTestClassPath(String className) {
    ClassLoader loader = NoTelemetryTest.class.getClassLoader();
    assertThatThrownBy(() -> Class.forName(className, false, loader))
        .isInstanceOf(ClassNotFoundException.class);
    assertThat(loader.getResource(className.replace('.', '/') + ".class")).isNull();
  }

  @Test
  void chronicleCoreIsOnTheTestClassPath() throws ClassNotFoundException {
    // Positive control for the lookups above: the same loader does see Chronicle itself.
    ClassLoader loader = NoTelemetryTest.class.getClassLoader();
    assertThat(Class.forName("net.openhft.chronicle.queue.ChronicleQueue", false, loader)).isNotNull();
    assertThat(loader.getResource("net/openhft/chronicle/core/analytics/AnalyticsFacade.class"))
        .isNotNull();
  }

  @Test
  void noAnalyticsJarOnTheTestClassPath() {
    // Surefire runs tests from a manifest-only jar; the real class path is in this property.
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> fileNames =
        Arrays.stream(classPath.split(File.pathSeparator))
            .filter(entry -> !entry.isBlank())
            .map(entry -> Path.of(entry).getFileName().toString())
            .toList();

    assertThat(fileNames)
        .as("class path must list chronicle-queue, else this scan proves nothing")
        .anyMatch(name -> name.startsWith("chronicle-queue"));
    assertThat(fileNames).noneMatch(name -> name.contains(ANALYTICS_ARTIFACT));
  }

  @Test
  void appJarManifestOpensWhatChronicleNeeds() throws IOException {
    // DESIGN.md, Launcher: with these, plain `java -jar sotto.jar` runs Chronicle on JDK 17.
    try (JarFile jarFile = new JarFile(AppJar.path().toFile())) {
      Manifest manifest = jarFile.getManifest();
      assertThat(manifest).isNotNull();
      Attributes main = manifest.getMainAttributes();
      assertThat(main.getValue("Main-Class")).isEqualTo("dev.sotto.app.Main");
      assertThat(tokens(main.getValue("Add-Opens"))).contains("java.base/java.lang.reflect");
      assertThat(tokens(main.getValue("Add-Exports")))
          .contains("java.base/sun.nio.ch", "java.base/jdk.internal.ref", "java.base/jdk.internal.util");
      assertThat(main.getValue("Multi-Release")).isEqualTo("true");
    }
  }

  private static List<String> tokens(String value) {
    assertThat(value).isNotNull();
    return Arrays.asList(value.trim().split("\\s+"));
  }
}
