package org.onedoor.directory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings every import shares ({@code onedoor.imports.*}, see application.yml).
 *
 * @param dir where uploads wait until their import has run (per node)
 * @param maxRows more data rows than this and the import fails before writing anything
 * @param batchSize rows per transaction; {@code rows_done} advances per batch
 */
@ConfigurationProperties("onedoor.imports")
public record ImportSettings(
    @DefaultValue("./data/imports") String dir,
    @DefaultValue("200000") int maxRows,
    @DefaultValue("500") int batchSize) {}
