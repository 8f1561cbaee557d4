package org.onedoor.listing.letter;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.onedoor.inspection.InspectionSection;
import org.onedoor.listing.Listings;
import org.springframework.stereotype.Component;

/**
 * The inspection page's "经营异常名录决定书" section (issue 14, defect 9): the decision letters of the
 * abnormal-list cases this inspection started or joined, each a link to its PDF under the inspection
 * page, so staff download it with their Tasklist sign-in.
 */
@Component
class LetterSection implements InspectionSection {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

  private final Listings listings;
  private final DecisionLetters letters;

  LetterSection(Listings listings, DecisionLetters letters) {
    this.listings = listings;
    this.letters = letters;
  }

  /** The letters of the cases this inspection's findings started or joined, oldest first. */
  List<DecisionLetters.Letter> of(String inspectionNumber) {
    Set<Long> cases = new LinkedHashSet<>();
    listings.referralsOf(inspectionNumber).forEach(r -> cases.add(r.listingId()));
    List<DecisionLetters.Letter> all = new ArrayList<>();
    cases.forEach(id -> all.addAll(letters.ofListing(id)));
    return all;
  }

  static String href(String inspectionNumber, DecisionLetters.Letter letter) {
    return "/staff/inspections/" + inspectionNumber + "/listings/" + letter.listingId() + "/letters/" + letter.id()
        + ".pdf";
  }

  @Override
  public String key() {
    return "letters";
  }

  @Override
  public String title() {
    return "经营异常名录决定书";
  }

  @Override
  public int order() {
    return 66;
  }

  @Override
  public Object data(String inspectionNumber) {
    return of(inspectionNumber);
  }

  @Override
  public Table table(String inspectionNumber) {
    List<List<String>> rows = new ArrayList<>();
    for (DecisionLetters.Letter l : of(inspectionNumber)) {
      rows.add(List.of(l.title(), l.decisionNumber(), DATE.format(l.decidedOn()), "第 " + l.listingId() + " 号案件"));
    }
    return new Table(List.of("决定书", "文号", "作出日期", "案件"), rows);
  }

  @Override
  public List<Link> links(String inspectionNumber) {
    return of(inspectionNumber).stream()
        .map(l -> new Link(l.title() + " " + l.decisionNumber() + "（PDF）", href(inspectionNumber, l)))
        .toList();
  }
}
