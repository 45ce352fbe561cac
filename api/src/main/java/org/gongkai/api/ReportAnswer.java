package org.gongkai.api;

import io.javalin.http.Context;

/**
 * A report as it goes out: its bytes in one format, their Content-Type, and for a download
 * (CSV) its Content-Disposition, else null. Never changed once made.
 */
record ReportAnswer(byte[] body, String contentType, String disposition) {

  ReportAnswer(byte[] body, String contentType) {
    this(body, contentType, null);
  }

  void send(Context ctx) {
    if (disposition != null) {
      ctx.header("Content-Disposition", disposition);
    }
    ctx.contentType(contentType).result(body);
  }
}
