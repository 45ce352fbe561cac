package org.gongkai.schemas;

/**
 * The rule every id of an event obeys ({@code eventId} and the business ids: requestId, caseId,
 * projectId, documentId, itemId, decisionId, feeId), whichever way the event arrives: in a
 * publisher's event lines or straight on a Kafka topic. An id is 1 to {@value #MAX_LENGTH}
 * characters (code points) without control characters, unpaired surrogates, or leading or
 * trailing whitespace (which would make {@code "A-1"} and {@code "A-1 "} two ids).
 */
public final class Ids {
  public static final int MAX_LENGTH = 200;

  private Ids() {}

  /** What is wrong with the id, as a phrase that follows it ("is empty"), or null when it is fine. */
  public static String problem(CharSequence id) {
    String value = id.toString();
    if (value.isEmpty()) {
      return "is empty";
    }
    if (value.length() > 2 * MAX_LENGTH || value.codePointCount(0, value.length()) > MAX_LENGTH) {
      return "is longer than " + MAX_LENGTH + " characters";
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)) {
        return "contains a control character";
      }
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "contains an unpaired surrogate";
      }
    }
    if (Character.isWhitespace(value.codePointAt(0)) || Character.isWhitespace(value.codePointBefore(value.length()))) {
      return "has leading or trailing whitespace";
    }
    return null;
  }
}
