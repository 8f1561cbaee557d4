package org.onedoor.listing.letter;

import java.time.Instant;
import java.time.LocalDate;
import org.onedoor.listing.ListingDecided;
import org.onedoor.listing.ListingDecided.Kind;

/** Decisions as the abnormal-listing process publishes them, one per kind, for the letter tests. */
final class LetterSamples {

  static final String USCC = "91440300MA5FXK8E3N";
  static final String NAME = "深圳市鹏程瑞丰贸易有限公司";
  static final LocalDate DECIDED = LocalDate.of(2026, 7, 14);
  static final Instant AT = Instant.parse("2026-07-14T02:30:00Z");

  private LetterSamples() {}

  static ListingDecided decision(Kind kind, long listingId, String number) {
    return decision(kind, listingId, number, NAME, USCC, false);
  }

  static ListingDecided decision(
      Kind kind, long listingId, String number, String name, String uscc, boolean individual) {
    return switch (kind) {
      case LISTED -> new ListingDecided(
          listingId, kind, number, uscc, name, individual, "4", "通过登记的住所或者经营场所无法联系",
          null, "market", "深圳市市场监督管理局", DECIDED, DECIDED.minusDays(9),
          "本局于2026年6月20日向你单位登记的住所寄送挂号信函，因查无此单位被退回；2026年7月2日实地核查，登记的住所已无人经营。",
          "《企业经营异常名录管理暂行办法》第四条第（四）项、第九条", null, AT);
      case OBJECTION_REJECTED -> new ListingDecided(
          listingId, kind, number, uscc, name, individual, "1", "未按照规定期限公示年度报告",
          null, "market", "深圳市市场监督管理局", DECIDED, DECIDED,
          "你单位2025年度报告于2026年7月5日方才报送，列入决定作出时确未公示。",
          "《企业经营异常名录管理暂行办法》第十六条",
          "你单位提交的证据不能证明在2026年6月30日前已公示年度报告，异议不成立。", AT);
      case REVOKED -> new ListingDecided(
          listingId, kind, number, uscc, name, individual, "4", "通过登记的住所或者经营场所无法联系",
          null, "market", "深圳市市场监督管理局", DECIDED, DECIDED,
          "挂号信函因投递员错投被退回，你单位在登记的住所正常经营。",
          "《企业经营异常名录管理暂行办法》第十六条、第十七条", "列入所依据的事实不成立。", AT);
      case REMOVED -> new ListingDecided(
          listingId, kind, number, uscc, name, individual, "1", "未按照规定期限公示年度报告",
          "1", "market", "深圳市市场监督管理局", DECIDED, DECIDED,
          "你单位已于2026年7月10日补报2025年度报告并公示。",
          "《企业经营异常名录管理暂行办法》第十一条", null, AT);
      case SERIOUS_LISTED -> new ListingDecided(
          listingId, kind, number, uscc, name, individual, "1", "未按照规定期限公示年度报告",
          null, "market", "深圳市市场监督管理局", DECIDED, DECIDED,
          "你单位于2023年7月10日被列入经营异常名录，至今未补报年度报告。",
          "《严重违法失信企业名单管理暂行办法》第五条第一款第（一）项", null, AT);
    };
  }
}
