package org.gongkai.api.dashboard;

import org.gongkai.streams.report.Place;

/** A town or region as the dashboard names it: code, name and level. */
public record Node(String code, String name, String level) {
  static Node of(Place place) {
    return new Node(place.code(), place.name(), place.level());
  }
}
