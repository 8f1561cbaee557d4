package org.onedoor.monitoring;

import java.util.Collection;
import java.util.List;
import org.onedoor.credit.WarningUploads;
import org.onedoor.directory.ImportMachinery;
import org.onedoor.monitoring.MonitoringProperties.Indicator;
import org.springframework.stereotype.Component;

/**
 * The monitoring upload as the warnings page offers it (监测数据导入): the sources a person may upload readings
 * of — those of their department, every source for an administrator — and the upload API with its limits.
 */
@Component
class MonitoringWarningUploads implements WarningUploads {

  private final MonitoringSources sources;
  private final MonitoringFileImporter importer;

  MonitoringWarningUploads(MonitoringSources sources, MonitoringFileImporter importer) {
    this.sources = sources;
    this.importer = importer;
  }

  @Override
  public List<Source> sourcesFor(String user, Collection<String> groups) {
    return sources.all().stream()
        .filter(s -> MonitoringSources.maySubmit(s, user, groups))
        .map(s -> new Source(s.code(), s.name(), s.department(),
            s.indicators().stream().map(MonitoringWarningUploads::indicator).toList()))
        .toList();
  }

  private static String indicator(Indicator i) {
    return i.name() + (i.unit() == null || i.unit().isBlank() ? "" : "（" + i.unit() + "）");
  }

  @Override
  public String uploadPath() {
    return "/api/v1/monitoring/uploads";
  }

  @Override
  public String templatePath() {
    return "/api/v1/monitoring/uploads/template";
  }

  @Override
  public List<String> columns() {
    return importer.templateHeader();
  }

  @Override
  public long maxFileBytes() {
    return ImportMachinery.MAX_FILE_BYTES;
  }

  @Override
  public int maxRows() {
    return importer.maxRows();
  }
}
