package org.gongkai.api;

import java.util.Optional;
import org.gongkai.streams.registry.DivisionRegistry;
import org.gongkai.streams.report.Place;

/** Names and parents of towns and regions, from the division registry. */
public final class Places {
  private final DivisionRegistry registry;

  public Places(DivisionRegistry registry) {
    this.registry = registry;
  }

  public boolean isTown(String code) {
    return registry.town(code).isPresent();
  }

  public Optional<Place> town(String code) {
    return registry.town(code).map(t -> new Place(t.town().code(), t.town().name(), Place.TOWN,
        named(t.county()), named(t.city()), named(t.province())));
  }

  /** A county (6 digits), city (4, or 6 zero-padded) or province (2, or 6 zero-padded), by its canonical code. */
  public Optional<Place> region(String code) {
    return registry.region(code).map(region -> {
      String canonical = region.code();
      return switch (canonical.length()) {
        case 6 -> new Place(canonical, region.name(), Place.COUNTY, null,
            parent(canonical, 4), parent(canonical, 2));
        case 4 -> new Place(canonical, region.name(), Place.CITY, null, null, parent(canonical, 2));
        default -> new Place(canonical, region.name(), Place.PROVINCE, null, null, null);
      };
    });
  }

  private Place.Named parent(String code, int digits) {
    return registry.region(code.substring(0, digits)).map(Places::named).orElse(null);
  }

  private static Place.Named named(DivisionRegistry.Division division) {
    return new Place.Named(division.code(), division.name());
  }
}
