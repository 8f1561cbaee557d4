package org.onedoor.listing.letter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.List;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.springframework.stereotype.Component;

/**
 * Lays a {@link LetterContent} out on A4 pages in the manner of an official document (GB/T 9704
 * margins and type sizes, a sans-serif face standing in for 仿宋/小标宋): heading centred, number
 * right-aligned, paragraphs indented by two characters, Chinese line-breaking rules (no closing
 * punctuation at the start of a line, no opening one at its end, Latin words and numbers kept
 * whole), the signature block kept on one page, and a page number "— n —" at the foot of each page.
 * The font is embedded as a subset.
 */
@Component
public class LetterRenderer {

  static final float MM = 72f / 25.4f;
  static final PDRectangle PAGE = PDRectangle.A4;
  static final float LEFT = 28 * MM;
  static final float RIGHT = 26 * MM;
  static final float TOP = 37 * MM;
  static final float BOTTOM = 35 * MM;
  static final float WIDTH = PAGE.getWidth() - LEFT - RIGHT;
  static final float TITLE_SIZE = 20;
  static final float BODY_SIZE = 15;
  static final float LEADING = 1.85f;
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  /** Characters that may not begin a line. */
  static final String NO_START = "，。、；：？！）》」』】〕〉”’%,.;:?!)]}·—…";
  /** Characters that may not end a line. */
  static final String NO_END = "（《「『【〔〈“‘([{";

  private final LetterFont letterFont;

  public LetterRenderer(LetterFont letterFont) {
    this.letterFont = letterFont;
  }

  enum Align {
    LEFT,
    CENTRE,
    RIGHT
  }

  /** One laid-out line: its text, size, alignment, indent and the space it takes (baseline to baseline). */
  record Line(String text, float size, Align align, float indent, float advance, boolean bold) {}

  /** Renders a letter; {@code at} is the moment of the decision, the document's creation date. */
  public byte[] render(LetterContent letter, Instant at) {
    TrueTypeFont ttf;
    try {
      ttf = letterFont.borrow();
    } catch (IOException e) {
      throw new UncheckedIOException("the letter font could not be read", e);
    }
    boolean saved = false;
    try (PDDocument doc = new PDDocument()) {
      PDFont font = PDType0Font.load(doc, ttf, true);
      int lastParagraph = wrap(font, letter.remedies(), BODY_SIZE, WIDTH, 2 * BODY_SIZE).size();
      List<List<Line>> pages = paginate(layout(letter, font), signature(letter, font), lastParagraph);
      for (int p = 0; p < pages.size(); p++) {
        PDPage page = new PDPage(PAGE);
        doc.addPage(page);
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
          float y = PAGE.getHeight() - TOP;
          for (Line line : pages.get(p)) {
            y -= line.advance();
            if (!line.text().isEmpty()) {
              draw(cs, font, line, y);
            }
          }
          String folio = "— " + (p + 1) + " —";
          draw(cs, font, new Line(folio, 12, Align.CENTRE, 0, 0, false), BOTTOM / 2);
        }
      }
      PDDocumentInformation info = doc.getDocumentInformation();
      info.setTitle(letter.title() + " " + letter.decisionNumber());
      info.setAuthor(letter.authority());
      info.setSubject(letter.addressee().replaceAll("：$", ""));
      info.setCreator("onedoor");
      GregorianCalendar created = GregorianCalendar.from(at.atZone(ZONE));
      info.setCreationDate(created);
      info.setModificationDate(created);
      doc.getDocumentCatalog().setLanguage("zh-CN");
      ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
      doc.save(out);
      saved = true;
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("the decision letter " + letter.decisionNumber() + " could not be rendered", e);
    } finally {
      letterFont.release(ttf, saved);
    }
  }

  private static void draw(PDPageContentStream cs, PDFont font, Line line, float y) throws IOException {
    float width = width(font, line.text(), line.size());
    float x =
        switch (line.align()) {
          case LEFT -> LEFT + line.indent();
          case CENTRE -> LEFT + (WIDTH - width) / 2;
          case RIGHT -> LEFT + WIDTH - line.indent() - width;
        };
    cs.beginText();
    cs.setFont(font, line.size());
    if (line.bold()) {
      cs.setRenderingMode(RenderingMode.FILL_STROKE);
      cs.setLineWidth(line.size() / 30f);
    }
    cs.newLineAtOffset(x, y);
    cs.showText(line.text());
    cs.endText();
    if (line.bold()) {
      cs.setRenderingMode(RenderingMode.FILL);
    }
  }

  /** The letter as lines, top to bottom; a line with {@code advance} but no text is vertical space. */
  static List<Line> layout(LetterContent letter, PDFont font) throws IOException {
    List<Line> lines = new ArrayList<>();
    float titleAdvance = TITLE_SIZE * 1.6f;
    float bodyAdvance = BODY_SIZE * LEADING;
    for (String part : wrap(font, letter.authority(), TITLE_SIZE, WIDTH, 0)) {
      lines.add(new Line(part, TITLE_SIZE, Align.CENTRE, 0, titleAdvance, true));
    }
    for (String part : wrap(font, letter.title(), TITLE_SIZE, WIDTH, 0)) {
      lines.add(new Line(part, TITLE_SIZE, Align.CENTRE, 0, titleAdvance, true));
    }
    lines.add(new Line(letter.decisionNumber(), BODY_SIZE, Align.RIGHT, 0, bodyAdvance * 1.3f, false));
    lines.add(new Line("", BODY_SIZE, Align.LEFT, 0, bodyAdvance * 0.5f, false));
    paragraph(lines, font, letter.addressee(), 0);
    for (String particular : letter.particulars()) {
      paragraph(lines, font, particular, 2 * BODY_SIZE);
    }
    for (String paragraph : letter.paragraphs()) {
      paragraph(lines, font, paragraph, 2 * BODY_SIZE);
    }
    paragraph(lines, font, letter.remedies(), 2 * BODY_SIZE);
    return lines;
  }

  /** The signature block, kept together after two blank lines: the authority, the date centred under it. */
  static List<Line> signature(LetterContent letter, PDFont font) throws IOException {
    float bodyAdvance = BODY_SIZE * LEADING;
    float right = 2 * BODY_SIZE;
    float under = (width(font, letter.authority(), BODY_SIZE) - width(font, letter.date(), BODY_SIZE)) / 2;
    return List.of(
        new Line("", BODY_SIZE, Align.LEFT, 0, bodyAdvance * 2, false),
        new Line(letter.authority(), BODY_SIZE, Align.RIGHT, right, bodyAdvance, false),
        new Line(letter.date(), BODY_SIZE, Align.RIGHT, Math.max(0, right + under), bodyAdvance, false));
  }

  private static void paragraph(List<Line> lines, PDFont font, String text, float firstIndent) throws IOException {
    List<String> parts = wrap(font, text, BODY_SIZE, WIDTH, firstIndent);
    for (int i = 0; i < parts.size(); i++) {
      lines.add(new Line(parts.get(i), BODY_SIZE, Align.LEFT, i == 0 ? firstIndent : 0, BODY_SIZE * LEADING, false));
    }
  }

  /** Splits the lines into pages; the signature block follows the body on the last page. */
  static List<List<Line>> paginate(List<Line> body, List<Line> signature) {
    return paginate(body, signature, 2);
  }

  /**
   * Splits the lines into pages. The signature block follows the body on the last page and never
   * stands alone there: when it does not fit under the body, the last {@code keepWithSignature}
   * lines of the body (the last paragraph) move to the next page with it.
   */
  static List<List<Line>> paginate(List<Line> body, List<Line> signature, int keepWithSignature) {
    float usable = PAGE.getHeight() - TOP - BOTTOM;
    List<List<Line>> pages = new ArrayList<>();
    List<Line> page = new ArrayList<>();
    float used = 0;
    for (Line line : body) {
      if (used + line.advance() > usable && !page.isEmpty()) {
        pages.add(page);
        page = new ArrayList<>();
        used = 0;
        if (line.text().isEmpty()) {
          continue; // no vertical space at the top of a page
        }
      }
      page.add(line);
      used += line.advance();
    }
    float block = (float) signature.stream().mapToDouble(Line::advance).sum();
    if (used + block > usable && !page.isEmpty()) {
      int keep = Math.max(1, Math.min(keepWithSignature, page.size() - 1));
      List<Line> carried = new ArrayList<>(page.subList(page.size() - keep, page.size()));
      if (keep >= page.size()) {
        carried = new ArrayList<>();
      } else {
        page.subList(page.size() - keep, page.size()).clear();
      }
      pages.add(page);
      page = carried;
    }
    page.addAll(signature);
    pages.add(page);
    return pages;
  }

  /**
   * Breaks a text into lines no wider than {@code width} (the first line {@code firstIndent}
   * narrower): CJK characters break anywhere, Latin letters and digits only between words, closing
   * punctuation hangs at the end of the line rather than starting the next, opening punctuation
   * moves to the next line.
   */
  static List<String> wrap(PDFont font, String text, float size, float width, float firstIndent) throws IOException {
    List<String> tokens = new ArrayList<>(tokens(text));
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    float used = 0;
    float available = width - firstIndent;
    for (int i = 0; i < tokens.size(); i++) {
      String token = tokens.get(i);
      float w = width(font, token, size);
      if (w > width && token.length() > 1) {
        // a word wider than the line is broken between its characters
        tokens.remove(i);
        tokens.addAll(i, token.chars().mapToObj(Character::toString).toList());
        i--;
        continue;
      }
      boolean hangs = NO_START.indexOf(token.charAt(0)) >= 0 && !line.isEmpty();
      if (used + w > available + 0.01f && !line.isEmpty() && !hangs) {
        // an opening bracket at the end of the line moves down with the token that follows it
        String carried = "";
        while (!line.isEmpty() && NO_END.indexOf(line.charAt(line.length() - 1)) >= 0 && line.length() > 1) {
          carried = line.charAt(line.length() - 1) + carried;
          line.setLength(line.length() - 1);
        }
        lines.add(line.toString().stripTrailing());
        line = new StringBuilder(carried);
        used = width(font, carried, size);
        available = width;
        if (token.equals(" ")) {
          continue;
        }
      }
      line.append(token);
      used += w;
    }
    if (!line.isEmpty() || lines.isEmpty()) {
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }

  /** Runs of Latin letters, digits and ASCII joiners stay together; every other character is a token. */
  static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int c = text.codePointAt(i);
      int end = i + Character.charCount(c);
      if (isWordChar(c)) {
        while (end < text.length() && isWordChar(text.codePointAt(end))) {
          end += Character.charCount(text.codePointAt(end));
        }
      }
      tokens.add(text.substring(i, end));
      i = end;
    }
    return tokens;
  }

  private static boolean isWordChar(int c) {
    return c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == '/');
  }

  static float width(PDFont font, String text, float size) throws IOException {
    return font.getStringWidth(text) / 1000f * size;
  }
}
