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
 * What a targeted inspection needs in the shared test database: a market item in the published catalogue
 * and market inspectors who can be matched (zhangwei and lina, certificates valid for long).
 */
public final class TargetedInspectionFixture {

  public static final String MARKET_ITEM = "RW-M1";
  public static final String CULTURE_ITEM = "RW-C1";

  private TargetedInspectionFixture() {}

  /** The items in the newest published catalogue (a new version when they are missing); returns the market item. */
  public static synchronized String items(CatalogService catalog) {
    if (catalog.latestPublished().isEmpty() || catalog.departmentsOf(catalog.latestPublished().get().versionNo(),
        List.of(MARKET_ITEM, CULTURE_ITEM)).size() < 2) {
      Version draft = catalog.versions().stream().filter(v -> !v.isPublished()).findFirst()
          .orElseGet(() -> catalog.createDraft("admin", "targeted inspection test", ClockUtil.now().toInstant()));
      catalog.putItem(draft.versionNo(), MARKET_ITEM, new ItemDraft("QD-RW", "风险预警定向检查测试", "药品生产质量管理", "market",
          "《中华人民共和国药品管理法》第九十九条", "重点", List.of("现场检查"),
          List.of(new SubItemDraft(MARKET_ITEM + "-01", "洁净区环境控制", List.of("洁净区温湿度、压差是否符合要求", "偏差是否调查处理")))));
      catalog.putItem(draft.versionNo(), CULTURE_ITEM, new ItemDraft("QD-RW-C", "文化测试", "演出场所", "culture",
          "测试依据", "一般", List.of("现场检查"), List.of(new SubItemDraft(CULTURE_ITEM + "-01", "子项", List.of("许可证")))));
      catalog.publish(draft.versionNo(), "admin", ClockUtil.now().toInstant());
    }
    return MARKET_ITEM;
  }

  /** zhangwei and lina in the inspector directory (market), able to be matched whatever the test's date. */
  public static void marketInspectors(JdbcClient jdbc) {
    for (String[] i : new String[][] {{"zhangwei", "张伟"}, {"lina", "李娜"}}) {
      if (jdbc.sql("SELECT COUNT(*) FROM directory_inspector WHERE staff_number = :s").param("s", i[0])
          .query(Integer.class).single() == 0) {
        jdbc.sql("""
            INSERT INTO directory_inspector (staff_number, name, department, unit, region, certificate_number,
                certificate_expiry, qualifications, expert, active, created_at, updated_at)
            VALUES (:s, :n, 'market', '西湖区市场监管所', '西湖区', :c, DATE '2099-12-31', '', FALSE, TRUE, :t, :t)""")
            .param("s", i[0]).param("n", i[1]).param("c", "ZF-RW-" + i[0]).param("t", Timestamp.from(TestClock.now()))
            .update();
      } else {
        jdbc.sql("UPDATE directory_inspector SET certificate_expiry = DATE '2099-12-31', active = TRUE WHERE staff_number = :s")
            .param("s", i[0]).update();
      }
    }
  }
}
