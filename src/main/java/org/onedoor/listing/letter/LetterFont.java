package org.onedoor.listing.letter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.BitSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.springframework.stereotype.Component;

/**
 * The letters' font: WenQuanYi Micro Hei (Apache-2.0), a TrueType subset shipped in
 * {@code src/main/resources/fonts} with its licence, so rendering needs no system font. Each letter
 * embeds the subset of the glyphs it uses. The font file is read once; a parsed {@link TrueTypeFont}
 * serves one document at a time (fontbox's font objects are not thread-safe) and is then kept for the
 * next one in a small pool of at most one per core, since parsing the 22,000-character cmap and the
 * metrics of 34,000 glyphs costs about a quarter of the rendering.
 */
@Component
public class LetterFont {

  public static final String RESOURCE = "fonts/wqy-microhei-subset.ttf";
  /** The font's name as it appears in the PDF (after the subset tag). */
  public static final String NAME = "WenQuanYiMicroHei";

  private final byte[] bytes;
  private final BitSet covered = new BitSet();
  private final BlockingQueue<TrueTypeFont> idle =
      new ArrayBlockingQueue<>(Math.max(1, Runtime.getRuntime().availableProcessors()));

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

  /** A fresh parse of the font; the caller closes it. */
  TrueTypeFont open() throws IOException {
    return new TTFParser().parse(new RandomAccessReadBuffer(bytes));
  }

  /** A parsed font for one document, from the pool or new; give it back with {@link #release}. */
  TrueTypeFont borrow() throws IOException {
    TrueTypeFont font = idle.poll();
    return font != null ? font : open();
  }

  /**
   * Gives a borrowed font back once its document is saved; a font whose document failed is closed
   * instead ({@code reusable} false), as is one the full pool has no room for.
   */
  void release(TrueTypeFont font, boolean reusable) {
    if (!reusable || !idle.offer(font)) {
      try {
        font.close();
      } catch (IOException e) {
        // nothing to do: the font is memory-backed
      }
    }
  }
}
