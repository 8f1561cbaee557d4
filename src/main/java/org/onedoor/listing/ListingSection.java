package org.onedoor.listing;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.onedoor.inspection.InspectionSection;
import org.springframework.stereotype.Component;

/**
 * The inspection page's "经营异常名录" section: each department's finding that the business cannot be
 * found, whether it was the registration authority's own or a referral (抄告) to it, and the one case
 * it started or joined, decided by the registration authority.
 */
@Component
class ListingSection implements InspectionSection {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");

  private final Listings listings;
  private final ListingTaskFacts facts;

  ListingSection(Listings listings, ListingTaskFacts facts) {
    this.listings = listings;
    this.facts = facts;
  }

  @Override
  public String key() {
    return "listings";
  }

  @Override
  public String title() {
    return "经营异常名录";
  }

  @Override
  public int order() {
    return 65;
  }

  @Override
  public Object data(String inspectionNumber) {
    return listings.referralsOf(inspectionNumber);
  }

  /** Each case the findings started or joined: its staff page (objection and removal are registered there). */
  @Override
  public List<Link> links(String inspectionNumber) {
    return listings.referralsOf(inspectionNumber).stream().map(Listings.Referral::listingId).distinct()
        .map(id -> new Link("打开经营异常案件（第 " + id + " 号）", "/staff/listings/" + id)).toList();
  }

  @Override
  public Table table(String inspectionNumber) {
    List<List<String>> rows = new ArrayList<>();
    for (Listings.Referral r : listings.referralsOf(inspectionNumber)) {
      rows.add(List.of(r.departmentName(),
          r.referral() ? "抄告" + r.decidingName() + "（登记机关）" : "本部门作为登记机关办理",
          facts.person(r.referredBy()) + "，" + TIME.format(r.referredAt().atZone(listings.zone())),
          r.decidingName(), "第 " + r.listingId() + " 号案件：" + status(r.status())
              + (r.decisionNumber() == null ? "" : "（" + r.decisionNumber() + "）")));
    }
    return new Table(List.of("发现部门", "方式", "记录人及时间", "决定机关", "案件"), rows);
  }

  static String status(Listings.Status status) {
    return switch (status) {
      case PROPOSED -> "办理中";
      case LISTED -> "已列入";
      case SERIOUS_LISTED -> "已转列严重违法失信名单";
      case NOT_LISTED -> "不予列入";
      case REVOKED -> "已撤销列入";
      case REMOVED -> "已移出";
      case ENDED -> "已终止";
    };
  }
}
