package org.onedoor.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onedoor.demo.CityGenerator.Result;
import org.onedoor.demo.CityGenerator.Scale;
import org.onedoor.directory.Uscc;

class CityGeneratorTest {

  private static final List<String> DEPARTMENTS =
      List.of("market", "culture", "police", "fire", "health", "emergency", "ecology");

  @TempDir static Path shared;
  private static Path city;
  private static Result cityResult;
  private static List<String[]> cityEntities;
  private static final Pattern DATE = Pattern.compile("(199[5-9]|20[0-2]\\d)-\\d\\d-\\d\\d");

  /** The whole default city, generated once for the tests that read it (about a second). */
  @BeforeAll
  static void generateTheCity() throws IOException {
    city = shared.resolve("city");
    cityResult = CityGenerator.generate(city, CityGenerator.DEFAULT_SEED, Scale.city());
    cityEntities = read(city.resolve(CityGenerator.ENTITIES));
  }

  // ------------------------------------------------------------------ determinism

  @Test
  void theSameSeedGivesByteIdenticalFiles(@TempDir Path dir) throws Exception {
    Scale small = Scale.city().withEntities(3_000);
    CityGenerator.generate(dir.resolve("a"), 42, small);
    CityGenerator.generate(dir.resolve("b"), 42, small);
    for (String file : allFiles()) {
      assertThat(sha256(dir.resolve("a").resolve(file)))
          .as(file)
          .isEqualTo(sha256(dir.resolve("b").resolve(file)));
    }
  }

  @Test
  void theFullCityIsReproducibleAndTheManifestHoldsTheHashes(@TempDir Path dir) throws Exception {
    Result again = CityGenerator.generate(dir, CityGenerator.DEFAULT_SEED, Scale.city());
    String manifest = Files.readString(city.resolve(CityGenerator.MANIFEST));
    assertThat(Files.readString(dir.resolve(CityGenerator.MANIFEST))).isEqualTo(manifest);
    assertThat(manifest).contains("\"seed\": 20261125", "\"entities\": 73000",
        "\"checklists\": 729", "\"contentLines\": 8577");
    for (String file : csvFiles()) {
      String hash = sha256(city.resolve(file));
      assertThat(again.file(file).sha256()).isEqualTo(hash);
      assertThat(manifest).contains("\"name\": \"" + file + "\", \"rows\": "
          + cityResult.file(file).rows() + ", \"sha256\": \"" + hash + "\"");
    }
  }

  @Test
  void aDifferentSeedGivesDifferentFiles(@TempDir Path dir) throws Exception {
    Scale small = Scale.city().withEntities(2_000);
    CityGenerator.generate(dir.resolve("a"), 1, small);
    CityGenerator.generate(dir.resolve("b"), 2, small);
    for (String file : csvFiles()) {
      assertThat(sha256(dir.resolve("a").resolve(file)))
          .as(file)
          .isNotEqualTo(sha256(dir.resolve("b").resolve(file)));
    }
  }

  // ------------------------------------------------------------------ file format

  @Test
  void filesStartWithTheBomUseCrlfAndTheSpecifiedHeaders() throws Exception {
    Map<String, String> headers = Map.of(
        "entities.csv",
        "统一社会信用代码,名称,类型,行业门类,行业小类,管辖单位,区域,注册地址,法定代表人,成立日期,登记状态,信用等级,风险等级,监管标签,信用承诺",
        "inspectors.csv",
        "工号,姓名,部门,单位,区域,执法证号,执法证有效期至,专业资质,专家,在岗,身份证号,手机号",
        "conflicts.csv", "工号,统一社会信用代码,回避原因,来源",
        "catalogue.csv",
        "清单编号,抽查类别,事项编码,抽查事项,子项编码,子项名称,检查内容,实施部门,抽查依据,事项类型,检查方式");
    for (var e : headers.entrySet()) {
      byte[] bytes = Files.readAllBytes(city.resolve(e.getKey()));
      assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
      String text = new String(bytes, StandardCharsets.UTF_8);
      assertThat(text).startsWith("\uFEFF" + e.getValue() + "\r\n").endsWith("\r\n");
      assertThat(text.replace("\r\n", "")).as("no bare LF or CR").doesNotContain("\n", "\r");
    }
  }

  @Test
  void csvQuotesFieldsAsRfc4180Says(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("q.csv");
    try (CsvOut csv = new CsvOut(file, "a", "b")) {
      csv.row("plain", "with, comma");
      csv.row("say \"hi\"", "two\nlines");
      csv.row(null, "中文");
    }
    assertThat(Files.readString(file))
        .isEqualTo("\uFEFFa,b\r\nplain,\"with, comma\"\r\n\"say \"\"hi\"\"\",\"two\nlines\"\r\n,中文\r\n");
  }

  // ------------------------------------------------------------------ entities

  @Test
  void theCityHas73000EntitiesIn40CategoriesAnd108Subcategories() throws Exception {
    List<String[]> rows = cityEntities;
    assertThat(rows).hasSize(73_000);
    assertThat(cityResult.file(CityGenerator.ENTITIES).rows()).isEqualTo(73_000);
    assertThat(rows.stream().map(r -> r[3]).distinct()).hasSize(40);
    assertThat(rows.stream().map(r -> r[4]).distinct()).hasSize(108);
    Map<String, Long> credit = rows.stream().collect(Collectors.groupingBy(r -> r[11], Collectors.counting()));
    assertThat(credit.keySet()).containsExactlyInAnyOrder("A", "B", "C", "D");
    assertThat(credit.get("B")).isGreaterThan(credit.get("A")).isGreaterThan(credit.get("D"));
    assertThat(credit.get("D")).isGreaterThan(2_000);
  }

  @Test
  void everyEntityRowHasValidValues() throws Exception {
    Set<String> districts = Set.of("330102", "330105", "330106", "330108", "330109", "330110", "330111",
        "330112");
    Set<String> types = Set.of("企业", "农民专业合作社", "个体工商户", "外国企业常驻代表机构");
    Set<String> statuses = Set.of("存续", "列入经营异常名录", "注销", "吊销", "迁出");
    Set<String> seen = new HashSet<>();
    List<String> problems = new ArrayList<>();
    for (String[] r : cityEntities) {
      // plain checks, one line per bad row: AssertJ per field is slow over 73,000 rows
      String uscc = r[0];
      char org = switch (r[2]) {
        case "个体工商户" -> '2';
        case "农民专业合作社" -> '3';
        default -> '1';
      };
      boolean ok = r.length == 15
          && Uscc.isValid(uscc)
          && seen.add(uscc)
          && uscc.charAt(0) == '9'
          && uscc.charAt(1) == org
          && districts.contains(uscc.substring(2, 8))
          && organisationCodeIsValid(uscc.substring(8, 17))
          && !r[1].isBlank()
          && types.contains(r[2])
          && (!r[2].equals("企业") || (r[1].startsWith(r[6]) && r[1].endsWith("公司")))
          && r[5].startsWith(r[6])
          && r[7].startsWith(r[6])
          && (r[7].endsWith("号") || r[7].endsWith("室"))
          && r[8].length() >= 2 && r[8].length() <= 3
          && DATE.matcher(r[9]).matches()
          && statuses.contains(r[10])
          && Set.of("A", "B", "C", "D").contains(r[11])
          && Set.of("高", "中", "低").contains(r[12])
          && Set.of("是", "否").contains(r[14]);
      if (!ok) {
        problems.add(String.join(",", r));
      }
    }
    assertThat(problems).isEmpty();
    assertThat(seen).hasSize(73_000);
  }

  @Test
  void theOrganisationCodeCheckFollowsGb11714() {
    // a textbook example: D2143569 -> weights 3,7,9,10,5,8,4,2 over 13,2,1,4,3,5,6,9
    // = 39+14+9+40+15+40+24+18 = 199; 199 mod 11 = 1; 11-1 = 10 -> X
    assertThat(CityGenerator.organisationCodeCheck("D2143569")).isEqualTo('X');
    assertThat(CityGenerator.organisationCodeCheck("00000000")).isEqualTo('0');
  }

  // ------------------------------------------------------------------ inspectors

  @Test
  void inspectorsAre202InMarketAndAtLeast20PerOtherDepartmentDemoUsersFirst() throws Exception {
    List<String[]> rows = read(city.resolve(CityGenerator.INSPECTORS));
    Map<String, Long> perDepartment =
        rows.stream().collect(Collectors.groupingBy(r -> r[2], Collectors.counting()));
    assertThat(perDepartment.keySet()).containsExactlyInAnyOrderElementsOf(DEPARTMENTS);
    assertThat(perDepartment.get("market")).isEqualTo(202);
    DEPARTMENTS.stream().filter(d -> !d.equals("market"))
        .forEach(d -> assertThat(perDepartment.get(d)).as(d).isGreaterThanOrEqualTo(20));
    Map<String, String[]> byStaff = new HashMap<>();
    for (String[] r : rows) {
      assertThat(byStaff.put(r[0], r)).as("unique " + r[0]).isNull();
    }
    Map<String, String[]> demo = demoInspectorsFromTheDemoProfile();
    assertThat(demo).hasSize(16);
    demo.forEach((id, user) -> {
      assertThat(byStaff).containsKey(id);
      assertThat(byStaff.get(id)[1]).isEqualTo(user[0]);
      assertThat(byStaff.get(id)[2]).isEqualTo(user[1]);
      assertThat(byStaff.get(id)[9]).isEqualTo("是");
    });
    // in each department the demo users come first, then code + 4 digits from 0001
    for (String dept : DEPARTMENTS) {
      List<String> staff = rows.stream().filter(r -> r[2].equals(dept)).map(r -> r[0]).toList();
      long demoCount = demo.values().stream().filter(u -> u[1].equals(dept)).count();
      assertThat(staff.subList(0, (int) demoCount)).allMatch(demo::containsKey);
      assertThat(staff.get((int) demoCount)).isEqualTo(dept + "0001");
      assertThat(staff.subList((int) demoCount, staff.size())).allMatch(s -> s.matches(dept + "\\d{4}"));
    }
  }

  @Test
  void inspectorRowsHaveValidIdNumbersPhonesAndCertificates() throws Exception {
    List<String[]> rows = read(city.resolve(CityGenerator.INSPECTORS));
    int expired = 0;
    int soon = 0;
    int inactive = 0;
    int experts = 0;
    for (String[] r : rows) {
      assertThat(r).hasSize(12);
      assertThat(r[3]).startsWith(r[4]);
      assertThat(r[6]).matches("20\\d\\d-\\d\\d-\\d\\d");
      assertThat(r[10]).matches("\\d{17}[\\dX]");
      assertThat(r[10].charAt(17)).as(r[10]).isEqualTo(idCheck(r[10].substring(0, 17)));
      assertThat(r[11]).matches("1[358]\\d{9}");
      assertThat(r[7]).isNotBlank();
      String expiry = r[6];
      expired += expiry.compareTo("2026-12-01") < 0 ? 1 : 0;
      soon += expiry.compareTo("2026-12-01") >= 0 && expiry.compareTo("2027-02-01") < 0 ? 1 : 0;
      inactive += r[9].equals("否") ? 1 : 0;
      experts += r[8].equals("是") ? 1 : 0;
    }
    assertThat(expired).isPositive();
    assertThat(soon).isPositive();
    assertThat(inactive).isPositive();
    assertThat(experts).isBetween(5, 40);
    assertThat(rows.stream().map(r -> r[5]).distinct()).hasSize(rows.size());
    assertThat(rows.stream().map(r -> r[10]).distinct()).hasSize(rows.size());
  }

  @Test
  void theIdNumberCheckDigitFollowsGb11643() {
    // the standard's own example: 11010519491231002X
    assertThat(CityGenerator.idNumberCheck("11010519491231002")).isEqualTo('X');
  }

  // ------------------------------------------------------------------ conflicts

  @Test
  void conflictsReferenceExistingInspectorsAndEntitiesOnce() throws Exception {
    Set<String> staff = read(city.resolve(CityGenerator.INSPECTORS)).stream().map(r -> r[0])
        .collect(Collectors.toSet());
    Set<String> usccs = cityEntities.stream().map(r -> r[0])
        .collect(Collectors.toSet());
    List<String[]> rows = read(city.resolve(CityGenerator.CONFLICTS));
    assertThat(rows).hasSize(300);
    assertThat(rows.stream().map(r -> r[0] + "|" + r[1]).distinct()).hasSize(300);
    for (String[] r : rows) {
      assertThat(staff.contains(r[0])).as(r[0]).isTrue();
      assertThat(usccs.contains(r[1])).as(r[1]).isTrue();
      assertThat(r[2]).isNotBlank();
      assertThat(r[3]).isIn("本人申报", "系统比对");
    }
    assertThat(rows.stream().map(r -> r[0])).contains("zhangwei", "sunli", "xiebo");
  }

  // ------------------------------------------------------------------ catalogue

  @Test
  void theCatalogueHasExactly729Checklists1247Items4733SubItems8577Lines() throws Exception {
    List<String[]> rows = read(city.resolve(CityGenerator.CATALOGUE));
    assertThat(rows).hasSize(8_577);
    assertThat(rows.stream().map(r -> r[0]).distinct()).hasSize(729);
    assertThat(rows.stream().map(r -> r[2]).distinct()).hasSize(1_247);
    assertThat(rows.stream().map(r -> r[4]).distinct()).hasSize(4_733);
    assertThat(rows.stream().map(r -> r[7]).distinct()).containsExactlyInAnyOrderElementsOf(DEPARTMENTS);
    Map<String, String> itemToChecklist = new HashMap<>();
    Map<String, String> subToItem = new HashMap<>();
    Set<String> methods = Set.of("现场检查", "书面检查", "网络监测", "抽样检测", "委托专业机构", "采信第三方结果");
    for (String[] r : rows) {
      assertThat(r).hasSize(11);
      // every item belongs to one checklist, every sub-item to one item
      assertThat(itemToChecklist.computeIfAbsent(r[2], k -> r[0])).isEqualTo(r[0]);
      assertThat(subToItem.computeIfAbsent(r[4], k -> r[2])).isEqualTo(r[2]);
      assertThat(r[2]).startsWith(r[0] + "-");
      assertThat(r[4]).startsWith(r[2] + "-");
      assertThat(r[1]).isNotBlank();
      assertThat(r[3]).isNotBlank();
      assertThat(r[5]).isNotBlank();
      assertThat(r[6]).isNotBlank().doesNotContain("{");
      assertThat(r[8]).startsWith("《").contains("》第").endsWith("条");
      assertThat(r[9]).isIn("一般", "重点");
      assertThat(List.of(r[10].split("、"))).isNotEmpty().allMatch(methods::contains);
    }
  }

  @Test
  void scalesThatCannotBeBuiltAreRefused() {
    assertThatThrownBy(() -> new Scale(10, 202, 24, 10, 729, 700, 4_733, 8_577))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("items");
    assertThatThrownBy(() -> new Scale(10, 202, 24, 10, 729, 1_247, 4_733, 4_000))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("content lines");
    assertThatThrownBy(() -> new Scale(10, 2, 24, 10, 729, 1_247, 4_733, 8_577))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ------------------------------------------------------------------ the demo slice

  @Test
  void theSliceIsSmallAndHoldsTheDemoInspectors(@TempDir Path dir) throws Exception {
    CityGenerator.generate(dir, CityGenerator.DEFAULT_SEED, Scale.slice());
    List<String[]> entities = read(dir.resolve(CityGenerator.ENTITIES));
    assertThat(entities).hasSizeBetween(100, 1_000);
    assertThat(entities.stream().map(r -> r[4]).distinct()).hasSize(108);
    List<String[]> inspectors = read(dir.resolve(CityGenerator.INSPECTORS));
    assertThat(inspectors).hasSize(4 * DEPARTMENTS.size());
    assertThat(inspectors.stream().map(r -> r[0]))
        .containsAll(demoInspectorsFromTheDemoProfile().keySet());
    Set<String> staff = inspectors.stream().map(r -> r[0]).collect(Collectors.toSet());
    Set<String> usccs = entities.stream().map(r -> r[0]).collect(Collectors.toSet());
    List<String[]> conflicts = read(dir.resolve(CityGenerator.CONFLICTS));
    assertThat(conflicts).isNotEmpty().hasSizeLessThan(50);
    assertThat(conflicts).allMatch(r -> staff.contains(r[0]) && usccs.contains(r[1]));
    List<String[]> catalogue = read(dir.resolve(CityGenerator.CATALOGUE));
    assertThat(catalogue.stream().map(r -> r[0]).distinct()).hasSize(20);
    assertThat(catalogue.stream().map(r -> r[7]).distinct()).containsExactlyInAnyOrderElementsOf(DEPARTMENTS);
  }

  @Test
  void theCommandLineWritesTheFilesTheJavaApiWrites(@TempDir Path dir) throws Exception {
    CityGenerator.main(new String[] {"--out", dir.resolve("cli").toString(), "--seed", "7", "--slice",
        "--entities", "300"});
    Result api = CityGenerator.generate(dir.resolve("api"), 7, Scale.slice().withEntities(300));
    assertThat(api.file(CityGenerator.ENTITIES).rows()).isEqualTo(300);
    for (String file : allFiles()) {
      assertThat(sha256(dir.resolve("cli").resolve(file))).as(file)
          .isEqualTo(sha256(dir.resolve("api").resolve(file)));
    }
  }

  // ------------------------------------------------------------------ helpers

  private static List<String> csvFiles() {
    return List.of(CityGenerator.ENTITIES, CityGenerator.INSPECTORS, CityGenerator.CONFLICTS,
        CityGenerator.CATALOGUE);
  }

  private static List<String> allFiles() {
    List<String> files = new ArrayList<>(csvFiles());
    files.add(CityGenerator.MANIFEST);
    return files;
  }

  /** id → {name, department} of the demo users with role inspector in application-demo.yml. */
  private static Map<String, String[]> demoInspectorsFromTheDemoProfile() throws IOException {
    String yaml = Files.readString(Path.of("src/main/resources/application-demo.yml"));
    Matcher m = Pattern.compile(
            "\\{\\s*id:\\s*(\\w+),\\s*name:\\s*([^,]+),\\s*department:\\s*(\\w+),\\s*roles:\\s*\\[([^]]*)]")
        .matcher(yaml);
    Map<String, String[]> result = new HashMap<>();
    while (m.find()) {
      if (List.of(m.group(4).split(",\\s*")).contains("inspector")) {
        result.put(m.group(1), new String[] {m.group(2).strip(), m.group(3)});
      }
    }
    return result;
  }

  /** The data rows of a generated CSV file (RFC 4180; the header and the BOM skipped). */
  static List<String[]> read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(text).startsWith("\uFEFF");
    List<String[]> rows = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        fields.add(field.toString());
        field.setLength(0);
        rows.add(fields.toArray(String[]::new));
        fields.clear();
        i++;
      } else {
        field.append(c);
      }
    }
    return rows.subList(1, rows.size());
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  /** GB 11714, written out again independently of the generator. */
  private static boolean organisationCodeIsValid(String code) {
    int[] weights = {3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 8; i++) {
      char c = code.charAt(i);
      int v = c >= '0' && c <= '9' ? c - '0' : c - 'A' + 10;
      sum += v * weights[i];
    }
    int check = 11 - sum % 11;
    char expected = check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
    return code.charAt(8) == expected;
  }

  /** GB 11643, written out again independently of the generator. */
  private static char idCheck(String first17) {
    int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * weights[i];
    }
    return "10X98765432".charAt(sum % 11);
  }
}
