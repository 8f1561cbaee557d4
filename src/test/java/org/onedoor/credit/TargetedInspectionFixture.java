package org.onedoor.credit;

import java.sql.Timestamp;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.TestClock;
import org.onedoor.catalog.Catalog.ItemDraft;
import org.onedoor.catalog.Catalog.SubItemDraft;
import org.onedoor.catalog.Catalog.Version;
import org.onedoor.catalog.CatalogService;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a targeted inspection needs in the shared test database: market, culture, fire and ecology items in the
 * published catalogue and inspectors who can be matched (market zhangwei and lina, culture sunli and zhoujie,
 * certificates valid for long). Fire's and ecology's inspectors are not in the directory: a department with
 * nobody to match is flagged.
 */
public final class TargetedInspectionFixture {

  public static final String MARKET_ITEM = "RW-M1";
  public static final String CULTURE_ITEM = "RW-C1";
  public static final String FIRE_ITEM = "RW-F1";
  public static final String ECOLOGY_ITEM = "RW-E1";

  private TargetedInspectionFixture() {}

  /** The items in the newest published catalogue (a new version when they are missing); returns the market item. */
  public static synchronized String items(CatalogService catalog) {
    if (catalog.latestPublished().isEmpty() || catalog.departmentsOf(catalog.latestPublished().get().versionNo(),
        List.of(MARKET_ITEM, CULTURE_ITEM, FIRE_ITEM, ECOLOGY_ITEM)).size() < 4) {
      Version draft = catalog.versions().stream().filter(v -> !v.isPublished()).findFirst()
          .orElseGet(() -> catalog.createDraft("admin", "targeted inspection test", ClockUtil.now().toInstant()));
      catalog.putItem(draft.versionNo(), MARKET_ITEM, new ItemDraft("QD-RW", "风险预警定向检查测试", "药品生产质量管理", "market",
          "《中华人民共和国药品管理法》第九十九条", "重点", List.of("现场检查"),
          List.of(new SubItemDraft(MARKET_ITEM + "-01", "洁净区环境控制", List.of("洁净区温湿度、压差是否符合要求", "偏差是否调查处理")))));
      catalog.putItem(draft.versionNo(), CULTURE_ITEM, new ItemDraft("QD-RW-C", "文化测试", "演出场所", "culture",
          "测试依据", "一般", List.of("现场检查"), List.of(new SubItemDraft(CULTURE_ITEM + "-01", "子项", List.of("许可证")))));
      catalog.putItem(draft.versionNo(), FIRE_ITEM, new ItemDraft("QD-RW-F", "消防测试", "消防安全管理", "fire",
          "《中华人民共和国消防法》第十六条", "一般", List.of("现场检查"),
          List.of(new SubItemDraft(FIRE_ITEM + "-01", "疏散通道", List.of("疏散通道、安全出口是否畅通")))));
      catalog.putItem(draft.versionNo(), ECOLOGY_ITEM, new ItemDraft("QD-RW-E", "生态环境测试", "排污许可执行", "ecology",
          "《排污许可管理条例》第十九条", "一般", List.of("现场检查"),
          List.of(new SubItemDraft(ECOLOGY_ITEM + "-01", "污染物排放", List.of("是否按证排污")))));
      catalog.publish(draft.versionNo(), "admin", ClockUtil.now().toInstant());
    }
    return MARKET_ITEM;
  }

  /** zhangwei and lina in the inspector directory (market), able to be matched whatever the test's date. */
  public static void marketInspectors(JdbcClient jdbc) {
    inspectors(jdbc, "market", "西湖区市场监管所", new String[][] {{"zhangwei", "张伟"}, {"lina", "李娜"}});
  }

  /** sunli and zhoujie in the inspector directory (culture), able to be matched whatever the test's date. */
  public static void cultureInspectors(JdbcClient jdbc) {
    inspectors(jdbc, "culture", "西湖区文化市场综合执法队", new String[][] {{"sunli", "孙丽"}, {"zhoujie", "周杰"}});
  }

  private static void inspectors(JdbcClient jdbc, String department, String unit, String[][] staff) {
    for (String[] i : staff) {
      if (jdbc.sql("SELECT COUNT(*) FROM directory_inspector WHERE staff_number = :s").param("s", i[0])
          .query(Integer.class).single() == 0) {
        jdbc.sql("""
            INSERT INTO directory_inspector (staff_number, name, department, unit, region, certificate_number,
                certificate_expiry, qualifications, expert, active, created_at, updated_at)
            VALUES (:s, :n, :d, :unit, '西湖区', :c, DATE '2099-12-31', '', FALSE, TRUE, :t, :t)""")
            .param("s", i[0]).param("n", i[1]).param("d", department).param("unit", unit).param("c", "ZF-RW-" + i[0])
            .param("t", Timestamp.from(TestClock.now()))
            .update();
      } else {
        jdbc.sql("UPDATE directory_inspector SET certificate_expiry = DATE '2099-12-31', active = TRUE WHERE staff_number = :s")
            .param("s", i[0]).update();
      }
    }
  }
}
