package org.onedoor.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import java.util.TreeSet;
import org.onedoor.demo.CityData.Aspect;
import org.onedoor.demo.CityData.Category;
import org.onedoor.demo.CityData.Department;
import org.onedoor.demo.CityData.District;
import org.onedoor.demo.CityData.SubItem;
import org.onedoor.demo.CityData.Subcategory;
import org.onedoor.directory.Uscc;

/**
 * Writes the master data of a whole (fictional) city as CSV files, the formats the importers read:
 * {@code entities.csv}, {@code inspectors.csv}, {@code conflicts.csv}, {@code catalogue.csv} and a
 * {@code manifest.json} with the seed, the scale, the row counts and each file's SHA-256.
 *
 * <p>Deterministic: the same seed and scale give byte-identical files (nothing depends on the
 * clock; dates are relative to {@link #REFERENCE_DATE}). Streaming: rows go straight to a buffered
 * writer, so the 73,000-entity city takes about a second and little memory.
 *
 * <pre>
 * ./mvnw -q -o compile exec:java -Dexec.mainClass=org.onedoor.demo.CityGenerator \
 *     -Dexec.args="--out target/city --seed 20261125"
 * </pre>
 */
public final class CityGenerator {

  public static final long DEFAULT_SEED = 20261125L;

  /** "Today" for the generated data: certificate expiries and establishment dates refer to it. */
  public static final LocalDate REFERENCE_DATE = LocalDate.of(2026, 12, 1);

  public static final String ENTITIES = "entities.csv";
  public static final String INSPECTORS = "inspectors.csv";
  public static final String CONFLICTS = "conflicts.csv";
  public static final String CATALOGUE = "catalogue.csv";
  public static final String MANIFEST = "manifest.json";

  static final String[] ENTITY_HEADER = {
    "统一社会信用代码", "名称", "类型", "行业门类", "行业小类", "管辖单位", "区域", "注册地址", "法定代表人", "成立日期",
    "登记状态", "信用等级", "风险等级", "监管标签", "信用承诺"
  };
  static final String[] INSPECTOR_HEADER = {
    "工号", "姓名", "部门", "单位", "区域", "执法证号", "执法证有效期至", "专业资质", "专家", "在岗", "身份证号", "手机号"
  };
  static final String[] CONFLICT_HEADER = {"工号", "统一社会信用代码", "回避原因", "来源"};
  static final String[] CATALOGUE_HEADER = {
    "清单编号", "抽查类别", "事项编码", "抽查事项", "子项编码", "子项名称", "检查内容", "实施部门", "抽查依据", "事项类型",
    "检查方式"
  };

  /** The demo users of application-demo.yml with role inspector: id, name, department. */
  static final String[][] DEMO_INSPECTORS = {
    {"zhangwei", "张伟", "market"}, {"lina", "李娜", "market"}, {"wangqiang", "王强", "market"},
    {"liuyang", "刘洋", "market"}, {"sunli", "孙丽", "culture"}, {"zhoujie", "周杰", "culture"},
    {"zhenglei", "郑磊", "police"}, {"fengxue", "冯雪", "police"}, {"xuming", "徐明", "fire"},
    {"gaofeng", "高峰", "fire"}, {"luoping", "罗萍", "health"}, {"songjia", "宋佳", "health"},
    {"hanbing", "韩冰", "emergency"}, {"caolei", "曹磊", "emergency"}, {"xiebo", "谢波", "ecology"},
    {"yehong", "叶红", "ecology"}
  };

  private static final int MAX_ITEMS_PER_CHECKLIST = 5;
  private static final int MAX_SUB_ITEMS_PER_ITEM = 6;
  private static final int MAX_LINES_PER_SUB_ITEM = 4;

  /**
   * How much to generate. {@link #city()} is the city of the seed article; {@link #slice()} the
   * small demo slice the demo profile loads at start-up.
   */
  public record Scale(
      int entities,
      int marketInspectors,
      int inspectorsPerOtherDepartment,
      int conflicts,
      int checklists,
      int items,
      int subItems,
      int contentLines) {

    public Scale {
      if (entities < 1 || conflicts < 0) {
        throw new IllegalArgumentException("need at least one entity and no negative conflicts");
      }
      if (marketInspectors < 4 || inspectorsPerOtherDepartment < 2) {
        throw new IllegalArgumentException(
            "need room for the demo inspectors: at least 4 market and 2 per other department");
      }
      int combinations = CityData.SUBCATEGORIES.size() * CityData.THEMES.size();
      if (checklists < CityData.DEPARTMENTS.size() || checklists > combinations) {
        throw new IllegalArgumentException(
            "checklists must be between " + CityData.DEPARTMENTS.size() + " and " + combinations);
      }
      check("items", items, checklists, MAX_ITEMS_PER_CHECKLIST);
      check("sub-items", subItems, items, MAX_SUB_ITEMS_PER_ITEM);
      check("content lines", contentLines, subItems, MAX_LINES_PER_SUB_ITEM);
    }

    private static void check(String what, int count, int parents, int max) {
      if (count < parents || (long) count > (long) parents * max) {
        throw new IllegalArgumentException(
            what + " must be between " + parents + " and " + (long) parents * max);
      }
    }

    /** The city of the seed article (DOMAIN.md, "Numbers from the seed article"). */
    public static Scale city() {
      return new Scale(73_000, 202, 24, 300, 729, 1_247, 4_733, 8_577);
    }

    /** The demo slice: 500 entities, 4 inspectors per department (demo users first), 20 checklists. */
    public static Scale slice() {
      return new Scale(500, 4, 4, 20, 20, 36, 136, 248);
    }

    public Scale withEntities(int count) {
      return new Scale(count, marketInspectors, inspectorsPerOtherDepartment, conflicts, checklists,
          items, subItems, contentLines);
    }

    public Scale withConflicts(int count) {
      return new Scale(entities, marketInspectors, inspectorsPerOtherDepartment, count, checklists,
          items, subItems, contentLines);
    }
  }

  /** One written file: its name, data rows (without the header) and SHA-256. */
  public record FileSummary(String name, long rows, String sha256) {}

  /** What {@link #generate} wrote. */
  public record Result(Path dir, long seed, Scale scale, List<FileSummary> files) {
    public FileSummary file(String name) {
      return files.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }
  }

  private record Inspector(String staffNumber, Department department, int district) {}

  private record Sample(String uscc, int district) {}

  private final Path dir;
  private final long seed;
  private final Scale scale;

  private CityGenerator(Path dir, long seed, Scale scale) {
    this.dir = dir;
    this.seed = seed;
    this.scale = scale;
  }

  /** Writes the city's files into {@code dir} (created when missing; files are overwritten). */
  public static Result generate(Path dir, long seed, Scale scale) throws IOException {
    Files.createDirectories(dir);
    return new CityGenerator(dir, seed, scale).run();
  }

  private Result run() throws IOException {
    List<FileSummary> files = new ArrayList<>();
    List<Inspector> inspectors = new ArrayList<>();
    files.add(writeInspectors(inspectors));
    Map<String, List<Sample>> samples = new LinkedHashMap<>();
    files.add(writeEntities(samples));
    files.add(writeConflicts(inspectors, samples));
    files.add(writeCatalogue());
    writeManifest(files);
    return new Result(dir, seed, scale, List.copyOf(files));
  }

  private SplittableRandom random(long salt) {
    return new SplittableRandom(seed ^ (salt * 0x9E3779B97F4A7C15L));
  }

  // ------------------------------------------------------------------ inspectors

  private FileSummary writeInspectors(List<Inspector> inspectors) throws IOException {
    SplittableRandom rnd = random(1);
    Set<String> idNumbers = new HashSet<>();
    Set<String> phones = new HashSet<>();
    List<District> districts = CityData.DISTRICTS;
    try (CsvOut csv = new CsvOut(dir.resolve(INSPECTORS), INSPECTOR_HEADER)) {
      for (int d = 0; d < CityData.DEPARTMENTS.size(); d++) {
        Department dept = CityData.DEPARTMENTS.get(d);
        int count = dept.code().equals("market")
            ? scale.marketInspectors() : scale.inspectorsPerOtherDepartment();
        List<String[]> demo =
            Arrays.stream(DEMO_INSPECTORS).filter(u -> u[2].equals(dept.code())).toList();
        for (int j = 0; j < count; j++) {
          boolean isDemo = j < demo.size();
          String staff = isDemo ? demo.get(j)[0] : dept.code() + pad(j - demo.size() + 1, 4);
          String name = isDemo ? demo.get(j)[1] : personName(rnd);
          int district = j % districts.size();
          District where = districts.get(district);
          int issued = 2016 + rnd.nextInt(10);
          String certificate =
              "3301" + pad(d + 1, 2) + issued + pad(j + 1, 4);
          LocalDate expiry;
          double r = rnd.nextDouble();
          if (isDemo) {
            expiry = REFERENCE_DATE.plusDays(730 + rnd.nextInt(730));
          } else if (r < 0.03) {
            expiry = REFERENCE_DATE.minusDays(1 + rnd.nextInt(300));
          } else if (r < 0.09) {
            expiry = REFERENCE_DATE.plusDays(1 + rnd.nextInt(60));
          } else {
            expiry = REFERENCE_DATE.plusDays(90 + rnd.nextInt(5 * 365));
          }
          String qualifications = isDemo
              ? String.join("、", dept.qualifications())
              : pickJoined(rnd, dept.qualifications(), 1 + rnd.nextInt(3));
          boolean expert = !isDemo && rnd.nextDouble() < 0.06;
          boolean active = isDemo || rnd.nextDouble() >= 0.03;
          String idNumber;
          do {
            idNumber = idNumber(rnd, where.code());
          } while (!idNumbers.add(idNumber));
          String phone;
          do {
            phone = "1" + "358".charAt(rnd.nextInt(3)) + rnd.nextInt(10)
                + pad(rnd.nextInt(100_000_000), 8);
          } while (!phones.add(phone));
          csv.row(staff, name, dept.code(), dept.unit(where), where.name(), certificate,
              expiry.toString(), qualifications, yesNo(expert), yesNo(active), idNumber, phone);
          inspectors.add(new Inspector(staff, dept, district));
        }
      }
      csv.close();
      return new FileSummary(INSPECTORS, csv.rows(), csv.sha256());
    }
  }

  private static String personName(SplittableRandom rnd) {
    String surnames = CityData.SURNAMES;
    // the first surnames are the common ones: favour them
    int s = (int) (surnames.length() * StrictMath.pow(rnd.nextDouble(), 2));
    String given = CityData.GIVEN;
    StringBuilder name = new StringBuilder().append(surnames.charAt(s));
    int length = rnd.nextDouble() < 0.3 ? 1 : 2;
    for (int i = 0; i < length; i++) {
      name.append(given.charAt(rnd.nextInt(given.length())));
    }
    return name.toString();
  }

  /** A fictional resident ID number (GB 11643): area, birth date, sequence, check digit. */
  private static String idNumber(SplittableRandom rnd, String area) {
    LocalDate birth = LocalDate.of(1966, 1, 1).plusDays(rnd.nextInt(34 * 365));
    String first17 = area + birth.toString().replace("-", "")
        + pad(1 + rnd.nextInt(999), 3);
    return first17 + idNumberCheck(first17);
  }

  private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

  /** The GB 11643 check digit of the first 17 digits of a resident ID number. */
  static char idNumberCheck(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * ID_WEIGHTS[i];
    }
    return "10X98765432".charAt(sum % 11);
  }

  // ------------------------------------------------------------------ entities

  private FileSummary writeEntities(Map<String, List<Sample>> samples) throws IOException {
    SplittableRandom rnd = random(2);
    List<Subcategory> subs = CityData.SUBCATEGORIES;
    List<District> districts = CityData.DISTRICTS;
    int[] subWeights = cumulative(subs.stream().mapToInt(Subcategory::weight).toArray());
    int[] districtWeights = cumulative(districts.stream().mapToInt(District::weight).toArray());
    // every subcategory appears: the first 108 rows take them in a shuffled order
    int[] firstRows = shuffledRange(subs.size(), rnd);
    long offset = rnd.nextLong(100_000_000L);
    long stride = 7_654_321L; // coprime with 10^8: organisation code bodies never repeat
    int sampleEvery = Math.max(1, scale.entities() / Math.max(1_000, scale.conflicts() * 4));
    int span = (int) (REFERENCE_DATE.minusDays(30).toEpochDay() - LocalDate.of(1995, 1, 1).toEpochDay());
    Set<String> names = new HashSet<>();
    for (Department d : CityData.DEPARTMENTS) {
      samples.put(d.code(), new ArrayList<>());
    }
    try (CsvOut csv = new CsvOut(dir.resolve(ENTITIES), ENTITY_HEADER)) {
      for (int i = 0; i < scale.entities(); i++) {
        Subcategory sub = subs.get(i < firstRows.length ? firstRows[i] : pick(subWeights, rnd));
        int districtIndex = pick(districtWeights, rnd);
        District district = districts.get(districtIndex);
        char type = entityType(sub.types(), rnd);
        String body = pad((offset + i * stride) % 100_000_000L, 8);
        String first17 = "9" + switch (type) {
              case 'I' -> '2';
              case 'C' -> '3';
              default -> '1';
            }
            + district.code() + body + organisationCodeCheck(body);
        String uscc = first17 + Uscc.checkCharacter(first17);
        String name = entityName(type, sub, district, rnd);
        for (int retry = 0; retry < 10 && !names.add(name); retry++) {
          name = entityName(type, sub, district, rnd); // names are unique, as registration requires
        }
        Department dept = CityData.department(sub.department());
        String address = district.name() + district.streets().get(rnd.nextInt(4))
            + CityData.ROADS.get(rnd.nextInt(CityData.ROADS.size())) + (1 + rnd.nextInt(999)) + "号"
            + (type == 'E' && rnd.nextDouble() < 0.3
                ? (1 + rnd.nextInt(12)) + "幢" + (1 + rnd.nextInt(20)) + pad(1 + rnd.nextInt(30), 2) + "室"
                : "");
        String representative = personName(rnd);
        LocalDate established = LocalDate.of(1995, 1, 1)
            .plusDays((long) (span * StrictMath.sqrt(rnd.nextDouble())));
        String status = weighted(rnd, new String[] {"存续", "列入经营异常名录", "注销", "吊销", "迁出"},
            880, 60, 30, 15, 15);
        String credit = status.equals("列入经营异常名录")
            ? (rnd.nextDouble() < 0.6 ? "C" : "D")
            : weighted(rnd, new String[] {"A", "B", "C", "D"}, 25, 50, 18, 7);
        String[] levels = {"低", "中", "高"};
        String risk = switch (credit) {
          case "A" -> weighted(rnd, levels, 80, 18, 2);
          case "B" -> weighted(rnd, levels, 45, 45, 10);
          case "C" -> weighted(rnd, levels, 15, 55, 30);
          default -> weighted(rnd, levels, 5, 35, 60);
        };
        TreeSet<Integer> tags = new TreeSet<>();
        int tagCount = Integer.parseInt(weighted(rnd, new String[] {"0", "1", "2", "3"}, 45, 35, 15, 5));
        for (int t = 0; t < tagCount; t++) {
          tags.add(rnd.nextInt(CityData.TAGS.size()));
        }
        if (status.equals("列入经营异常名录")) {
          tags.add(CityData.TAGS.indexOf(rnd.nextBoolean() ? "年报未报" : "住所异常"));
        }
        if (type == 'F') {
          tags.add(CityData.TAGS.indexOf("外资企业"));
        }
        if (established.isAfter(REFERENCE_DATE.minusYears(1))) {
          tags.add(CityData.TAGS.indexOf("新设立"));
        }
        StringJoiner tagText = new StringJoiner("、");
        tags.forEach(t -> tagText.add(CityData.TAGS.get(t)));
        boolean commitment = rnd.nextDouble() < (credit.equals("A") ? 0.55 : 0.3);
        csv.row(uscc, name, typeLabel(type), sub.category().name(), sub.name(), dept.unit(district),
            district.name(), address, representative, established.toString(), status, credit, risk,
            tagText.toString(), yesNo(commitment));
        if (i % sampleEvery == 0) {
          samples.get(dept.code()).add(new Sample(uscc, districtIndex));
        }
      }
      csv.close();
      return new FileSummary(ENTITIES, csv.rows(), csv.sha256());
    }
  }

  private static char entityType(String allowed, SplittableRandom rnd) {
    if (allowed.length() == 1) {
      return allowed.charAt(0);
    }
    int[] weights = new int[allowed.length()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = switch (allowed.charAt(i)) {
        case 'E' -> 55;
        case 'I' -> 40;
        case 'C' -> 8;
        default -> 1;
      };
    }
    return allowed.charAt(pick(cumulative(weights), rnd));
  }

  private static String typeLabel(char type) {
    return switch (type) {
      case 'I' -> "个体工商户";
      case 'C' -> "农民专业合作社";
      case 'F' -> "外国企业常驻代表机构";
      default -> "企业";
    };
  }

  private static String entityName(char type, Subcategory sub, District district, SplittableRandom rnd) {
    String trade = tradeName(rnd);
    return switch (type) {
      case 'I' -> trade + any(sub.shops().isEmpty() ? List.of("商店") : sub.shops(), rnd);
      case 'C' -> any(CityData.PLACES, rnd) + any(CityData.COOPERATIVE_WORDS, rnd) + "专业合作社";
      case 'F' -> any(CityData.FOREIGN, rnd) + CityData.CITY + "代表处";
      default -> district.name() + trade + any(sub.words(), rnd)
          + weighted(rnd, new String[] {"有限公司", "有限责任公司", "股份有限公司"}, 75, 18, 7);
    };
  }

  private static String tradeName(SplittableRandom rnd) {
    String chars = CityData.TRADE;
    char a = chars.charAt(rnd.nextInt(chars.length()));
    char b;
    do {
      b = chars.charAt(rnd.nextInt(chars.length()));
    } while (b == a);
    return "" + a + b;
  }

  private static final int[] ORG_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

  /** The GB 11714 check character of an 8-character organisation code body. */
  static char organisationCodeCheck(String body) {
    int sum = 0;
    for (int i = 0; i < 8; i++) {
      char c = body.charAt(i);
      int value = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
      sum += value * ORG_WEIGHTS[i];
    }
    int check = 11 - sum % 11;
    return check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
  }

  // ------------------------------------------------------------------ conflicts

  private FileSummary writeConflicts(List<Inspector> inspectors, Map<String, List<Sample>> samples)
      throws IOException {
    SplittableRandom rnd = random(3);
    Set<String> pairs = new HashSet<>();
    Set<String> demo = new HashSet<>();
    for (String[] u : DEMO_INSPECTORS) {
      demo.add(u[0]);
    }
    List<Inspector> demoFirst = inspectors.stream().filter(i -> demo.contains(i.staffNumber())).toList();
    try (CsvOut csv = new CsvOut(dir.resolve(CONFLICTS), CONFLICT_HEADER)) {
      int attempts = 0;
      while (csv.rows() < scale.conflicts() && attempts++ < scale.conflicts() * 50 + 100) {
        int n = (int) csv.rows();
        Inspector inspector = n < demoFirst.size()
            ? demoFirst.get(n) : inspectors.get(rnd.nextInt(inspectors.size()));
        List<Sample> candidates = samples.get(inspector.department().code());
        if (candidates.isEmpty()) {
          candidates = samples.values().stream().flatMap(List::stream).toList();
        }
        Sample entity = candidates.get(rnd.nextInt(candidates.size()));
        // relatives tend to live near: prefer an entity in the inspector's own district
        for (int t = 0; t < 8 && entity.district() != inspector.district() && rnd.nextDouble() < 0.6; t++) {
          entity = candidates.get(rnd.nextInt(candidates.size()));
        }
        if (!pairs.add(inspector.staffNumber() + "|" + entity.uscc())) {
          continue;
        }
        String reason = weighted(rnd,
            new String[] {"近亲属任职", "曾在该单位任职", "利害关系", "近亲属持股", "其他可能影响公正执法的情形"},
            40, 20, 25, 10, 5);
        String source = weighted(rnd, new String[] {"本人申报", "系统比对"}, 60, 40);
        csv.row(inspector.staffNumber(), entity.uscc(), reason, source);
      }
      csv.close();
      return new FileSummary(CONFLICTS, csv.rows(), csv.sha256());
    }
  }

  // ------------------------------------------------------------------ catalogue

  private FileSummary writeCatalogue() throws IOException {
    SplittableRandom rnd = random(4);
    List<Subcategory> subs = CityData.SUBCATEGORIES;
    int themes = CityData.THEMES.size();
    // a checklist is a (subcategory, theme) pair: one per department first, then any
    List<Integer> combos = new ArrayList<>();
    for (int c = 0; c < subs.size() * themes; c++) {
      combos.add(c);
    }
    TreeSet<Integer> chosen = new TreeSet<>();
    for (Department d : CityData.DEPARTMENTS) {
      List<Integer> own = combos.stream()
          .filter(c -> subs.get(c / themes).department().equals(d.code())).toList();
      chosen.add(own.get(rnd.nextInt(own.size())));
    }
    int[] order = shuffledRange(combos.size(), rnd);
    for (int k = 0; chosen.size() < scale.checklists(); k++) {
      chosen.add(order[k]);
    }
    int[] itemsPer = spread(scale.items(), scale.checklists(), MAX_ITEMS_PER_CHECKLIST, rnd);
    int[] subsPer = spread(scale.subItems(), scale.items(), MAX_SUB_ITEMS_PER_ITEM, rnd);
    int[] linesPer = spread(scale.contentLines(), scale.subItems(), MAX_LINES_PER_SUB_ITEM, rnd);
    Map<String, Integer> sequence = new LinkedHashMap<>();
    int item = 0;
    int subItem = 0;
    try (CsvOut csv = new CsvOut(dir.resolve(CATALOGUE), CATALOGUE_HEADER)) {
      int checklist = 0;
      for (int combo : chosen) {
        Subcategory sub = subs.get(combo / themes);
        String theme = CityData.THEMES.get(combo % themes);
        Department dept = CityData.department(sub.department());
        Category category = sub.category();
        int number = sequence.merge(dept.code(), 1, Integer::sum);
        String checklistCode = dept.prefix() + "-" + pad(number, 4);
        String checklistName = sub.name() + theme;
        List<Aspect> aspects = new ArrayList<>(shuffled(CityData.specificAspects(category), rnd));
        aspects.addAll(shuffled(CityData.COMMON_ASPECTS, rnd));
        boolean keyTheme = theme.equals("专项检查") || theme.equals("重点领域检查");
        for (int a = 0; a < itemsPer[checklist]; a++, item++) {
          Aspect aspect = aspects.get(a);
          String itemCode = checklistCode + "-" + pad(a + 1, 2);
          String itemName = "对" + sub.name() + aspect.name() + "的检查";
          String legalBasis = any(category.legalBases(), rnd);
          String kind = keyTheme || rnd.nextDouble() < 0.2 ? "重点" : "一般";
          String methods = methods(aspect, rnd);
          List<SubItem> subItems = new ArrayList<>(aspect.subItems());
          subItems.addAll(CityData.EXTRA_SUB_ITEMS);
          for (int s = 0; s < subsPer[item]; s++, subItem++) {
            SubItem si = subItems.get(s);
            String subItemCode = itemCode + "-" + pad(s + 1, 2);
            String subItemName = si.name().replace("{permit}", dept.permit());
            List<String> lines = new ArrayList<>(si.lines());
            lines.addAll(CityData.EXTRA_LINES);
            for (int l = 0; l < linesPer[subItem]; l++) {
              csv.row(checklistCode, checklistName, itemCode, itemName, subItemCode, subItemName,
                  lines.get(l).replace("{permit}", dept.permit()), dept.code(), legalBasis, kind,
                  methods);
            }
          }
        }
        checklist++;
      }
      csv.close();
      return new FileSummary(CATALOGUE, csv.rows(), csv.sha256());
    }
  }

  private static String methods(Aspect aspect, SplittableRandom rnd) {
    boolean sampling = aspect.name().contains("食品") || aspect.name().contains("质量")
        || aspect.name().contains("饮用水") || aspect.name().contains("污染");
    double[] odds = {0.9, 0.5, 0.12, sampling ? 0.5 : 0.04, 0.08, 0.1};
    StringJoiner joiner = new StringJoiner("、");
    for (int m = 0; m < odds.length; m++) {
      if (rnd.nextDouble() < odds[m]) {
        joiner.add(CityData.METHODS.get(m));
      }
    }
    return joiner.length() == 0 ? CityData.METHODS.get(0) : joiner.toString();
  }

  /**
   * Splits {@code total} into {@code n} counts, each between 1 and {@code max}: as even as
   * possible, then roughened by random transfers.
   */
  static int[] spread(int total, int n, int max, SplittableRandom rnd) {
    int[] counts = new int[n];
    Arrays.fill(counts, total / n);
    int[] order = shuffledRange(n, rnd);
    for (int k = 0; k < total % n; k++) {
      counts[order[k]]++;
    }
    for (int k = 0; k < n; k++) {
      int from = rnd.nextInt(n);
      int to = rnd.nextInt(n);
      if (from != to && counts[from] > 1 && counts[to] < max) {
        counts[from]--;
        counts[to]++;
      }
    }
    return counts;
  }

  // ------------------------------------------------------------------ manifest

  private void writeManifest(List<FileSummary> files) throws IOException {
    StringBuilder json = new StringBuilder();
    json.append("{\n");
    json.append("  \"generator\": \"").append(CityGenerator.class.getName()).append("\",\n");
    json.append("  \"seed\": ").append(seed).append(",\n");
    json.append("  \"referenceDate\": \"").append(REFERENCE_DATE).append("\",\n");
    json.append("  \"scale\": {\n");
    json.append("    \"entities\": ").append(scale.entities()).append(",\n");
    json.append("    \"marketInspectors\": ").append(scale.marketInspectors()).append(",\n");
    json.append("    \"inspectorsPerOtherDepartment\": ").append(scale.inspectorsPerOtherDepartment()).append(",\n");
    json.append("    \"conflicts\": ").append(scale.conflicts()).append(",\n");
    json.append("    \"checklists\": ").append(scale.checklists()).append(",\n");
    json.append("    \"items\": ").append(scale.items()).append(",\n");
    json.append("    \"subItems\": ").append(scale.subItems()).append(",\n");
    json.append("    \"contentLines\": ").append(scale.contentLines()).append("\n");
    json.append("  },\n");
    json.append("  \"files\": [\n");
    for (int i = 0; i < files.size(); i++) {
      FileSummary f = files.get(i);
      json.append("    { \"name\": \"").append(f.name()).append("\", \"rows\": ").append(f.rows())
          .append(", \"sha256\": \"").append(f.sha256()).append("\" }")
          .append(i < files.size() - 1 ? ",\n" : "\n");
    }
    json.append("  ]\n}\n");
    try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(MANIFEST), StandardCharsets.UTF_8)) {
      out.write(json.toString());
    }
  }

  // ------------------------------------------------------------------ helpers

  /** {@code value} with leading zeros to {@code width} digits (String.format is slow). */
  static String pad(long value, int width) {
    String digits = Long.toString(value);
    return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
  }

  private static String yesNo(boolean value) {
    return value ? "是" : "否";
  }

  private static int[] cumulative(int[] weights) {
    int[] sums = new int[weights.length];
    int sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i];
      sums[i] = sum;
    }
    return sums;
  }

  /** An index drawn with the weights whose running sums are {@code cumulative}. */
  private static int pick(int[] cumulative, SplittableRandom rnd) {
    int r = rnd.nextInt(cumulative[cumulative.length - 1]);
    int i = Arrays.binarySearch(cumulative, r + 1);
    return i >= 0 ? i : -i - 1;
  }

  private static String weighted(SplittableRandom rnd, String[] values, int... weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int r = rnd.nextInt(total);
    for (int i = 0; i < values.length; i++) {
      r -= weights[i];
      if (r < 0) {
        return values[i];
      }
    }
    throw new IllegalStateException();
  }

  private static <T> T any(List<T> list, SplittableRandom rnd) {
    return list.get(rnd.nextInt(list.size()));
  }

  private static String pickJoined(SplittableRandom rnd, List<String> values, int count) {
    TreeSet<Integer> chosen = new TreeSet<>();
    while (chosen.size() < Math.min(count, values.size())) {
      chosen.add(rnd.nextInt(values.size()));
    }
    StringJoiner joiner = new StringJoiner("、");
    chosen.forEach(i -> joiner.add(values.get(i)));
    return joiner.toString();
  }

  private static int[] shuffledRange(int n, SplittableRandom rnd) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  private static <T> List<T> shuffled(List<T> list, SplittableRandom rnd) {
    int[] order = shuffledRange(list.size(), rnd);
    List<T> result = new ArrayList<>(list.size());
    for (int i : order) {
      result.add(list.get(i));
    }
    return result;
  }

  // ------------------------------------------------------------------ command line

  private static final String USAGE =
      """
      Usage: CityGenerator [--out DIR] [--seed N] [--entities N] [--slice]
        --out DIR      where to write (default target/city); files are overwritten
        --seed N       the seed (default 20261125): the same seed gives the same files
        --entities N   number of entities (default 73000)
        --slice        the small demo slice (500 entities, 4 inspectors per department, 20 checklists)
      Writes entities.csv, inspectors.csv, conflicts.csv, catalogue.csv and manifest.json.""";

  public static void main(String[] args) throws IOException {
    Path out = Path.of("target", "city");
    long seed = DEFAULT_SEED;
    Integer entities = null;
    boolean slice = false;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--out" -> out = Path.of(args[++i]);
          case "--seed" -> seed = Long.parseLong(args[++i]);
          case "--entities" -> entities = Integer.parseInt(args[++i].replace("_", "").replace(",", ""));
          case "--slice" -> slice = true;
          case "--help", "-h" -> {
            System.out.println(USAGE);
            return;
          }
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
    } catch (RuntimeException e) {
      System.err.println(e.getMessage() == null ? e.toString() : e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    Scale scale = slice ? Scale.slice() : Scale.city();
    if (entities != null) {
      scale = scale.withEntities(entities);
    }
    long start = System.nanoTime();
    Result result = generate(out, seed, scale);
    long millis = (System.nanoTime() - start) / 1_000_000;
    for (FileSummary f : result.files()) {
      System.out.printf("%-15s %,9d rows  sha256 %s%n", f.name(), f.rows(), f.sha256());
    }
    System.out.printf("seed %d, written to %s in %,d ms%n", seed, out.toAbsolutePath(), millis);
  }
}
