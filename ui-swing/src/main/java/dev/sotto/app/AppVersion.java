package dev.sotto.app;

import picocli.CommandLine.IVersionProvider;

/**
 * {@code sotto --version}: the Implementation-Version the build writes into the shaded jar's
 * manifest, or "dev" when running from a class directory (IDE, unit tests), which has no manifest.
 */
public final class AppVersion implements IVersionProvider {

  @Override
  public String[] getVersion() {
    return new String[] {"sotto " + version()};
  }

  /** The version alone, for callers that print it elsewhere (about box, logs). */
  public static String version() {
    String version = AppVersion.class.getPackage().getImplementationVersion();
    return version == null || version.isBlank() ? "dev" : version;
  }
}
