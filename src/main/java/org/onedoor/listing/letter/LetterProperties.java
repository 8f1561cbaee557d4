package org.onedoor.listing.letter;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The decision letters' remedies clause (onedoor.letters). Both names are optional: without them the
 * letter says "依法申请行政复议" and "依法向人民法院提起行政诉讼" without naming the body, which is
 * correct wherever the competent body depends on the deciding authority.
 *
 * @param reconsiderationBody who hears an administrative reconsideration, e.g. 某某市人民政府
 * @param court the court for an administrative lawsuit, e.g. 某某区人民法院
 */
@ConfigurationProperties("onedoor.letters")
public record LetterProperties(String reconsiderationBody, String court) {

  public LetterProperties {
    reconsiderationBody = blankToNull(reconsiderationBody);
    court = blankToNull(court);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
