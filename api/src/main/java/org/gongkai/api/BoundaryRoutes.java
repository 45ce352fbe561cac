package org.gongkai.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gongkai.streams.registry.DivisionRegistry;
import org.gongkai.streams.report.Place;

/**
 * Region boundaries (GeoJSON) for the dashboard's maps, from files an operator provides:
 * {@code DIR/{region}.json}, one per region whose children are to be drawn. None are bundled: a
 * map published in China must come from an approved standard map (审图号), see README.md.
 *
 * <p>{@code GET /api/v1/boundaries} lists the regions that have a file (always 200, so that the
 * dashboard learns it without a 404 per region); {@code GET /api/v1/boundaries/{region}} answers
 * the file, or 404 JSON when none is configured for it.
 */
public final class BoundaryRoutes {
  public static final String INDEX = "/api/v1/boundaries";
  public static final String REGION = "/api/v1/boundaries/{region}";

  private static final Pattern CODE = Pattern.compile("\\d{2}|\\d{4}|\\d{6}");
  private static final Pattern FILE = Pattern.compile("(\\d{2}|\\d{4}|\\d{6})\\.json");

  private final Path directory;
  private final Places places;

  /** @param directory the folder of {@code {region}.json} files; null: no boundaries */
  public BoundaryRoutes(Path directory, DivisionRegistry registry) {
    this.directory = directory;
    this.places = new Places(registry);
  }

  public void register(RoutesConfig routes) {
    routes.get(INDEX, ctx -> ctx.json(Map.of("regions", regions())));
    routes.get(REGION, this::boundary);
  }

  /** The canonical codes of the regions that have a boundary file, sorted. */
  public List<String> regions() {
    if (directory == null) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(f -> f.getFileName().toString())
          .filter(name -> FILE.matcher(name).matches())
          .map(name -> name.substring(0, name.length() - ".json".length()))
          .filter(code -> places.region(code).map(p -> p.code().equals(code)).orElse(false))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the boundaries folder " + directory, e);
    }
  }

  /** The GeoJSON of a region's file, if the operator provided one. */
  public Optional<byte[]> geoJson(Place region) {
    if (directory == null) {
      return Optional.empty();
    }
    Path file = directory.resolve(region.code() + ".json");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the boundary file " + file, e);
    }
  }

  private void boundary(Context ctx) {
    String raw = ctx.pathParam("region");
    if (!CODE.matcher(raw).matches()) {
      throw ApiError.badRequest("region must be a county (6 digits), a city (4 digits or 6 zero-padded) or a "
          + "province (2 digits or 6 zero-padded), got \"" + ReportRoutes.shorten(raw) + "\"");
    }
    Place region = places.region(raw).orElseThrow(() ->
        ApiError.notFound("region " + raw + " is not in the division registry (NBS 2023 codes)"));
    byte[] body = geoJson(region).orElseThrow(() -> ApiError.notFound(directory == null
        ? "no boundary data is configured (run --boundaries DIR); the dashboard draws no map"
        : "no boundary file " + region.code() + ".json for " + region.name() + " in the boundaries folder"));
    ctx.contentType("application/geo+json; charset=utf-8").result(body);
  }
}
