package org.gongkai.schemas;

/**
 * Avro 1.12.2 instantiates specific classes only from trusted packages. Ours are
 * {@code org.gongkai.events} and {@code org.gongkai.state}; this adds them to whatever the
 * operator already trusts, before Avro reads the property.
 */
public final class TrustedPackages {
  public static final String PROPERTY = "org.apache.avro.SERIALIZABLE_PACKAGES";
  public static final String OURS = "org.gongkai.events,org.gongkai.state";

  private TrustedPackages() {}

  public static synchronized void install() {
    String current = System.getProperty(PROPERTY);
    if (current == null || current.isBlank()) {
      System.setProperty(PROPERTY, OURS);
    } else if (!current.contains("org.gongkai.events")) {
      System.setProperty(PROPERTY, current + "," + OURS);
    }
  }
}
