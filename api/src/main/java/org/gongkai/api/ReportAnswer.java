package org.gongkai.api;

import io.javalin.http.Context;

/** A report as it goes out: its bytes in one format and their Content-Type. Never changed once made. */
record ReportAnswer(byte[] body, String contentType) {

  void send(Context ctx) {
    ctx.contentType(contentType).result(body);
  }
}
