package org.gongkai.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.gongkai.api.security.ClusterSecret;

/**
 * Several instances share the work: each store partition is active on one instance. Any
 * instance answers any request by asking the owner, at most one hop away: a request that was
 * already forwarded is never forwarded again (the owner moved: 503, retry).
 */
public final class InstanceRouter {
  public static final String FORWARDED = "X-Gongkai-Forwarded";

  private final KafkaStreams streams;
  private final HostInfo self;
  private final ClusterSecret secret;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  public InstanceRouter(KafkaStreams streams, HostInfo self) {
    this(streams, self, null);
  }

  /**
   * @param secret sent with every forwarded request, so that the owner knows it comes from a peer
   *     (see {@link org.gongkai.api.security.ClientRateLimit}); null when none is configured
   */
  public InstanceRouter(KafkaStreams streams, HostInfo self, ClusterSecret secret) {
    this.streams = streams;
    this.self = self;
    this.secret = secret;
  }

  /** The instance whose active store holds the key, or empty when it is this one. */
  public Optional<HostInfo> remoteOwner(String store, String key) {
    if (alone()) {
      return Optional.empty();
    }
    KeyQueryMetadata owner = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
    if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE) || owner.activeHost() == null
        || owner.activeHost().port() < 0) {
      throw ApiError.unavailable("the owner of " + key + " is not known yet (rebalancing); try again in a moment", 2);
    }
    return owner.activeHost().equals(self) ? Optional.empty() : Optional.of(owner.activeHost());
  }

  /**
   * Whether this instance is the only one with tasks, so it owns every key: then no key needs to be
   * looked up ({@code queryMetadataForKey} hashes the key and searches the assignment, under a
   * lock, per request). The metadata is that of the last rebalance, as for a key's lookup: while
   * another instance joins, a key that just moved fails on the local store (503, retry) either way.
   */
  private boolean alone() {
    Collection<StreamsMetadata> clients = streams.metadataForAllStreamsClients();
    return clients.size() == 1 && clients.iterator().next().hostInfo().equals(self);
  }

  /** The other instances of this application. */
  public List<HostInfo> others() {
    return streams.metadataForAllStreamsClients().stream().map(StreamsMetadata::hostInfo)
        .filter(host -> !host.equals(self)).distinct().toList();
  }

  public static boolean wasForwarded(Context ctx) {
    return ctx.header(FORWARDED) != null;
  }

  /** Answers the request with the owner's answer. */
  public void forward(Context ctx, HostInfo owner) {
    if (wasForwarded(ctx)) {
      throw ApiError.unavailable("this instance no longer owns the data asked for (rebalancing); try again in a moment", 2);
    }
    HttpResponse<byte[]> answer = ask(owner, ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString()),
        ctx.header("Accept"), ctx.header("Authorization"));
    ctx.status(answer.statusCode());
    answer.headers().firstValue("Content-Type").ifPresent(ctx::contentType);
    answer.headers().firstValue("Retry-After").ifPresent(value -> ctx.header("Retry-After", value));
    answer.headers().firstValue("Content-Disposition").ifPresent(value -> ctx.header("Content-Disposition", value));
    ctx.result(answer.body());
  }

  /** Asks another instance, marking the request as forwarded. */
  public HttpResponse<byte[]> ask(HostInfo host, String pathAndQuery, String accept) {
    return ask(host, pathAndQuery, accept, null);
  }

  /** @param authorization the client's credentials, passed on for routes that need them; null: none */
  private HttpResponse<byte[]> ask(HostInfo host, String pathAndQuery, String accept, String authorization) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery))
        .timeout(Duration.ofSeconds(10))
        .header(FORWARDED, self.host() + ":" + self.port())
        .header("Accept", accept == null ? "application/json" : accept);
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    if (secret != null) {
      builder.header(ClusterSecret.HEADER, secret.value());
    }
    HttpRequest request = builder.build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw ApiError.unavailable("instance " + host.host() + ":" + host.port() + " did not answer; try again in a moment", 2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiError.unavailable("interrupted while asking " + host.host() + ":" + host.port(), 2);
    }
  }
}
