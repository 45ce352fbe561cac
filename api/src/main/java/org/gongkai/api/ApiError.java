package org.gongkai.api;

/** An HTTP error with a message a person understands; rendered as a JSON body. */
public final class ApiError extends RuntimeException {
  private final int status;
  private final Integer retryAfterSeconds;

  private ApiError(int status, String message, Integer retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static ApiError badRequest(String message) {
    return new ApiError(400, message, null);
  }

  public static ApiError notFound(String message) {
    return new ApiError(404, message, null);
  }

  public static ApiError notAcceptable(String message) {
    return new ApiError(406, message, null);
  }

  public static ApiError unavailable(String message, int retryAfterSeconds) {
    return new ApiError(503, message, retryAfterSeconds);
  }

  public int status() {
    return status;
  }

  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** The JSON body of an error. */
  public record Body(int status, String error, String message) {}
}
