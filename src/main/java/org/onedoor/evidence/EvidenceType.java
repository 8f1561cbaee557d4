package org.onedoor.evidence;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The file types evidence may have, recognised from the first bytes of the content (the "magic"), never
 * from the file name or the MIME type the client sends.
 */
public enum EvidenceType {
  JPEG("jpeg", "image/jpeg", "jpg", "JPEG 照片"),
  PNG("png", "image/png", "png", "PNG 图片"),
  PDF("pdf", "application/pdf", "pdf", "PDF 文档"),
  HEIC("heic", "image/heic", "heic", "HEIC 照片"),
  WEBP("webp", "image/webp", "webp", "WebP 图片");

  /** ISO BMFF brands of HEIF/HEIC images (iPhone photos). */
  private static final Set<String> HEIF_BRANDS = Set.of("heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1");

  private final String code;
  private final String mediaType;
  private final String extension;
  private final String label;

  EvidenceType(String code, String mediaType, String extension, String label) {
    this.code = code;
    this.mediaType = mediaType;
    this.extension = extension;
    this.label = label;
  }

  public String code() {
    return code;
  }

  public String mediaType() {
    return mediaType;
  }

  public String extension() {
    return extension;
  }

  public String label() {
    return label;
  }

  public boolean isImage() {
    return this != PDF;
  }

  public static Optional<EvidenceType> fromCode(String code) {
    return Arrays.stream(values()).filter(t -> t.code.equalsIgnoreCase(code.strip())).findFirst();
  }

  public static Optional<EvidenceType> fromMediaType(String mediaType) {
    return Arrays.stream(values()).filter(t -> t.mediaType.equals(mediaType)).findFirst();
  }

  /** What the content is, judged by its first bytes; empty when it is none of the known types. */
  public static Optional<EvidenceType> sniff(byte[] content) {
    if (startsWith(content, 0, 0xFF, 0xD8, 0xFF)) {
      return Optional.of(JPEG);
    }
    if (startsWith(content, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return Optional.of(PNG);
    }
    if (startsWith(content, 0, '%', 'P', 'D', 'F', '-')) {
      return Optional.of(PDF);
    }
    if (startsWith(content, 0, 'R', 'I', 'F', 'F') && startsWith(content, 8, 'W', 'E', 'B', 'P')) {
      return Optional.of(WEBP);
    }
    if (startsWith(content, 4, 'f', 't', 'y', 'p') && content.length >= 12
        && HEIF_BRANDS.contains(new String(content, 8, 4, StandardCharsets.ISO_8859_1))) {
      return Optional.of(HEIC);
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] content, int offset, int... magic) {
    if (content.length < offset + magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((content[offset + i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
