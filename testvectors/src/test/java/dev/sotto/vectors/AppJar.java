package dev.sotto.vectors;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shaded launcher jar ({@code ui-swing/target/sotto.jar}) that surefire names in {@code sotto.app.jar}. */
final class AppJar {

  static final String PROPERTY = "sotto.app.jar";

  private AppJar() {}

  /** The jar, or a test failure that says how to get it (never a skip: these tests guard privacy). */
  static Path path() {
    String value = System.getProperty(PROPERTY);
    if (value == null || value.isBlank()) {
      fail("system property %s is not set; run through Maven (testvectors surefire sets it)", PROPERTY);
    }
    Path jar = Path.of(value);
    if (!Files.isRegularFile(jar)) {
      fail("%s=%s does not exist; build the launcher first: mvn -pl ui-swing,testvectors -am verify",
          PROPERTY, jar);
    }
    return jar;
  }
}
