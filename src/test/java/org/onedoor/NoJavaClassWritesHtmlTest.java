package org.onedoor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: "No Java class writes HTML markup" — pages are JTE templates (src/main/jte) or static
 * files. Reads every main source file, drops its comments (Javadoc is full of {@code <p>}) and looks
 * in its string literals and text blocks for an HTML tag or a doctype. ArchUnit cannot state this:
 * string constants are inlined by the compiler and leave no trace it can see. XML that is not HTML
 * (the Atom feed's {@code <feed>}, {@code <entry>}, {@code <title>}) is not markup of a page.
 *
 * <p>No package is exempt: the supervision dashboard was the last one converted.
 */
class NoJavaClassWritesHtmlTest {

  /** Packages allowed to write markup: none since issue 18 (add one only with the issue that removes it). */
  static final List<String> NOT_YET_CONVERTED = List.of();

  static final Pattern MARKUP = Pattern.compile("(?i)<!doctype|</?(html|head|body|div|span|p|a|table|thead|tbody|tr|td|th"
      + "|ul|ol|li|h[1-6]|form|input|select|option|textarea|section|article|header|footer|main|nav|dl|dt|dd|br|hr"
      + "|strong|em|b|i|code|pre|script|style|meta|label|button|img|svg|iframe|caption|time)(\\s|>|/>)");

  @Test
  void noMainClassHasAStringWithHtmlMarkup() throws IOException {
    Path root = Path.of("src/main/java");
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        String relative = root.relativize(file).toString().replace('\\', '/');
        if (NOT_YET_CONVERTED.stream().anyMatch(relative::startsWith)) {
          continue;
        }
        for (Literal literal : literals(Files.readString(file))) {
          Matcher m = MARKUP.matcher(literal.text());
          if (m.find()) {
            offenders.add(relative + ":" + literal.line() + " writes \"" + m.group() + "\": make it a template under"
                + " src/main/jte or a static file");
          }
        }
      }
    }
    assertThat(offenders).as("Java classes writing HTML markup").isEmpty();
  }

  @Test
  void theScannerFindsMarkupInStringsAndTextBlocksButNotInComments() {
    String source = """
        /** <p>Javadoc with <b>markup</b> and {@code "<div>"}. */
        class X {
          // a comment "<table>"
          String a = "<div class=\\"x\\">";
          String b = \"\"\"
              <ul><li>x</li></ul>
              \"\"\";
          char c = '<';
          String d = "a < b and List<String>";
          /* "<html>" */
        }
        """;
    List<String> found = literals(source).stream().filter(l -> MARKUP.matcher(l.text()).find())
        .map(l -> l.line() + ":" + l.text().strip()).toList();
    assertThat(found).containsExactly("4:<div class=\\\"x\\\">", "5:<ul><li>x</li></ul>");
  }

  record Literal(int line, String text) {}

  /** The string literals and text blocks of a Java source, comments and char literals skipped. */
  static List<Literal> literals(String src) {
    List<Literal> literals = new ArrayList<>();
    int line = 1;
    int i = 0;
    while (i < src.length()) {
      char c = src.charAt(i);
      if (c == '\n') {
        line++;
        i++;
      } else if (src.startsWith("//", i)) {
        while (i < src.length() && src.charAt(i) != '\n') {
          i++;
        }
      } else if (src.startsWith("/*", i)) {
        int end = src.indexOf("*/", i + 2);
        end = end < 0 ? src.length() : end + 2;
        line += count(src, i, end);
        i = end;
      } else if (src.startsWith("\"\"\"", i)) {
        int end = i + 3;
        while (end < src.length() && !src.startsWith("\"\"\"", end)) {
          end += src.charAt(end) == '\\' ? 2 : 1;
        }
        literals.add(new Literal(line, src.substring(i + 3, Math.min(end, src.length()))));
        end = Math.min(end + 3, src.length());
        line += count(src, i, end);
        i = end;
      } else if (c == '"' || c == '\'') {
        int end = i + 1;
        while (end < src.length() && src.charAt(end) != c && src.charAt(end) != '\n') {
          end += src.charAt(end) == '\\' ? 2 : 1;
        }
        if (c == '"') {
          literals.add(new Literal(line, src.substring(i + 1, Math.min(end, src.length()))));
        }
        i = end + 1;
      } else {
        i++;
      }
    }
    return literals;
  }

  private static int count(String src, int from, int to) {
    int n = 0;
    for (int k = from; k < to; k++) {
      if (src.charAt(k) == '\n') {
        n++;
      }
    }
    return n;
  }
}
