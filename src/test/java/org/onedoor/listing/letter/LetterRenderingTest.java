package org.onedoor.listing.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.onedoor.listing.ListingDecided;
import org.onedoor.listing.ListingDecided.Kind;
import org.onedoor.platform.web.BadRequestException;

/** Each kind of decision letter rendered and read back with PDFBox's text extraction. */
class LetterRenderingTest {

  static final LetterFont FONT = new LetterFont();
  final LetterRenderer renderer = new LetterRenderer(FONT);
  final LetterProperties settings = new LetterProperties(null, null);

  byte[] render(ListingDecided decision) {
    return renderer.render(LetterWording.compose(decision, settings, FONT::covers), decision.at());
  }

  /** The letter's text with all white space removed (lines break anywhere in Chinese). */
  static String text(byte[] pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(doc).replaceAll("\\s+", "");
    }
  }

  static List<PDFont> fonts(byte[] pdf) throws IOException {
    List<PDFont> fonts = new ArrayList<>();
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      for (PDPage page : doc.getPages()) {
        for (var name : page.getResources().getFontNames()) {
          fonts.add(page.getResources().getFont(name));
        }
      }
    }
    return fonts;
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void everyKindCarriesTheEntityTheGroundTheDateAndBothRemedies(Kind kind) throws IOException {
    ListingDecided decision = LetterSamples.decision(kind, 1, "深市监异〔2026〕" + kind.ordinal() + "号");
    String text = text(render(decision));

    assertThat(text)
        .contains("深圳市市场监督管理局")
        .contains(LetterWording.title(kind, false))
        .contains("深市监异〔2026〕" + kind.ordinal() + "号")
        .contains("深圳市鹏程瑞丰贸易有限公司：")
        .contains("统一社会信用代码：91440300MA5FXK8E3N")
        .contains(decision.groundLabel())
        .contains(decision.legalBasis())
        .contains(decision.facts().replaceAll("\\s+", ""))
        .contains("2026年7月14日")
        .contains("可以自收到本决定书之日起六十日内依法申请行政复议")
        .contains("也可以在六个月内依法向人民法院提起行政诉讼");
    if (decision.reason() != null) {
      assertThat(text).contains("理由：" + decision.reason());
    }
  }

  @Test
  void eachKindSaysWhatWasDecided() throws IOException {
    assertThat(text(render(LetterSamples.decision(Kind.LISTED, 1, "A1"))))
        .contains("本局认为，你单位的上述情形属于通过登记的住所或者经营场所无法联系的情形。")
        .contains("本局决定将你单位列入经营异常名录，并向社会公示。");
    assertThat(text(render(LetterSamples.decision(Kind.OBJECTION_REJECTED, 1, "A2"))))
        .contains("你单位对被列入经营异常名录（事由：未按照规定期限公示年度报告）提出异议。")
        .contains("本局决定对你单位的异议不予支持，维持将你单位列入经营异常名录的决定。");
    assertThat(text(render(LetterSamples.decision(Kind.REVOKED, 1, "A3"))))
        .contains("本局决定撤销将你单位列入经营异常名录的决定，并将撤销情况向社会公示。");
    assertThat(text(render(LetterSamples.decision(Kind.REMOVED, 1, "A4"))))
        .contains("本局决定将你单位移出经营异常名录（移出原因：已补报未报年份的年度报告并公示），并向社会公示。");
    assertThat(text(render(LetterSamples.decision(Kind.SERIOUS_LISTED, 1, "A5"))))
        .contains("届满三年仍未履行相关义务")
        .contains("本局决定将你单位列入严重违法失信名单，并向社会公示。");
  }

  @Test
  void anIndividualBusinessIsMarkedAbnormalNotListed() throws IOException {
    String name = "罗湖区张记粮油店";
    String listed =
        text(render(LetterSamples.decision(Kind.LISTED, 1, "B1", name, "92440300MA5G0XQ17K", true)));
    assertThat(listed)
        .contains("标记经营异常状态决定书")
        .contains("罗湖区张记粮油店：")
        .contains("本局决定将你户标记为经营异常状态")
        .contains("你户如不服本决定，可以自收到本决定书之日起六十日内")
        .doesNotContain("列入经营异常名录");
    String removed =
        text(render(LetterSamples.decision(Kind.REMOVED, 1, "B2", name, "92440300MA5G0XQ17K", true)));
    assertThat(removed)
        .contains("恢复正常记载状态决定书")
        .contains("本局决定将你户恢复为正常记载状态（恢复原因：已补报未报年份的年度报告并公示）");
  }

  @Test
  void theFontIsEmbeddedAsASubset() throws IOException {
    List<PDFont> fonts = fonts(render(LetterSamples.decision(Kind.LISTED, 1, "C1")));
    assertThat(fonts).isNotEmpty();
    for (PDFont font : fonts) {
      assertThat(font.isEmbedded()).as(font.getName()).isTrue();
      // a subset's name carries a six-letter tag: ABCDEF+WenQuanYiMicroHei
      assertThat(font.getName()).matches("[A-Z]{6}\\+" + LetterFont.NAME + ".*");
    }
  }

  @Test
  void aSubsetKeepsTheLetterSmall() {
    assertThat(render(LetterSamples.decision(Kind.LISTED, 1, "C2")).length).isLessThan(150_000);
  }

  @Test
  void theNamedReconsiderationBodyAndCourtAppearWhenConfigured() throws IOException {
    LetterProperties named = new LetterProperties("深圳市人民政府", "深圳市福田区人民法院");
    ListingDecided decision = LetterSamples.decision(Kind.LISTED, 1, "D1");
    String text = text(renderer.render(LetterWording.compose(decision, named, FONT::covers), decision.at()));
    assertThat(text)
        .contains("可以自收到本决定书之日起六十日内向深圳市人民政府申请行政复议")
        .contains("也可以在六个月内依法向深圳市福田区人民法院提起行政诉讼");
  }

  @Test
  void longFactsRunOnToMorePagesWithTheSignatureOnTheLast() throws IOException {
    ListingDecided base = LetterSamples.decision(Kind.LISTED, 1, "E1");
    String facts = String.join("\n", java.util.Collections.nCopies(40, "核查人员于2026年7月2日前往登记的住所，现场无人办公，邻近商户称该公司已搬离多时。"));
    ListingDecided longOne =
        new ListingDecided(
            base.listingId(), base.kind(), base.decisionNumber(), base.uscc(), base.entityName(),
            false, base.ground(), base.groundLabel(), null, base.department(), base.authority(),
            base.decidedOn(), base.arisenOn(), facts, base.legalBasis(), null, base.at());
    byte[] pdf = render(longOne);
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      assertThat(doc.getNumberOfPages()).isGreaterThan(1);
      PDFTextStripper last = new PDFTextStripper();
      last.setStartPage(doc.getNumberOfPages());
      last.setEndPage(doc.getNumberOfPages());
      String lastPage = last.getText(doc).replaceAll("\\s+", "");
      assertThat(lastPage).contains("2026年7月14日").contains("—" + doc.getNumberOfPages() + "—");
    }
    assertThat(text(pdf)).contains("邻近商户称该公司已搬离多时。").contains("六十日内").contains("六个月内");
  }

  /** Issue 14, defect 8: however long the facts, the signature and date never stand alone on a page. */
  @Test
  void theSignatureAndDateStayWithTheLastParagraphWhateverTheLengthOfTheFacts() throws IOException {
    ListingDecided base = LetterSamples.decision(Kind.REMOVED, 1, "S1");
    int brokenBefore = 0;
    for (int n = 1; n <= 30; n++) {
      String facts = String.join("\n", java.util.Collections.nCopies(n, "你单位已于2026年7月10日补报2025年度报告并公示，经核查属实。"));
      ListingDecided letter = new ListingDecided(base.listingId(), base.kind(), base.decisionNumber(), base.uscc(),
          base.entityName(), false, base.ground(), base.groundLabel(), base.reasonCode(), base.department(),
          base.authority(), base.decidedOn(), base.arisenOn(), facts, base.legalBasis(), null, base.at());
      byte[] pdf = render(letter);
      try (PDDocument doc = Loader.loadPDF(pdf)) {
        int pages = doc.getNumberOfPages();
        PDFTextStripper last = new PDFTextStripper();
        last.setStartPage(pages);
        last.setEndPage(pages);
        String lastPage = last.getText(doc).replaceAll("\\s+", "");
        assertThat(lastPage).as(n + " lines of facts, page " + pages).contains("2026年7月14日")
            .contains("提起行政诉讼。");
        // without keeping them together, some lengths leave only the signature and date on the last page
        if (pages > 1 && lastPage.replace("—" + pages + "—", "").replace("深圳市市场监督管理局", "")
            .replace("2026年7月14日", "").isEmpty()) {
          brokenBefore++;
        }
      }
    }
    assertThat(brokenBefore).isZero();
  }

  @Test
  void aRemovalLetterStatesTheRemovalFactsAndArticleNotTheListingOnes() throws IOException {
    ListingDecided base = LetterSamples.decision(Kind.REMOVED, 1, "R1");
    ListingDecided removal = new ListingDecided(base.listingId(), base.kind(), base.decisionNumber(), base.uscc(),
        base.entityName(), false, "4", "通过登记的住所或者经营场所无法联系", "4", base.department(), base.authority(),
        base.decidedOn(), base.arisenOn(), "你单位于2026年7月10日申请移出经营异常名录，称已办理住所变更登记。\n经核实，新住所实地核查可以联系",
        "《企业信息公示暂行条例》第十七条第二款，《企业经营异常名录管理暂行办法》第十四条", null, base.at());
    String text = text(render(removal));
    assertThat(text)
        .contains("你单位因通过登记的住所或者经营场所无法联系被列入经营异常名录。经查，你单位于2026年7月10日申请移出经营异常名录")
        .contains("经核实，新住所实地核查可以联系。")
        .contains("依据《企业信息公示暂行条例》第十七条第二款，《企业经营异常名录管理暂行办法》第十四条的规定")
        .doesNotContain("第九条");
    assertThat(text.indexOf("申请移出经营异常名录")).as("the application is stated once")
        .isEqualTo(text.lastIndexOf("申请移出经营异常名录"));
  }

  @Test
  void aCharacterTheFontCannotPrintIsRefusedNamingTheField() {
    ListingDecided base = LetterSamples.decision(Kind.LISTED, 1, "F1");
    ListingDecided rare =
        new ListingDecided(
            base.listingId(), base.kind(), base.decisionNumber(), base.uscc(), "\uD840\uDC00记商行", false,
            base.ground(), base.groundLabel(), null, base.department(), base.authority(), base.decidedOn(),
            base.arisenOn(), base.facts(), base.legalBasis(), null, base.at());
    assertThatThrownBy(() -> LetterWording.compose(rare, settings, FONT::covers))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("entityName")
        .hasMessageContaining("U+20000");
  }

  @Test
  void missingFieldsAreReportedTogether() {
    ListingDecided base = LetterSamples.decision(Kind.OBJECTION_REJECTED, 1, "G1");
    ListingDecided empty =
        new ListingDecided(
            base.listingId(), base.kind(), " ", base.uscc(), base.entityName(), false, "9", null, null,
            base.department(), base.authority(), null, null, base.facts(), "", null, base.at());
    assertThatThrownBy(() -> LetterWording.compose(empty, settings, FONT::covers))
        .isInstanceOfSatisfying(
            BadRequestException.class,
            e -> assertThat(e.errors()).extracting(BadRequestException.FieldError::field)
                .containsExactlyInAnyOrder("decisionNumber", "legalBasis", "reason", "ground", "decidedOn"));
  }

  @Test
  void lettersRenderedAtTheSameTimeKeepTheirOwnText() throws Exception {
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<String>> texts = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        String name = "并发测试第" + "一二三四五六七八九十壹贰".charAt(i) + "商行";
        ListingDecided d =
            LetterSamples.decision(Kind.values()[i % 5], i, "并发〔2026〕" + i + "号", name, LetterSamples.USCC, false);
        texts.add(pool.submit(() -> text(render(d))));
      }
      for (int i = 0; i < 12; i++) {
        assertThat(texts.get(i).get())
            .contains("并发测试第" + "一二三四五六七八九十壹贰".charAt(i) + "商行：")
            .contains("并发〔2026〕" + i + "号");
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void linesBreakByTheChineseRules() throws IOException {
    try (PDDocument doc = new PDDocument(); var ttf = FONT.open()) {
      PDFont font = org.apache.pdfbox.pdmodel.font.PDType0Font.load(doc, ttf, true);
      float width = LetterRenderer.width(font, "一二三四五", 15);
      // a full stop never starts a line: it hangs at the end of the previous one
      assertThat(LetterRenderer.wrap(font, "一二三四五。六七", 15, width, 0)).containsExactly("一二三四五。", "六七");
      // an opening bracket never ends a line
      assertThat(LetterRenderer.wrap(font, "一二三四（五）", 15, width, 0)).containsExactly("一二三四", "（五）");
      // a number stays whole
      assertThat(LetterRenderer.wrap(font, "一二三2026年", 15, width, 0)).containsExactly("一二三", "2026年");
    }
  }
}
