package dev.sotto.vectors;

import picocli.CommandLine.IVersionProvider;

/**
 * {@code sotto-vectors --version}: the Implementation-Version of the shaded jar's manifest, or "dev"
 * when running from a class directory.
 */
public final class VectorsVersion implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = VectorsVersion.class.getPackage().getImplementationVersion();
    return new String[] {"sotto-vectors " + (version == null || version.isBlank() ? "dev" : version)};
  }
}
