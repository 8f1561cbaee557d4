package org.onedoor.credit;

import java.util.Collection;
import java.util.List;

/**
 * Files of readings that raise warnings, uploaded by people on the warnings page (issue 15 item 3: the card
 * 监测数据导入 of {@code /staff/warnings}). The feature that takes the files offers them here, so that the page
 * shows the upload only to the staff who may use it without this feature knowing the intake.
 */
public interface WarningUploads {

  /** A source the caller may upload readings of: its code and name, its department's code and its indicators. */
  record Source(String code, String name, String department, List<String> indicators) {}

  /** The sources {@code user} (a member of {@code groups}) may upload readings of; empty for anyone else. */
  List<Source> sourcesFor(String user, Collection<String> groups);

  /** Where the file is posted (multipart {@code file}, optional {@code charset}); its report is at this path + "/{id}". */
  String uploadPath();

  /** The file format as a CSV to download. */
  String templatePath();

  /** The columns of the file, in Chinese, in the template's order. */
  List<String> columns();

  /** The largest file taken, in bytes. */
  long maxFileBytes();

  /** The most data rows a file may have. */
  int maxRows();
}
