package org.onedoor.listing;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the abnormal operations list ({@code onedoor.listing}); every value has a default.
 *
 * @param seriousListPolicy what happens on the third anniversary of a listing (R12): {@code
 *     CHIEF_DECIDES} (default: a chief decides within 10 working days) or {@code AUTOMATIC}
 * @param escalationWorkingDays the approval is escalated this many working days before the 10
 *     working days from the verification run out (default 2)
 * @param reminderDaysBefore the three-year reminder comes this many calendar days before the third
 *     anniversary (default 60)
 * @param legalBasis the default legal basis per ground (1–4) for enterprises
 * @param individualLegalBasis the same for individual businesses (marked abnormal)
 * @param sweep the yearly annual-report sweep
 */
@ConfigurationProperties("onedoor.listing")
public record ListingProperties(
    SeriousListPolicy seriousListPolicy,
    Integer escalationWorkingDays,
    Integer reminderDaysBefore,
    Map<String, String> legalBasis,
    Map<String, String> individualLegalBasis,
    Sweep sweep) {

  public enum SeriousListPolicy {
    CHIEF_DECIDES,
    AUTOMATIC
  }

  public ListingProperties {
    seriousListPolicy = seriousListPolicy == null ? SeriousListPolicy.CHIEF_DECIDES : seriousListPolicy;
    escalationWorkingDays = escalationWorkingDays == null ? 2 : escalationWorkingDays;
    reminderDaysBefore = reminderDaysBefore == null ? 60 : reminderDaysBefore;
    legalBasis = legalBasis == null || legalBasis.isEmpty() ? Map.of(
        "1", "《企业信息公示暂行条例》第八条、第十七条，《企业经营异常名录管理暂行办法》第六条",
        "2", "《企业信息公示暂行条例》第十条、第十七条，《企业经营异常名录管理暂行办法》第七条",
        "3", "《企业信息公示暂行条例》第十七条，《企业经营异常名录管理暂行办法》第八条",
        "4", "《企业信息公示暂行条例》第十七条，《企业经营异常名录管理暂行办法》第九条") : Map.copyOf(legalBasis);
    individualLegalBasis = individualLegalBasis == null || individualLegalBasis.isEmpty() ? Map.of(
        "1", "《个体工商户年度报告暂行办法》第十三条",
        "2", "《个体工商户年度报告暂行办法》第十三条",
        "3", "《个体工商户年度报告暂行办法》第十四条",
        "4", "《个体工商户年度报告暂行办法》第十三条") : Map.copyOf(individualLegalBasis);
    sweep = sweep == null ? new Sweep(null, null, null, null, null) : sweep;
  }

  /** The registration authority (登记机关): the one department that decides abnormal-list cases (the sweep's). */
  public String registrationAuthority() {
    return sweep.department();
  }

  /**
   * The legal basis of a removal (移出 / 恢复正常记载状态) per ground: the removal articles of the
   * 2014 rules (暂行办法 arts. 11–14) and 个体工商户年度报告暂行办法 art. 15, never the listing article.
   */
  public String removalLegalBasis(String ground, boolean individualBusiness) {
    if (individualBusiness) {
      return "《个体工商户年度报告暂行办法》第十五条";
    }
    return switch (ground == null ? "" : ground.strip()) {
      case "1" -> "《企业信息公示暂行条例》第十七条第二款，《企业经营异常名录管理暂行办法》第十一条";
      case "2" -> "《企业信息公示暂行条例》第十七条第二款，《企业经营异常名录管理暂行办法》第十二条";
      case "3" -> "《企业信息公示暂行条例》第十七条第二款，《企业经营异常名录管理暂行办法》第十三条";
      case "4" -> "《企业信息公示暂行条例》第十七条第二款，《企业经营异常名录管理暂行办法》第十四条";
      default -> "";
    };
  }

  public String legalBasis(String ground, boolean individualBusiness) {
    return (individualBusiness ? individualLegalBasis : legalBasis).getOrDefault(ground, "");
  }

  /**
   * @param cron when the sweep starts (Spring cron, zone Asia/Shanghai; default 09:00 on 1 July;
   *     {@code -} turns it off)
   * @param department the department that lists (default {@code market})
   * @param chunkSize listings per transaction (default 200)
   * @param entityTypes directory types that must report (default all four)
   * @param reportDeadline month-day by which the previous year's report is due (default 06-30)
   */
  public record Sweep(
      String cron, String department, Integer chunkSize, List<String> entityTypes, String reportDeadline) {
    public Sweep {
      cron = cron == null || cron.isBlank() ? "0 0 9 1 7 *" : cron;
      department = department == null || department.isBlank() ? "market" : department;
      chunkSize = chunkSize == null ? 200 : chunkSize;
      entityTypes = entityTypes == null || entityTypes.isEmpty()
          ? List.of("enterprise", "cooperative", "individual", "foreign_office") : List.copyOf(entityTypes);
      reportDeadline = reportDeadline == null || reportDeadline.isBlank() ? "06-30" : reportDeadline;
    }
  }
}
