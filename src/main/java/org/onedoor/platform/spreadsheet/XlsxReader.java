package org.onedoor.platform.spreadsheet;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the first worksheet of an Excel .xlsx file row by row, as text, without loading the sheet:
 * the worksheet XML is streamed (StAX); only the shared-string table is held, as Excel requires.
 * Cells come back as Excel shows them for our purposes: shared and inline strings as text,
 * numbers in plain notation (no exponent, no trailing ".0"), date-formatted numbers as ISO dates
 * (YYYY-MM-DD), booleans as TRUE/FALSE, formulas as their cached value. Empty cells are "".
 *
 * <p>Refuses what it cannot read safely with an {@link IOException} saying why: not a zip, no
 * worksheet, an encrypted or legacy .xls file, XML with a DTD (no external entities are resolved).
 */
public final class XlsxReader {

  /** Receives each row with its number as Excel shows it (the first row is 1). */
  @FunctionalInterface
  public interface RowHandler {
    /** Return false to stop reading. */
    boolean row(int rowNumber, List<String> cells) throws IOException;
  }

  private static final int MAX_COLUMNS = 16_384;
  private static final Set<Integer> BUILTIN_DATE_FORMATS =
      Set.of(14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57);
  /** m/d/yy h:mm: a built-in date format with a time. */
  private static final int BUILTIN_DATE_TIME_FORMAT = 22;

  private XlsxReader() {}

  /**
   * How much a workbook may unpack to (a zip bomb inflates a small upload to gigabytes): every part
   * read counts against {@code maxUnpackedBytes}; the shared-string table, held in memory, also
   * against {@code maxSharedStringsBytes}. Exceeding either ends the read with an
   * {@link IOException} saying so in Chinese, the moment the limit is passed.
   */
  public record Limits(long maxUnpackedBytes, long maxSharedStringsBytes) {
    /** 512 MB unpacked in all, 64 MB of shared strings. */
    public static final Limits DEFAULT = new Limits(512L << 20, 64L << 20);

    public Limits {
      if (maxUnpackedBytes < 1 || maxSharedStringsBytes < 1) {
        throw new IllegalArgumentException("XLSX limits must be positive");
      }
    }
  }

  public static void read(Path file, RowHandler handler) throws IOException {
    read(file, Limits.DEFAULT, handler);
  }

  public static void read(Path file, Limits limits, RowHandler handler) throws IOException {
    try (ZipFile zip = open(file)) {
      Budget budget = new Budget(limits.maxUnpackedBytes());
      String sheet = firstSheetPath(zip, budget);
      List<String> shared = sharedStrings(zip, budget, limits.maxSharedStringsBytes());
      Map<Integer, Boolean> dateStyles = dateStyles(zip, budget);
      ZipEntry entry = zip.getEntry(sheet);
      if (entry == null) {
        throw new IOException("the workbook has no worksheet " + sheet);
      }
      try (InputStream in = budget.open(zip, entry, Long.MAX_VALUE, "工作表")) {
        readSheet(in, shared, dateStyles, handler);
      }
    }
  }

  /** Thrown when a workbook unpacks to more than a limit; its message is the Chinese reason. */
  public static final class TooLargeException extends IOException {
    TooLargeException(String message) {
      super(message);
    }
  }

  static String megabytes(long bytes) {
    return bytes % (1L << 20) == 0 ? (bytes >> 20) + " MB" : bytes + " 字节";
  }

  /** The unpacked bytes left for the whole workbook, shared by every part read. */
  private static final class Budget {
    private final long limit;
    private long used;

    Budget(long limit) {
      this.limit = limit;
    }

    InputStream open(ZipFile zip, ZipEntry entry, long partLimit, String part) throws IOException {
      long declared = entry.getSize();
      if (declared > partLimit) {
        throw tooLargePart(part, partLimit);
      }
      if (declared > 0 && used + declared > limit) {
        throw tooLarge();
      }
      InputStream in = zip.getInputStream(entry);
      return new java.io.FilterInputStream(in) {
        private long partUsed;

        @Override
        public int read() throws IOException {
          int b = super.read();
          if (b >= 0) {
            count(1);
          }
          return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
          int n = super.read(buffer, offset, length);
          if (n > 0) {
            count(n);
          }
          return n;
        }

        private void count(long n) throws IOException {
          partUsed += n;
          used += n;
          if (partUsed > partLimit) {
            throw tooLargePart(part, partLimit);
          }
          if (used > limit) {
            throw tooLarge();
          }
        }
      };
    }

    private TooLargeException tooLarge() {
      return new TooLargeException("工作簿解压后超过 " + megabytes(limit) + " 的上限（可能是压缩炸弹）");
    }

    private static TooLargeException tooLargePart(String part, long partLimit) {
      return new TooLargeException(part + "解压后超过 " + megabytes(partLimit) + " 的上限（可能是压缩炸弹）");
    }
  }

  /** An XML error, unless it only carries a limit exceeded while reading: then that, with its Chinese reason. */
  private static IOException unreadable(String what, Exception e) {
    Throwable t = e;
    for (int depth = 0; depth < 10 && t != null; depth++) {
      if (t instanceof TooLargeException tooLarge) {
        return tooLarge;
      }
      Throwable next = t.getCause();
      if (next == null && t instanceof XMLStreamException x) {
        next = x.getNestedException();
      }
      t = next;
    }
    return new IOException(what + ": " + e.getMessage(), e);
  }

  private static ZipFile open(Path file) throws IOException {
    try {
      return new ZipFile(file.toFile());
    } catch (java.util.zip.ZipException e) {
      throw new IOException("not an .xlsx workbook (an old .xls or an encrypted file? save it as .xlsx or CSV)");
    }
  }

  /** The first sheet in workbook order, via the workbook's relationships. */
  private static String firstSheetPath(ZipFile zip, Budget budget) throws IOException {
    String relId = null;
    ZipEntry workbook = zip.getEntry("xl/workbook.xml");
    if (workbook == null) {
      throw new IOException("not an Excel workbook: xl/workbook.xml is missing");
    }
    try (InputStream in = budget.open(zip, workbook, Long.MAX_VALUE, "xl/workbook.xml ")) {
      XMLStreamReader xml = xml(in);
      while (xml.hasNext() && relId == null) {
        if (xml.next() == XMLStreamConstants.START_ELEMENT && "sheet".equals(xml.getLocalName())) {
          for (int i = 0; i < xml.getAttributeCount(); i++) {
            if ("id".equals(xml.getAttributeLocalName(i))) {
              relId = xml.getAttributeValue(i);
            }
          }
        }
      }
    } catch (XMLStreamException e) {
      throw unreadable("unreadable workbook.xml", e);
    }
    ZipEntry rels = zip.getEntry("xl/_rels/workbook.xml.rels");
    if (relId != null && rels != null) {
      try (InputStream in = budget.open(zip, rels, Long.MAX_VALUE, "xl/_rels/workbook.xml.rels ")) {
        XMLStreamReader xml = xml(in);
        while (xml.hasNext()) {
          if (xml.next() == XMLStreamConstants.START_ELEMENT && "Relationship".equals(xml.getLocalName())
              && relId.equals(xml.getAttributeValue(null, "Id"))) {
            String target = xml.getAttributeValue(null, "Target");
            return target.startsWith("/") ? target.substring(1) : "xl/" + target;
          }
        }
      } catch (XMLStreamException e) {
        throw unreadable("unreadable workbook relationships", e);
      }
    }
    return "xl/worksheets/sheet1.xml";
  }

  private static List<String> sharedStrings(ZipFile zip, Budget budget, long maxBytes) throws IOException {
    List<String> strings = new ArrayList<>();
    ZipEntry entry = zip.getEntry("xl/sharedStrings.xml");
    if (entry == null) {
      return strings;
    }
    try (InputStream in = budget.open(zip, entry, maxBytes, "共享字符串表（xl/sharedStrings.xml）")) {
      XMLStreamReader xml = xml(in);
      StringBuilder current = null;
      boolean inPhonetic = false;
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          switch (xml.getLocalName()) {
            case "si" -> current = new StringBuilder();
            case "rPh" -> inPhonetic = true; // furigana runs are not part of the text
            case "t" -> {
              if (current != null && !inPhonetic) {
                current.append(xml.getElementText());
              }
            }
            default -> { }
          }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          if ("si".equals(xml.getLocalName()) && current != null) {
            strings.add(current.toString());
            current = null;
          } else if ("rPh".equals(xml.getLocalName())) {
            inPhonetic = false;
          }
        }
      }
    } catch (XMLStreamException e) {
      throw unreadable("unreadable shared strings", e);
    }
    return strings;
  }

  /** Indexes of the cell styles (cellXfs) whose number format is a date, each saying whether it shows a time too. */
  private static Map<Integer, Boolean> dateStyles(ZipFile zip, Budget budget) throws IOException {
    Map<Integer, Boolean> dates = new HashMap<>();
    ZipEntry entry = zip.getEntry("xl/styles.xml");
    if (entry == null) {
      return dates;
    }
    Map<Integer, String> customFormats = new HashMap<>();
    try (InputStream in = budget.open(zip, entry, Long.MAX_VALUE, "xl/styles.xml ")) {
      XMLStreamReader xml = xml(in);
      boolean inCellXfs = false;
      int index = 0;
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          String name = xml.getLocalName();
          if ("numFmt".equals(name)) {
            customFormats.put(Integer.parseInt(xml.getAttributeValue(null, "numFmtId")),
                xml.getAttributeValue(null, "formatCode"));
          } else if ("cellXfs".equals(name)) {
            inCellXfs = true;
          } else if ("xf".equals(name) && inCellXfs) {
            String id = xml.getAttributeValue(null, "numFmtId");
            int formatId = id == null ? 0 : Integer.parseInt(id);
            if (BUILTIN_DATE_FORMATS.contains(formatId) || isDateFormat(customFormats.get(formatId))) {
              dates.put(index, formatId == BUILTIN_DATE_TIME_FORMAT || hasTime(customFormats.get(formatId)));
            }
            index++;
          }
        } else if (event == XMLStreamConstants.END_ELEMENT && "cellXfs".equals(xml.getLocalName())) {
          inCellXfs = false;
        }
      }
    } catch (XMLStreamException | NumberFormatException e) {
      throw unreadable("unreadable styles", e);
    }
    return dates;
  }

  /** A format code with day, month or year outside quotes and brackets, e.g. yyyy/m/d or yyyy"年"m"月"d"日". */
  static boolean isDateFormat(String code) {
    if (code == null) {
      return false;
    }
    String bare = code.replaceAll("\"[^\"]*\"", "").replaceAll("\\[[^]]*]", "").replaceAll("\\\\.", "");
    return bare.matches(".*[yYdD].*") || (bare.matches(".*[mM].*") && !bare.matches(".*[hHsS].*"));
  }

  /** A date format that shows hours or seconds too, e.g. yyyy-mm-dd hh:mm. */
  static boolean hasTime(String code) {
    if (code == null) {
      return false;
    }
    String bare = code.replaceAll("\"[^\"]*\"", "").replaceAll("\\[[^]]*]", "").replaceAll("\\\\.", "");
    return bare.matches(".*[hHsS].*");
  }

  private static void readSheet(InputStream in, List<String> shared, Map<Integer, Boolean> dateStyles, RowHandler handler)
      throws IOException {
    try {
      XMLStreamReader xml = xml(in);
      List<String> cells = null;
      int rowNumber = 0;
      int nextColumn = 0;
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          String name = xml.getLocalName();
          if ("row".equals(name)) {
            String r = xml.getAttributeValue(null, "r");
            rowNumber = r == null ? rowNumber + 1 : Integer.parseInt(r);
            cells = new ArrayList<>();
            nextColumn = 0;
          } else if ("c".equals(name) && cells != null) {
            String ref = xml.getAttributeValue(null, "r");
            int column = ref == null ? nextColumn : column(ref);
            if (column >= MAX_COLUMNS) {
              throw new IOException("row " + rowNumber + ": column beyond " + MAX_COLUMNS);
            }
            String type = xml.getAttributeValue(null, "t");
            String style = xml.getAttributeValue(null, "s");
            String value = cellValue(xml, type, style == null ? 0 : Integer.parseInt(style), shared, dateStyles);
            while (cells.size() < column) {
              cells.add("");
            }
            cells.add(value);
            nextColumn = column + 1;
          }
        } else if (event == XMLStreamConstants.END_ELEMENT && "row".equals(xml.getLocalName()) && cells != null) {
          if (!handler.row(rowNumber, cells)) {
            return;
          }
          cells = null;
        }
      }
    } catch (XMLStreamException | NumberFormatException e) {
      throw unreadable("unreadable worksheet", e);
    }
  }

  /** Reads one {@code <c>} element to its end and returns its text. */
  private static String cellValue(XMLStreamReader xml, String type, int style, List<String> shared,
      Map<Integer, Boolean> dateStyles) throws XMLStreamException, IOException {
    String raw = null;
    StringBuilder inline = null;
    int depth = 1;
    while (depth > 0) {
      int event = xml.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        String name = xml.getLocalName();
        if ("v".equals(name)) {
          raw = xml.getElementText();
        } else if ("t".equals(name) && "inlineStr".equals(type)) {
          if (inline == null) {
            inline = new StringBuilder();
          }
          inline.append(xml.getElementText());
        } else {
          depth++;
        }
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
    if ("inlineStr".equals(type)) {
      return inline == null ? "" : inline.toString();
    }
    if (raw == null) {
      return "";
    }
    switch (type == null ? "n" : type) {
      case "s" -> {
        int index = Integer.parseInt(raw.strip());
        if (index < 0 || index >= shared.size()) {
          throw new IOException("shared string " + index + " does not exist");
        }
        return shared.get(index);
      }
      case "b" -> {
        return "1".equals(raw.strip()) ? "TRUE" : "FALSE";
      }
      case "str", "e" -> {
        return raw;
      }
      default -> {
        Boolean withTime = dateStyles.get(style);
        return number(raw.strip(), withTime != null, Boolean.TRUE.equals(withTime));
      }
    }
  }

  private static String number(String raw, boolean date, boolean withTime) {
    BigDecimal value = new BigDecimal(raw);
    if (date) {
      return withTime ? excelDateTime(value) : excelDate(value).toString();
    }
    String plain = value.stripTrailingZeros().toPlainString();
    return plain.equals("-0") ? "0" : plain;
  }

  /** Excel's 1900 date system: serial 1 is 1900-01-01, with the fictitious 1900-02-29 (serial 60). */
  static LocalDate excelDate(BigDecimal serial) {
    long days = serial.longValue();
    LocalDateTime base = LocalDateTime.of(1899, 12, 30, 0, 0);
    if (days < 61) {
      base = base.plusDays(1);
    }
    return base.plusDays(days).toLocalDate();
  }

  /** A date-time serial (a day's fraction is its time) as yyyy-MM-dd HH:mm:ss, to the nearest second. */
  static String excelDateTime(BigDecimal serial) {
    long seconds = serial.subtract(new BigDecimal(serial.toBigInteger())).multiply(BigDecimal.valueOf(86_400))
        .setScale(0, java.math.RoundingMode.HALF_UP).longValue();
    LocalDateTime time = excelDate(serial).atStartOfDay().plusSeconds(seconds);
    return time.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
  }

  /** "C12" → 2. */
  static int column(String reference) {
    int column = 0;
    for (int i = 0; i < reference.length(); i++) {
      char c = reference.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        column = column * 26 + (c - 'A' + 1);
      } else {
        break;
      }
    }
    return column - 1;
  }

  private static XMLStreamReader xml(InputStream in) throws IOException {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    try {
      return factory.createXMLStreamReader(in, "UTF-8");
    } catch (XMLStreamException e) {
      throw unreadable("unreadable XML", e);
    }
  }
}
