package org.onedoor.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 16 item 4: an import belongs to the node running it only as long as that node renews its
 * lease. Here another node "crashed" (its lease ran out) and this node's lease beat takes its imports
 * over: resumed from the last batch when the upload is reachable, failed with the reason when it is
 * not; an import whose node still renews its lease is left alone.
 */
@OnedoorSpringTest
class ImportTakeoverTest {

  @Autowired DirectoryImports imports;
  @Autowired EntityImporter importer;
  @Autowired ImportLeases leases;
  @Autowired EntityDirectory directory;
  @Autowired JdbcClient jdbc;

  private long runningImportOf(String node, String leaseUntil, int rowsDone, String csv) throws Exception {
    long id = imports.create(EntityImporter.KIND, "takeover.csv", null, "admin", TestClock.now());
    if (csv != null) {
      Files.createDirectories(importer.fileOf(id).getParent());
      Files.writeString(importer.fileOf(id), csv);
    }
    imports.start(id, "UTF-8", 4);
    if (rowsDone > 0) {
      imports.recordBatch(id, new DirectoryImports.BatchCounts(rowsDone, rowsDone, 0, rowsDone, 0), List.of());
    }
    jdbc.sql("UPDATE directory_import SET owner_node = :node, lease_until = " + leaseUntil + " WHERE id = :id")
        .param("node", node)
        .param("id", id)
        .update();
    return id;
  }

  private String owner(long id) {
    return jdbc.sql("SELECT owner_node FROM directory_import WHERE id = :id").param("id", id).query(String.class).single();
  }

  private DirectoryImports.Job awaitFinished(long id) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      DirectoryImports.Job job = imports.find(id).orElseThrow();
      if (job.status() == DirectoryImports.Status.DONE || job.status() == DirectoryImports.Status.FAILED) {
        return job;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("import " + id + " did not finish");
  }

  @Test
  void anImportWhoseNodeCrashedIsResumedByThisNodeFromItsLastBatchOnceTheLeaseRunsOut() throws Exception {
    List<String> usccs = new ArrayList<>();
    StringBuilder csv = new StringBuilder("uscc,name\n");
    for (int i = 0; i < 4; i++) {
      usccs.add(TestEntities.fresh(3));
      csv.append(usccs.get(i)).append(",接管有限公司").append(i).append('\n');
    }
    long id = runningImportOf("crashed-node", "CURRENT_TIMESTAMP - INTERVAL '1' MINUTE", 2, csv.toString());
    // the crashed node's first batch (rows 2 and 3) had landed
    directory.upsert(EntityDirectoryTest.cells(usccs.get(0), "接管有限公司0"), "import:" + id, null, TestClock.now());
    directory.upsert(EntityDirectoryTest.cells(usccs.get(1), "接管有限公司1"), "import:" + id, null, TestClock.now());

    leases.beat();

    DirectoryImports.Job job = awaitFinished(id);
    assertThat(job.status()).isEqualTo(DirectoryImports.Status.DONE);
    assertThat(job.rowsDone()).isEqualTo(4);
    assertThat(job.rowsCreated()).as("rows 2-3 counted once, rows 4-5 written by the new owner").isEqualTo(4);
    assertThat(directory.find(usccs.get(3)).orElseThrow().name()).isEqualTo("接管有限公司3");
    assertThat(owner(id)).isEqualTo(imports.node());
  }

  @Test
  void anImportWhoseNodeCrashedWithTheUploadOnlyThereFailsWithTheReasonInsteadOfStayingRunning() throws Exception {
    long id = runningImportOf("crashed-node", "CURRENT_TIMESTAMP - INTERVAL '1' MINUTE", 2, null);

    leases.beat();

    DirectoryImports.Job job = imports.find(id).orElseThrow();
    assertThat(job.status()).isEqualTo(DirectoryImports.Status.FAILED);
    assertThat(job.message()).contains("服务器节点已停止").contains("前 2 行数据已处理").contains("请重新上传");
  }

  @Test
  void anImportWhoseNodeStillRenewsItsLeaseIsLeftToIt() throws Exception {
    long id = runningImportOf("living-node", "CURRENT_TIMESTAMP + INTERVAL '5' MINUTE", 2, "uscc,name\n");

    leases.beat();
    importer.resumeUnfinished();

    DirectoryImports.Job job = imports.find(id).orElseThrow();
    assertThat(job.status()).isEqualTo(DirectoryImports.Status.RUNNING);
    assertThat(owner(id)).isEqualTo("living-node");
    assertThat(imports.claim(id)).isEmpty();
    jdbc.sql("UPDATE directory_import SET status = 'FAILED' WHERE id = :id").param("id", id).update();
  }

  @Test
  void thisNodeRenewsTheLeasesOfItsOwnImports() throws Exception {
    long id = runningImportOf(imports.node(), "CURRENT_TIMESTAMP - INTERVAL '1' SECOND", 0, null);

    imports.renewLeases();

    assertThat(jdbc.sql("SELECT COUNT(*) FROM directory_import WHERE id = :id AND lease_until > CURRENT_TIMESTAMP")
            .param("id", id).query(Long.class).single())
        .isEqualTo(1);
    assertThat(imports.expired()).doesNotContain(id);
    jdbc.sql("UPDATE directory_import SET status = 'FAILED' WHERE id = :id").param("id", id).update();
  }
}
