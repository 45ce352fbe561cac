package org.gongkai.streams.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.gongkai.streams.registry.DivisionRegistry.Division;
import org.gongkai.streams.registry.DivisionRegistry.Town;
import org.junit.jupiter.api.Test;

class DivisionRegistryTest {

    private static final DivisionRegistry REGISTRY = DivisionRegistry.load();

    /** The data lines of streets.csv (header and blank lines dropped), read straight from the resource. */
    private static List<String> streetsCsvDataLines() throws IOException {
        try (InputStream in = DivisionRegistryTest.class.getResourceAsStream("/division/streets.csv")) {
            assertNotNull(in, "/division/streets.csv on the test classpath");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return reader.lines().skip(1).filter(line -> !line.isBlank()).collect(Collectors.toList());
        }
    }

    private static Town nanGangZhen() {
        return REGISTRY.town("360923105").orElseThrow();
    }

    @Test
    void shouldNameTownNanGangZhenWhenCodeIs360923105() {
        assertEquals(new Division("360923105", "南港镇"), nanGangZhen().town());
    }

    @Test
    void shouldPlaceTownInShangGaoCountyWhenCodeIs360923105() {
        assertEquals(new Division("360923", "上高县"), nanGangZhen().county());
    }

    @Test
    void shouldPlaceTownInYichunCityWhenCodeIs360923105() {
        assertEquals(new Division("3609", "宜春市"), nanGangZhen().city());
    }

    @Test
    void shouldPlaceTownInJiangxiProvinceWhenCodeIs360923105() {
        assertEquals(new Division("36", "江西省"), nanGangZhen().province());
    }

    @Test
    void shouldResolveYichunWithCanonicalCodeWhenCityCodeIsZeroPadded() {
        assertEquals(Optional.of(new Division("3609", "宜春市")), REGISTRY.region("360900"));
    }

    @Test
    void shouldResolveYichunWhenCityCodeHasFourDigits() {
        assertEquals(Optional.of(new Division("3609", "宜春市")), REGISTRY.region("3609"));
    }

    @Test
    void shouldResolveJiangxiWithCanonicalCodeWhenProvinceCodeIsZeroPadded() {
        assertEquals(Optional.of(new Division("36", "江西省")), REGISTRY.region("360000"));
    }

    @Test
    void shouldResolveJiangxiWhenProvinceCodeHasTwoDigits() {
        assertEquals(Optional.of(new Division("36", "江西省")), REGISTRY.region("36"));
    }

    @Test
    void shouldResolveShangGaoWhenCountyCodeHasSixDigits() {
        assertEquals(Optional.of(new Division("360923", "上高县")), REGISTRY.region("360923"));
    }

    @Test
    void shouldCountEveryDataRowOfStreetsCsvWhenLoaded() throws IOException {
        assertEquals(streetsCsvDataLines().size(), REGISTRY.townCount());
    }

    @Test
    void shouldFindTwoNanGangZhenWithDifferentCodesWhenSearchingTownsByName() throws IOException {
        Set<String> codes = streetsCsvDataLines().stream()
                .map(line -> line.substring(0, line.indexOf(',')))
                .map(code -> REGISTRY.town(code).orElseThrow())
                .filter(t -> t.town().name().equals("南港镇"))
                .map(t -> t.town().code())
                .collect(Collectors.toSet());
        assertTrue(codes.size() >= 2, "南港镇 codes: " + codes);
    }

    @Test
    void shouldBeEmptyWhenTownCodeIsUnknown() {
        assertEquals(Optional.empty(), REGISTRY.town("360923999"));
    }

    @Test
    void shouldBeEmptyWhenRegionCodeIsUnknown() {
        assertEquals(Optional.empty(), REGISTRY.region("369999"));
    }

    @Test
    void shouldBeEmptyWhenCodeIsMalformed() {
        assertEquals(Optional.empty(), REGISTRY.town("36092310x"));
    }

    @Test
    void shouldContain360923105WhenListingTownsInShangGao() {
        assertTrue(REGISTRY.townsIn("360923").anyMatch(t -> t.town().code().equals("360923105")));
    }

    @Test
    void shouldListOnlyTownsUnderTheCountyWhenListingTownsInShangGao() {
        List<Town> towns = REGISTRY.townsIn("360923").collect(Collectors.toList());
        assertFalse(towns.isEmpty());
        assertTrue(towns.stream().allMatch(t -> t.town().code().startsWith("360923")));
    }

    @Test
    void shouldHaveNamesAtAllFourLevelsWhenTownIsAnyRowOfStreetsCsv() throws IOException {
        for (String line : streetsCsvDataLines()) {
            String code = line.substring(0, line.indexOf(','));
            Town t = REGISTRY.town(code).orElseThrow(() -> new AssertionError("no town " + code));
            for (Division d : List.of(t.town(), t.county(), t.city(), t.province())) {
                assertFalse(d.name().isBlank(), "blank name at " + d.code() + " for town " + code);
            }
        }
    }

    @Test
    void shouldNameMunicipalityCityAfterTheMunicipalityWhenDataHasPlaceholder() {
        assertEquals(new Division("1101", "北京市"), REGISTRY.town("110101001").orElseThrow().city());
    }

    @Test
    void shouldKeepProvinceDirectLabelAsCityWhenCountyIsUnderTheProvince() {
        Town t = REGISTRY.town("429004001").orElseThrow();
        assertEquals(new Division("4290", "省直辖县级行政区划"), t.city());
    }

    @Test
    void shouldPreferTheCountyWhenSixDigitCodeIsBothCountyAndPaddedCity() {
        assertEquals(Optional.of(new Division("441900", "东莞市")), REGISTRY.region("441900"));
    }

    @Test
    void shouldUnescapeDoubledQuotesAndKeepCommasWhenFieldIsQuoted() {
        List<List<String>> records = DivisionRegistry.parseCsv("code,name\r\n1,\"a,\"\"b\"\"\"\n", "t.csv");
        assertEquals(List.of(List.of("code", "name"), List.of("1", "a,\"b\"")), records);
    }

    @Test
    void shouldKeepLineBreakWhenQuotedFieldSpansLines() {
        List<List<String>> records = DivisionRegistry.parseCsv("a,b\n\"x\ny\",2\n", "t.csv");
        assertEquals(List.of(List.of("a", "b"), List.of("x\ny", "2")), records);
    }
}
