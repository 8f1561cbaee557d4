package org.onedoor.listing.letter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.BitSet;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.springframework.stereotype.Component;

/**
 * The letters' font: WenQuanYi Micro Hei (Apache-2.0), a TrueType subset shipped in
 * {@code src/main/resources/fonts} with its licence, so rendering needs no system font. Each letter
 * embeds the subset of the glyphs it uses. The font file is read once; each document parses its
 * own {@link TrueTypeFont} from the shared bytes (fontbox's font objects are not thread-safe).
 */
@Component
public class LetterFont {

  public static final String RESOURCE = "fonts/wqy-microhei-subset.ttf";
  /** The font's name as it appears in the PDF (after the subset tag). */
  public static final String NAME = "WenQuanYiMicroHei";

  private final byte[] bytes;
  private final BitSet covered = new BitSet();

  public LetterFont() {
    try (InputStream in = LetterFont.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the letter font " + RESOURCE + " is not on the class path");
      }
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (TrueTypeFont font = open()) {
      CmapLookup cmap = font.getUnicodeCmapLookup();
      for (int c = 0; c <= 0x3FFFF; c++) {
        if (cmap.getGlyphId(c) != 0) {
          covered.set(c);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the font has a glyph for a code point (a letter with any other character is refused). */
  public boolean covers(int codePoint) {
    return codePoint == ' ' || covered.get(codePoint);
  }

  /** A fresh parse of the font for one document; the caller closes it after saving the document. */
  TrueTypeFont open() throws IOException {
    return new TTFParser().parse(new RandomAccessReadBuffer(bytes));
  }
}
