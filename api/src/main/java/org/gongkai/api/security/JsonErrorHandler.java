package org.gongkai.api.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers, for requests it refuses before they reach a route (a URI that is not
 * valid UTF-8 or percent-encoding, a NUL in the path, a URI or headers beyond its limits): the
 * same JSON body as every other error of the API instead of Jetty's HTML page, for every method,
 * and never a stack trace or an exception's name.
 */
public final class JsonErrorHandler extends ErrorHandler {
  private static final ObjectMapper JSON = new ObjectMapper();

  public JsonErrorHandler() {
    setShowStacks(false);
    setShowCauses(false);
  }

  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
      Callback callback) {
    String reason = cause instanceof HttpException http && http.getReason() != null ? http.getReason() : message;
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
    response.write(true, ByteBuffer.wrap(body(code, reason, path)), callback);
  }

  static byte[] body(int code, String reason, String path) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", code);
    body.put("error", HttpStatus.getMessage(code));
    body.put("message", code == 404 && path != null ? "no such route: " + shorten(path) : explain(code, reason));
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      return ("{\"status\":" + code + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private static String shorten(String raw) {
    String cleaned = raw.replaceAll("\\p{Cntrl}", "?");
    return cleaned.length() <= 80 ? cleaned : cleaned.substring(0, 80) + "…";
  }

  /** What was wrong with the request, in words; Jetty's reason only when it is one. */
  static String explain(int code, String reason) {
    return switch (code) {
      case 414 -> "the URL is longer than this server accepts (8 KiB); codes and years are short";
      case 431 -> "the request headers are larger than this server accepts (8 KiB)";
      case 413 -> "the request body is larger than this server accepts";
      case 404 -> "no such route";
      default -> {
        boolean plain = reason != null && !reason.isBlank() && !reason.contains("Exception")
            && !reason.contains(" at ") && reason.length() <= 200;
        String what = plain ? reason : HttpStatus.getMessage(code);
        yield code == 400
            ? "the request could not be read (" + what.toLowerCase(Locale.ROOT)
                + "): percent-encode the URL as UTF-8 and do not use control characters"
            : what;
      }
    };
  }
}
