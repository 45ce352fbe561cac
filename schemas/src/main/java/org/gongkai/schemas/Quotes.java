package org.gongkai.schemas;

import java.util.Locale;

/**
 * A value as error messages show it, wherever the value came from (a publisher's event line or a
 * record on a Kafka topic): in double quotes, with quotes and backslashes escaped, control
 * characters and lone surrogates as {@code \\uXXXX}, and at most {@value #LIMIT} characters
 * (code points) shown, then "…". A huge or hostile value never makes a huge or garbled message.
 */
public final class Quotes {
  /** Characters of a value shown at most. */
  public static final int LIMIT = 60;

  private Quotes() {}

  /** The value quoted; {@code null} (no value at all, e.g. a record without a key) as {@code null}. */
  public static String quote(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder quoted = new StringBuilder("\"");
    int shown = 0;
    for (int i = 0; i < value.length(); ) {
      if (shown == LIMIT) {
        quoted.append('…');
        break;
      }
      int c = value.codePointAt(i);
      i += Character.charCount(c);
      shown++;
      if (c == '"' || c == '\\') {
        quoted.append('\\').appendCodePoint(c);
      } else if (Character.isISOControl(c) || (c <= 0xFFFF && Character.isSurrogate((char) c))) {
        quoted.append(String.format(Locale.ROOT, "\\u%04x", c));
      } else {
        quoted.appendCodePoint(c);
      }
    }
    return quoted.append('"').toString();
  }
}
